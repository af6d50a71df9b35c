import type { FeedRow } from '../../../core/contract/boards';
import type { MetricValue } from '../../../core/contract/metrics';
import { formatNumber } from '../../../core/format';
import type { Locale } from '../../../core/i18n';
import { previousPeriod } from '../../../core/time/period';

/** A KPI's change since the period before the one shown (yesterday for a daily figure). */
export interface KpiChange {
  /** Now − before; null when either has no value, or no earlier period was read. */
  delta: number | null;
  /** The earlier period compared with (null: none, e.g. a live figure). */
  previous: string | null;
}

/**
 * The period to compare each KPI with: the day before the shown day (`GET /api/v1/views?period=` reads one period kind
 * at a time, so only daily figures get "since yesterday"; others say there is nothing to compare with).
 */
export function yesterdayOf(periods: Readonly<Record<string, string>>): string | null {
  const days = Object.values(periods).filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)).sort();
  const newest = days[days.length - 1];
  return newest ? (previousPeriod(newest) ?? null) : null;
}

export function changeSince(now: MetricValue | undefined, before: MetricValue | undefined, shown: string | undefined, read: string | undefined): KpiChange {
  if (!shown || !read || read === shown || read > shown) return { delta: null, previous: null };
  if (now?.value == null || before?.value == null) return { delta: null, previous: read };
  return { delta: now.value - before.value, previous: read };
}

/** "+1,2" / "−0,5" / "0" with the indicator's decimals, vi-VN or en. */
export function signedNumber(delta: number, decimals: number, locale: Locale): { sign: string; text: string } {
  const text = formatNumber(Math.abs(delta), decimals, locale);
  const zero = Number(Math.abs(delta).toFixed(decimals)) === 0;
  return { sign: zero ? '' : delta > 0 ? '+' : '−', text };
}

const FEED_ORDER: Record<FeedRow['state'], number> = { failing: 0, stale: 1, late: 2, never: 3, ok: 4 };

/** The feeds that are not on time, worst first. */
export function lateFeeds(feeds: readonly FeedRow[]): FeedRow[] {
  return feeds.filter((f) => f.state !== 'ok').sort((a, b) => FEED_ORDER[a.state] - FEED_ORDER[b.state] || a.name.localeCompare(b.name, 'vi'));
}
