import { randomBytes, randomUUID } from 'node:crypto';
import type { ContactPoint, ContactPointInput } from '../core/contract/contact-points';
import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

export type { ContactPoint };

/** A contact point as releases before e-mail delivery stored it: a webhook without `kind`. */
type StoredContactPoint = ContactPoint | (Omit<ContactPoint & { kind: 'webhook' }, 'kind'> & { kind?: undefined });

const parse = (raw: string): ContactPoint => {
  const cp = JSON.parse(raw) as StoredContactPoint;
  return cp.kind === undefined ? { ...cp, kind: 'webhook' } : cp;
};

/** A new webhook signing secret: 32 random bytes, `whsec_` and base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export async function listContactPoints(redis: RedisClient, keys: Keys): Promise<ContactPoint[]> {
  return Object.values(await redis.hgetall(keys.contactPoints())).map(parse);
}

export async function getContactPoint(redis: RedisClient, keys: Keys, id: string): Promise<ContactPoint | undefined> {
  const raw = await redis.hget(keys.contactPoints(), id);
  return raw ? parse(raw) : undefined;
}

/** Stores a contact point; a webhook gets its signing secret in the same step (returned once, to be shown once). */
export async function createContactPoint(
  redis: RedisClient,
  keys: Keys,
  input: ContactPointInput & { createdBy: string },
): Promise<{ contactPoint: ContactPoint; secret: string | null }> {
  const contactPoint = { ...input, id: randomUUID(), createdAt: Date.now() } as ContactPoint;
  const secret = contactPoint.kind === 'webhook' ? newWebhookSecret() : null;
  const tx = redis.multi().hset(keys.contactPoints(), contactPoint.id, JSON.stringify(contactPoint));
  if (secret) tx.hset(keys.contactPointSecrets(), contactPoint.id, secret);
  await tx.exec();
  return { contactPoint, secret };
}

/**
 * A webhook's signing secret. One stored before signing existed has none: it gets one on first use (its first
 * delivery or a rotation), set only if still absent, so concurrent first deliveries sign with the same one.
 */
export async function webhookSecret(redis: RedisClient, keys: Keys, id: string): Promise<string> {
  const replies = await redis.multi().hsetnx(keys.contactPointSecrets(), id, newWebhookSecret()).hget(keys.contactPointSecrets(), id).exec();
  const secret = replies?.[1]?.[1];
  if (typeof secret !== 'string') throw new Error(`no secret stored for contact point ${id}`);
  return secret;
}

/** Replaces a webhook's secret: the old one stops signing at once. Returns the new one (to be shown once). */
export async function rotateWebhookSecret(redis: RedisClient, keys: Keys, id: string): Promise<string> {
  const secret = newWebhookSecret();
  await redis.hset(keys.contactPointSecrets(), id, secret);
  return secret;
}

export async function deleteContactPoint(redis: RedisClient, keys: Keys, id: string): Promise<ContactPoint | undefined> {
  const existing = await getContactPoint(redis, keys, id);
  if (!existing) return undefined;
  await redis.multi().hdel(keys.contactPoints(), id).hdel(keys.contactPointSecrets(), id).exec();
  return existing;
}
