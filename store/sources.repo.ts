import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../platform/redis';
import type { SourceScope } from '../core/contract/validate-observation';
import type { Keys } from './keys';

/** A feed source: a ministry or province system, or the embedded simulator. Its token is stored only as a hash. */
export interface SourceRecord extends SourceScope {
  id: string;
  name: string;
  createdAt: number;
  /** Daily deadline "HH:MM" (Viet Nam time) by which the source must have sent today's figures, if it has one. */
  deadline?: string;
  /** When its token was revoked; a revoked source has no token until it is rotated. */
  revokedAt?: number;
  /**
   * Absent for a pushing feed. 'link': the IOC one level down forwards through this source (docs/federation.md);
   * 'connector': a pull connector's (no token: it is pulled, docs/connectors.md); 'upload': staff uploads of files.
   */
  kind?: SourceKind;
  /**
   * The sources that are the authority instead of this one where their scopes overlap (an admin's decision,
   * core/sources/source-authority.ts): its items for those (indicator, unit) pairs are refused as `not_authority`.
   */
  yieldsTo?: string[];
}

export type SourceKind = 'link' | 'connector' | 'upload';

/** Source tokens carry 256 random bits, so a fast hash (SHA-256) is the right way to store them (not a password hash). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sourceIdOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Creates (or replaces the token of) a source and returns the new token, shown once. */
export async function createSource(
  redis: RedisClient,
  keys: Keys,
  input: { name: string; units: readonly string[]; indicators: readonly string[] | '*'; deadline?: string; id?: string; kind?: SourceKind },
  nowMs = Date.now(),
): Promise<{ source: SourceRecord; token: string }> {
  const id = input.id ?? sourceIdOf(input.name);
  if (!id) throw new Error(`source name '${input.name}' has no letters or digits`);
  const token = `ioc_${randomBytes(32).toString('base64url')}`;
  if (input.deadline !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.deadline)) {
    throw new Error(`deadline '${input.deadline}' is not a time of day HH:MM`);
  }
  const source: SourceRecord = { id, name: input.name, units: input.units, indicators: input.indicators, createdAt: nowMs };
  if (input.deadline) source.deadline = input.deadline;
  if (input.kind) source.kind = input.kind;
  const [previous, stored] = await redis.hmget(keys.sources(), `${id}:token`, id);
  // a new token keeps the authority decisions made about the source
  const yieldsTo = stored ? (JSON.parse(stored) as SourceRecord).yieldsTo : undefined;
  if (yieldsTo?.length) source.yieldsTo = yieldsTo;
  const multi = redis.multi();
  // a replaced token is remembered as refused for a month, so the one still using it is told why (and a link shows it)
  if (previous) multi.del(keys.token(previous)).set(keys.retiredToken(previous), id, 'EX', RETIRED_TOKEN_TTL_S);
  await multi
    .hset(keys.sources(), id, JSON.stringify(source), `${id}:token`, hashToken(token))
    .set(keys.token(hashToken(token)), id)
    .exec();
  return { source, token };
}

/**
 * Saves a source that has no token (a connector's, an upload's): it is never pushed with a bearer token, so a token
 * it may have had is retired.
 */
export async function saveTokenlessSource(redis: RedisClient, keys: Keys, source: SourceRecord): Promise<void> {
  const [previous, stored] = await redis.hmget(keys.sources(), `${source.id}:token`, source.id);
  const yieldsTo = source.yieldsTo ?? (stored ? (JSON.parse(stored) as SourceRecord).yieldsTo : undefined);
  const multi = redis.multi();
  if (previous) multi.del(keys.token(previous)).hdel(keys.sources(), `${source.id}:token`);
  await multi.hset(keys.sources(), source.id, JSON.stringify(withYieldsTo(source, yieldsTo ?? []))).exec();
}

/**
 * Removes a source's record and its feed status; its figures stay, as any figure does. Its token (if any) is retired
 * as a revoked one is (its pushes get 401 `token_revoked`), and no other source yields to it any more.
 */
