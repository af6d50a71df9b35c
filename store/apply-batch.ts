import type { RedisClient } from '../platform/redis';
import type { IngestJob, Observation } from '../core/contract/observation';
import { CallerError } from '../core/errors/who-acts';
import type { Indicator } from '../core/indicators/indicator';
import { MAX_CLOCK_SKEW_MS, MAX_COUNT, MAX_MAGNITUDE, MIN_OBSERVED_AT_MS } from '../core/aggregation/limits';
import { VN_OFFSET_MS } from '../core/time/period';
import { clampIntoWindow, periodWindowMs } from '../core/time/period-window';
import { bucketStartMs, SERIES_BUCKET_MS } from '../core/contract/series';
import type { UnitRegistry } from '../core/units/registry';
import type { Unit } from '../core/units/unit';
import { COMMUNE_DAILY_RETENTION_MS, ROOT_PARENT, SERIES_RETENTION_MS, type Keys } from './keys';
import { trimMinId, type ChangeRetention } from './changes.repo';
import type { ScriptedRedis } from './lua-scripts';
import { storedAt } from './value-codec';

const KIND_CODE: Record<Indicator['kind'], string> = { sum: 's', ratio: 'r', wmean: 'w', max: 'x', official: 'o' };
const BOUNDS = JSON.stringify([MAX_COUNT, MAX_MAGNITUDE, MIN_OBSERVED_AT_MS, MAX_CLOCK_SKEW_MS]);
const DEPTH: Record<Unit['level'], number> = { national: 0, province: 1, ministry: 1, commune: 2 };
export const BATCH_ID_TTL_S = 7 * 86400;

export interface ApplyContext {
  redis: ScriptedRedis;
  keys: Keys;
  registry: UnitRegistry;
  indicator(id: string): Indicator | undefined;
  changes: ChangeRetention;
  /** The federation outbox's size in entries (one per batch); 0 or absent when this instance has no upstream link. */
  outboxMax?: number;
}

/**
 * `older`: the indexes of the batch's items that were not written because the stored figure of the same (indicator,
 * unit, period) was observed later (late never beats newer).
 */
export type ApplyResult = { status: 'duplicate' } | { status: 'applied'; seq: string; changed: number; older: number[] };

/** The apply script refused the batch before writing anything: an item is outside the bounds it checks. */
export class BatchRefusedError extends CallerError {
  override name = 'BatchRefusedError';
  constructor(message: string) {
    super(422, 'batch_refused', message);
  }
}

/** Redis answers a script's refusal as an error whose code (its first word) is BOUNDS. */
function refusal(err: unknown): BatchRefusedError | undefined {
  const message = (err as { message?: unknown })?.message;
  if (typeof message !== 'string' || !message.startsWith('BOUNDS ')) return undefined;
  return new BatchRefusedError(message.slice('BOUNDS '.length).replace(/ script: .*$/s, ''));
}

/** The script's seriesFlags: a commune's day bucket (its province's commune-day hash), or 5-minute and daily series. */
const COMMUNE_DAY = 1;
const SERIES = 2;
const DAY_MS = SERIES_BUCKET_MS['1d'];

/** Where one unit's figure is stored, which parent its change flows to, and how its history is kept. */
function placement(unit: Unit, ind: Indicator): { storeParent: string; propagateTo: string; series: number } {
  const rollsUp = ind.kind !== 'official' && unit.level !== 'ministry';
  return {
    storeParent: unit.parent ?? ROOT_PARENT,
    propagateTo: rollsUp && unit.parent ? unit.parent : '',
    series: unit.level === 'commune' ? COMMUNE_DAY : SERIES,
  };
}

/**
 * The indexes of `observations` whose stored figure of the same (indicator, unit, period) was observed later: they
 * would not be applied (late never beats newer), so the ingest route refuses them in its receipt. One HMGET per
 * latest-value hash, in one round trip. The apply script checks again, for what arrives in between.
 */
