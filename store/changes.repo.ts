import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../platform/redis';
import type { AlertEvent } from '../core/alerts/alert';
import type { MetricValue } from '../core/contract/metrics';
import { compareStreamIds } from '../core/contract/stream-id';
import type { Keys } from './keys';

/*
 * The change stream (`…:changes`, DESIGN §2): one entry per applied batch, alert event, rule change or revocation.
 * Its entries are written by appendChange below and, for applied batches, by store/lua/apply-batch.lua in the same
 * layout; they are read by readChangesSince / readChangesBlocking. Fields of an entry:
 *
 *   src     who wrote it: a batch's source id, or 'access', 'alerts', 'rules'
 *   batch   (applied batch) the batch id
 *   items   (applied batch) the figures it changed, one per line ("\n" between items, none after the last):
 *             indicator|unit|period|value|num|den|observedAt|source|reporting
 *           numbers in decimal (any form Number() reads back to the same double: Lua writes %.17g), value, den and
 *           reporting empty when null (reporting: a rolled-up parent's count of reporting children). From num on,
 *           an item is a latest-value encoding (store/value-codec.ts), so the script writes the text it has already
 *           built. No field can hold "|" or a line break: ids and codes come from the catalog and the unit registry,
 *           periods are validated, and the script refuses a source with "|" (origin paths allow no line break).
 *           Entries of releases before 07/12/2026 hold a JSON array of [the same nine, null for empty] instead;
 *           they are still read.
 *   revoke  (access) JSON { display?, user? }
 *   alert   (alerts) JSON AlertEvent
 *   rules   (rules) "indicator|scope" of the rule that changed
 *
 * Stream ids compare with core/contract/stream-id.ts.
 */

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

/**
 * How much of the change stream is kept for reconnect replay: every entry of the last `windowMs`, at most `maxLen`
 * entries (a memory cap for very high ingest rates). A client whose gap is older gets a snapshot.
 */
export interface ChangeRetention {
  maxLen: number;
  windowMs: number;
}

export function retentionOf(cfg: { CHANGES_MAXLEN: number; CHANGES_WINDOW_MS: number }): ChangeRetention {
  return { maxLen: cfg.CHANGES_MAXLEN, windowMs: cfg.CHANGES_WINDOW_MS };
}

/** The stream id below which entries may be trimmed: `windowMs` before now. */
export function trimMinId(retention: ChangeRetention, nowMs: number): string {
  return `${Math.max(0, nowMs - retention.windowMs)}-0`;
}

/** One change-stream entry, object-shaped: its fields as laid out at the top of this file. */
export type ChangeFields =
  | { src: string; batch: string; values: readonly MetricValue[] }
  | { src: 'access'; revoke: string }
  | { src: 'alerts'; alert: string }
  | { src: 'rules'; rules: string };

const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));

/** The `items` text of an applied batch's entry (the layout at the top of this file). */
export function encodeChangeItems(values: readonly MetricValue[]): string {
  return values
    .map((v) => `${v.indicator}|${v.unit}|${v.period}|${num(v.value)}|${num(v.num)}|${num(v.den)}|${num(v.observedAt)}|${v.source}|${num(v.reporting)}`)
    .join('\n');
}

/**
 * Which items of an entry a reader wants, from their indicator, unit and period: the others are skipped before the
 * rest of their line is read (the relay wants the units some socket watches, the alert evaluator those a rule judges).
 */
export type ChangeItemFilter = (indicator: string, unit: string, period: string) => boolean;

/**
 * The figures of an `items` text (those `want` keeps, when given); one scan, no intermediate arrays (the relay and the
 * alert evaluator read every item of every batch).
 */
export function decodeChangeItems(text: string, want?: ChangeItemFilter): MetricValue[] {
  if (text.startsWith('[')) {
    const all = decodeLegacyItems(text);
    return want ? all.filter((v) => want(v.indicator, v.unit, v.period)) : all;
  }
  const out: MetricValue[] = [];
  const end = text.length;
  let p = 0;
  const field = () => {
    const q = text.indexOf('|', p);
    const f = text.slice(p, q);
    p = q + 1;
    return f;
  };
  while (p < end) {
    const indicator = field(), unit = field(), period = field();
    let eol = text.indexOf('\n', p);
    if (eol < 0) eol = end;
    if (want && !want(indicator, unit, period)) {
      p = eol + 1;
      continue;
    }
    const value = field(), n = field(), den = field(), at = field(), source = field();
    const reporting = text.slice(p, eol);
    p = eol + 1;
    const v: MetricValue = { indicator, unit, period, value: value === '' ? null : Number(value), num: Number(n), den: den === '' ? null : Number(den), observedAt: Number(at), source };
    if (reporting !== '') v.reporting = Number(reporting);
    out.push(v);
  }
  return out;
}

