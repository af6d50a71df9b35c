import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollup } from '../../core/aggregation/rollup';
import type { MetricValue } from '../../core/contract/metrics';
import type { IngestJob, Observation } from '../../core/contract/observation';
import { loadDomain, type Domain } from '../../platform/domain';
import { applyBatch, BatchRefusedError, olderThanStored, type ApplyContext } from '../../store/apply-batch';
import { appendChange, decodeChangeItems, lastChangeId, readChangesBlocking, readChangesSince } from '../../store/changes.repo';
import { keys } from '../../store/keys';
import { dropPrefix } from '../support/redis-prefix';
import { withScripts } from '../../store/lua-scripts';
import { readView } from '../../store/metrics.repo';

let domain: Domain;
let redis: Redis;
let ctx: ApplyContext;
const prefix = `t-${randomBytes(4).toString('hex')}`;
const period = '2026-11-28';
const at = Date.UTC(2026, 10, 28, 2);

function obs(indicator: string, unit: string, num: number, den: number | null = null): Observation {
  return { indicator, unit, period, num, den, observedAt: at };
}
function job(batchId: string, observations: Observation[], source = 'test'): IngestJob {
  return { source, batchId, receivedAt: at, observations };
}
async function view(scope: string, indicator: string) {
  const snap = await readView({ redis, keys: ctx.keys, registry: domain.registry }, scope, [domain.indicator(indicator)!], at);
  return new Map(snap.values.map((v) => [v.unit, v]));
}

