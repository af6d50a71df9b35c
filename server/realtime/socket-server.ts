import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerStatus, ServerToClientEvents, SocketData } from '../../core/contract/events';
import { watchRedis } from '../../platform/redis';
import type { ServerContext } from '../context';
import { subscribeHandler } from './subscribe.handler';
import { viewRoom } from './rooms';
import { ackFor, HttpError, refusedHandshake } from '../http-errors';
import { principalFrom } from '../auth/principal.middleware';
import { trackSockets } from '../../platform/metrics';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.io on the HTTP server: one middleware sets the principal, one small handler per event. */
export function createSocketServer(ctx: ServerContext, http: HttpServer): Io {
  const io: Io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  // authenticate once, at the handshake: the session cookie (a user) or `auth.display` (a wall screen's token)
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { display?: unknown };
    principalFrom(ctx, socket.handshake.headers.cookie, typeof auth.display === 'string' ? auth.display : undefined)
      .then(({ principal, session, refused }) => {
        // a credential that is given but not valid (a revoked wall token) is refused, not read as anonymous
        if (typeof auth.display === 'string' && principal.kind === 'anonymous') return next(refusedHandshake('display_revoked', 'unknown or revoked display token'));
        socket.data.principal = principal;
        if (refused) socket.data.refused = refused;
        socket.data.views = new Map();
        // a socket lives no longer than the session it was opened with (ended sessions: the relay's revocation)
        if (session) {
          const expiry = setTimeout(() => {
            socket.emit('access:revoked', { reason: 'session expired', code: 'session_expired' });
            socket.disconnect(true);
          }, Math.max(0, session.expiresAt - Date.now()));
          socket.once('disconnect', () => clearTimeout(expiry));
        }
        next();
      })
      .catch(next);
  });
  const status = storeStatus(ctx, io);
  trackSockets(() => io.of('/').sockets.size);
  io.on('connection', (socket) => {
    socket.emit('server:hello', { serverTime: Date.now(), version: ctx.version });
    socket.emit('server:status', status());
    socket.on('view:subscribe', subscribeHandler(ctx, socket));
    socket.on('view:unsubscribe', async (request, ack) => {
      if (typeof ack !== 'function') return;
      const scope = typeof request?.scope === 'string' ? request.scope : '';
      const view = socket.data.views.get(scope);
      if (!view) return ack(ackFor(new HttpError(404, 'not_found', `not subscribed to ${scope}`)));
      for (const id of view.indicators) await socket.leave(viewRoom(scope, id));
      socket.data.views.delete(scope);
      ack({ ok: true, data: null });
    });
  });
  return io;
}

/**
 * Watches the server's Redis connection and tells every socket at once when it goes down or answers again
 * (`server:status`): sockets stay connected while Redis is down, so without it a screen would look live while frozen.
 */
function storeStatus(ctx: ServerContext, io: Io): () => ServerStatus {
  let current: ServerStatus = { redis: ctx.redis.status === 'ready' ? 'up' : 'down' };
  watchRedis(ctx.redis, (up) => {
    current = { redis: up ? 'up' : 'down' };
    if (up) ctx.log.info('redis answers again');
    else ctx.log.warn('redis is not answering: sockets told, ingest answers 503');
    io.emit('server:status', current);
  });
  return () => current;
}
