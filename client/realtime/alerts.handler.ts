import type { AlertEvent } from '../../core/alerts/alert';
import type { ServerStatus } from '../../core/contract/events';
import { watch } from 'vue';
import { useAlertsStore } from '../stores/alerts.store';
import { useConnectionStore } from '../stores/connection.store';
import type { IocSocket } from './socket';

/** With no view to subscribe on the page (no sync to wait for), the list is fetched this long after connecting. */
const LOAD_WITHOUT_VIEW_MS = 1_500;

/**
 * Routes `alert:changed` into the alerts store, and refetches the lists after every (re)connect. A socket receives
 * the alerts of the scopes it has subscribed a view of, from the moment it joined them: so the list is fetched once the
 * first view is in sync after a connect (nothing fired between the fetch and the join is missed), or shortly after
 * connecting on a page without a view.
 */
export function bindAlerts(socket: IocSocket): () => void {
  const alerts = useAlertsStore();
  const connection = useConnectionStore();
  let armed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const loadNow = (): void => {
    armed = false;
    if (timer) clearTimeout(timer);
    timer = null;
    void alerts.load();
  };
  const onConnect = (): void => {
    armed = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(loadNow, LOAD_WITHOUT_VIEW_MS);
  };
  const stopSync = watch(
    () => connection.sync,
    (state) => {
      if (state === 'synced' && armed) loadNow();
    },
  );

  const onAlert = (event: AlertEvent): void => alerts.receive(event);
  // alerts written while the server could not read its data store were not pushed: fetch as after a reconnect
  let storeDown = false;
  const onStatus = (status: ServerStatus): void => {
    if (storeDown && status.redis === 'up') onConnect();
    storeDown = status.redis === 'down';
  };
  socket.on('alert:changed', onAlert);
  socket.on('server:status', onStatus);
  socket.on('connect', onConnect);
  if (socket.connected) onConnect();

  return () => {
    if (timer) clearTimeout(timer);
    stopSync();
    socket.off('alert:changed', onAlert);
    socket.off('server:status', onStatus);
    socket.off('connect', onConnect);
  };
}
