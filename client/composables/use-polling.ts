import { onActivated, onBeforeUnmount, onDeactivated, onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { getJson } from '../api/http';

export interface Polling<T> {
  data: ShallowRef<T | null>;
  /** The last failure, cleared by the next success. */
  error: Ref<string | null>;
  /** Client time of the last successful answer. */
  fetchedAt: Ref<number | null>;
  refresh(): Promise<void>;
}

/**
 * A JSON document fetched now and every `everyMs` while the component is on screen: started on mount and when a
 * kept-alive scene comes back, stopped when it is hidden or unmounted (one timer at most, no request left running),
 * so a wall screen rotating for days holds no timers for scenes it is not showing.
 */
export function usePolling<T>(url: () => string, everyMs: number): Polling<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<string | null>(null);
  const fetchedAt = ref<number | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;
  let active = false;

  async function refresh(): Promise<void> {
    if (controller) return;
    const mine = new AbortController();
    controller = mine;
    try {
      data.value = await getJson<T>(url(), mine.signal);
      fetchedAt.value = Date.now();
      error.value = null;
    } catch (e) {
      if (!mine.signal.aborted) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (controller === mine) controller = null;
      if (active && !mine.signal.aborted) schedule();
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, everyMs);
  }

  function start(): void {
    if (active) return;
    active = true;
    void refresh();
  }

  function stop(): void {
    active = false;
    if (timer) clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
  }

  onMounted(start);
  onActivated(start);
  onDeactivated(stop);
  onBeforeUnmount(stop);

  return { data, error, fetchedAt, refresh };
}
