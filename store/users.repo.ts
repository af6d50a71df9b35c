import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
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
}

export type PublicUser = Omit<UserRecord, 'passwordHash'>;

export function publicUser(u: UserRecord): PublicUser {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

export async function getUser(redis: Redis, keys: Keys, username: string): Promise<UserRecord | undefined> {
  const raw = await redis.hget(keys.users(), username.toLowerCase());
  return raw ? (JSON.parse(raw) as UserRecord) : undefined;
}

export async function listUsers(redis: Redis, keys: Keys): Promise<UserRecord[]> {
  return Object.values(await redis.hgetall(keys.users())).map((j) => JSON.parse(j) as UserRecord);
}

/** Creates a user; false when the username is taken. */
export async function createUser(
  redis: Redis,
  keys: Keys,
  input: Omit<UserRecord, 'id' | 'createdAt'>,
  nowMs = Date.now(),
): Promise<UserRecord | undefined> {
  const user: UserRecord = { ...input, username: input.username.toLowerCase(), id: randomUUID(), createdAt: nowMs };
  const created = await redis.hsetnx(keys.users(), user.username, JSON.stringify(user));
  return created ? user : undefined;
}

export async function saveUser(redis: Redis, keys: Keys, user: UserRecord): Promise<void> {
  await redis.hset(keys.users(), user.username, JSON.stringify(user));
}

export async function deleteUser(redis: Redis, keys: Keys, username: string): Promise<boolean> {
  return (await redis.hdel(keys.users(), username.toLowerCase())) === 1;
}

export async function countUsers(redis: Redis, keys: Keys): Promise<number> {
  return redis.hlen(keys.users());
}
