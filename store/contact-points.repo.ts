import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/** A webhook that receives the alerts of units within its scope (an IOC's SMS or messaging gateway). */
export interface ContactPoint {
  id: string;
  name: string;
  scope: string;
  url: string;
  createdBy: string;
  createdAt: number;
}

export async function listContactPoints(redis: RedisClient, keys: Keys): Promise<ContactPoint[]> {
  return Object.values(await redis.hgetall(keys.contactPoints())).map((j) => JSON.parse(j) as ContactPoint);
}

export async function createContactPoint(redis: RedisClient, keys: Keys, input: Omit<ContactPoint, 'id' | 'createdAt'>): Promise<ContactPoint> {
  const cp: ContactPoint = { ...input, id: randomUUID(), createdAt: Date.now() };
  await redis.hset(keys.contactPoints(), cp.id, JSON.stringify(cp));
  return cp;
}

export async function deleteContactPoint(redis: RedisClient, keys: Keys, id: string): Promise<ContactPoint | undefined> {
  const raw = await redis.hget(keys.contactPoints(), id);
  if (!raw) return undefined;
  await redis.hdel(keys.contactPoints(), id);
  return JSON.parse(raw) as ContactPoint;
}
