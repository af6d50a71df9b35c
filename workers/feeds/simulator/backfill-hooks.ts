import type { RedisClient } from '../../../platform/redis';
import { queueCounts, type IngestQueue } from '../../../platform/queues';
import type { Keys } from '../../../store/keys';
import type { BackfillHooks } from './backfill';

/** Ingest jobs waiting above which a backfill pauses: a few thousand observations, never a month piled up in Redis. */
const MAX_WAITING_JOBS = 40;

/** The backfill's marker (SET NX semantics on a hash field) and its back-pressure on the ingest queue. */
export function backfillHooks(redis: RedisClient, keys: Keys, queue: IngestQueue, days: number): BackfillHooks {
  const key = keys.simulatorBackfill();
  return {
    days,
    claim: async () => (await redis.hsetnx(key, 'startedAt', String(Date.now()))) === 1,
    async drain() {
      while ((await queueCounts(queue)).waiting > MAX_WAITING_JOBS) await new Promise((r) => setTimeout(r, 50));
    },
    async done({ observations, ms, liveAfterMs }) {
      await redis.hset(key, { finishedAt: String(Date.now()), observations: String(observations), ms: String(ms), liveAfterMs: String(liveAfterMs), days: String(days) });
    },
  };
}
