import { SERIES_MAX_SPAN_MS } from '../../core/contract/series';
import { currentPeriod, periodStartMs } from '../../core/time/period';
import type { UnitLevel } from '../../core/units/unit';
import type { HistoryRange } from '../navigation/view-query';

export interface HistoryPoint {
  t: number;
  value: number | null;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const RANGE_MS: Record<HistoryRange, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY };

/**
 * What the detail panel's chart covers: a preset ending now, or a from–to span of whole Vietnam days (both inclusive,
 * as the URL holds it: `from=2026-11-01&to=2026-11-30`).
 */
export type HistoryWindow = { kind: 'preset'; range: HistoryRange } | { kind: 'span'; from: string; to: string };

export interface WindowMs {
  from: number;
  to: number;
}

/**
 * Communes keep daily buckets only (90 days), so a commune's 24 h range would be one or two points: it is not offered,
 * and a request for it becomes 7 days. Without a request: 24 h above the commune level, 7 days for a commune.
 */
export function rangeAllowed(range: HistoryRange, level: UnitLevel | undefined): boolean {
  return !(level === 'commune' && range === '24h');
}

export function effectiveRange(requested: HistoryRange | null, level: UnitLevel | undefined): HistoryRange {
  const wanted = requested ?? (level === 'commune' ? '7d' : '24h');
  return rangeAllowed(wanted, level) ? wanted : '7d';
}

/** The window the URL asks for: its from–to span when it has one, else the preset. */
export function historyWindow(q: { range: HistoryRange | null; from: string | null; to: string | null }, level: UnitLevel | undefined): HistoryWindow {
  if (q.from && q.to) return { kind: 'span', from: q.from, to: q.to };
  return { kind: 'preset', range: effectiveRange(q.range, level) };
}

/** The window in epoch ms: a preset ends now; a span runs from its first day's midnight to the midnight after its last. */
export function windowMs(w: HistoryWindow, now: number): WindowMs {
  if (w.kind === 'preset') return { from: now - RANGE_MS[w.range], to: now };
  return { from: periodStartMs(w.from)!, to: periodStartMs(w.to)! + DAY };
}

/** The query of `/api/v1/series` for a window: a preset by name (its answer is cached by name), a span by its dates. */
export function seriesSpec(w: HistoryWindow): string {
  return w.kind === 'preset' ? `range=${w.range}` : `from=${w.from}&to=${w.to}`;
}

/**
 * The previous period of the same length: the window just before this one, asked by from–to in ms (rounded down to
 * the minute, so a refresh within the minute asks the same).
 */
export function previousWindow(w: WindowMs): WindowMs {
  const len = w.to - w.from;
  const from = Math.floor((w.from - len) / 60_000) * 60_000;
  return { from, to: from + len };
}

export const msSpec = (w: WindowMs): string => `from=${w.from}&to=${w.to}`;

/** Points of an earlier window moved forward by `shiftMs`, the buckets overlapping [from, to) kept: drawn over the current window. */
export function shiftOnto(points: readonly HistoryPoint[], shiftMs: number, onto: WindowMs, bucketMs: number): HistoryPoint[] {
  return [...points]
    .map((p) => ({ t: p.t + shiftMs, value: p.value }))
    .filter((p) => p.t > onto.from - bucketMs && p.t < onto.to)
    .sort((a, b) => a.t - b.t);
}

/** Label the time axis with dates (windows longer than a day) instead of hours. */
export const showsDates = (w: WindowMs): boolean => w.to - w.from > DAY;

/** Why a span picked in the two date inputs cannot be shown, or null when it can. `today`: the Vietnam date now. */
export type SpanProblem = 'missing' | 'order' | 'future' | 'long';
export function spanProblem(from: string, to: string, today: string): SpanProblem | null {
  const a = periodStartMs(from);
  const b = periodStartMs(to);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || a === undefined || b === undefined) return 'missing';
  if (a > b) return 'order';
  if (from > today) return 'future';
  if (b + DAY - a > SERIES_MAX_SPAN_MS) return 'long';
  return null;
}

/** The Vietnam date (YYYY-MM-DD) of an instant. */
export const vnDate = (ms: number): string => currentPeriod('day', ms);

/** A day as a person types it on this product, `25/11/2026` (day first, a four-digit year), or ISO `2026-11-25`. */
export function parseDayInput(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const day = iso ? t : vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : null;
  return day && periodStartMs(day) !== undefined ? day : null;
}

/** `2026-11-25` → `25/11/2026`, as the date inputs show it. */
export const dayInputText = (day: string): string => day.split('-').reverse().join('/');

/** The numbers a summary line needs: the last value and the change over the range. */
export function seriesSummary(points: readonly HistoryPoint[]): { last: number | null; first: number | null; min: number | null; max: number | null } {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { last: null, first: null, min: null, max: null };
  return { last: values[values.length - 1]!, first: values[0]!, min: Math.min(...values), max: Math.max(...values) };
}
