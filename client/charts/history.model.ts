import type { UnitLevel } from '../../core/units/unit';
import type { HistoryRange } from '../views/view-query';

export interface HistoryPoint {
  t: number;
  value: number | null;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const RANGE_MS: Record<HistoryRange, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY };

/** The bucket size `/api/v1/series` answers with for a range: 5 minutes for 24 h, a day beyond (docs/api.md). */
export function bucketMs(range: HistoryRange): number {
  return range === '24h' ? 5 * 60_000 : DAY;
}

/**
 * Communes keep daily buckets only (90 days), so a commune's 24 h range would be empty: it is not offered, and a
 * request for it becomes 7 days. Without a request: 24 h above the commune level, 7 days for a commune.
 */
export function rangeAllowed(range: HistoryRange, level: UnitLevel | undefined): boolean {
  return !(level === 'commune' && range === '24h');
}

export function effectiveRange(requested: HistoryRange | null, level: UnitLevel | undefined): HistoryRange {
  const wanted = requested ?? (level === 'commune' ? '7d' : '24h');
  return rangeAllowed(wanted, level) ? wanted : '7d';
}

/**
 * Where the previous period comes from: the API serves a unit's history up to 1 year back for a range, so the period
 * before the range is read from the next wider range and shifted forward by the range. 1 year has none wider.
 */
export function previousPlan(range: HistoryRange): { fetch: HistoryRange; shiftMs: number } | null {
  if (range === '24h') return { fetch: '7d', shiftMs: RANGE_MS['24h'] };
  if (range === '7d') return { fetch: '30d', shiftMs: RANGE_MS['7d'] };
  if (range === '30d') return { fetch: '1y', shiftMs: RANGE_MS['30d'] };
  return null;
}

/**
 * The previous period of `range`, drawn over the current window [now − range, now]: the buckets of the wider series
 * that overlap [now − 2·range, now − range], moved forward by the range. Where the wider series is coarser (daily
 * buckets under a 24 h range) each bucket becomes a flat step across its day, clipped to the window, so the line says
 * what it is: a daily figure.
 */
export function previousPeriod(points: readonly HistoryPoint[], range: HistoryRange, now: number): HistoryPoint[] {
  const plan = previousPlan(range);
  if (!plan) return [];
  const shift = plan.shiftMs;
  const from = now - RANGE_MS[range];
  const coarse = bucketMs(plan.fetch) > bucketMs(range);
  const out: HistoryPoint[] = [];
  const sorted = [...points].sort((a, b) => a.t - b.t);
  for (const p of sorted) {
    const start = p.t + shift;
    if (!coarse) {
      if (start >= from && start <= now) out.push({ t: start, value: p.value });
      continue;
    }
    const end = start + bucketMs(plan.fetch);
    if (end <= from || start > now) continue;
    const a = Math.max(start, from);
    const b = Math.min(end, now);
    out.push({ t: a, value: p.value }, { t: b, value: p.value });
  }
  return out;
}

/** The numbers a summary line needs: the last value and the change over the range. */
export function seriesSummary(points: readonly HistoryPoint[]): { last: number | null; first: number | null; min: number | null; max: number | null } {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { last: null, first: null, min: null, max: null };
  return { last: values[values.length - 1]!, first: values[0]!, min: Math.min(...values), max: Math.max(...values) };
}
