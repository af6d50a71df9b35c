import { ensureMaps } from '../../maps/ensure';
import { redisAnswers } from '../../platform/redis';

/** Before the Redis and browser tests: a Redis must answer (.ci/run starts one) and maps/dist must be built. */
export default async function setup(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(url))) {
    throw new Error(`no Redis answers at ${url}: start one (see README, "Tests") or set REDIS_URL`);
  }
  await ensureMaps({ log: (m) => console.log(`[maps] ${m}`) });
}
