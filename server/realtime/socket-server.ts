import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../core/contract/events';
import type { ServerContext } from '../context';
import { ackError, subscribeHandler } from './subscribe.handler';
import { viewRoom } from './rooms';
import { HttpError } from '../http-errors';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.io on the HTTP server: one middleware sets the principal, one small handler per event. */
export function createSocketServer(ctx: ServerContext, http: HttpServer): Io {
  const io: Io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.use((socket, next) => {
    // Access control (roles, scopes, display tokens) is issue 4; until then every socket reads the whole country.
    socket.data.principal = { kind: 'anonymous', scope: 'VN' };
    socket.data.views = new Map();
    next();
  });
  io.on('connection', (socket) => {
    socket.emit('server:hello', { serverTime: Date.now(), version: ctx.version });
    socket.on('view:subscribe', subscribeHandler(ctx, socket));
    socket.on('view:unsubscribe', async (request, ack) => {
      if (typeof ack !== 'function') return;
      const scope = typeof request?.scope === 'string' ? request.scope : '';
      const view = socket.data.views.get(scope);
      if (!view) return ack(ackError(new HttpError(404, 'not_found', `not subscribed to ${scope}`)));
      for (const id of view.indicators) await socket.leave(viewRoom(scope, id));
      socket.data.views.delete(scope);
      ack({ ok: true, data: null });
    });
  });
  return io;
}
