import type { Socket } from 'socket.io';
import { decide, type Decision } from '../../core/access/principal';
import { z } from 'zod';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SocketData, ViewResync } from '../../core/contract/events';
import type { MetricValue } from '../../core/contract/metrics';
import { readChangesSince } from '../../store/changes.repo';
import { readView, withExpected } from '../../store/metrics.repo';
import type { ServerContext } from '../context';
import { AccessError, ackFor, HttpError } from '../http-errors';
import { streamId } from '../stream-id';
import { MAX_VIEW_INDICATORS, requireUnit, resolveIndicators } from '../routes/read.routes';
import { alertsRoom, viewRoom } from './rooms';

type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const subscribeRequest = z.object({
  scope: z.string().min(1).max(16),
  indicators: z.array(z.string().min(1).max(64)).min(1).max(MAX_VIEW_INDICATORS),
  since: streamId.optional(),
});

/** May this socket read this scope? The same decision as the REST guard's (core/access). */
function readDecision(ctx: ServerContext, data: SocketData, scope: string): Decision {
  return decide(data.principal, 'read', scope, (code, s) => ctx.domain.registry.isWithin(code, s), data.refused);
}

/** True when a changed value belongs to the view of `scope`: the scope itself or one of its children. */
function inView(ctx: ServerContext, scope: string, v: MetricValue): boolean {
  return v.unit === scope || ctx.domain.registry.get(v.unit)?.parent === scope;
}

/**
 * view:subscribe — validate, check the principal may see the scope, join the view's rooms, then answer with a
 * snapshot, or, after a reconnect with `since`, the changes missed (or a snapshot when the stream no longer has them).
 * Rooms are joined before reading, so nothing emitted meanwhile is lost; the client drops what its answer covers.
 */
export function subscribeHandler(ctx: ServerContext, socket: IoSocket) {
  return async (request: unknown, ack: (result: Ack<ViewResync>) => void): Promise<void> => {
    if (typeof ack !== 'function') return;
    try {
      const parsed = subscribeRequest.safeParse(request);
      if (!parsed.success) {
        throw new HttpError(400, 'bad_request', 'invalid view', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      }
      const { scope, indicators: ids, since } = parsed.data;
      requireUnit(ctx, scope);
      const decision = readDecision(ctx, socket.data, scope);
      if (!decision.ok) throw new AccessError(decision);
      const indicators = resolveIndicators(ctx, ids);
      const previous = socket.data.views.get(scope);
      for (const id of previous?.indicators ?? []) await socket.leave(viewRoom(scope, id));
      for (const ind of indicators) await socket.join(viewRoom(scope, ind.id));
      await socket.join(alertsRoom(scope));
      socket.data.views.set(scope, { scope, indicators: ids });

      const read = { redis: ctx.redis, keys: ctx.keys, registry: ctx.domain.registry };
      if (since) {
        const entries = await readChangesSince(ctx.redis, ctx.keys, since);
        if (entries) {
          const latest = new Map<string, MetricValue>();
          const wanted = new Set(ids);
          for (const e of entries) {
            for (const v of e.values) {
              if (wanted.has(v.indicator) && inView(ctx, scope, v)) {
                latest.set(`${v.indicator}|${v.unit}|${v.period}`, withExpected(ctx.domain.registry, ctx.domain.indicator(v.indicator)!, v));
              }
            }
          }
          const seq = entries.at(-1)?.id ?? since;
          ack({ ok: true, data: { mode: 'replay', delta: { scope, seq, values: [...latest.values()] } } });
          return;
        }
      }
      ack({ ok: true, data: { mode: 'snapshot', snapshot: await readView(read, scope, indicators) } });
    } catch (err) {
      const answer = ackFor(err);
      if (answer.error.code === 'internal') ctx.log.error({ err }, 'view:subscribe failed');
      ack(answer);
    }
  };
}
