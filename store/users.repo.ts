import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { Role } from '../core/access/principal';
import type { Keys } from './keys';

/** A user. The password is kept only as an argon2id hash (hashed by platform/password.ts before it gets here). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: string;
  passwordHash: string;
  createdAt: number;
  disabled?: boolean;
  /**
   * Raised whenever the user's sessions must end (new password, disabled, new role or scope): a session opened under
   * an earlier epoch is refused, even one opened while the change was being saved.
   */
  sessionEpoch?: number;
}

export type PublicUser = Omit<UserRecord, 'passwordHash' | 'sessionEpoch'>;

export function publicUser(u: UserRecord): PublicUser {
  const { passwordHash: _omit, sessionEpoch: _epoch, ...rest } = u;
  return rest;
}

/** The same user with a new session epoch: every session opened before it is refused from now on. */
export function withNewSessionEpoch(u: UserRecord): UserRecord {
  return { ...u, sessionEpoch: (u.sessionEpoch ?? 0) + 1 };
}

export async function getUser(redis: RedisClient, keys: Keys, username: string): Promise<UserRecord | undefined> {
  const raw = await redis.hget(keys.users(), username.toLowerCase());
  return raw ? (JSON.parse(raw) as UserRecord) : undefined;
}

export async function listUsers(redis: RedisClient, keys: Keys): Promise<UserRecord[]> {
  return Object.values(await redis.hgetall(keys.users())).map((j) => JSON.parse(j) as UserRecord);
}

/** Creates a user; false when the username is taken. */
export async function createUser(
  redis: RedisClient,
  keys: Keys,
  input: Omit<UserRecord, 'id' | 'createdAt'>,
  nowMs = Date.now(),
): Promise<UserRecord | undefined> {
  const user: UserRecord = { ...input, username: input.username.toLowerCase(), id: randomUUID(), createdAt: nowMs };
  const created = await redis.hsetnx(keys.users(), user.username, JSON.stringify(user));
  return created ? user : undefined;
}

export async function saveUser(redis: RedisClient, keys: Keys, user: UserRecord): Promise<void> {
  await redis.hset(keys.users(), user.username, JSON.stringify(user));
}

export async function deleteUser(redis: RedisClient, keys: Keys, username: string): Promise<boolean> {
  return (await redis.hdel(keys.users(), username.toLowerCase())) === 1;
}

export async function countUsers(redis: RedisClient, keys: Keys): Promise<number> {
  return redis.hlen(keys.users());
}
