import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ServerStatus } from '../../core/contract/events';
import type { HealthAnswer, MissingPart } from '../../core/contract/health';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';
export type SyncState = 'idle' | 'syncing' | 'synced' | 'failed';
/** Whether the server's data store answers (`server:status`): the socket may stay up while it does not. */
export type StoreState = ServerStatus['redis'];

/** How long the socket may be down before the red banner shows. */
export const OFFLINE_BANNER_AFTER_MS = 5_000;

/** The socket's state, since when, and the time of the last figure applied. */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('connecting');
  /** Client time (ms) the current state began. */
  const since = ref(Date.now());
  /** Client time (ms) the last snapshot or delta was applied. */
  const lastUpdateAt = ref<number | null>(null);
  const sync = ref<SyncState>('idle');
  const syncDetail = ref<string | null>(null);
  const everConnected = ref(false);
  /** serverTime − client time, from `server:hello`; keeps ages right on a wall PC with a wrong clock. */
  const clockOffsetMs = ref(0);
  const reconnectAttempt = ref(0);
  /** The server's word on its data store; while it is down no figure changes, though the socket is connected. */
  const store = ref<StoreState>('up');
  /** Client time (ms) the store's current state began. */
  const storeSince = ref(Date.now());

  /** What the server's health says is not running (workers, a lease role, a late schedule), worst first; [] when all runs. */
  const missing = ref<MissingPart[]>([]);
  /** Degraded: the figures may be live, but part of the system behind them is not (no click needed to see it). */
  const degraded = computed(() => missing.value.length > 0);

  /** Live only when connected, the store answers and the view is in sync: anything else must not look live. */
  const live = computed(() => state.value === 'connected' && store.value === 'up' && sync.value === 'synced');

  function setState(next: ConnectionState): void {
    if (next === state.value) return;
    state.value = next;
    since.value = Date.now();
    if (next === 'connected') {
      everConnected.value = true;
      reconnectAttempt.value = 0;
    } else {
      sync.value = 'idle';
      // the server says again at the next connect; meanwhile the socket's own state is what the screen shows
      setStore('up');
    }
  }

  function setStore(next: StoreState): void {
    if (next === store.value) return;
    store.value = next;
    storeSince.value = Date.now();
  }

  function setSync(next: SyncState, detail?: string): void {
    sync.value = next;
    syncDetail.value = detail ?? null;
  }

  /** Takes the liveness part of a `/api/v1/health` answer (read by the upstream store's poll). */
  function setHealth(health: Pick<HealthAnswer, 'missing'>): void {
    missing.value = health.missing ?? [];
  }

  function markUpdated(at = Date.now()): void {
    lastUpdateAt.value = at;
  }

  function setServerTime(serverTime: number): void {
    if (Number.isFinite(serverTime)) clockOffsetMs.value = serverTime - Date.now();
  }

  /** True when the socket, or the server's data store, has been down longer than the banner delay at client time `now`. */
  function offlineLongerThan(now: number, ms = OFFLINE_BANNER_AFTER_MS): boolean {
    if (state.value !== 'connected') return now - since.value > ms;
    return store.value === 'down' && now - storeSince.value > ms;
  }

  return {
    state,
    since,
    lastUpdateAt,
    sync,
    syncDetail,
    everConnected,
    clockOffsetMs,
    reconnectAttempt,
    store,
    storeSince,
    live,
    missing,
    degraded,
    setState,
    setHealth,
    setStore,
    setSync,
    markUpdated,
    setServerTime,
    offlineLongerThan,
  };
});
