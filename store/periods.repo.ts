import type { Indicator } from '../core/indicators/indicator';
import { isPrunablePeriod } from '../core/time/period-keep';
import type { UnitRegistry } from '../core/units/registry';
import type { RedisClient } from '../platform/redis';
import { ROOT_PARENT, type Keys } from './keys';

export interface PruneContext {
  redis: RedisClient;
  keys: Keys;
  registry: UnitRegistry;
}

/** Every key one period of an indicator may hold: the latest-value hashes of each parent, the rollups' sums. */
function periodKeys(ctx: PruneContext, ind: Indicator, period: string): string[] {
  const parents = [ROOT_PARENT, ...ctx.registry.all().filter((u) => u.level !== 'commune').map((u) => u.code)];
  return parents.flatMap((p) => [ctx.keys.latest(ind.id, p, period), ctx.keys.agg(ind.id, p, period), ctx.keys.zagg(ind.id, p, period)]);
}

/**
 * Deletes the maps of an indicator's past periods that are past their keep (core/time/period-keep.ts): their latest
 * values and rollups, and the period from the indicator's list. The newest period with data is never deleted (a map
 * shows an old figure marked stale rather than nothing). The units' series (their history) are not touched: they
 * have retentions of their own. Returns the periods deleted.
 */
export async function pruneExpiredPeriods(ctx: PruneContext, ind: Indicator, nowMs: number, dayKeepDays: number): Promise<string[]> {
  if (ind.periodKind === 'live') return [];
  const periods = await ctx.redis.zrange(ctx.keys.periods(ind.id), '0', '-1');
  const doomed = periods.slice(0, -1).filter((p) => isPrunablePeriod(p, ind.periodKind, nowMs, dayKeepDays));
  for (const period of doomed) {
    // one UNLINK takes a period's whole map at once (a reader sees all of it or none), and the period leaves the list
    // after it: a pruner killed in between leaves it listed, and the next run finishes it
    await ctx.redis.unlink(...periodKeys(ctx, ind, period));
    await ctx.redis.zrem(ctx.keys.periods(ind.id), period);
  }
  return doomed;
}
