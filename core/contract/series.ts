import { MIN_OBSERVED_AT_MS } from '../aggregation/limits';
import { periodStartMs, VN_OFFSET_MS } from '../time/period';
import type { UnitLevel } from '../units/unit';

/**
 * The wire of `GET /api/v1/series` (docs/api.md): a unit's history over a preset range or any from–to window, at a
 * resolution chosen from the span and from what the unit's level keeps. Pure: the server checks a request with it and
 * the client builds its requests and reads the answer with the same rules.
 */
export const SERIES_RANGES = { '24h': 86400_000, '7d': 7 * 86400_000, '30d': 30 * 86400_000, '1y': 365 * 86400_000 } as const;
export type SeriesRange = keyof typeof SERIES_RANGES;
export type SeriesResolution = '5m' | '1d';

const DAY = 86400_000;
export const SERIES_BUCKET_MS: Record<SeriesResolution, number> = { '5m': 300_000, '1d': DAY };
/** The start of the bucket of `size` holding `at`: 5-minute buckets on the clock, daily ones at Vietnam midnight. */
export function bucketStartMs(at: number, size: number): number {
  return Math.floor((at + VN_OFFSET_MS) / size) * size - VN_OFFSET_MS;
}

/**
 * The starts of the buckets of `size` that overlap a window [from, to), oldest first: those starting after
 * from − size and before to. The commune history is read bucket by bucket (store/keys.ts communeDay).
 */
export function bucketStartsOverlapping(window: { from: number; to: number }, size: number): number[] {
  let t = bucketStartMs(window.from - size, size);
  if (t <= window.from - size) t += size;
  const out: number[] = [];
  for (; t < window.to; t += size) out.push(t);
  return out;
}
/** 5-minute buckets are kept 48 h (provinces, ministries, the nation); daily buckets 2 years (communes: 90 days). */
export const FIVE_MINUTE_KEEP_MS = 48 * 3600_000;
/** The longest window one request may ask for: the daily retention (2 years) and a day. */
export const SERIES_MAX_SPAN_MS = 731 * DAY;
/** How far past the server's clock a window may end (a whole Vietnam day chosen today ends tonight). */
export const SERIES_MAX_AHEAD_MS = DAY;

export interface SeriesPoint {
  /** Bucket start (epoch ms). */
  t: number;
  value: number | null;
  num: number;
  den: number | null;
}

export interface SeriesSource {
  id: string;
  name: string;
  /** One of the embedded simulator's sources (`sim-*`, named "Mô phỏng — …"). */
  simulated: boolean;
}

export interface SeriesAnswer {
  indicator: string;
  unit: string;
  /** The preset asked for, when one was. */
  range?: SeriesRange;
  /** The window answered, [from, to) in epoch ms. */
  from: number;
  to: number;
  resolution: SeriesResolution;
  bucketMs: number;
  points: SeriesPoint[];
  /** True when a simulated source feeds this unit (its own figures or its children's): the chart says so. */
  simulated: boolean;
  /** The sources that feed the unit: its own, its ancestors' that cover it, and those within it (at most 50). */
  sources: SeriesSource[];
}

/** A simulated source's id, as workers/feeds/simulator names them. */
export const isSimulatedSource = (id: string): boolean => id.startsWith('sim-');

const EPOCH_MS = /^\d{1,15}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An instant of a from–to query: epoch ms, an ISO date-time (without a zone: Vietnam time), or a Vietnam date, which
 * is a whole day — `from=2026-11-01` starts at its midnight, `to=2026-11-30` ends at the next midnight. Undefined when
 * it is none of those.
 */
export function parseInstant(text: string, edge: 'from' | 'to'): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  if (DATE.test(text)) {
    const start = periodStartMs(text);
    if (start === undefined) return undefined;
    return edge === 'from' ? start : start + DAY;
  }
  const m = DATE_TIME.exec(text);
  if (!m || periodStartMs(m[1]!) === undefined || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return undefined;
  const ms = Date.parse(m[5] ? text : `${text}+07:00`);
  return Number.isFinite(ms) ? ms : undefined;
}

export type SeriesWindow = { from: number; to: number } | { error: string };

/** A from–to window checked: both instants readable, from < to, within the span limit, not in the future. */
export function checkWindow(fromText: string, toText: string | undefined, nowMs: number): SeriesWindow {
  const from = parseInstant(fromText, 'from');
  if (from === undefined) return { error: `from: not a date (YYYY-MM-DD), an ISO date-time or epoch ms: '${fromText.slice(0, 40)}'` };
  const to = toText === undefined ? nowMs + 1 : parseInstant(toText, 'to');
  if (to === undefined) return { error: `to: not a date (YYYY-MM-DD), an ISO date-time or epoch ms: '${toText!.slice(0, 40)}'` };
  if (from < MIN_OBSERVED_AT_MS) return { error: 'from: before 2000-01-01, nothing is stored that old' };
  if (from >= to) return { error: 'from must be before to' };
  if (from > nowMs) return { error: 'from: in the future, nothing is stored there yet' };
  if (to > nowMs + SERIES_MAX_AHEAD_MS) return { error: 'to: more than a day ahead of the server clock' };
  if (to - from > SERIES_MAX_SPAN_MS) return { error: `the window is longer than ${SERIES_MAX_SPAN_MS / DAY} days` };
  return { from, to };
}

/** A preset range as a window ending now (the bucket holding now included). */
export function rangeWindow(range: SeriesRange, nowMs: number): { from: number; to: number } {
  return { from: nowMs - SERIES_RANGES[range], to: nowMs + 1 };
}

/**
 * 5-minute buckets when the unit's level keeps them (not communes), the window lies within their 48 h retention and
 * spans at most that; daily buckets otherwise.
 */
export function chooseResolution(window: { from: number; to: number }, level: UnitLevel | undefined, nowMs: number): SeriesResolution {
  const fine = level !== 'commune' && window.from >= nowMs - FIVE_MINUTE_KEEP_MS && window.to - window.from <= FIVE_MINUTE_KEEP_MS;
  return fine ? '5m' : '1d';
}
