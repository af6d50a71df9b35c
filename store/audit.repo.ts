import type { RedisClient } from '../platform/redis';
import type { Keys } from './keys';

/** One security event or change: who, when, from where, what, and before → after where it applies. */
export interface AuditEntry {
  id?: string;
  at: number;
  actor: string;
  ip: string;
  action: string;
  target: string;
  /** The unit code of the scope the entry concerns: admins of that scope or above may read it (absent: the nation's). */
  scope?: string;
  detail?: Record<string, unknown>;
}

const MAX_ENTRIES = 100_000;

export async function appendAudit(redis: RedisClient, keys: Keys, e: Omit<AuditEntry, 'id'>): Promise<void> {
  await redis.xadd(keys.audit(), 'MAXLEN', '~', MAX_ENTRIES, '*', 'e', JSON.stringify(e));
}

/** Newest first. */
export async function readAudit(redis: RedisClient, keys: Keys, count = 200, before = '+'): Promise<AuditEntry[]> {
  const raw = (await redis.xrevrange(keys.audit(), before, '-', 'COUNT', count)) as [string, string[]][];
  return raw.map(([id, fields]) => ({ id, ...(JSON.parse(fields[1] ?? '{}') as Omit<AuditEntry, 'id'>) }));
}

/**
 * Newest first, only the entries that match `keep`, paging back through the log (from `before`, as readAudit takes
 * it) until `limit` are found. The next page starts before the last entry returned.
 */
export async function readAuditWhere(
  redis: RedisClient,
  keys: Keys,
  keep: (e: AuditEntry) => boolean,
  limit = 200,
  from = '+',
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let before = from;
  for (;;) {
    const page = await readAudit(redis, keys, 1000, before);
    out.push(...page.filter(keep));
    if (page.length < 1000 || out.length >= limit) return out.slice(0, limit);
    before = `(${page.at(-1)!.id}`;
  }
}
