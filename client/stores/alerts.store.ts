import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import { getJson } from '../api/http';
import type { Severity } from '../../core/alerts/rule';
import { applyEvents, countOpen, mergeRecord, prune, SEVERITIES, updateNews, worstFirst } from './alerts.merge';

/** Open alerts kept (the least urgent dropped beyond it) and closed ones kept: a wall runs for months. */
export const MAX_OPEN = 5000;
export const MAX_CLOSED = 200;
/** The server's list answers hold at most this many alerts (GET /api/v1/alerts). */
export const LIST_CAP = 1000;
/** Events are applied in batches: a burst (a rule saved, thousands firing) re-sorts the list a few times, not per event. */
const FLUSH_MS = 200;
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
  /** Severities whose list of open alerts reached the server's cap: their counts are "at least". */
  const cappedSeverities = ref<Severity[]>([]);
  const truncated = computed(() => cappedSeverities.value.length > 0);
  /** The newest event received, and when (client time): the wall's ticker and tests watch it. */
  const lastEvent = shallowRef<AlertEvent | null>(null);
  const lastEventAt = ref<number | null>(null);
  /** Alerts that fired, got worse or were acknowledged in the last NEWS_MS, with when (client time): the ticker's news. */
  const news = shallowRef(new Map<string, { kind: AlertEvent['kind']; receivedAt: number }>());
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
    updateNews(news.value, events, Date.now());
    triggerRef(news);
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

  // one list per severity (each capped by the server): the critical ones stay complete however many warnings there are
  const listUrls = () => [
    ...SEVERITIES.map((s) => `/api/v1/alerts?state=firing&severity=${s}`),
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
          for (const a of i === SEVERITIES.length ? list.slice(0, MAX_CLOSED) : list) next.set(a.id, mergeRecord(next.get(a.id), a));
        });
        cappedSeverities.value = SEVERITIES.filter((_, i) => (answers[i]?.alerts?.length ?? 0) >= LIST_CAP);
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

  return { book, loadedAt, error, truncated, cappedSeverities, lastEvent, lastEventAt, news, open, closed, counts, get, receive, upsert, load, watchIndicator };
});
