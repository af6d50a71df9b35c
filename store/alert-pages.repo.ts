import type { AlertEvent, AlertRecord } from '../core/alerts/alert';
import type { RedisClient } from '../platform/redis';
import { firedMember, idOfMember } from './alert-index';
import type { Keys } from './keys';

/**
 * Cursor paging of the alerts and of the alert history (docs/api.md "Paging"). Alerts are read newest first from a
 * lex sorted set of "firedAt|id" (store/alert-index.ts), history newest first from its stream: in both the position
 * of an item is fixed when it is written, so a cursor (the last position a page looked at) never skips or repeats an
 * item, whatever fires, resolves or is pruned meanwhile. A page scans at most `scanMax` positions: a filtered page may
 * hold fewer than `limit` items and still have a next one; the list ends when nextCursor is null.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest<T> {
  /** As a previous page answered it; absent for the first page. */
  cursor?: string;
  limit: number;
  keep: (item: T) => boolean;
  /** Positions scanned at most for one page (default 20,000). */
  scanMax?: number;
}

const CHUNK = 500;
const SCAN_MAX = 20_000;
const ALERT_CURSOR = /^a1:(\d{15}\|[^|]{1,80})$/;
const HISTORY_CURSOR = /^h1:(\d{1,15}-\d{1,20})$/;

const encode = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
/** The inside of an opaque cursor, or undefined when it is not one of ours. */
function decode(cursor: string, shape: RegExp): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  return shape.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
}

export const isAlertCursor = (c: string): boolean => decode(c, ALERT_CURSOR) !== undefined;
export const isHistoryCursor = (c: string): boolean => decode(c, HISTORY_CURSOR) !== undefined;

/** Reads positions newest first after `after` (exclusive) in chunks, keeps what passes, stops at `limit` kept or `scanMax` read. */
async function scan<T>(
  read: (after: string | undefined, count: number) => Promise<{ position: string; item: T | undefined }[]>,
  after: string | undefined,
  req: PageRequest<T>,
  cursorOf: (position: string) => string,
): Promise<Page<T>> {
  const items: T[] = [];
  const scanMax = req.scanMax ?? SCAN_MAX;
  let scanned = 0;
  let last = after;
  for (;;) {
    const want = Math.min(CHUNK, scanMax - scanned);
    const chunk = await read(last, want);
    for (const { position, item } of chunk) {
      last = position;
      scanned += 1;
      if (item !== undefined && req.keep(item)) items.push(item);
      if (items.length >= req.limit) return { items, nextCursor: cursorOf(position) };
    }
    if (chunk.length < want || last === undefined) return { items, nextCursor: null }; // the end of the list
    if (scanned >= scanMax) return { items, nextCursor: cursorOf(last) };
  }
}

export interface AlertRange {
  /** Only the open (firing) alerts: their own index. */
  open: boolean;
  /** Fired at or after / at or before (epoch ms): narrows the index range itself. */
  from?: number;
  to?: number;
}

/** A page of alerts, newest fired first (then by id), that pass `keep`. A bad cursor is refused by isAlertCursor first. */
export async function pageAlerts(redis: RedisClient, keys: Keys, range: AlertRange, req: PageRequest<AlertRecord>): Promise<Page<AlertRecord>> {
  const key = range.open ? keys.alertsOpenByFired() : keys.alertsByFired();
  const low = range.from === undefined ? '-' : `[${firedMember({ firedAt: range.from, id: '' })}`;
  const top = range.to === undefined ? '+' : `(${firedMember({ firedAt: range.to + 1, id: '' })}`;
  const read = async (after: string | undefined, count: number) => {
    const members = await redis.zrange(key, after === undefined ? top : `(${after}`, low, 'BYLEX', 'REV', 'LIMIT', 0, count);
    if (members.length === 0) return [];
    const raw = await redis.hmget(keys.alerts(), ...members.map(idOfMember));
    return members.map((position, i) => ({ position, item: raw[i] ? (JSON.parse(raw[i]!) as AlertRecord) : undefined }));
  };
  const after = req.cursor === undefined ? undefined : decode(req.cursor, ALERT_CURSOR);
  return scan(read, after, req, (m) => encode(`a1:${m}`));
}

/** A page of the alert history, newest first, of the events that pass `keep`. */
export async function pageAlertHistory(redis: RedisClient, keys: Keys, req: PageRequest<AlertEvent>): Promise<Page<AlertEvent>> {
  const read = async (after: string | undefined, count: number) => {
    const entries = (await redis.xrevrange(keys.alertHistory(), after === undefined ? '+' : `(${after}`, '-', 'COUNT', count)) as [string, string[]][];
    return entries.map(([position, fields]) => ({ position, item: JSON.parse(fields[1] ?? '{}') as AlertEvent }));
  };
  const after = req.cursor === undefined ? undefined : decode(req.cursor, HISTORY_CURSOR);
  return scan(read, after, req, (id) => encode(`h1:${id}`));
}
