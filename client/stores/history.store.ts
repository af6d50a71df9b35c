import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { getJson } from '../api/http';
import type { HistoryPoint } from '../charts/history.model';
import type { HistoryRange } from '../views/view-query';

interface SeriesAnswer {
  resolution?: string;
  points?: Array<{ t: number; value: number | null }>;
}

export interface HistoryEntry {
  fetchedAt: number;
  resolution: string;
  points: readonly HistoryPoint[];
}

/** Refetch a shown history after this long. */
export const HISTORY_MAX_AGE_MS = 60_000;
/** Histories kept: the detail panel's line, its comparison, the previous period's wider range and a few recent. */
const MAX_ENTRIES = 12;
/** A year of daily buckets and a bit. */
const MAX_POINTS = 400;

const key = (indicator: string, unit: string, range: HistoryRange) => `${indicator}|${unit}|${range}`;

/** Unit histories for the detail panel, from `/api/v1/series` (bulk data over HTTP): bounded, newest kept. */
export const useHistoryStore = defineStore('history', () => {
  const entries = shallowRef<ReadonlyMap<string, HistoryEntry>>(new Map());
  const errors = shallowRef<ReadonlyMap<string, string>>(new Map());
  const inFlight = new Set<string>();

  function get(indicator: string, unit: string, range: HistoryRange): HistoryEntry | undefined {
    return entries.value.get(key(indicator, unit, range));
  }

  function error(indicator: string, unit: string, range: HistoryRange): string | undefined {
    return errors.value.get(key(indicator, unit, range));
  }

  async function ensure(indicator: string, unit: string, range: HistoryRange): Promise<void> {
    const k = key(indicator, unit, range);
    const entry = entries.value.get(k);
    if (inFlight.has(k) || (entry && Date.now() - entry.fetchedAt < HISTORY_MAX_AGE_MS)) return;
    inFlight.add(k);
    try {
      const q = new URLSearchParams({ indicator, unit, range });
      const body = await getJson<SeriesAnswer>(`/api/v1/series?${q.toString()}`);
      const points = (Array.isArray(body.points) ? body.points : [])
        .filter((p) => Number.isFinite(p.t))
        .map((p) => ({ t: p.t, value: typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null }))
        .slice(-MAX_POINTS);
      const next = new Map(entries.value);
      next.delete(k);
      next.set(k, { fetchedAt: Date.now(), resolution: body.resolution ?? '', points });
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
