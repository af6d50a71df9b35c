import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../core/contract/observation';
import { currentPeriod, periodStartMs } from '../../core/time/period';
import { loadDomain, type Domain } from '../../platform/domain';
import { applyBatch, type ApplyContext } from '../../store/apply-batch';
import { withScripts } from '../../store/lua-scripts';
import { readSeries } from '../../store/metrics.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';

const equalSoon = <T>(read: () => Promise<T>, want: T, ms: number) =>
  eventually(async () => {
    const got = await read();
    return JSON.stringify(got) === JSON.stringify(want) ? got : undefined;
  }, ms);
import { startStack, type Stack } from '../support/stack';

/**
 * Past periods' maps are kept PERIOD_KEEP_DAYS (days) or two years (months…), then deleted by the worker holding the
 * pruner's lease; figures for an expired period are refused at the door (`period_expired`), so a late correction can
 * never rebuild a deleted period's rollups from one child.
 */
let stack: Stack;
let domain: Domain;
let ctx: ApplyContext;
const DAY = 86_400_000;
const now = Date.now();
const today = currentPeriod('day', now);
const dayAgo = (n: number) => currentPeriod('day', now - n * DAY);
const inside = (period: string) => Math.min(now, periodStartMs(period)! + 3600_000);
let batch = 0;

async function apply(indicator: string, period: string, units: string[]): Promise<void> {
  const observations: Observation[] = units.map((unit, i) => ({
    indicator,
    unit,
    period,
    num: 10 + i,
    den: domain.indicator(indicator)!.kind === 'ratio' ? 20 + i : null,
    observedAt: inside(period),
  }));
  await applyBatch(ctx, { source: 'test', batchId: `p${batch++}`, receivedAt: now, observations });
}
const communes = () => domain.registry.children('48', 'commune').slice(0, 3).map((u) => u.code);
const keysOf = async (indicator: string, period: string) => stack.redis.keys(`${stack.keys.prefix}*:${indicator}:*:${period}`);
const periodsOf = (indicator: string) => stack.redis.zrange(stack.keys.periods(indicator), '0', '-1');

beforeAll(async () => {
  domain = loadDomain();
  stack = await startStack({ PERIOD_KEEP_DAYS: '35', PRUNE_EVERY_MS: '1000' });
  ctx = { redis: withScripts(stack.redis), keys: stack.keys, registry: domain.registry, indicator: domain.indicator, changes: { maxLen: 1000, windowMs: 600_000 } };
});
afterAll(async () => {
  await stack?.stop();
});

describe('past periods past their keep', () => {
  it('deletes the maps of expired periods, keeps the recent ones and an indicator’s newest', async () => {
    const old = dayAgo(40);
    const recent = dayAgo(3);
    await apply('dossier_on_time_rate', old, communes());
    await apply('dossier_on_time_rate', recent, communes());
    await apply('dossier_on_time_rate', today, communes());
    // an indicator whose only data is old keeps it: a stale figure, marked, rather than an empty map
    await apply('dossier_received_count', old, communes());
    // months are kept two years after they end
    const oldMonth = currentPeriod('month', now - 800 * DAY);
    const keptMonth = currentPeriod('month', now - 400 * DAY);
    await apply('new_enterprises_count', oldMonth, communes());
    await apply('new_enterprises_count', keptMonth, communes());
    expect((await keysOf('dossier_on_time_rate', old)).length).toBeGreaterThanOrEqual(4);

    await equalSoon(() => periodsOf('dossier_on_time_rate'), [recent, today], 20_000);
    expect(await keysOf('dossier_on_time_rate', old)).toEqual([]);
    // latest values of the communes under 48, of 48 under VN, of VN, and the rollups' sums of 48 and VN
    expect((await keysOf('dossier_on_time_rate', recent)).length).toBe(5);
    expect((await keysOf('dossier_on_time_rate', today)).length).toBe(5);
    await equalSoon(() => periodsOf('new_enterprises_count'), [keptMonth], 10_000);
    expect(await keysOf('new_enterprises_count', oldMonth)).toEqual([]);
    expect(await periodsOf('dossier_received_count')).toEqual([old]);
    expect((await keysOf('dossier_received_count', old)).length).toBeGreaterThan(0);
    // the units' daily history is theirs to keep (store/keys.ts retentions), not the pruner's
    const history = await readSeries({ redis: stack.redis, keys: stack.keys, registry: domain.registry }, domain.indicator('dossier_on_time_rate')!, communes()[0]!, { from: now - 60 * DAY, to: now + 1 }, now);
    expect(history.points.map((p) => p.t)).toEqual([old, recent, today].map((p) => periodStartMs(p)));
  });

  it('refuses figures for an expired period, with its own code, and writes nothing of them', async () => {
    const token = await newSource(stack.redis, stack.keys, 'keep-test');
    const expired = dayAgo(37);
    const kept = dayAgo(30);
    const [unit] = communes();
    const receipt = await postBatch(stack.url, token, { batchId: 'k1', observations: [
      { indicator: 'dossier_on_time_rate', unit, period: expired, num: 1, den: 2, observedAt: new Date(inside(expired)).toISOString() },
      { indicator: 'dossier_on_time_rate', unit, period: kept, num: 1, den: 2, observedAt: new Date(inside(kept)).toISOString() },
    ] });
    expect(receipt.status).toBe(202);
    expect(receipt.body.accepted).toBe(1);
    expect(receipt.body.rejected).toEqual([expect.objectContaining({ index: 0, code: 'period_expired' })]);
    await eventually(async () => ((await periodsOf('dossier_on_time_rate')).includes(kept) ? true : undefined), 10_000);
    expect(await periodsOf('dossier_on_time_rate')).not.toContain(expired);
    expect(await keysOf('dossier_on_time_rate', expired)).toEqual([]);
  });
});
