import type { PeriodKind } from '../indicators/indicator';
import { periodWindowMs } from './period-window';

/**
 * How long a past period's figures are kept as a map (its latest values and rollups), and corrections to it taken:
 * day periods for PERIOD_KEEP_DAYS after they end (the daily history of every unit stays in its series, kept as
 * store/keys.ts says); months, quarters and years for two years, like the province and national daily history.
 * Keeping every past day's map for two years would need about 10 GB for the national data set (docs/performance.md,
 * "Memory"); `live` is one period, always kept.
 */
export const LONG_KEEP_DAYS = 730;
const DAY = 86_400_000;

export function periodKeepMs(kind: PeriodKind, dayKeepDays: number): number | undefined {
  if (kind === 'live') return undefined;
  return (kind === 'day' ? dayKeepDays : LONG_KEEP_DAYS) * DAY;
}

/** A period of this kind whose window ended at `endMs` ended more than its keep ago. */
export function endedPastKeep(endMs: number, kind: PeriodKind, nowMs: number, dayKeepDays: number): boolean {
  const keep = periodKeepMs(kind, dayKeepDays);
  return keep !== undefined && endMs + keep < nowMs;
}

/** The period ended more than its keep ago: figures for it are refused (`period_expired`) and its map is pruned. */
export function isExpiredPeriod(period: string, kind: PeriodKind, nowMs: number, dayKeepDays: number): boolean {
  const window = periodWindowMs(period);
  return window !== undefined && endedPastKeep(window[1], kind, nowMs, dayKeepDays);
}

/**
 * A period the pruner may delete: expired for a day more (a batch accepted just before its period expired and applied
 * within that day still finds the rollups it corrects).
 */
export function isPrunablePeriod(period: string, kind: PeriodKind, nowMs: number, dayKeepDays: number): boolean {
  return isExpiredPeriod(period, kind, nowMs - DAY, dayKeepDays);
}