type LegacyItem = [string, string, string, number | null, number, number | null, number, string, number | null];
function decodeLegacyItems(text: string): MetricValue[] {
  return (JSON.parse(text) as LegacyItem[]).map(([indicator, unit, period, value, n, den, observedAt, source, reporting]) => {
    const v: MetricValue = { indicator, unit, period, value, num: n, den, observedAt, source };
    if (reporting !== null) v.reporting = reporting;
    return v;
  });
}

/**
 * The one writer of change-stream entries from TypeScript: adds the entry to `multi` (so it commits with the change
 * it announces) and trims the stream to its retention, by time and by count.
 */
export function appendChange(
  multi: ChainableCommander,
  keys: Keys,
  retention: ChangeRetention,
  fields: ChangeFields,
  nowMs = Date.now(),
): ChainableCommander {
  const flat = 'values' in fields ? ['src', fields.src, 'batch', fields.batch, 'items', encodeChangeItems(fields.values)] : Object.entries(fields).flat();
  return multi
    .xadd(keys.changes(), 'MAXLEN', '~', retention.maxLen, '*', ...flat)
    .xtrim(keys.changes(), 'MINID', '~', trimMinId(retention, nowMs));
}

function parseEntries(raw: [string, string[]][], want?: ChangeItemFilter): ChangeEntry[] {
  return raw.map(([id, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    const items = f.items;
    // with a filter, an entry's items are decoded when first read: the reader's filter then sees its own state as of
    // that entry (the alert evaluator's rules reloaded by an earlier entry of the same read)
    let values: MetricValue[] | undefined = items && want ? undefined : items ? decodeChangeItems(items) : [];
    const entry: ChangeEntry = {
      id,
      source: f.src ?? '',
      get values() {
        return (values ??= decodeChangeItems(items!, want));
      },
    };
    if (f.revoke) entry.revoke = JSON.parse(f.revoke) as ChangeEntry['revoke'];
    if (f.alert) entry.alert = JSON.parse(f.alert) as AlertEvent;
    if (f.rules) entry.rules = f.rules;
    return entry;
  });
}

/** Stream ids compare as (ms, seq) pairs: core/contract/stream-id.ts. */
export const compareIds = compareStreamIds;

/**
 * Whether the stream, whose oldest and newest ids are given, still holds every entry after `since`. `since` is a seq
 * this stream gave out (an entry's id, or '0-0' before any): the entries after it are all there exactly when it is at
 * or after the oldest entry kept, since trimming removes entries from the head only. When `since` is older than the
 * oldest entry, the entries between may have been trimmed (XINFO's max-deleted-entry-id does not move on trimming,
 * so it cannot tell): not covered. A `since` beyond the newest entry is from another stream (Redis lost its data, or
 * another instance's): not covered either. An empty stream covers only '0-0'.
 */
export function streamCovers(since: string, oldest: string | undefined, newest: string | undefined): boolean {
  if (oldest === undefined || newest === undefined) return since === '0-0';
  return compareIds(oldest, since) <= 0 && compareIds(since, newest) <= 0;
}

/**
 * Every change after `since`, or `undefined` when the stream no longer holds all of them (trimmed past `since`, or
 * more than `limit` of them): the caller then sends a fresh snapshot instead. Read in one MULTI, so a trim between
 * the range and the check cannot make a partial replay look whole.
 */
export async function readChangesSince(redis: RedisClient, keys: Keys, since: string, limit = 5000): Promise<ChangeEntry[] | undefined> {
  const replies = (await redis
    .multi()
    .xrange(keys.changes(), '-', '+', 'COUNT', 1)
    .xrevrange(keys.changes(), '+', '-', 'COUNT', 1)
    .xrange(keys.changes(), `(${since}`, '+', 'COUNT', limit)
    .exec()) as [Error | null, [string, string[]][]][] | null;
  if (!replies || replies.some(([err]) => err)) throw replies?.find(([err]) => err)?.[0] ?? new Error('change stream read failed');
  const [[, first], [, last], [, raw]] = replies as [[null, [string, string[]][]], [null, [string, string[]][]], [null, [string, string[]][]]];
  if (!streamCovers(since, first[0]?.[0], last[0]?.[0])) return undefined;
  if (raw.length === limit) return undefined;
  return parseEntries(raw);
}

/** Blocking read of the next entries after `lastId` (use a dedicated connection), their items filtered by `want`. */
export async function readChangesBlocking(redis: RedisClient, keys: Keys, lastId: string, blockMs: number, want?: ChangeItemFilter): Promise<ChangeEntry[]> {
  const reply = (await redis.xread('COUNT', 200, 'BLOCK', blockMs, 'STREAMS', keys.changes(), lastId)) as
    | [string, [string, string[]][]][]
    | null;
  return reply?.[0] ? parseEntries(reply[0][1], want) : [];
}

export async function lastChangeId(redis: RedisClient, keys: Keys): Promise<string> {
  const last = (await redis.xrevrange(keys.changes(), '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0-0';
}
