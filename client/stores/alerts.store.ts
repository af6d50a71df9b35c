import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import { getJson } from '../api/http';
import { applyEvents, countOpen, mergeRecord, prune, worstFirst } from './alerts.merge';

/** Open alerts kept (the least urgent dropped beyond it) and closed ones kept: a wall runs for months. */
export const MAX_OPEN = 5000;
export const MAX_CLOSED = 200;
/** The server's list answers hold at most this many alerts (GET /api/v1/alerts). */
export const LIST_CAP = 1000;
/** Events are applied in batches: a burst (a rule saved, thousands firing) re-sorts the list a few times, not per event. */
const FLUSH_MS = 200;
/** Events kept for the ticker's news. */
const MAX_RECENT = 50;
/** Indicators whose open alerts are fetched on their own (the maps' indicators), so their counts are complete. */
const MAX_WATCHED = 4;

type ListAnswer = { alerts: AlertRecord[] };

/**
 * Alerts (DESIGN §8): the open alerts and the last closed ones, from GET /api/v1/alerts at start and after every
 * reconnect (realtime/alerts.handler.ts), then kept live by `alert:changed` events. Bounded.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const book = shallowRef(new Map<string, AlertRecord>());
  const loadedAt = ref<number | null>(null);
  const error = ref<string | null>(null);
  /** The server's list of open alerts reached its cap: counts are "at least". */
  const truncated = ref(false);
  /** The newest event received, and when (client time): the wall's ticker and tests watch it. */
  const lastEvent = shallowRef<AlertEvent | null>(null);
  const lastEventAt = ref<number | null>(null);
  /** The last events received (client time of arrival beside each), newest first: the ticker's news. */
  const recent = shallowRef<{ event: AlertEvent; receivedAt: number }[]>([]);
  const watched: string[] = [];
  let queue: AlertEvent[] = [];
  let during: AlertEvent[] | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let loading: Promise<void> | null = null;

  const open = computed(() => [...book.value.values()].filter((a) => a.phase === 'firing').sort(worstFirst));
  const closed = computed(() =>
    [...book.value.values()].filter((a) => a.phase !== 'firing').sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0)),
  );
  const counts = computed(() => countOpen(open.value));

  function get(id: string): AlertRecord | undefined {
    return book.value.get(id);
  }

  function flush(): void {
    flushTimer = null;
    const events = queue;
    queue = [];
    const at = Date.now();
    recent.value = [...events.map((event) => ({ event, receivedAt: at })).reverse(), ...recent.value].slice(0, MAX_RECENT);
    prune(applyEvents(book.value, events), { maxOpen: MAX_OPEN, maxClosed: MAX_CLOSED });
    triggerRef(book);
  }

  /** An `alert:changed` event (or an operator's own action answered by the server). */
  function receive(event: AlertEvent): void {
    lastEvent.value = event;
    lastEventAt.value = Date.now();
    queue.push(event);
    during?.push(event);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  }

  /** Merge an alert the server answered with (after acknowledge, assign, silence) at once. */
  function upsert(alert: AlertRecord): void {
    book.value.set(alert.id, mergeRecord(book.value.get(alert.id), alert));
    triggerRef(book);
  }

  const listUrls = () => [
    '/api/v1/alerts?state=firing',
    '/api/v1/alerts?state=resolved',
    ...watched.map((id) => `/api/v1/alerts?state=firing&indicator=${encodeURIComponent(id)}`),
  ];

  /** Fetch the lists afresh; events that arrive meanwhile are applied on top (nothing received is lost). */
  function load(): Promise<void> {
    if (loading) return loading;
    during = [];
    loading = (async () => {
      try {
        const answers = await Promise.all(listUrls().map((url) => getJson<ListAnswer>(url)));
        const next = new Map<string, AlertRecord>();
        answers.forEach((answer, i) => {
          const list = Array.isArray(answer.alerts) ? answer.alerts : [];
          for (const a of i === 1 ? list.slice(0, MAX_CLOSED) : list) next.set(a.id, mergeRecord(next.get(a.id), a));
        });
        truncated.value = (answers[0]?.alerts?.length ?? 0) >= LIST_CAP;
        applyEvents(next, during ?? []);
        book.value = prune(next, { maxOpen: MAX_OPEN, maxClosed: MAX_CLOSED });
        loadedAt.value = Date.now();
        error.value = null;
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
      } finally {
        during = null;
        loading = null;
      }
    })();
    return loading;
  }

  /** Also fetch the open alerts of this indicator on their own (a map shows how many of each province's are open). */
  async function watchIndicator(id: string): Promise<void> {
    if (watched.includes(id)) return;
    watched.push(id);
    if (watched.length > MAX_WATCHED) watched.shift();
    try {
      const answer = await getJson<ListAnswer>(`/api/v1/alerts?state=firing&indicator=${encodeURIComponent(id)}`);
      for (const a of answer.alerts ?? []) book.value.set(a.id, mergeRecord(book.value.get(a.id), a));
      prune(book.value, { maxOpen: MAX_OPEN, maxClosed: MAX_CLOSED });
      triggerRef(book);
    } catch {
      // the next load (at the next reconnect) fetches it again
    }
  }

  return { book, loadedAt, error, truncated, lastEvent, lastEventAt, recent, open, closed, counts, get, receive, upsert, load, watchIndicator };
});
