import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket to `url`, over WebSocket, without reconnecting: signed in by a session cookie or a display token. */
export function openSocket(url: string, opts: { cookie?: string; display?: string }): TestSocket {
  return io(url, {
    transports: ['websocket'],
    reconnection: false,
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
    ...(opts.display ? { auth: { display: opts.display } } : {}),
  });
}
