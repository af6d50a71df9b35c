import type { ViewRequest } from '../../core/contract/metrics';
import { useConnectionStore } from '../stores/connection.store';
import { useMetricsStore } from '../stores/metrics.store';
import { bindConnection } from './connection.handler';
import { getSocket, socketTransport } from './socket';
import { ViewSync } from './view-sync';

let viewSync: ViewSync | null = null;

/** Connect the page's socket and route its figures into the stores. Call once, after Pinia is installed. */
export function startRealtime(): void {
  if (viewSync) return;
  const socket = getSocket();
  const connection = useConnectionStore();
  const metrics = useMetricsStore();
  bindConnection(socket);
  viewSync = new ViewSync(socketTransport(socket), {
    applySnapshot(snapshot) {
      metrics.applySnapshot(snapshot);
      connection.setServerTime(snapshot.serverTime);
      connection.markUpdated();
    },
    applyDelta(delta) {
      metrics.applyDelta(delta);
      connection.markUpdated();
    },
    syncState(state, detail) {
      connection.setSync(state, detail);
    },
  });
  socket.connect();
}

/** Show this view (or none). The subscription survives reconnects; see ViewSync. */
export function showView(view: ViewRequest | null): void {
  if (!viewSync) startRealtime();
  if (view === null) useMetricsStore().reset();
  viewSync?.setView(view);
}
