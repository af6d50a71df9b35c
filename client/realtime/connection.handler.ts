import type { ServerStatus } from '../../core/contract/events';
import { useConnectionStore } from '../stores/connection.store';
import { type IocSocket, onReconnectAttempt, socketMayReconnect } from './socket';

/**
 * Mirrors the socket's life into the connection store. socket.io reconnects by itself after a network loss, but not
 * after the server closed the connection ("io server disconnect", e.g. a restart): then this reconnects too. The
 * server's `server:status` says whether its data store answers; `onStoreBack` runs when it answers again after an
 * outage (the views resync from their last seq).
 */
export function bindConnection(socket: IocSocket, onStoreBack: () => void = () => undefined): () => void {
  const connection = useConnectionStore();
  let serverClosed: ReturnType<typeof setTimeout> | null = null;

  const onConnect = (): void => connection.setState('connected');
  const onDisconnect = (reason: string): void => {
    connection.setState('disconnected');
    if (reason === 'io server disconnect') {
      serverClosed = setTimeout(() => {
        serverClosed = null;
        if (!socket.connected && socketMayReconnect(socket)) socket.connect();
      }, 1_000);
    }
  };
  const onConnectError = (): void => {
    connection.setState(connection.everConnected ? 'disconnected' : 'connecting');
  };
  const onHello = (hello: { serverTime: number }): void => connection.setServerTime(hello.serverTime);
  const onStatus = (status: ServerStatus): void => {
    const wasDown = connection.store === 'down';
    connection.setStore(status.redis);
    if (wasDown && status.redis === 'up') onStoreBack();
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('server:hello', onHello);
  socket.on('server:status', onStatus);
  const offAttempt = onReconnectAttempt(socket, (attempt) => {
    connection.reconnectAttempt = attempt;
  });
  if (socket.connected) onConnect();

  return () => {
    if (serverClosed) clearTimeout(serverClosed);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('server:hello', onHello);
    socket.off('server:status', onStatus);
    offAttempt();
  };
}
