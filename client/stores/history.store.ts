import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { SeriesAnswer, SeriesSource } from '../../core/contract/series';
import { getJson } from '../api/http';
import type { HistoryPoint } from '../charts/history.model';

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

/** `spec`: the window part of the series query, `range=7d` or `from=…&to=…` (history.model.ts seriesSpec). */
const key = (indicator: string, unit: string, spec: string) => `${indicator}|${unit}|${spec}`;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Unit histories for the detail panel, from `/api/v1/series` (bulk data over HTTP): bounded, newest kept. */
export const useHistoryStore = defineStore('history', () => {
  const entries = shallowRef<ReadonlyMap<string, HistoryEntry>>(new Map());
  const errors = shallowRef<ReadonlyMap<string, string>>(new Map());
  const inFlight = new Set<string>();

  function get(indicator: string, unit: string, spec: string): HistoryEntry | undefined {
    return entries.value.get(key(indicator, unit, spec));
  }

  function error(indicator: string, unit: string, spec: string): string | undefined {
    return errors.value.get(key(indicator, unit, spec));
  }

  async function ensure(indicator: string, unit: string, spec: string): Promise<void> {
    const k = key(indicator, unit, spec);
    const entry = entries.value.get(k);
    if (inFlight.has(k) || (entry && Date.now() - entry.fetchedAt < HISTORY_MAX_AGE_MS)) return;
    inFlight.add(k);
    try {
      const q = new URLSearchParams({ indicator, unit });
      const body = await getJson<Partial<SeriesAnswer>>(`/api/v1/series?${q.toString()}&${spec}`);
      const points = (Array.isArray(body.points) ? body.points : [])
        .filter((p) => finite(p.t))
        .map((p) => ({ t: p.t, value: finite(p.value) ? p.value : null }))
        .slice(-MAX_POINTS);
      const next = new Map(entries.value);
      next.delete(k);
      next.set(k, {
        fetchedAt: Date.now(),
        resolution: body.resolution ?? '',
        bucketMs: finite(body.bucketMs) ? body.bucketMs : 86400_000,
        from: finite(body.from) ? body.from : 0,
        to: finite(body.to) ? body.to : 0,
        points,
        simulated: body.simulated === true,
        sources: Array.isArray(body.sources) ? body.sources.slice(0, 50) : [],
      });
      while (next.size > MAX_ENTRIES) next.delete(next.keys().next().value as string);
      entries.value = next;
      if (errors.value.has(k)) errors.value = new Map([...errors.value].filter(([e]) => e !== k));
    } catch (e) {
      errors.value = new Map(errors.value).set(k, e instanceof Error ? e.message : String(e));
    } finally {
      inFlight.delete(k);
    }
  }

  return { entries, errors, get, error, ensure };
});
