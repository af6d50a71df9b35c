import type { ViewRequest } from '../../core/contract/metrics';
import { reportUnauthorized } from '../api/credentials';
import { useConnectionStore } from '../stores/connection.store';
import { useMetricsStore } from '../stores/metrics.store';
import { bindAccess } from './access.handler';
import { bindAlerts } from './alerts.handler';
import { bindConnection } from './connection.handler';
import { getSocket, socketTransport } from './socket';
import { ViewDemands } from './view-demands';
import { ViewSync } from './view-sync';

let viewSync: ViewSync | null = null;

/** Connect the page's socket and route its figures into the stores. Call once, after Pinia is installed. */
export function startRealtime(): void {
  if (viewSync) return;
  const socket = getSocket();
  const connection = useConnectionStore();
  const metrics = useMetricsStore();
  // when the server's data store answers again, every view resyncs from its last seq and the alerts are fetched again
  bindConnection(socket, () => viewSync?.resync());
  bindAccess(socket);
  bindAlerts(socket);
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
    syncState(state, detail, code) {
      connection.setSync(state, detail);
      // a socket without a valid session or display token (one expired since the handshake)
      if (state === 'failed' && code === 'unauthorized') reportUnauthorized('socket');
    },
  });
  socket.connect();
}

/** Show this view (or none). The subscription survives reconnects; see ViewSync. */
export function showView(view: ViewRequest | null): void {
  demandView('main', view);
}

const demands = new ViewDemands();

function applyDemands(): void {
  if (!viewSync) startRealtime();
  const view = demands.merged();
  if (view === null) useMetricsStore().reset();
  viewSync?.setView(view);
}

/**
 * What one part of the screen needs, under its own key (null: no longer needed). Parts watching the same scope share
 * one subscription, the union of their indicators (view-demands.ts); showView is the need under the key 'main'.
 */
export function demandView(key: string, view: ViewRequest | null): void {
  demands.set(key, view);
  applyDemands();
}

/** Which scope to subscribe when parts need different ones (a wall screen: the scope of the scene on screen). */
export function preferViewScope(scope: string | null): void {
  demands.prefer(scope);
  applyDemands();
}
