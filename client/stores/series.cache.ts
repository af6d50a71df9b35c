import { shallowRef } from 'vue';
import type { SeriesAnswer } from '../../core/contract/series';
import { getJson } from '../api/http';

/** A point as the charts draw it: a bucket's start and its value (null: a gap). */
export interface CachedPoint {
  t: number;
  value: number | null;
}

export interface SeriesCacheOptions<E extends { fetchedAt: number }> {
  /** An entry is fetched again once it is this old. */
  maxAgeMs: number;
  /** The newest points kept of an answer. */
  maxPoints: number;
  /** At most this many entries, the least recently fetched dropped first (unbounded: the caller drops, `keep`). */
  maxEntries?: number;
  /** The entry kept of an answer (its points already checked and cut to `maxPoints`). */
  entry(body: Partial<SeriesAnswer>, points: CachedPoint[], fetchedAt: number): E;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The key of a unit's series over a window; `spec` is the window part of the query (`range=7d`, `from=…&to=…`). */
export const seriesKey = (indicator: string, unit: string, spec: string): string => `${indicator}|${unit}|${spec}`;

/** An answer's points, checked: finite bucket starts, a value or a gap, the newest `max`. */
export function cleanPoints(body: Partial<SeriesAnswer>, max: number): CachedPoint[] {
  return (Array.isArray(body.points) ? body.points : [])
    .filter((p) => finite(p.t))
    .map((p) => ({ t: p.t, value: finite(p.value) ? p.value : null }))
    .slice(-max);
}

/**
 * The one cache of `/api/v1/series` answers (bulk data over HTTP, never the socket), for the stores that show
 * series: one fetch at a time per key, none while an entry is younger than `maxAgeMs`, the last error per key (an
 * entry that failed to refresh keeps its last answer). Entries and errors are replaced, never mutated: a view
 * re-reads them when either changes.
 */
export function createSeriesCache<E extends { fetchedAt: number }>(o: SeriesCacheOptions<E>) {
  const entries = shallowRef<ReadonlyMap<string, E>>(new Map());
  const errors = shallowRef<ReadonlyMap<string, string>>(new Map());
  const inFlight = new Set<string>();

  async function ensure(indicator: string, unit: string, spec: string): Promise<void> {
    const k = seriesKey(indicator, unit, spec);
    const entry = entries.value.get(k);
    if (inFlight.has(k) || (entry && Date.now() - entry.fetchedAt < o.maxAgeMs)) return;
    inFlight.add(k);
    try {
      const q = new URLSearchParams({ indicator, unit });
      const body = await getJson<Partial<SeriesAnswer>>(`/api/v1/series?${q.toString()}&${spec}`);
      const next = new Map(entries.value);
      next.delete(k);
      next.set(k, o.entry(body, cleanPoints(body, o.maxPoints), Date.now()));
      while (o.maxEntries !== undefined && next.size > o.maxEntries) next.delete(next.keys().next().value as string);
      entries.value = next;
      if (errors.value.has(k)) errors.value = new Map([...errors.value].filter(([e]) => e !== k));
    } catch (e) {
      errors.value = new Map(errors.value).set(k, e instanceof Error ? e.message : String(e));
    } finally {
      inFlight.delete(k);
    }
  }

  /** Drops the entries (and errors) whose key `wanted` refuses. */
  function keep(wanted: (key: string) => boolean): void {
    if ([...entries.value.keys()].some((k) => !wanted(k))) entries.value = new Map([...entries.value].filter(([k]) => wanted(k)));
    if ([...errors.value.keys()].some((k) => !wanted(k))) errors.value = new Map([...errors.value].filter(([k]) => wanted(k)));
  }

  return { entries, errors, ensure, keep };
}
