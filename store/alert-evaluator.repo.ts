import type { MetricValue } from '../core/contract/metrics';
import type { Indicator } from '../core/indicators/indicator';
import type { RedisClient } from '../platform/redis';
import { lastChangeId } from './changes.repo';
import type { Keys } from './keys';
import { decodeValue } from './value-codec';

/**
 * The alert evaluator's own state (workers/alerts/alert-evaluator.ts): the change-stream position it has evaluated up
 * to, the name of its lease, and the reads its sweep makes of the latest values.
 */

/** Fixes the starting position of a fresh install at the change stream as it is now; a stored position is left alone. */
export async function anchorAlertCursor(redis: RedisClient, keys: Keys): Promise<void> {
  await redis.set(keys.alertCursor(), await lastChangeId(redis, keys), 'NX');
}

export async function readAlertCursor(redis: RedisClient, keys: Keys): Promise<string> {
  return (await redis.get(keys.alertCursor())) ?? '0-0';
}

export async function saveAlertCursor(redis: RedisClient, keys: Keys, cursor: string): Promise<void> {
  await redis.set(keys.alertCursor(), cursor);
}

/** The lease the evaluator holds (workers/leader.ts), one holder across every worker process on one Redis. */
export const alertEvaluatorLease = (keys: Keys): string => keys.alertLeader();

/** The newest period of an indicator that has data, if any. */
export async function newestPeriod(redis: RedisClient, keys: Keys, indicator: string): Promise<string | undefined> {
  return (await redis.zrange(keys.periods(indicator), '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, 1))[0];
}

/** The latest values of every child of these parents (store parents: ROOT_PARENT for the nation's own), in one pipeline. */
export async function readLatestUnder(redis: RedisClient, keys: Keys, ind: Indicator, parents: readonly string[], period: string): Promise<MetricValue[]> {
  const pipe = redis.pipeline();
  for (const parent of parents) pipe.hgetall(keys.latest(ind.id, parent, period));
  const out: MetricValue[] = [];
  for (const [, fields] of ((await pipe.exec()) ?? []) as [unknown, Record<string, string> | null][]) {
    for (const [unit, enc] of Object.entries(fields ?? {})) {
      const v = decodeValue(ind, unit, period, enc);
      if (v) out.push(v);
    }
  }
  return out;
}
