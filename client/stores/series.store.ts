import { defineStore } from 'pinia';
import { MAX_TREND_POINTS, type TrendPoint } from '../charts/trend.option';
import { createSeriesCache, seriesKey } from './series.cache';

interface Entry {
  fetchedAt: number;
  points: readonly TrendPoint[];
}

/** Refetch a trend after this long; between fetches the live value is appended by the view. */
export const SERIES_MAX_AGE_MS = 5 * 60_000;

const spec = (range: string) => `range=${encodeURIComponent(range)}`;

/**
 * The overviews' trends, from the series cache (series.cache.ts): only the points, kept while a scene shows them
 * (`retain`), and a failed refresh keeps the last trend (a trend is decoration).
 */
export const useSeriesStore = defineStore('series', () => {
  const cache = createSeriesCache<Entry>({
    maxAgeMs: SERIES_MAX_AGE_MS,
    maxPoints: MAX_TREND_POINTS,
    entry: (_body, points, fetchedAt) => ({ fetchedAt, points }),
  });
  const entries = cache.entries;

  function points(indicator: string, unit: string, range = '24h'): readonly TrendPoint[] {
    return entries.value.get(seriesKey(indicator, unit, spec(range)))?.points ?? [];
  }

  function ensure(indicator: string, unit: string, range = '24h'): Promise<void> {
    return cache.ensure(indicator, unit, spec(range));
  }

  /** What each scene shows (its name → series keys): a trend is kept while any scene shows it. */
  const shownBy = new Map<string, Set<string>>();

  /**
   * The trends `owner` shows now; trends no scene shows any more are dropped, so a screen left running holds only its
   * own. An empty list releases the owner.
   */
  function retain(keep: ReadonlyArray<{ indicator: string; unit: string; range?: string }>, owner = 'main'): void {
    if (keep.length === 0) shownBy.delete(owner);
    else shownBy.set(owner, new Set(keep.map((k) => seriesKey(k.indicator, k.unit, spec(k.range ?? '24h')))));
    const wanted = new Set([...shownBy.values()].flatMap((s) => [...s]));
    cache.keep((k) => wanted.has(k));
  }

  return { entries, points, ensure, retain };
});
