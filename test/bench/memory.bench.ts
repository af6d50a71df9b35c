/**
 * `npm run bench:memory`: Redis `used_memory` for the full national data set (DESIGN §11: ≤ 1.5 GB), on an empty
 * redis-server of its own (loopback, a free port, no persistence), so the figure is this data set only:
 * - latest values and rollups of every indicator of the catalog for every unit that reports it (3,321 communes, 34
 *   provinces, the ministries, the nation), through the real apply path (store/apply-batch.ts): the current period,
 *   every past month, quarter and year of two years, and BENCH_DAY_SAMPLES past days — each past day costs the same,
 *   so the two years of past days (and a shorter keep) are extrapolated from those, and the output says so;
 * - history in the apply script's key layout, pipelined: daily buckets for COMMUNE_DAILY_RETENTION_MS at communes
 *   (store/keys.ts communeDay: a hash per indicator, province and day, field = commune, with its TTL), for two years
 *   at provinces, ministries and the nation, and 48 hours of 5-minute buckets there (series keys, members
 *   "bucket|num|den").
 * Prints used_memory beside the budget and each key family's share (MEMORY USAGE of every key). Asserts nothing.
 */
import { Redis } from 'ioredis';
import type { Observation } from '../../core/contract/observation';
import type { Indicator, ReportLevel } from '../../core/indicators/indicator';
import { currentPeriod, periodStartMs } from '../../core/time/period';
import type { Unit } from '../../core/units/unit';
import { ensureMaps } from '../../maps/ensure';
import { loadDomain } from '../../platform/domain';
import { applyBatch } from '../../store/apply-batch';
import { COMMUNE_DAILY_RETENTION_MS, keys, SERIES_BUCKET_MS, SERIES_RETENTION_MS } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { SERIES_SETTINGS } from '../../scripts/start/private-redis';
import { config } from '../../platform/config';
import { startTestRedis } from '../support/private-redis';

const DAY_SAMPLES = Number(process.env.BENCH_DAY_SAMPLES ?? 4);
const BUDGET = 1.5 * 1024 ** 3;
const BATCH = 5000;
const DAY = 86_400_000;
const VN = 7 * 3600_000;

