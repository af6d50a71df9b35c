import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricValue } from '../../core/contract/metrics';
import { loadDomain, type Domain } from '../../platform/domain';
import { applyBatch, type ApplyContext } from '../../store/apply-batch';
import { appendChange, readChangesBlocking } from '../../store/changes.repo';
import { keys } from '../../store/keys';
import { withScripts } from '../../store/lua-scripts';
import { dropPrefix } from '../support/redis-prefix';

/**
 * The change stream's one layout (store/changes.repo.ts): the apply script writes an applied batch's entry, and
 * appendChange writes the same layout from TypeScript; readers get the same objects back from either.
 */
let domain: Domain;
let redis: Redis;
let ctx: ApplyContext;
const prefix = `t-layout-${randomBytes(4).toString('hex')}`;
const period = '2026-11-28';
const at = Date.UTC(2026, 10, 28, 2);

beforeAll(() => {
  domain = loadDomain();
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  ctx = { redis: withScripts(redis), keys: keys(prefix), registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 } };
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('change-stream entries', () => {
  it('of an applied batch decode to the figures written, and appendChange writes the same layout', async () => {
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
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
    const k = keys(`${prefix}-legacy`);
    await redis.xadd(k.changes(), '*', 'src', 'old', 'batch', 'x', 'items', JSON.stringify([['vn_aqi', '48', period, 80, 80, null, at, 'old', null], ['vn_aqi', 'VN', period, 80, 80, null, at, 'rollup', 1]]));
    const [entry] = await readChangesBlocking(redis, k, '0-0', 10);
    expect(entry!.values).toEqual([
      { indicator: 'vn_aqi', unit: '48', period, value: 80, num: 80, den: null, observedAt: at, source: 'old' },
      { indicator: 'vn_aqi', unit: 'VN', period, value: 80, num: 80, den: null, observedAt: at, source: 'rollup', reporting: 1 },
    ]);
    await dropPrefix(redis, `${prefix}-legacy`);
  });
});
