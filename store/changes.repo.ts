import type { Redis } from 'ioredis';
import type { AlertEvent } from '../core/alerts/alert';
import type { MetricValue } from '../core/contract/metrics';
import type { Keys } from './keys';
import { changeItemToValue, type ChangeItem } from './value-codec';

export interface ChangeEntry {
  id: string;
  source: string;
  values: MetricValue[];
  /** An access revocation (a display token, a user) that every server instance acts on. */
  revoke?: { display?: string; user?: string };
  /** An alert event (a transition or an operator's action), pushed as `alert:changed`. */
  alert?: AlertEvent;
  /** An alert rule changed ("indicator|scope"): evaluators reload their rules. */
  rules?: string;
}

function parseEntries(raw: [string, string[]][]): ChangeEntry[] {
  return raw.map(([id, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    const items = JSON.parse(f.items ?? '[]') as ChangeItem[];
    const entry: ChangeEntry = { id, source: f.src ?? '', values: items.map(changeItemToValue) };
    if (f.revoke) entry.revoke = JSON.parse(f.revoke) as ChangeEntry['revoke'];
    if (f.alert) entry.alert = JSON.parse(f.alert) as AlertEvent;
    if (f.rules) entry.rules = f.rules;
    return entry;
  });
}

/** Stream ids compare as (ms, seq) pairs. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am === bm ? as - bs : am - bm;
}

/**
 * Every change after `since`, or `undefined` when the stream no longer holds all of them (trimmed past `since`):
 * the caller then sends a fresh snapshot instead.
 */
export async function readChangesSince(redis: Redis, keys: Keys, since: string, limit = 5000): Promise<ChangeEntry[] | undefined> {
  const first = (await redis.xrange(keys.changes(), '-', '+', 'COUNT', 1)) as [string, string[]][];
  const oldest = first[0]?.[0];
  if (oldest && compareIds(oldest, since) > 0) {
    // the oldest entry kept is newer than `since`: entries between may have been trimmed, unless since is just before it
    const info = (await redis.xinfo('STREAM', keys.changes())) as unknown[];
    const idx = info.indexOf('max-deleted-entry-id');
    const maxDeleted = idx >= 0 ? String(info[idx + 1]) : '0-0';
    if (compareIds(maxDeleted, since) > 0) return undefined;
  }
  const raw = (await redis.xrange(keys.changes(), `(${since}`, '+', 'COUNT', limit)) as [string, string[]][];
  if (raw.length === limit) return undefined;
  return parseEntries(raw);
}

/** Blocking read of the next entries after `lastId` (use a dedicated connection). */
export async function readChangesBlocking(redis: Redis, keys: Keys, lastId: string, blockMs: number): Promise<ChangeEntry[]> {
  const reply = (await redis.xread('COUNT', 200, 'BLOCK', blockMs, 'STREAMS', keys.changes(), lastId)) as
    | [string, [string, string[]][]][]
    | null;
  return reply?.[0] ? parseEntries(reply[0][1]) : [];
}

export async function lastChangeId(redis: Redis, keys: Keys): Promise<string> {
  const last = (await redis.xrevrange(keys.changes(), '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0-0';
}
