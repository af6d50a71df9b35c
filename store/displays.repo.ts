import { randomBytes, randomUUID } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';
import { hashToken } from './sources.repo';

/**
 * A wall screen's read-only token, bound to a scope and scenes (core/displays/scenes.ts). Stored hashed; revocable.
 * Records made before `intervalS`, `indicator` and `kpis` existed have none: the wall then uses the defaults.
 */
export interface DisplayRecord {
  id: string;
  name: string;
  scope: string;
  scenes: string[];
  /** Seconds per scene (10–600; absent: 30). */
  intervalS?: number;
  /** The indicator colouring the maps and ranking the communes (absent: the map's default). */
  indicator?: string;
  /** The KPI tiles, in order (absent: the default tiles). */
  kpis?: string[];
  createdAt: number;
  createdBy: string;
  updatedAt?: number;
  updatedBy?: string;
  revokedAt?: number;
}

/** What an admin may change on a display after it is made (null removes an optional field). */
export interface DisplayChange {
  name?: string;
  scenes?: string[];
  intervalS?: number;
  indicator?: string | null;
  kpis?: string[] | null;
}

export async function createDisplay(
  redis: RedisClient,
  keys: Keys,
  input: Pick<DisplayRecord, 'name' | 'scope' | 'scenes' | 'createdBy' | 'intervalS' | 'indicator' | 'kpis'>,
  nowMs = Date.now(),
): Promise<{ display: DisplayRecord; token: string }> {
  const token = `ioc_wall_${randomBytes(32).toString('base64url')}`;
  const display: DisplayRecord = { ...input, id: randomUUID(), createdAt: nowMs };
  await redis.multi().hset(keys.displays(), display.id, JSON.stringify(display)).set(keys.displayToken(hashToken(token)), display.id).exec();
  return { display, token };
}

export async function displayForToken(redis: RedisClient, keys: Keys, token: string): Promise<DisplayRecord | undefined> {
  const id = await redis.get(keys.displayToken(hashToken(token)));
  if (!id) return undefined;
  const raw = await redis.hget(keys.displays(), id);
  const display = raw ? (JSON.parse(raw) as DisplayRecord) : undefined;
  return display && !display.revokedAt ? display : undefined;
}

export async function getDisplay(redis: RedisClient, keys: Keys, id: string): Promise<DisplayRecord | undefined> {
  const raw = await redis.hget(keys.displays(), id);
  return raw ? (JSON.parse(raw) as DisplayRecord) : undefined;
}

/**
 * Applies a change to a display (its token stays the same, so the wall PC needs no new address); undefined when there
 * is no such display. Last write wins: two admins editing one display at once is not worth a lock.
 */
export async function updateDisplay(
  redis: RedisClient,
  keys: Keys,
  id: string,
  change: DisplayChange,
  by: string,
  nowMs = Date.now(),
): Promise<DisplayRecord | undefined> {
  const current = await getDisplay(redis, keys, id);
  if (!current) return undefined;
  const next: DisplayRecord = { ...current, updatedAt: nowMs, updatedBy: by };
  if (change.name !== undefined) next.name = change.name;
  if (change.scenes !== undefined) next.scenes = change.scenes;
  if (change.intervalS !== undefined) next.intervalS = change.intervalS;
  if (change.indicator === null) delete next.indicator;
  else if (change.indicator !== undefined) next.indicator = change.indicator;
  if (change.kpis === null) delete next.kpis;
  else if (change.kpis !== undefined) next.kpis = change.kpis;
  await redis.hset(keys.displays(), id, JSON.stringify(next));
  return next;
}

export async function listDisplays(redis: RedisClient, keys: Keys): Promise<DisplayRecord[]> {
  return Object.values(await redis.hgetall(keys.displays())).map((j) => JSON.parse(j) as DisplayRecord);
}

/** Marks a display revoked; its token stops working at once (the caller disconnects its sockets). */
export async function revokeDisplay(redis: RedisClient, keys: Keys, id: string, nowMs = Date.now()): Promise<DisplayRecord | undefined> {
  const raw = await redis.hget(keys.displays(), id);
  if (!raw) return undefined;
  const display = { ...(JSON.parse(raw) as DisplayRecord), revokedAt: nowMs };
  await redis.hset(keys.displays(), id, JSON.stringify(display));
  return display;
}
