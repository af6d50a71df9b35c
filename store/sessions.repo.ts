import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';
import { hashToken } from './sources.repo';

export interface SessionRecord {
  username: string;
  /**
   * The user record the session was opened for (UserRecord.id) and its session epoch then: a session is valid only
   * while both still match, so a new user given a deleted user's name, or a user whose password, role or scope
   * changed since, does not inherit it.
   */
  userId: string;
  epoch: number;
  /** Sent back by the client in X-CSRF-Token on every change made with the session cookie. */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionOwner {
  id: string;
  username: string;
  sessionEpoch?: number;
}

/**
 * Opens a session: the token goes to the browser in an httpOnly cookie, only its hash is stored (with a TTL), and the
 * hash joins the user's set of sessions (which lives as long as the newest session) so they can all be ended at once.
 */
export async function openSession(redis: RedisClient, keys: Keys, user: SessionOwner, ttlMs: number, nowMs = Date.now()) {
  const token = randomBytes(32).toString('base64url');
  const hash = hashToken(token);
  const session: SessionRecord = {
    username: user.username,
    userId: user.id,
    epoch: user.sessionEpoch ?? 0,
    csrf: randomBytes(24).toString('base64url'),
    createdAt: nowMs,
    expiresAt: nowMs + ttlMs,
  };
  const index = keys.userSessions(user.id);
  await redis.multi().set(keys.session(hash), JSON.stringify(session), 'PX', ttlMs).sadd(index, hash).pexpire(index, ttlMs).exec();
  await pruneIndex(redis, keys, user.id);
  return { token, session };
}

export async function readSession(redis: RedisClient, keys: Keys, token: string): Promise<SessionRecord | undefined> {
  const raw = await redis.get(keys.session(hashToken(token)));
  return raw ? (JSON.parse(raw) as SessionRecord) : undefined;
}

export async function closeSession(redis: RedisClient, keys: Keys, token: string): Promise<void> {
  const hash = hashToken(token);
  const session = await readSession(redis, keys, token);
  const tx = redis.multi().del(keys.session(hash));
  if (session?.userId) tx.srem(keys.userSessions(session.userId), hash);
  await tx.exec();
}

/** Ends every session of one user record at once; returns how many were open. */
export async function endUserSessions(redis: RedisClient, keys: Keys, userId: string): Promise<number> {
  const index = keys.userSessions(userId);
  const hashes = await redis.smembers(index);
  const tx = redis.multi().del(index);
  for (const h of hashes) tx.del(keys.session(h));
  const results = (await tx.exec()) ?? [];
  return results.slice(1).reduce((n, [, deleted]) => n + Number(deleted ?? 0), 0);
}

/** Drops from a user's set the sessions that have expired by themselves (the set would otherwise only grow). */
async function pruneIndex(redis: RedisClient, keys: Keys, userId: string): Promise<void> {
  const index = keys.userSessions(userId);
  const hashes = await redis.smembers(index);
  if (hashes.length < 8) return;
  const alive = await Promise.all(hashes.map((h) => redis.exists(keys.session(h))));
  const gone = hashes.filter((_, i) => alive[i] === 0);
  if (gone.length > 0) await redis.srem(index, ...gone);
}