beforeAll(() => {
  domain = loadDomain();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  ctx = { redis: withScripts(redis), keys: keys(prefix), registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 } };
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('apply-batch (Lua) against the pure rollup', () => {
  it('rolls a ratio up commune → province → nation as Σnum/Σden, with coverage', async () => {
    const hn = domain.registry.children('01', 'commune').slice(0, 3).map((u) => u.code);
    const dn = domain.registry.children('48', 'commune').slice(0, 2).map((u) => u.code);
    const figures: [string, number, number][] = [
      [hn[0]!, 1, 1],
      [hn[1]!, 10, 100],
      [hn[2]!, 0, 0],
      [dn[0]!, 45, 50],
      [dn[1]!, 3, 30],
    ];
    const r = await applyBatch(ctx, job('b1', figures.map(([u, n, d]) => obs('dossier_on_time_rate', u, n, d))));
    expect(r.status).toBe('applied');
    const ind = domain.indicator('dossier_on_time_rate')!;
    const c = (n: number, d: number) => ({ num: n, den: d });
    const expect01 = rollup(ind, [c(1, 1), c(10, 100), c(0, 0)], domain.registry.children('01', 'commune').length)!;
    const expect48 = rollup(ind, [c(45, 50), c(3, 30)], domain.registry.children('48', 'commune').length)!;
    const national = await view('VN', 'dossier_on_time_rate');
    expect(national.get('01')!.value).toBeCloseTo(expect01.value!, 9);
    expect(national.get('01')!.value).toBeCloseTo((11 / 101) * 100, 9);
    expect(national.get('48')!.value).toBeCloseTo((48 / 80) * 100, 9);
    expect(national.get('01')!.reporting).toBe(3);
    expect(national.get('01')!.expected).toBe(expect01.expected);
    expect(national.get('48')!.reporting).toBe(expect48.reporting);
    const vn = national.get('VN')!;
    expect(vn.value).toBeCloseTo((59 / 181) * 100, 9);
    expect(vn.reporting).toBe(2);
    expect(vn.expected).toBe(34);
    // a zero denominator gives no value, not 0 %
    const communes = await view('01', 'dossier_on_time_rate');
    expect(communes.get(hn[2]!)!.value).toBeNull();
  });

  it('replaying the same (source, batchId) changes nothing', async () => {
    const u = domain.registry.children('79', 'commune')[0]!.code;
    await applyBatch(ctx, job('replay-1', [obs('dossier_received_count', u, 120)]));
    const before = await view('VN', 'dossier_received_count');
    const again = await applyBatch(ctx, job('replay-1', [obs('dossier_received_count', u, 999)]));
    expect(again.status).toBe('duplicate');
    const after = await view('VN', 'dossier_received_count');
    expect(after.get('79')!.value).toBe(before.get('79')!.value);
    expect(after.get('VN')!.value).toBe(120);
  });

  it('a corrected value replaces the old one and the parents move by the difference', async () => {
    const [a, b] = domain.registry.children('31', 'commune').map((u) => u.code);
    await applyBatch(ctx, job('c1', [obs('dossier_received_count', a!, 50), obs('dossier_received_count', b!, 70)]));
    const before = await view('VN', 'dossier_received_count');
    await applyBatch(ctx, job('c2', [obs('dossier_received_count', a!, 80)]));
    const after = await view('VN', 'dossier_received_count');
    expect(after.get('31')!.value).toBe(150);
    expect(after.get('31')!.reporting).toBe(2);
    expect(after.get('VN')!.value! - before.get('VN')!.value!).toBe(30);
  });

  it('wmean, max and official follow the pure math', async () => {
    const [a, b] = domain.registry.children('92', 'commune').map((u) => u.code);
    await applyBatch(ctx, job('k1', [
      obs('avg_processing_days', a!, 2 * 10, 10),
      obs('avg_processing_days', b!, 8 * 30, 30),
      { ...obs('vn_aqi', a!, 80), period: 'live' },
      { ...obs('vn_aqi', b!, 155), period: 'live' },
      { ...obs('dvc766_total_score', '92', 81.5), period: '2026-11-28' },
    ]));
    const wm = await view('VN', 'avg_processing_days');
    expect(wm.get('92')!.value).toBeCloseTo((20 + 240) / 40, 9);
    const aqi = await readView({ redis, keys: ctx.keys, registry: domain.registry }, 'VN', [domain.indicator('vn_aqi')!], at);
    expect(aqi.values.find((v) => v.unit === '92')!.value).toBe(155);
    const official = await view('VN', 'dvc766_total_score');
    expect(official.get('92')!.value).toBe(81.5);
    expect(official.get('VN')).toBeUndefined();
  });

  it('incremental rollups equal a full recomputation after many random corrections', async () => {
    const communes = domain.registry.children('46', 'commune').slice(0, 12).map((u) => u.code);
    const truth = new Map<string, { num: number; den: number }>();
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const batch: Observation[] = [];
      for (const u of communes) {
        if (rnd() < 0.5) continue;
        const den = Math.floor(rnd() * 200);
        const num = Math.floor(rnd() * (den + 1));
        truth.set(u, { num, den });
        batch.push(obs('online_submission_rate', u, num, den));
      }
      if (batch.length) await applyBatch(ctx, job(`r${round}`, batch));
    }
    const ind = domain.indicator('online_submission_rate')!;
    const expected = rollup(ind, [...truth.values()], domain.registry.children('46', 'commune').length)!;
    const got = (await view('VN', 'online_submission_rate')).get('46')!;
    expect(got.num).toBeCloseTo(expected.num, 6);
    expect(got.den).toBeCloseTo(expected.den!, 6);
    expect(got.reporting).toBe(truth.size);
  });

  it('a batch with an item out of bounds is refused whole: nothing written, no batch marker, the queue can fail it', async () => {
    const [a, b, c] = domain.registry.children('33', 'commune').map((u) => u.code);
    const good = obs('dossier_received_count', a!, 8);
    const cases: Observation[][] = [
      // value × weight overflows (what 1e200 × 1e200 became on main): Infinity travels as null
      [good, { ...obs('avg_processing_days', b!, 1e200 * 1e200, 1e200) }, obs('dossier_received_count', c!, 12)],
      // a running sum that would pass 1.8e308, and a count past 2^53
      [good, obs('dossier_received_count', b!, 1.7e308), obs('dossier_received_count', c!, 12)],
      [good, obs('dossier_received_count', b!, 2 ** 53 + 2)],
      [good, obs('dossier_received_count', b!, 2.5)],
      [good, { ...obs('dossier_received_count', b!, 3), observedAt: 8.64e15 + 1 }],
    ];
    for (const [i, batch] of cases.entries()) {
      await expect(applyBatch(ctx, job(`bounds-${i}`, batch))).rejects.toBeInstanceOf(BatchRefusedError);
      expect(await redis.exists(ctx.keys.batch('test', `bounds-${i}`))).toBe(0);
    }
    expect(await redis.hget(ctx.keys.latest('dossier_received_count', '33', period), a!)).toBeNull();
    expect(await redis.exists(ctx.keys.agg('dossier_received_count', '33', period))).toBe(0);
    // the same batch id, once its items are right, applies
    const ok = await applyBatch(ctx, job('bounds-0', [good, obs('dossier_received_count', c!, 12)]));
    expect(ok.status).toBe('applied');
    expect((await view('VN', 'dossier_received_count')).get('33')!.value).toBe(20);
  });

  it('late never beats newer: an item observed before the stored figure is skipped and reported', async () => {
    const [a, b] = domain.registry.children('38', 'commune').map((u) => u.code);
    await applyBatch(ctx, job('late-1', [{ ...obs('dossier_received_count', a!, 30), observedAt: at + 60_000 }]));
    const late = [{ ...obs('dossier_received_count', a!, 5), observedAt: at }, obs('dossier_received_count', b!, 7)];
    expect([...(await olderThanStored(redis, ctx.keys, domain.registry, late))]).toEqual([0]);
    const r = await applyBatch(ctx, job('late-2', late));
    expect(r).toMatchObject({ status: 'applied', older: [0] });
    const province = (await view('VN', 'dossier_received_count')).get('38')!;
    expect(province.value).toBe(37);
    // the same observedAt again replaces (a re-sent correction of the same instant)
    await applyBatch(ctx, job('late-3', [{ ...obs('dossier_received_count', a!, 31), observedAt: at + 60_000 }]));
    expect((await view('VN', 'dossier_received_count')).get('38')!.value).toBe(38);
  });

  it('a figure named twice in one batch: the second sees the first (read and written once per hash)', async () => {
    const [a, b] = domain.registry.children('42', 'commune').map((u) => u.code);
    const twice = [
      obs('dossier_received_count', a!, 10),
      { ...obs('dossier_received_count', a!, 12), observedAt: at + 1000 },
      obs('dossier_received_count', b!, 5),
      // older than the one just before it in this batch: skipped and reported
      { ...obs('dossier_received_count', b!, 99), observedAt: at - 1000 },
    ];
    const r = await applyBatch(ctx, job('twice-1', twice));
    expect(r).toMatchObject({ status: 'applied', older: [3] });
    const communes = await view('42', 'dossier_received_count');
    expect(communes.get(a!)!.value).toBe(12);
    expect(communes.get(b!)!.value).toBe(5);
    // the province counts each commune once, with its last figure
    expect((await view('VN', 'dossier_received_count')).get('42')).toMatchObject({ value: 17 });
  });

  it('change-stream items keep every digit of a figure (cjson keeps 14)', async () => {
    const u = domain.registry.children('40', 'commune')[0]!.code;
    const r = await applyBatch(ctx, job('digits', [obs('dossier_received_count', u, 2 ** 41 - 1)]));
    if (r.status !== 'applied') throw new Error(r.status);
    const [, fields] = ((await redis.xrange(ctx.keys.changes(), r.seq, r.seq)) as [string, string[]][])[0] ?? ['', []];
    const items = decodeChangeItems(fields[fields.indexOf('items') + 1]!);
    expect(items.find((i) => i.unit === u)!.num).toBe(2 ** 41 - 1);
  });

  it('a reader decodes only the items its filter wants, each entry with the filter as it stands when it is read', async () => {
    const [a, b] = domain.registry.children('44', 'commune').map((c) => c.code);
    const from = await lastChangeId(redis, ctx.keys);
    const first = await applyBatch(ctx, job('filter-1', [obs('dossier_received_count', a!, 3), obs('field_report_count', a!, 4)]));
    const second = await applyBatch(ctx, job('filter-2', [obs('dossier_received_count', b!, 5)]));
    if (first.status !== 'applied' || second.status !== 'applied') throw new Error('not applied');
    const [, fields] = ((await redis.xrange(ctx.keys.changes(), first.seq, first.seq)) as [string, string[]][])[0]!;
    const text = fields[fields.indexOf('items') + 1]!;
    const all = decodeChangeItems(text);
    const asked: string[] = [];
    const some = decodeChangeItems(text, (indicator, unit, period) => {
      asked.push(`${indicator}|${unit}|${period}`);
      return indicator === 'field_report_count' && unit === a;
    });
    // every item is asked about (the province and national rollups too), the one wanted comes whole
    expect(asked).toEqual(all.map((v) => `${v.indicator}|${v.unit}|${v.period}`));
    expect(some).toEqual(all.filter((v) => v.indicator === 'field_report_count' && v.unit === a));
    expect(some[0]).toMatchObject({ value: 4, num: 4 });
    // a blocking read: the filter changes after the first entry is read, and the second entry is decoded with it
    let wanted = a!;
    const entries = await readChangesBlocking(redis, ctx.keys, from, 100, (_i, unit) => unit === wanted);
    expect(entries.map((e) => e.id)).toEqual([first.seq, second.seq]);
    expect(entries[0]!.values.map((v) => v.unit)).toEqual([a, a]);
    wanted = b!;
    expect(entries[1]!.values.map((v) => v.unit)).toEqual([b]);
  });
});

