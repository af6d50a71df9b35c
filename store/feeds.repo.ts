import type { RedisClient } from '../platform/redis';
import type { FeedStatus } from '../core/contract/boards';
import type { Keys } from './keys';

export type { FeedStatus };

/** Records what a source just sent (called by the ingest route for every batch). */
export async function recordFeedBatch(
  redis: RedisClient,
  keys: Keys,
  source: string,
  batch: { batchId: string; accepted: number; rejected: number; firstError?: string },
  nowMs = Date.now(),
): Promise<void> {
  const key = keys.feed(source);
  const multi = redis
    .multi()
    .hset(key, 'lastSeenAt', nowMs, 'lastBatchId', batch.batchId, 'lastAccepted', batch.accepted, 'lastRejected', batch.rejected)
    .hincrby(key, 'accepted', batch.accepted)
    .hincrby(key, 'rejected', batch.rejected);
  if (batch.firstError) multi.hset(key, 'lastError', batch.firstError, 'lastErrorAt', nowMs);
  await multi.exec();
}

/** Records a batch that was accepted but could not be applied (a failed ingest job): the feed is then failing. */
export async function recordFeedFailure(
  redis: RedisClient,
  keys: Keys,
  source: string,
  failure: { batchId: string; reason: string },
  nowMs = Date.now(),
): Promise<void> {
  const key = keys.feed(source);
  await redis
    .multi()
    .hincrby(key, 'failedBatches', 1)
    .hset(key, 'lastFailedAt', nowMs, 'lastFailedBatchId', failure.batchId, 'lastError', failure.reason, 'lastErrorAt', nowMs)
    .exec();
}

export async function readFeedStatus(redis: RedisClient, keys: Keys, source: string): Promise<FeedStatus> {
  const h = await redis.hgetall(keys.feed(source));
  return {
    source,
    lastSeenAt: h.lastSeenAt ? Number(h.lastSeenAt) : null,
    lastBatchId: h.lastBatchId ?? null,
    accepted: Number(h.accepted ?? 0),
    rejected: Number(h.rejected ?? 0),
    lastAccepted: Number(h.lastAccepted ?? 0),
    lastRejected: Number(h.lastRejected ?? 0),
    lastError: h.lastError ?? null,
    lastErrorAt: h.lastErrorAt ? Number(h.lastErrorAt) : null,
    failedBatches: Number(h.failedBatches ?? 0),
    lastFailedAt: h.lastFailedAt ? Number(h.lastFailedAt) : null,
  };
}
