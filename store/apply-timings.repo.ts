import type { BucketCounts } from '../core/ops/histogram';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/**
 * The apply script's durations, summed over every worker process (docs/operations.md): each worker counts in memory
 * and adds what it counted since its last heartbeat here; the server reads the sums at scrape (`ioc_apply_seconds`).
 */
export async function addApplyTimings(redis: RedisClient, keys: Keys, h: BucketCounts): Promise<void> {
  if (h.count === 0) return;
  const key = keys.applyTimings();
  const multi = redis.multi();
  h.counts.forEach((n, i) => n > 0 && multi.hincrby(key, `b${i}`, n));
  multi.hincrbyfloat(key, 'sum', h.sum).hincrby(key, 'count', h.count);
  await multi.exec();
}

export async function readApplyTimings(redis: RedisClient, keys: Keys, buckets: number): Promise<BucketCounts> {
  const h = await redis.hgetall(keys.applyTimings());
  return {
    counts: Array.from({ length: buckets + 1 }, (_, i) => Number(h[`b${i}`] ?? 0)),
    sum: Number(h.sum ?? 0),
    count: Number(h.count ?? 0),
  };
}
