import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { hashToken } from './sources.repo';

/** A wall screen's read-only token, bound to a scope and scenes. Stored hashed; revocable. */
export interface DisplayRecord {
  id: string;
  name: string;
  scope: string;
  scenes: string[];
  createdAt: number;
  createdBy: string;
  revokedAt?: number;
}

export async function createDisplay(
  redis: Redis,
  keys: Keys,
  input: Pick<DisplayRecord, 'name' | 'scope' | 'scenes' | 'createdBy'>,
  nowMs = Date.now(),
): Promise<{ display: DisplayRecord; token: string }> {
  const token = `ioc_wall_${randomBytes(32).toString('base64url')}`;
  const display: DisplayRecord = { ...input, id: randomUUID(), createdAt: nowMs };
  await redis.multi().hset(keys.displays(), display.id, JSON.stringify(display)).set(keys.displayToken(hashToken(token)), display.id).exec();
  return { display, token };
}

export async function displayForToken(redis: Redis, keys: Keys, token: string): Promise<DisplayRecord | undefined> {
  const id = await redis.get(keys.displayToken(hashToken(token)));
  if (!id) return undefined;
  const raw = await redis.hget(keys.displays(), id);
  const display = raw ? (JSON.parse(raw) as DisplayRecord) : undefined;
  return display && !display.revokedAt ? display : undefined;
}

export async function listDisplays(redis: Redis, keys: Keys): Promise<DisplayRecord[]> {
  return Object.values(await redis.hgetall(keys.displays())).map((j) => JSON.parse(j) as DisplayRecord);
}

/** Marks a display revoked; its token stops working at once (the caller disconnects its sockets). */
export async function revokeDisplay(redis: Redis, keys: Keys, id: string, nowMs = Date.now()): Promise<DisplayRecord | undefined> {
  const raw = await redis.hget(keys.displays(), id);
  if (!raw) return undefined;
  const display = { ...(JSON.parse(raw) as DisplayRecord), revokedAt: nowMs };
  await redis.hset(keys.displays(), id, JSON.stringify(display));
  return display;
}
