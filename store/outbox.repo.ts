import { randomUUID } from 'node:crypto';
import { scanKeys, type RedisClient } from '../platform/redis';
import type { UpstreamStatus } from '../core/contract/boards';
import { linkState } from '../core/federation/link-state';
import type { Keys } from './keys';

/**
 * The federation outbox of a lower instance (docs/federation.md). store/lua/apply-batch.lua appends one entry per
 * applied batch (the leaf figures it wrote) in the same atomic step as the apply; the forwarder
 * (workers/federation/forwarder.ts) reads after its cursor, sends, and only then moves the cursor and trims.
 * Nothing unsent is trimmed for its age; past the outbox's size the script counts an overflow instead, and the
 * forwarder answers it with a snapshot of current values.
 */

/** A forwarded figure as the outbox holds it: [indicator, unit, period, num, den, observedAt, source]. */
export type OutboxItem = [string, string, string, number, number | null, number, string];

export interface UnsentRange {
  /** The id of the last entry read: the cursor once these are sent. */
  lastId: string;
  firstId: string;
  items: OutboxItem[];
}

export interface OutboxStatus {
  backlog: number;
  oldestUnsentAt: number | null;
  /** Overflows not yet answered by a snapshot. */
  overflow: boolean;
  overflows: number;
  /** A snapshot of current values has gone up at least once (the link's first connection). */
  introduced: boolean;
}

/** This installation's id, made once (SET NX) and kept: forwarded origins carry it, and a loop is refused by it. */
export async function instanceId(redis: RedisClient, keys: Keys): Promise<string> {
  await redis.set(keys.instance(), randomUUID().slice(0, 8), 'NX');
  return (await redis.get(keys.instance()))!;
}

async function cursor(redis: RedisClient, keys: Keys): Promise<string> {
  return (await redis.hget(keys.outboxState(), 'sent')) ?? '0-0';
}

/** The entries after the cursor, up to about `maxItems` figures (whole entries; at least one). */
export async function readUnsent(redis: RedisClient, keys: Keys, maxItems: number): Promise<UnsentRange | undefined> {
  let after = await cursor(redis, keys);
  const out: UnsentRange = { lastId: after, firstId: '', items: [] };
  while (out.items.length < maxItems) {
    // a few entries at a time: an entry holds a whole batch (up to 5,000 figures), and one is often enough
    const entries = (await redis.xrange(keys.outbox(), `(${after}`, '+', 'COUNT', 2)) as [string, string[]][];
    if (entries.length === 0) break;
    for (const [id, fields] of entries) {
      const items = JSON.parse(fields[fields.indexOf('items') + 1] ?? '[]') as OutboxItem[];
      if (out.items.length > 0 && out.items.length + items.length > maxItems) return out;
      out.firstId ||= id;
      out.items.push(...items);
      out.lastId = id;
      after = id;
    }
  }
  return out.items.length > 0 ? out : undefined;
}

/** After the upper side answered: the cursor moves past the range, its entries go, the backlog shrinks. */
export async function markSent(redis: RedisClient, keys: Keys, range: UnsentRange): Promise<void> {
  await redis
    .multi()
    .hset(keys.outboxState(), 'sent', range.lastId)
    .hincrby(keys.outboxState(), 'pending', -range.items.length)
    .xtrim(keys.outbox(), 'MINID', range.lastId)
    .xdel(keys.outbox(), range.lastId)
    .exec();
}

/** The outbox now; with `sending`, as it will be once that range is sent (the report a batch carries up). */
export async function outboxStatus(redis: RedisClient, keys: Keys, sending?: UnsentRange): Promise<OutboxStatus> {
  const [h, sent] = await Promise.all([redis.hgetall(keys.outboxState()), cursor(redis, keys)]);
  const next = (await redis.xrange(keys.outbox(), `(${sending?.lastId ?? sent}`, '+', 'COUNT', 1)) as [string, string[]][];
  const overflows = Number(h.overflows ?? 0);
  return {
    backlog: Math.max(0, Number(h.pending ?? 0) - (sending?.items.length ?? 0)),
    oldestUnsentAt: next[0] ? Number(next[0][0].split('-')[0]) : null,
    overflow: overflows > Number(h.snapshotted ?? 0),
    overflows,
    introduced: h.snapshotted !== undefined,
  };
}

/** A snapshot answered the overflows counted up to `overflows` (later ones stay pending). */
export async function markSnapshotted(redis: RedisClient, keys: Keys, overflows: number): Promise<void> {
  await redis.hset(keys.outboxState(), 'snapshotted', overflows);
}

/**
 * Every leaf figure this instance holds (not its rollups), for the snapshot that replaces an overflowed history,
 * `chunk` at a time. Keys are `latest:<indicator>:<parent>:<period>` (store/keys.ts).
 */
export async function* currentLeafFigures(redis: RedisClient, keys: Keys, chunk: number): AsyncGenerator<OutboxItem[]> {
  let out: OutboxItem[] = [];
  for await (const key of scanKeys(redis, `${keys.prefix}latest:*`)) {
    const [indicator, , period] = key.slice(`${keys.prefix}latest:`.length).split(':');
    if (!indicator || !period) continue;
    for (const [unit, enc] of Object.entries(await redis.hgetall(key))) {
      const [num, den, at, source] = enc.split('|');
      if (source === 'rollup' || source === undefined) continue;
      out.push([indicator, unit, period, Number(num), den ? Number(den) : null, Number(at), source]);
      if (out.length >= chunk) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length > 0) yield out;
}

/** The upstream link as the lower instance's /api/v1/health shows it. */
export type UpstreamHealth = UpstreamStatus;

export async function readUpstreamHealth(redis: RedisClient, keys: Keys, url: string, downAfterMs: number, nowMs = Date.now()): Promise<UpstreamHealth> {
  const [h, s] = await Promise.all([redis.hgetall(keys.upstream()), outboxStatus(redis, keys)]);
  const num = (v: string | undefined) => (v ? Number(v) : null);
  const lastSentAt = num(h.lastSentAt);
  const facts = { lastSeenAt: lastSentAt, refusedAt: num(h.refusedAt), backlog: s.backlog, oldestUnsentAt: s.oldestUnsentAt, overflow: s.overflow };
  const errorIsNews = h.lastErrorAt !== undefined && (lastSentAt === null || Number(h.lastErrorAt) >= lastSentAt);
  return {
    url,
    state: linkState(facts, nowMs, { downAfterMs, lagAfterMs: downAfterMs }),
    backlog: s.backlog,
    oldestUnsentAt: s.oldestUnsentAt,
    lastSentAt,
    lastError: errorIsNews ? (h.lastError ?? null) : (h.lastRejection ?? null),
  };
}
