import { scanKeys, type RedisClient } from '../../platform/redis';
import { INGEST_QUEUE, queuePrefix } from '../../platform/queues';
import type { Keys } from '../../store/keys';
import { eventually } from './ingest-client';

/** The ingest queue's keys as BullMQ builds them under the stack's prefix (platform/queues.ts). */
function base(prefix: string): string {
  return `${queuePrefix(INGEST_QUEUE, prefix)}:${INGEST_QUEUE}`;
}

export interface QueueState {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Read straight from Redis, so it works whatever process (or none) holds a BullMQ Queue. */
export async function ingestQueueState(redis: RedisClient, prefix: string): Promise<QueueState> {
  const b = base(prefix);
  const [waiting, active, delayed, prioritized, failed] = await Promise.all([
    redis.llen(`${b}:wait`),
    redis.llen(`${b}:active`),
    redis.zcard(`${b}:delayed`),
    redis.zcard(`${b}:prioritized`),
    redis.zcard(`${b}:failed`),
  ]);
  return { waiting: waiting + prioritized, active, delayed, failed };
}

/** Jobs recovered from a stalled state (their worker died while it held them), by BullMQ's stalled counter. */
export async function stalledJobs(redis: RedisClient, prefix: string): Promise<number> {
  let n = 0;
  for await (const key of scanKeys(redis, `${base(prefix)}:*`)) {
    if (/:[0-9a-f]{40}$/.test(key) && Number((await redis.hget(key, 'stc')) ?? 0) > 0) n += 1;
  }
  return n;
}

/**
 * Waits until the ingest queue is empty and every batch answered 202 carries its applied marker, then returns the
 * queue's state; when the time is up, the state as it is (the caller's expectation then says what is left).
 */
export async function drainedQueue(
  redis: RedisClient,
  keys: Keys,
  prefix: string,
  accepted: readonly { source: string; batchId: string }[],
  timeoutMs: number,
): Promise<QueueState> {
  return eventually(async () => {
    const s = await ingestQueueState(redis, prefix);
    if (s.waiting + s.active + s.delayed > 0) return undefined;
    const marks = await Promise.all(accepted.map((b) => redis.exists(keys.batch(b.source, b.batchId))));
    return marks.every(Boolean) ? s : undefined;
  }, timeoutMs, 250).catch(async () => ingestQueueState(redis, prefix));
}
