import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { hashToken } from './sources.repo';

export interface SessionRecord {
  username: string;
  /** Sent back by the client in X-CSRF-Token on every change made with the session cookie. */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** Opens a session: the token goes to the browser in an httpOnly cookie, only its hash is stored (with a TTL). */
export async function openSession(redis: Redis, keys: Keys, username: string, ttlMs: number, nowMs = Date.now()) {
  const token = randomBytes(32).toString('base64url');
  const session: SessionRecord = { username, csrf: randomBytes(24).toString('base64url'), createdAt: nowMs, expiresAt: nowMs + ttlMs };
  await redis.set(keys.session(hashToken(token)), JSON.stringify(session), 'PX', ttlMs);
  return { token, session };
}

export async function readSession(redis: Redis, keys: Keys, token: string): Promise<SessionRecord | undefined> {
  const raw = await redis.get(keys.session(hashToken(token)));
  return raw ? (JSON.parse(raw) as SessionRecord) : undefined;
}

export async function closeSession(redis: Redis, keys: Keys, token: string): Promise<void> {
  await redis.del(keys.session(hashToken(token)));
}