describe('change stream: replay only when the stream still holds the gap', () => {
  const k = keys(`${prefix}-cs`);
  afterAll(() => dropPrefix(redis, `${prefix}-cs`));
  const add = (now: number, maxLen = 1000) => appendChange(redis.multi(), k, { maxLen, windowMs: 60_000 }, { src: 'rules', rules: 'x|VN' }, now).exec();

  it('a since older than the oldest entry kept (trimmed by count or by time) gets no replay', async () => {
    await add(Date.now());
    const first = ((await redis.xrange(k.changes(), '-', '+')) as [string, string[]][])[0]?.[0];
    expect(await readChangesSince(redis, k, first!)).toEqual([]);
    // MAXLEN trimming does not move XINFO's max-deleted-entry-id: the check must not rely on it
    for (let i = 0; i < 300; i++) await add(Date.now(), 100);
    await redis.xtrim(k.changes(), 'MAXLEN', 100);
    expect(await readChangesSince(redis, k, first!)).toBeUndefined();
    const oldest = ((await redis.xrange(k.changes(), '-', '+', 'COUNT', 1)) as [string, string[]][])[0]?.[0];
    expect((await readChangesSince(redis, k, oldest!))!.length).toBe(99);
    expect(await readChangesSince(redis, k, '0-0')).toBeUndefined();
  });

  it('a since newer than every entry (another stream, or Redis lost its data) gets no replay', async () => {
    expect(await readChangesSince(redis, k, `${Date.now() + 3_600_000}-0`)).toBeUndefined();
  });

  it('the stream keeps entries by time: whole nodes older than the window are trimmed as new entries come', async () => {
    await redis.del(k.changes());
    const old = Date.now() - 10 * 60_000;
    // 250 entries from 10 minutes ago: at least two full stream nodes (stream-node-max-entries is 100)
    for (let i = 0; i < 250; i++) await redis.xadd(k.changes(), `${old}-${i + 1}`, 'src', 'rules', 'rules', 'x|VN');
    await add(Date.now(), 100_000);
    const left = (await redis.xrange(k.changes(), '-', '+')) as [string, string[]][];
    expect(left.length).toBeLessThanOrEqual(51);
    expect(left.at(-1)![0] > `${old}`).toBe(true);
  });
});

