import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { getJson } from '../api/http';
import { MAX_TREND_POINTS, type TrendPoint } from '../charts/trend.option';

interface SeriesAnswer {
  indicator: string;
  unit: string;
  resolution: string;
  points: Array<{ t: number; value: number | null }>;
}

interface Entry {
  fetchedAt: number;
  points: readonly TrendPoint[];
}

/** Refetch a trend after this long; between fetches the live value is appended by the view. */
export const SERIES_MAX_AGE_MS = 5 * 60_000;

function seriesKey(indicator: string, unit: string, range: string): string {
  return `${indicator}|${unit}|${range}`;
}

/** History for trends, from `/api/v1/series` (bulk data over HTTP, never the socket). Holds only what is shown. */
export const useSeriesStore = defineStore('series', () => {
  const entries = shallowRef<ReadonlyMap<string, Entry>>(new Map());
  const inFlight = new Set<string>();

  function points(indicator: string, unit: string, range = '24h'): readonly TrendPoint[] {
    return entries.value.get(seriesKey(indicator, unit, range))?.points ?? [];
  }

  async function ensure(indicator: string, unit: string, range = '24h'): Promise<void> {
    const key = seriesKey(indicator, unit, range);
    const entry = entries.value.get(key);
    if (inFlight.has(key) || (entry && Date.now() - entry.fetchedAt < SERIES_MAX_AGE_MS)) return;
    inFlight.add(key);
    try {
      const q = new URLSearchParams({ indicator, unit, range });
      const body = await getJson<SeriesAnswer>(`/api/v1/series?${q.toString()}`);
      const pts = (Array.isArray(body.points) ? body.points : [])
        .filter((p) => Number.isFinite(p.t))
        .map((p) => ({ t: p.t, value: typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null }))
        .slice(-MAX_TREND_POINTS);
      const next = new Map(entries.value);
      next.set(key, { fetchedAt: Date.now(), points: pts });
      entries.value = next;
    } catch {
      // a trend is decoration: keep the last one and try again on the next refresh
    } finally {
      inFlight.delete(key);
    }
  }

  /** What each scene shows (its name → series keys): a trend is kept while any scene shows it. */
  const shownBy = new Map<string, Set<string>>();

  /**
   * The trends `owner` shows now; trends no scene shows any more are dropped, so a screen left running holds only its
   * own. An empty list releases the owner.
   */
  function retain(keep: ReadonlyArray<{ indicator: string; unit: string; range?: string }>, owner = 'main'): void {
    if (keep.length === 0) shownBy.delete(owner);
    else shownBy.set(owner, new Set(keep.map((k) => seriesKey(k.indicator, k.unit, k.range ?? '24h'))));
    const wanted = new Set([...shownBy.values()].flatMap((s) => [...s]));
    if ([...entries.value.keys()].every((k) => wanted.has(k))) return;
    entries.value = new Map([...entries.value].filter(([k]) => wanted.has(k)));
  }

  return { entries, points, ensure, retain };
});
