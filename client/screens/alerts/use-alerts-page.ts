import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import { getJson } from '../../api/http';
import { mergeRecord } from '../../stores/alerts.merge';
import { useAlertsStore } from '../../stores/alerts.store';
import type { PageAnswer } from '../../stores/alerts.pages';
import { type AlertFilters, filterQuery, matchesFilters, NO_FILTERS } from './alert.display';
import { useAlertLabels } from './use-alert-labels';

const MAX_HISTORY = 500;
/** Alerts per page of the list (the server pages with cursors: the next page on demand). */
const LIST_PAGE = 1000;
const KEYS = Object.keys(NO_FILTERS) as (keyof AlertFilters)[];
const SEVERITIES = ['critical', 'nodata', 'warning'];
const STATES = ['firing', 'resolved', 'acknowledged', 'unacknowledged'];

const listUrl = (q: string) => `/api/v1/alerts?${q ? `${q}&` : ''}limit=${LIST_PAGE}`;

/** Open alerts first, then the newest (the server pages by when they fired; the page puts the open ones on top). */
const byServerOrder = (a: AlertRecord, b: AlertRecord) => Number(b.phase === 'firing') - Number(a.phase === 'firing') || b.firedAt - a.firedAt;

/** The filters as they stand in the URL (a link to the page keeps them); unknown values are dropped. */
function fromQuery(query: Record<string, unknown>): AlertFilters {
  const get = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : '');
  const f = { ...NO_FILTERS };
  for (const k of KEYS) (f as Record<string, string>)[k] = get(k);
  if (!SEVERITIES.includes(f.severity)) f.severity = '';
  if (!STATES.includes(f.state)) f.state = '';
  return f;
}

/**
 * The operators' alerts page: the filters (in the URL), the filtered list and history from the server, kept live by
 * the `alert:changed` events the alerts store receives (an alert on the list changes in place; a new one that passes
 * the filters comes in on top), and the result of an operator's own action merged at once.
 */
export function useAlertsPage() {
  const route = useRoute();
  const router = useRouter();
  const store = useAlertsStore();
  const labels = useAlertLabels();
  const filters = computed(() => fromQuery(route.query));
  const list = shallowRef<AlertRecord[]>([]);
  const events = shallowRef<AlertEvent[]>([]);
  /** Where the server's list goes on (null: it is all here). */
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const historyError = ref<string | null>(null);
  let controller: AbortController | null = null;

  function setFilters(next: AlertFilters): void {
    const query: Record<string, string> = {};
    for (const k of KEYS) if (next[k]) query[k] = next[k];
    void router.replace({ query });
  }

  async function load(): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    const q = filterQuery(filters.value);
    const [alerts, history] = await Promise.allSettled([
      getJson<PageAnswer<AlertRecord>>(listUrl(q), mine.signal),
      getJson<PageAnswer<AlertEvent>>(`/api/v1/alerts/history?${q ? `${q}&` : ''}limit=${MAX_HISTORY}`, mine.signal),
    ]);
    if (mine.signal.aborted) return;
    loading.value = false;
    if (alerts.status === 'fulfilled') {
      list.value = [...(alerts.value.items ?? [])].sort(byServerOrder);
      nextCursor.value = alerts.value.nextCursor ?? null;
      error.value = null;
    } else error.value = alerts.reason instanceof Error ? alerts.reason.message : String(alerts.reason);
    if (history.status === 'fulfilled') {
      events.value = (history.value.items ?? []).slice(0, MAX_HISTORY);
      historyError.value = null;
    } else historyError.value = history.reason instanceof Error ? history.reason.message : String(history.reason);
  }

  /** The next page of the server's list, after what is shown. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value;
    if (!cursor) return;
    const mine = controller;
    try {
      const answer = await getJson<PageAnswer<AlertRecord>>(`${listUrl(filterQuery(filters.value))}&cursor=${encodeURIComponent(cursor)}`, mine?.signal);
      if (mine !== controller) return;
      const known = new Set(list.value.map((a) => a.id));
      list.value = [...list.value, ...(answer.items ?? []).filter((a) => !known.has(a.id))].sort(byServerOrder);
      nextCursor.value = answer.nextCursor ?? null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  const within = (unit: string, scope: string) => unit === scope || labels.provinceOf(unit) === scope;

  /** One alert as it is now (an event, or the server's answer to an action): in place, or on top if it is new. */
  function update(alert: AlertRecord, isNew: boolean): void {
    const i = list.value.findIndex((a) => a.id === alert.id);
    if (i >= 0) {
      const next = [...list.value];
      next[i] = mergeRecord(next[i], alert);
      list.value = next;
    } else if (isNew && matchesFilters(alert, alert.firedAt, filters.value, within)) {
      list.value = [alert, ...list.value].sort(byServerOrder);
    }
  }

  function onEvent(e: AlertEvent): void {
    update(e.alert, e.kind === 'fired');
    if (matchesFilters(e.alert, e.at, filters.value, within)) events.value = [e, ...events.value].slice(0, MAX_HISTORY);
  }

  /** The server answered an operator's action: show it now (its event follows on the socket and changes nothing). */
  function acted(alert: AlertRecord): void {
    store.upsert(alert);
    update(alert, false);
  }

  const stop = store.$onAction(({ name, args }) => {
    if (name === 'receive') onEvent(args[0] as AlertEvent);
  });
  watch(filters, () => void load(), { immediate: true, deep: true });
  onBeforeUnmount(() => {
    stop();
    controller?.abort();
  });

  return { filters, setFilters, list, events, nextCursor, loading, error, historyError, reload: load, loadMore, acted };
}
