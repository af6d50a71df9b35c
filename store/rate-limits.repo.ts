import { createHash } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/**
 * Rate-limit counters in Redis, so a limit holds across every server process of one installation (docs/scale-out.md):
 * one counter per (limit, client) with the window as its TTL, set by the first hit (a fixed window). Each step is
 * one script call that declares its key, so a Cluster client routes it.
 */
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { n, ttl }`;
const UNHIT = `if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end return 0`;

type RateLimitRedis = RedisClient & {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
  rateLimitUnhit(key: string): Promise<number>;
};

function scripted(redis: RedisClient): RateLimitRedis {
  if (!('rateLimitHit' in redis)) {
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
    redis.defineCommand('rateLimitUnhit', { numberOfKeys: 1, lua: UNHIT });
  }
  return redis as RateLimitRedis;
}

/** The client's part of the key is hashed: a key may be a bearer token, which must not appear in a key name. */
function counterKey(keys: Keys, limit: string, client: string): string {
  return keys.rateLimit(limit, createHash('sha256').update(client).digest('hex').slice(0, 32));
}

/** Counts one hit of `client` against `limit`: the hits in the current window and the ms until it ends. */
export async function hitRateLimit(redis: RedisClient, keys: Keys, limit: string, client: string, windowMs: number): Promise<{ hits: number; resetInMs: number }> {
  const [hits, ttl] = await scripted(redis).rateLimitHit(counterKey(keys, limit, client), windowMs);
  return { hits: Number(hits), resetInMs: Number(ttl) };
}

/** Takes one hit back (a request the limit does not count after all, e.g. a successful sign-in). */
export async function unhitRateLimit(redis: RedisClient, keys: Keys, limit: string, client: string): Promise<void> {
  await scripted(redis).rateLimitUnhit(counterKey(keys, limit, client));
}

export async function resetRateLimit(redis: RedisClient, keys: Keys, limit: string, client: string): Promise<void> {
  await redis.del(counterKey(keys, limit, client));
}
