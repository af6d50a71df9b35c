import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import { getJson } from '../api/http';
import type { Severity } from '../../core/alerts/rule';
import { applyEvents, countOpen, mergeRecord, prune, SEVERITIES, updateNews, worstFirst } from './alerts.merge';
import { fetchPages, type PageAnswer } from './alerts.pages';

/** Open alerts kept (the least urgent dropped beyond it) and closed ones kept: a wall runs for months. */
export const MAX_OPEN = 5000;
export const MAX_CLOSED = 200;
/** Open alerts per request (GET /api/v1/alerts pages with cursors, at most 1,000 a page): one request below it. */
export const PAGE_LIMIT = 1000;
/** Events are applied in batches: a burst (a rule saved, thousands firing) re-sorts the list a few times, not per event. */
const FLUSH_MS = 200;
/**
 * Alerts (DESIGN §8): every open alert (up to MAX_OPEN), from GET /api/v1/alerts?state=firing at start and after
 * every reconnect (realtime/alerts.handler.ts) — one request up to PAGE_LIMIT open alerts, a page more per thousand —
 * then kept live by `alert:changed` events, which also bring the alerts that close. Bounded.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const book = shallowRef(new Map<string, AlertRecord>());
  const loadedAt = ref<number | null>(null);
  const error = ref<string | null>(null);
  /** More alerts are open than MAX_OPEN: every severity's count is "at least". */
  const cappedSeverities = ref<Severity[]>([]);
  const truncated = computed(() => cappedSeverities.value.length > 0);
  /** The newest event received, and when (client time): the wall's ticker and tests watch it. */
  const lastEvent = shallowRef<AlertEvent | null>(null);
  const lastEventAt = ref<number | null>(null);
  /** Alerts that fired, got worse or were acknowledged in the last NEWS_MS, with when (client time): the ticker's news. */
  const news = shallowRef(new Map<string, { kind: AlertEvent['kind']; receivedAt: number }>());
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

  /** Fetch the open alerts afresh; events that arrive meanwhile are applied on top (nothing received is lost). */
  function load(): Promise<void> {
    if (loading) return loading;
    during = [];
    loading = (async () => {
      try {
        const fetched = await fetchPages((url) => getJson<PageAnswer<AlertRecord>>(url), `/api/v1/alerts?state=firing&limit=${PAGE_LIMIT}`, MAX_OPEN);
        const next = new Map<string, AlertRecord>();
        // the closed alerts known stay (the socket brought them); the open ones are the server's
        for (const a of book.value.values()) if (a.phase !== 'firing') next.set(a.id, a);
        for (const a of fetched.items) next.set(a.id, mergeRecord(next.get(a.id), a));
        cappedSeverities.value = fetched.more ? [...SEVERITIES] : [];
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

  return { book, loadedAt, error, truncated, cappedSeverities, lastEvent, lastEventAt, news, open, closed, counts, get, receive, upsert, load };
});
