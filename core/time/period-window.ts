import { periodKindOf, periodStartMs, VN_OFFSET_MS } from './period';

/**
 * The time window a period covers, [start, end) in epoch ms, Viet Nam time: `2026-11-28` is 28/11 00:00 to 29/11
 * 00:00, `2026-11` the month, `2026-Q4` the quarter, `2026` the year. Undefined for `live` and for what is not a
 * period. The apply script clamps a figure's series bucket into its period's window, so a late correction of an
 * earlier period lands in that period's history, never in today's trend.
 */
export function periodWindowMs(period: string): [number, number] | undefined {
  const kind = periodKindOf(period);
  const start = periodStartMs(period);
  if (kind === undefined || kind === 'live' || start === undefined) return undefined;
  const t = new Date(start + VN_OFFSET_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const months = kind === 'day' ? 0 : kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const end = kind === 'day' ? start + 86400_000 : Date.UTC(y, m + months, 1) - VN_OFFSET_MS;
  return [start, end];
}

/** `at` moved into [start, end): a figure observed after its period ended belongs to the period's last moment. */
export function clampIntoWindow(at: number, window: readonly [number, number] | undefined): number {
  if (!window) return at;
  return Math.min(Math.max(at, window[0]), window[1] - 1);
}
