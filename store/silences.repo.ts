import { randomUUID } from 'node:crypto';
import type { Silence } from '../core/alerts/silence';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/** Silences (core/alerts/silence.ts): one hash, id → JSON. They are few (maintenance windows), so they are read whole. */
export async function listSilences(redis: RedisClient, keys: Keys): Promise<Silence[]> {
  return Object.values(await redis.hgetall(keys.silences())).map((j) => JSON.parse(j) as Silence);
}

export async function getSilence(redis: RedisClient, keys: Keys, id: string): Promise<Silence | undefined> {
  const raw = await redis.hget(keys.silences(), id);
  return raw ? (JSON.parse(raw) as Silence) : undefined;
}

export const newSilenceId = (): string => randomUUID();

export async function saveSilence(redis: RedisClient, keys: Keys, silence: Silence): Promise<void> {
  await redis.hset(keys.silences(), silence.id, JSON.stringify(silence));
}

/** Deletes the silences that ended before `before` (kept ALERT_KEEP_DAYS, like the alerts they muted). */
export async function pruneSilences(redis: RedisClient, keys: Keys, before: number): Promise<number> {
  const old = (await listSilences(redis, keys)).filter((s) => s.endsAt < before).map((s) => s.id);
  return old.length ? redis.hdel(keys.silences(), ...old) : 0;
}