await ensureMaps();
const domain = loadDomain();
/** redis-server settings: npm start's private Redis's by default; BENCH_REDIS_ARGS="" for Redis's own defaults. */
const extraArgs = (process.env.BENCH_REDIS_ARGS ?? SERIES_SETTINGS.join(' ')).split(/\s+/).filter(Boolean);
const server = await startTestRedis({ args: ['--appendonly', 'no', ...extraArgs] });
const redis = withScripts(new Redis(server.url));
const k = keys('memory');
const now = Date.now();
const mb = (b: number) => `${(b / 1024 ** 2).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
const baseline = await used();

const byLevel = (level: ReportLevel): Unit[] => domain.registry.all(level);
/** The units that report an indicator themselves: every level of an official one, the lowest level of the others. */
function reporters(ind: Indicator): Unit[] {
  if (ind.kind === 'official') return ind.levels.flatMap(byLevel);
  const lowest = (['commune', 'province', 'national'] as const).find((l) => ind.levels.includes(l));
  return [...(lowest ? byLevel(lowest) : []), ...(ind.levels.includes('ministry') ? byLevel('ministry') : [])];
}
/** Every unit that holds a figure of the indicator (reported or rolled up), for the history. */
const holders = (ind: Indicator): Unit[] => ind.levels.flatMap(byLevel);

let seed = 1;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
function figure(ind: Indicator): { num: number; den: number | null } {
  const count = (n: number) => Math.floor(rand() * n);
  if (ind.kind === 'ratio') {
    const den = ind.counts ? 50 + count(5000) : 50 + rand() * 5000;
    return { num: ind.counts ? count(den) : rand() * den, den };
  }
  if (ind.kind === 'wmean') {
    const w = 100 + count(100_000);
    return { num: (ind.range.min + rand() * (ind.range.max - ind.range.min)) * w, den: w };
  }
  const v = ind.range.min + rand() * (ind.range.max - ind.range.min);
  return { num: ind.counts ? Math.round(v) : v, den: null };
}

let applied = 0;
let batchNo = 0;
async function applyPeriod(ind: Indicator, period: string, observedAt: number): Promise<void> {
  const obs: Observation[] = reporters(ind).map((u) => ({ indicator: ind.id, unit: u.code, period, ...figure(ind), observedAt }));
  for (let i = 0; i < obs.length; i += BATCH) {
    await applyBatch(
      { redis, keys: k, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 100, windowMs: 600_000 } },
      { source: 'bench', batchId: `m${batchNo++}`, receivedAt: now, observations: obs.slice(i, i + BATCH) },
      now,
    );
  }
  applied += obs.length;
}

/** The periods of a kind over two years, newest first (the current one included). */
function periodsOf(kind: Indicator['periodKind'], count: number, stepMs: number): string[] {
  const out: string[] = [];
  for (let t = now; out.length < count; t -= stepMs) {
    const p = currentPeriod(kind, t);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
const PAST: Record<Indicator['periodKind'], string[]> = {
  live: ['live'],
  day: periodsOf('day', 1 + DAY_SAMPLES, DAY),
  month: periodsOf('month', 24, 28 * DAY),
  quarter: periodsOf('quarter', 8, 85 * DAY),
  year: periodsOf('year', 2, 360 * DAY),
};
/** A time inside the period (its start plus an hour), or now for the current one. */
const inside = (period: string) => (period === 'live' || period === currentPeriod('day', now) ? now : Math.min(now, (periodStartMs(period) ?? now) + 3600_000));

const t0 = performance.now();
// 1. latest values and rollups: the current period, and every kept past period but the days, whose cost is sampled
for (const ind of domain.indicators) {
  const [current, ...past] = PAST[ind.periodKind];
  await applyPeriod(ind, current!, inside(current!));
  if (ind.periodKind !== 'day') for (const p of past) await applyPeriod(ind, p, inside(p));
}
const afterCurrent = await used();
const dayIndicators = domain.indicators.filter((i) => i.periodKind === 'day');
for (const p of PAST.day.slice(1)) for (const ind of dayIndicators) await applyPeriod(ind, p, inside(p));
const afterDays = await used();
const perPastDay = (afterDays - afterCurrent) / DAY_SAMPLES;
await redis.del(k.changes());

// 2. history, in the apply script's layout
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(17).replace(/0+$/, '').replace(/\.$/, ''));
let members = 0;
async function writeSeries(key: string, res: '1d' | '5m', keepMs: number, ind: Indicator): Promise<void> {
  const size = SERIES_BUCKET_MS[res];
  const args: (string | number)[] = [];
  const first = Math.floor((now - keepMs + VN) / size) * size - VN + size;
  for (let b = first; b <= now; b += size) {
    const f = figure(ind);
    args.push(b, `${b}|${fmt(f.num)}|${f.den === null ? '' : fmt(f.den)}`);
  }
  members += args.length / 2;
  pipe.zadd(key, ...args);
  if (++queued >= 200) await flush();
}
let pipe = redis.pipeline();
let queued = 0;
async function flush(): Promise<void> {
  await pipe.exec();
  pipe = redis.pipeline();
  queued = 0;
}
/** Every day within the retention of one indicator's communes under a province: a hash a day, field = commune. */
async function writeCommuneDays(ind: Indicator, province: string, communes: readonly Unit[]): Promise<void> {
  const first = Math.floor((now - COMMUNE_DAILY_RETENTION_MS + VN) / DAY) * DAY - VN + DAY;
  for (let b = first; b <= now; b += DAY) {
    const args: string[] = [];
    for (const u of communes) {
      const f = figure(ind);
      args.push(u.code, `${fmt(f.num)}|${f.den === null ? '' : fmt(f.den)}`);
    }
    members += communes.length;
    const key = k.communeDay(ind.id, province, b);
    pipe.hset(key, ...args);
    pipe.pexpireat(key, b + DAY + COMMUNE_DAILY_RETENTION_MS);
    if (++queued >= 200) await flush();
  }
}
for (const ind of domain.indicators) {
  const byProvince = new Map<string, Unit[]>();
  for (const u of holders(ind)) {
    if (u.level === 'commune') {
      const list = byProvince.get(u.parent!) ?? [];
      byProvince.set(u.parent!, list);
      list.push(u);
    } else {
      await writeSeries(k.series(ind.id, u.code, '1d'), '1d', SERIES_RETENTION_MS['1d'], ind);
      await writeSeries(k.series(ind.id, u.code, '5m'), '5m', SERIES_RETENTION_MS['5m'], ind);
    }
  }
  for (const [province, communes] of byProvince) await writeCommuneDays(ind, province, communes);
}
await flush();
const fillS = (performance.now() - t0) / 1000;
const total = (await used()) - baseline;

// 3. each key family's share: MEMORY USAGE of every key
const families = new Map<string, { keys: number; bytes: number }>();
const familyOf = (key: string): string => {
  const rest = key.slice(k.prefix.length);
  const [family, , , last] = rest.split(':');
  if (family === 'series') return `series ${last} province/ministry/VN`;
  if (family === 'commune-day') return 'series 1d commune (commune-day hashes)';
  if (family === 'latest' || family === 'agg') {
    const period = last ?? '';
    const kind = period === 'live' ? 'live' : /^\d{4}-\d{2}-\d{2}$/.test(period) ? 'day' : 'month/quarter/year';
    return `${family} (${kind} periods)`;
  }
  return family ?? '?';
};
let cursor = '0';
do {
  const [next, batch] = await redis.scan(cursor, 'MATCH', `${k.prefix}*`, 'COUNT', 2000);
  cursor = next;
  const p = redis.pipeline();
  for (const key of batch) p.memory('USAGE', key, 'SAMPLES', 0);
  const sizes = (await p.exec()) ?? [];
  batch.forEach((key, i) => {
    const f = familyOf(key);
    const entry = families.get(f) ?? { keys: 0, bytes: 0 };
    entry.keys++;
    entry.bytes += Number(sizes[i]?.[1] ?? 0);
    families.set(f, entry);
  });
} while (cursor !== '0');
const summed = [...families.values()].reduce((s, f) => s + f.bytes, 0);

const keepDays = config().PERIOD_KEEP_DAYS;
// the past days held: PERIOD_KEEP_DAYS of them (core/time/period-keep.ts), plus the day the pruner waits
const heldDays = keepDays + 1;
const held = total + (heldDays - DAY_SAMPLES) * perPastDay;
const unpruned = total + (729 - DAY_SAMPLES) * perPastDay;
const communes = byLevel('commune').length;
console.log(`\nmemory benchmark — ${communes.toLocaleString('en-US')} communes × ${domain.indicators.length} indicators, redis ${server.url}, filled in ${fillS.toFixed(0)} s, redis settings: ${extraArgs.join(' ') || "Redis's defaults"}`);
console.log(`  latest values applied through the apply script   ${applied.toLocaleString('en-US')} observations`);
console.log(`  history members written (series buckets)         ${members.toLocaleString('en-US')}`);
console.log(`  retention: commune daily ${COMMUNE_DAILY_RETENTION_MS / DAY} days; province/ministry/VN daily 730 days, 5-minute 48 h`);
console.log(`\n  key family${' '.repeat(38)}keys        bytes   share`);
for (const [name, f] of [...families].sort((a, b) => b[1].bytes - a[1].bytes)) {
  console.log(`  ${name.padEnd(44)} ${f.keys.toLocaleString('en-US').padStart(8)} ${mb(f.bytes).padStart(12)}  ${((100 * f.bytes) / summed).toFixed(1).padStart(5)} %`);
}
console.log(`\n  used_memory of this data set (current period, ${DAY_SAMPLES} past days)   ${mb(total).padStart(10)}`);
console.log(`  one more past day of daily indicators (${dayIndicators.length}), measured         ${mb(perPastDay).padStart(10)}`);
console.log(`  with ${heldDays} past days held (PERIOD_KEEP_DAYS ${keepDays} + 1), extrapolated ${mb(held).padStart(10)}   budget ${mb(BUDGET)}  ${held <= BUDGET ? 'within' : 'OVER'}`);
console.log(`  if every past day were held two years (no pruning)          ${mb(unpruned).padStart(10)}`);
redis.disconnect();
await server.dispose();
process.exit(0);