export async function deleteSource(redis: RedisClient, keys: Keys, id: string): Promise<void> {
  const tokenHash = await redis.hget(keys.sources(), `${id}:token`);
  const yielding = (await listSources(redis, keys)).filter((s) => s.yieldsTo?.includes(id));
  const multi = redis.multi().hdel(keys.sources(), id, `${id}:token`).del(keys.feed(id));
  if (tokenHash) multi.del(keys.token(tokenHash)).set(keys.retiredToken(tokenHash), id, 'EX', RETIRED_TOKEN_TTL_S);
  for (const s of yielding) multi.hset(keys.sources(), s.id, JSON.stringify(withYieldsTo(s, s.yieldsTo!.filter((w) => w !== id))));
  await multi.exec();
}

/** Saves sources' changed records — name, scope, deadline, authority decisions — at once (tokens and ids stay). */
export async function saveSources(redis: RedisClient, keys: Keys, sources: readonly SourceRecord[]): Promise<void> {
  if (sources.length === 0) return;
  await redis.hset(keys.sources(), ...sources.flatMap((s) => [s.id, JSON.stringify(s)]));
}

/** The record with this `yieldsTo` list (none when empty). */
export function withYieldsTo(source: SourceRecord, yieldsTo: readonly string[]): SourceRecord {
  const { yieldsTo: _old, ...rest } = source;
  return yieldsTo.length > 0 ? { ...rest, yieldsTo: [...yieldsTo] } : rest;
}

/** The records of these ids that exist (in no particular order). */
export async function getSources(redis: RedisClient, keys: Keys, ids: readonly string[]): Promise<SourceRecord[]> {
  if (ids.length === 0) return [];
  const raw = await redis.hmget(keys.sources(), ...ids);
  return raw.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as SourceRecord);
}

export async function getSource(redis: RedisClient, keys: Keys, id: string): Promise<SourceRecord | undefined> {
  const raw = await redis.hget(keys.sources(), id);
  return raw ? (JSON.parse(raw) as SourceRecord) : undefined;
}

const RETIRED_TOKEN_TTL_S = 30 * 86400;

/** The source whose revoked or rotated token this is (for 30 days), to say so and to mark a link refused. */
export async function sourceOfRetiredToken(redis: RedisClient, keys: Keys, token: string): Promise<string | undefined> {
  return (await redis.get(keys.retiredToken(hashToken(token)))) ?? undefined;
}

/** The source a bearer token belongs to, or undefined for an unknown or revoked token. */
export async function sourceForToken(redis: RedisClient, keys: Keys, token: string): Promise<SourceRecord | undefined> {
  const id = await redis.get(keys.token(hashToken(token)));
  return id ? getSource(redis, keys, id) : undefined;
}

export async function listSources(redis: RedisClient, keys: Keys): Promise<SourceRecord[]> {
  const all = await redis.hgetall(keys.sources());
  return Object.entries(all)
    .filter(([field]) => !field.includes(':'))
    .map(([, json]) => JSON.parse(json) as SourceRecord);
}

/** Revokes a source's token at once: the next request with it gets 401. */
export async function revokeSource(redis: RedisClient, keys: Keys, id: string, nowMs = Date.now()): Promise<SourceRecord | undefined> {
  const source = await getSource(redis, keys, id);
  if (!source) return undefined;
  const tokenHash = await redis.hget(keys.sources(), `${id}:token`);
  const revoked = { ...source, revokedAt: nowMs };
  const multi = redis.multi().hset(keys.sources(), id, JSON.stringify(revoked)).hdel(keys.sources(), `${id}:token`);
  if (tokenHash) multi.del(keys.token(tokenHash)).set(keys.retiredToken(tokenHash), id, 'EX', RETIRED_TOKEN_TTL_S);
  await multi.exec();
  return revoked;
}

/** A new token for the same source and scope; the old one stops working at once. */
export async function rotateSourceToken(redis: RedisClient, keys: Keys, id: string): Promise<{ source: SourceRecord; token: string } | undefined> {
  const source = await getSource(redis, keys, id);
  if (!source) return undefined;
  const { name, units, indicators, deadline, kind } = source;
  return createSource(redis, keys, { id, name, units, indicators, deadline, kind }, source.createdAt);
}