export async function olderThanStored(
  redis: RedisClient,
  keys: Keys,
  registry: UnitRegistry,
  observations: readonly Observation[],
): Promise<Set<number>> {
  type Group = { key: string; fields: string[]; indexes: number[] };
  // by (indicator|period, parent): a row costs map lookups, not a key string
  const byParts = new Map<string, Map<string, Group>>();
  const groups: Group[] = [];
  observations.forEach((o, i) => {
    const parent = registry.get(o.unit)?.parent ?? ROOT_PARENT;
    const m = inner(byParts, `${o.indicator}|${o.period}`);
    let g = m.get(parent);
    if (!g) {
      m.set(parent, (g = { key: keys.latest(o.indicator, parent, o.period), fields: [], indexes: [] }));
      groups.push(g);
    }
    g.fields.push(o.unit);
    g.indexes.push(i);
  });
  const pipeline = redis.pipeline();
  for (const g of groups) pipeline.hmget(g.key, ...g.fields);
  const replies = (await pipeline.exec()) ?? [];
  const older = new Set<number>();
  groups.forEach((g, gi) => {
    const [err, stored] = replies[gi] ?? [];
    if (err) throw err;
    (stored as (string | null)[]).forEach((enc, j) => {
      const i = g.indexes[j]!;
      if (enc && storedAt(enc) > observations[i]!.observedAt) older.add(i);
    });
  });
  return older;
}

/** The keys a batch touches, declared to the script as KEYS (1-based, as Lua sees them): each named once. */
class DeclaredKeys {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  /** A key its caller names once only (a series key, memoised per unit): listed without the lookup. */
  fresh(key: string): number {
    this.list.push(key);
    return this.list.length;
  }
  of(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      this.list.push(key);
      this.index.set(key, (i = this.list.length));
    }
    return i;
  }
}

/** The map under `key` in `outer`, made empty when absent. */
function inner<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
}

/** KEYS 1..4 of every call; the rest follow, in the order the payload first names them. */
const FIXED_KEYS = (k: Keys, job: IngestJob) => [k.batch(job.source, job.batchId), k.changes(), k.outbox(), k.outboxState()];

/** One call of the apply script: its KEYS (every key it may touch) and its ARGV. */
export interface ApplyCall {
  keys: string[];
  argv: (string | number)[];
}

/**
 * The script's KEYS and ARGV for one batch. Every key the script touches is named here, from store/keys.ts, and the
 * payload refers to it by its index in KEYS (the script builds no key names): latest-value hashes, agg and zagg of
 * every parent reached, series keys, periods, the batch marker, the change stream, the outbox and its state.
 */
