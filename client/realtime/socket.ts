// The only module that imports socket.io-client (STYLE §5): one typed socket per page, at the default path.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';
import { displayToken } from '../api/credentials';
import type { SyncTransport } from './view-sync';

export type IocSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a subscribe may wait for its ack before it is treated as lost and tried again. */
const ACK_TIMEOUT_MS = 10_000;

let socket: IocSocket | null = null;

/**
 * The page's socket, created on first use and not yet connected. Reconnects forever with a backoff from 1 s to 15 s
 * (STYLE §4); the connection handler also reconnects after a server-side disconnect, which socket.io does not.
 */
export function getSocket(): IocSocket {
  socket ??= io({
    autoConnect: false,
    // WebSocket first (one round trip to connect, no long-polling on a 24/7 screen); polling if a proxy blocks it.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Number.POSITIVE_INFINITY,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 15_000,
    randomizationFactor: 0.3,
    timeout: 10_000,
    // read at every handshake: a wall screen's display token (the session cookie goes by itself)
    auth: (cb) => {
      const display = displayToken();
      cb(display ? { display } : {});
    },
  });
  return socket;
}

/** After a sign-in: a new handshake, so the server sees the new session cookie. Subscriptions resync on connect. */
export function reconnectSocket(): void {
  if (!socket) return;
  socket.io.reconnection(true);
  if (socket.active) socket.disconnect();
  socket.connect();
}

/** Access was revoked: close for good, no reconnect loop (the page shows why). */
export function stopSocket(): void {
  if (!socket) return;
  socket.io.reconnection(false);
  socket.disconnect();
}

/** False once stopSocket ran: nothing may reconnect the socket. */
export function socketMayReconnect(s: IocSocket): boolean {
  return s.io.reconnection();
}

/** Manager-level events (reconnect attempts) for the connection store. */
export function onReconnectAttempt(s: IocSocket, listener: (attempt: number) => void): () => void {
  s.io.on('reconnect_attempt', listener);
  return () => s.io.off('reconnect_attempt', listener);
}

/** Adapts the socket to what ViewSync needs. */
export function socketTransport(s: IocSocket): SyncTransport {
  return {
    get connected() {
      return s.connected;
    },
    onConnect(listener) {
      s.on('connect', listener);
      return () => s.off('connect', listener);
    },
    onDisconnect(listener) {
      const handler = (): void => listener();
      s.on('disconnect', handler);
      return () => s.off('disconnect', handler);
    },
    onDelta(listener) {
      s.on('metrics:delta', listener);
      return () => s.off('metrics:delta', listener);
    },
    subscribe(request) {
      return s.timeout(ACK_TIMEOUT_MS).emitWithAck('view:subscribe', request);
    },
    unsubscribe(scope) {
      if (s.connected) s.emit('view:unsubscribe', { scope }, () => undefined);
    },
  };
}
