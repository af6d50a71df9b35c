import type { RedisClient } from '../platform/redis';
import type { LinkFacts } from '../core/federation/link-state';
import type { Keys } from './keys';
import { createSource, listSources, sourceIdOf, type SourceRecord } from './sources.repo';

/**
 * Federation links on the upper instance (docs/federation.md): a link is a source of kind 'link', scoped to one unit,
 * whose token the IOC one level down forwards with. Its feed hash (keys.feed) keeps what the lower side last reported
 * of its outbox, beside the usual batch counts.
 */
export async function createLink(
  redis: RedisClient,
  keys: Keys,
  input: { name: string; scope: string },
  nowMs = Date.now(),
): Promise<{ link: SourceRecord; token: string }> {
  const id = `link-${sourceIdOf(input.name)}`;
  if (id === 'link-') throw new Error(`link name '${input.name}' has no letters or digits`);
  const { source, token } = await createSource(redis, keys, { id, name: input.name, units: [input.scope], indicators: '*', kind: 'link' }, nowMs);
  return { link: source, token };
}

export async function listLinks(redis: RedisClient, keys: Keys): Promise<SourceRecord[]> {
  return (await listSources(redis, keys)).filter((s) => s.kind === 'link');
}

/** What the lower side says of its outbox, with each batch and heartbeat. */
export interface OutboxReport {
  backlog: number;
  oldestUnsentAt: number | null;
  overflow: boolean;
}

export async function recordLinkReport(redis: RedisClient, keys: Keys, linkId: string, r: OutboxReport, nowMs = Date.now()): Promise<void> {
  await redis.hset(keys.feed(linkId), 'lastSeenAt', nowMs, 'backlog', r.backlog, 'oldestUnsentAt', r.oldestUnsentAt ?? '', 'overflow', r.overflow ? 1 : 0);
}

/** A revoked or replaced token was used: a link shows `refused` until a batch goes through again. */
export async function recordLinkRefused(redis: RedisClient, keys: Keys, sourceId: string, nowMs = Date.now()): Promise<void> {
  await redis.hset(keys.feed(sourceId), 'refusedAt', nowMs, 'lastError', 'token revoked or replaced', 'lastErrorAt', nowMs);
}

export async function readLinkFacts(redis: RedisClient, keys: Keys, linkId: string): Promise<LinkFacts & { lastError: string | null }> {
  const h = await redis.hgetall(keys.feed(linkId));
  const num = (v: string | undefined) => (v ? Number(v) : null);
  return {
    lastSeenAt: num(h.lastSeenAt),
    refusedAt: num(h.refusedAt),
    backlog: Number(h.backlog ?? 0),
    oldestUnsentAt: num(h.oldestUnsentAt),
    overflow: h.overflow === '1',
    lastError: h.lastError ?? null,
  };
}
