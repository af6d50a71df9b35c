import { defineStore } from 'pinia';
import type { SeriesSource } from '../../core/contract/series';
import type { HistoryPoint } from '../charts/history.model';
import { createSeriesCache, seriesKey } from './series.cache';

export interface HistoryEntry {
  fetchedAt: number;
  resolution: string;
  bucketMs: number;
  /** The window the server answered, [from, to). */
  from: number;
  to: number;
  points: readonly HistoryPoint[];
  simulated: boolean;
  sources: readonly SeriesSource[];
}

/** Refetch a shown history after this long. */
export const HISTORY_MAX_AGE_MS = 60_000;
/** Histories kept: the detail panel's line, its comparison, the previous period and a few recent. */
const MAX_ENTRIES = 12;
/** Two years of daily buckets and a bit (the longest window the API answers). */
const MAX_POINTS = 740;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Unit histories for the detail panel, from the series cache (series.cache.ts): the answer's window, resolution and
 * sources beside its points, the last error per history, at most MAX_ENTRIES kept (the newest).
 */
export const useHistoryStore = defineStore('history', () => {
  const cache = createSeriesCache<HistoryEntry>({
    maxAgeMs: HISTORY_MAX_AGE_MS,
    maxPoints: MAX_POINTS,
    maxEntries: MAX_ENTRIES,
    entry: (body, points, fetchedAt) => ({
      fetchedAt,
      resolution: body.resolution ?? '',
      bucketMs: finite(body.bucketMs) ? body.bucketMs : 86400_000,
      from: finite(body.from) ? body.from : 0,
      to: finite(body.to) ? body.to : 0,
      points,
      simulated: body.simulated === true,
      sources: Array.isArray(body.sources) ? body.sources.slice(0, 50) : [],
    }),
  });
  const { entries, errors } = cache;

  /** `spec`: the window part of the series query, `range=7d` or `from=…&to=…` (history.model.ts seriesSpec). */
  function get(indicator: string, unit: string, spec: string): HistoryEntry | undefined {
    return entries.value.get(seriesKey(indicator, unit, spec));
  }

  function error(indicator: string, unit: string, spec: string): string | undefined {
    return errors.value.get(seriesKey(indicator, unit, spec));
  }

  return { entries, errors, get, error, ensure: cache.ensure };
});