/**
 * The change stream's one layout (store/changes.repo.ts): the apply script writes an applied batch's entry, and
 * appendChange writes the same layout from TypeScript; readers get the same objects back from either.
 */
describe('change-stream entries', () => {
  const lctx = (): ApplyContext => ({ ...ctx, keys: keys(`${prefix}-layout`) });
  afterAll(() => dropPrefix(redis, `${prefix}-layout`));

  it('of an applied batch decode to the figures written, and appendChange writes the same layout', async () => {
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
    const ctx = lctx();
    const r = await applyBatch(ctx, {
      source: 'layout',
      batchId: 'b1',
      receivedAt: at,
      observations: [
        { indicator: 'dossier_on_time_rate', unit: a!, period, num: 1, den: 3, observedAt: at },
        { indicator: 'dossier_on_time_rate', unit: b!, period, num: 0, den: 0, observedAt: at - 1 },
        { indicator: 'dossier_received_count', unit: a!, period, num: 2 ** 41 - 1, den: null, observedAt: at },
      ],
    });
    if (r.status !== 'applied') throw new Error(r.status);
    const [entry] = await readChangesBlocking(redis, ctx.keys, '0-0', 10);
    expect(entry!.id).toBe(r.seq);
    expect(entry!.source).toBe('layout');
    const byUnit = (ind: string, unit: string) => entry!.values.find((v) => v.indicator === ind && v.unit === unit);
    expect(byUnit('dossier_on_time_rate', a!)).toEqual({ indicator: 'dossier_on_time_rate', unit: a, period, value: 100 / 3, num: 1, den: 3, observedAt: at, source: 'layout' });
    // a zero denominator has no value
    expect(byUnit('dossier_on_time_rate', b!)!.value).toBeNull();
    expect(byUnit('dossier_received_count', a!)).toMatchObject({ value: 2 ** 41 - 1, num: 2 ** 41 - 1, den: null });
    // a rolled-up parent carries its reporting children
    expect(byUnit('dossier_on_time_rate', '48')).toMatchObject({ value: 100 / 3, num: 1, den: 3, observedAt: at, source: 'rollup', reporting: 2 });
    expect(byUnit('dossier_on_time_rate', 'VN')).toMatchObject({ num: 1, den: 3, reporting: 1 });
    expect(entry!.values).toHaveLength(7);

    const values: MetricValue[] = entry!.values;
    await appendChange(redis.multi(), ctx.keys, ctx.changes, { src: 'layout', batch: 'b2', values }).exec();
    const [, again] = await readChangesBlocking(redis, ctx.keys, '0-0', 10);
    expect(again!.values).toEqual(values);
    const names = async (id: string) => ((await redis.xrange(ctx.keys.changes(), id, id)) as [string, string[]][])[0]![1].filter((_, i) => i % 2 === 0);
    expect(await names(again!.id)).toEqual(await names(r.seq));
  });

  it('written by an earlier release (JSON items) are still read', async () => {
    const k = keys(`${prefix}-layout-old`);
    await redis.xadd(k.changes(), '*', 'src', 'old', 'batch', 'x', 'items', JSON.stringify([['vn_aqi', '48', period, 80, 80, null, at, 'old', null], ['vn_aqi', 'VN', period, 80, 80, null, at, 'rollup', 1]]));
    const [entry] = await readChangesBlocking(redis, k, '0-0', 10);
    expect(entry!.values).toEqual([
      { indicator: 'vn_aqi', unit: '48', period, value: 80, num: 80, den: null, observedAt: at, source: 'old' },
      { indicator: 'vn_aqi', unit: 'VN', period, value: 80, num: 80, den: null, observedAt: at, source: 'rollup', reporting: 1 },
    ]);
    await dropPrefix(redis, `${prefix}-layout-old`);
  });
});