export function applyCall(ctx: ApplyContext, job: IngestJob, nowMs = Date.now()): ApplyCall {
  const k = ctx.keys;
  const declared = new DeclaredKeys();
  for (const key of FIXED_KEYS(k, job)) declared.of(key);
  const kinds: Record<string, [string, number, number]> = {};
  /** Parent cells (indicator, unit, period): [ind, unit, period, latest, agg, zagg|0, periods, 1d|0, 5m|0, flags, up|0, depth]. */
  const cells: unknown[][] = [];
  const rows: unknown[] = [];
  /** Each dated period's window: the script clamps a figure's series bucket into it (a late correction's history). */
  const windows: Record<string, [number, number]> = {};
  /** Per indicator, the per-row keys' and cells' indexes by their parts: a row costs map lookups, not key strings. */
  type Memo = {
    periods: number;
    series: Map<string, [number, number]>;
    latest: Map<string, Map<string, number>>;
    cells: Map<string, Map<string, number>>;
    days: Map<string, Map<number, number>>;
  };
  const memo = new Map<Indicator, Memo>();
  const memoOf = (ind: Indicator) => {
    let m = memo.get(ind);
    if (!m) memo.set(ind, (m = { periods: declared.of(k.periods(ind.id)), series: new Map(), latest: new Map(), cells: new Map(), days: new Map() }));
    return m;
  };
  /** A non-commune unit's series keys (daily, 5-minute). */
  const seriesOf = (ind: Indicator, unit: string): [number, number] => {
    const m = memoOf(ind).series;
    let s = m.get(unit);
    if (!s) {
      s = [declared.fresh(k.series(ind.id, unit, '1d')), declared.fresh(k.series(ind.id, unit, '5m'))];
      m.set(unit, s);
    }
    return s;
  };
  /** Each commune-day hash named, with the end of its retention: [key, expireAtMs, ...] (payload x). */
  const expiries: number[] = [];
  /** A commune's day bucket (its province's commune-day hash) for a figure of `period` observed at `at`; 0 past its retention. */
  const communeDayOf = (ind: Indicator, province: string, period: string, at: number): number => {
    const day = bucketStartMs(clampIntoWindow(at, windows[period]), DAY_MS);
    const expireAt = day + DAY_MS + COMMUNE_DAILY_RETENTION_MS;
    // a correction of a day older than the retention has no bucket left to correct
    if (expireAt <= nowMs) return 0;
    const m = inner(memoOf(ind).days, province);
    let i = m.get(day);
    if (i === undefined) {
      m.set(day, (i = declared.fresh(k.communeDay(ind.id, province, day))));
      expiries.push(i, expireAt);
    }
    return i;
  };
  const latestOf = (ind: Indicator, parent: string, period: string): number => {
    const m = inner(memoOf(ind).latest, period);
    let i = m.get(parent);
    if (i === undefined) m.set(parent, (i = declared.of(k.latest(ind.id, parent, period))));
    return i;
  };
  const cellOf = (ind: Indicator, code: string, period: string): number => {
    const known = inner(memoOf(ind).cells, period);
    const i = known.get(code);
    if (i !== undefined) return i;
    const parent = ctx.registry.get(code);
    if (!parent) throw new Error(`unknown parent ${code}`);
    const p = placement(parent, ind);
    const up = p.propagateTo ? cellOf(ind, p.propagateTo, period) : 0;
    const [s1d, s5m] = seriesOf(ind, code);
    cells.push([
      ind.id, code, period,
      latestOf(ind, p.storeParent, period),
      declared.of(k.agg(ind.id, code, period)),
      ind.kind === 'max' ? declared.of(k.zagg(ind.id, code, period)) : 0,
      memoOf(ind).periods,
      s1d, s5m, p.series, up, DEPTH[parent.level],
    ]);
    known.set(code, cells.length);
    return cells.length;
  };
  for (const o of job.observations) {
    if (!Object.hasOwn(windows, o.period)) {
      const w = periodWindowMs(o.period);
      if (w) windows[o.period] = w;
    }
    const ind = ctx.indicator(o.indicator);
    const unit = ctx.registry.get(o.unit);
    if (!ind || !unit) throw new Error(`batch ${job.batchId}: ${o.indicator}/${o.unit} is not in the catalog or registry`);
    kinds[ind.id] ??= [KIND_CODE[ind.kind], ind.scale, ind.counts ? 1 : 0];
    const at = placement(unit, ind);
    // a forwarded figure keeps its origin below, after the link it came through
    const src = o.origin ? `${job.source}/${o.origin}` : job.source;
    const up = at.propagateTo ? cellOf(ind, at.propagateTo, o.period) : 0;
    const latest = latestOf(ind, at.storeParent, o.period);
    let s1d: number, s5m: number, flags: number;
    if (at.series === COMMUNE_DAY) {
      s1d = communeDayOf(ind, at.storeParent, o.period, o.observedAt);
      s5m = 0;
      flags = s1d === 0 ? 0 : COMMUNE_DAY;
    } else {
      [s1d, s5m] = seriesOf(ind, unit.code);
      flags = SERIES;
    }
    rows.push([ind.id, unit.code, o.period, o.num, o.den, o.observedAt, src, latest, memoOf(ind).periods, s1d, s5m, flags, up]);
  }
  return {
    keys: declared.list,
    argv: [
      job.source,
      job.batchId,
      BATCH_ID_TTL_S,
      ctx.changes.maxLen,
      nowMs,
      VN_OFFSET_MS,
      SERIES_RETENTION_MS['1d'],
      SERIES_RETENTION_MS['5m'],
      JSON.stringify({ k: kinds, c: cells, o: rows, w: windows, x: expiries }),
      trimMinId(ctx.changes, nowMs),
      BOUNDS,
      ctx.outboxMax ?? 0,
    ],
  };
}

/**
 * Apply one validated batch in a single Lua call: latest values, rollups to every ancestor, series buckets (each in
 * its own period's window, so a late correction reaches the history it corrects) and one change-stream entry,
 * idempotent on (source, batchId).
 */
export async function applyBatch(ctx: ApplyContext, job: IngestJob, nowMs = Date.now()): Promise<ApplyResult> {
  const call = applyCall(ctx, job, nowMs);
  const reply = await ctx.redis.applyBatch(call.keys.length, ...call.keys, ...call.argv).catch((err: unknown) => {
    throw refusal(err) ?? err;
  });
  if (reply[0] === 'duplicate') return { status: 'duplicate' };
  return { status: 'applied', seq: reply[1] ?? '', changed: Number(reply[2] ?? 0), older: JSON.parse(reply[3] ?? '[]') as number[] };
}
