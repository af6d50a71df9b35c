import type { RedisClient } from '../platform/redis';

/**
 * Leases: a string with a TTL naming the one process that holds a role (the alert evaluator, the forwarder, the
 * simulator). Taking and renewing is one atomic step, and so is letting go, so a holder never renews or drops a
 * lease that has passed to another process meanwhile.
 */
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v == false then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Takes the lease when nobody holds it, renews it when `holder` does; true when `holder` holds it for `ttlMs` more. */
export async function claimLease(redis: RedisClient, key: string, holder: string, ttlMs: number): Promise<boolean> {
  return (await redis.eval(CLAIM, 1, key, holder, String(ttlMs))) === 1;
}

/** Lets go of the lease if `holder` still holds it (another process may then take it at once). */
export async function releaseLease(redis: RedisClient, key: string, holder: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, holder);
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(redis: RedisClient, key: string): Promise<string | undefined> {
  return (await redis.get(key)) ?? undefined;
}
