import type { RedisClient } from '../../platform/redis';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../core/contract/events';
import type { AlertEvent } from '../../core/alerts/alert';
import type { MetricValue } from '../../core/contract/metrics';
import { lastChangeId, readChangesBlocking } from '../../store/changes.repo';
import { withExpected } from '../../store/metrics.repo';
import type { ServerContext } from '../context';
import { alertsRoom, viewRoom } from './rooms';
import { countDeltasSent, noteRelayPosition } from '../../platform/metrics';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The relay of one server process: reads the change stream (XREAD BLOCK on its own connection), keeps the newest
 * value per (view, indicator, unit) for rooms that have sockets, and emits one `metrics:delta` per room per tick.
 * However fast feeds arrive, a socket gets at most a few messages a second.
 */
export class ChangeRelay {
  private readonly pending = new Map<string, { scope: string; values: Map<string, MetricValue> }>();
  private lastSeq = '0-0';
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ctx: ServerContext,
    private readonly io: Io,
    private readonly blocking: RedisClient,
    private readonly tickMs: number,
  ) {}

  async start(): Promise<void> {
    this.lastSeq = await lastChangeId(this.ctx.redis, this.ctx.keys);
    this.running = true;
    this.loop = this.readLoop();
    this.timer = setInterval(() => this.flush(), this.tickMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.blocking.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      try {
        const entries = await readChangesBlocking(this.blocking, this.ctx.keys, this.lastSeq, 1000, this.watched);
        for (const entry of entries) {
          if (entry.revoke) this.disconnectRevoked(entry.revoke);
          if (entry.alert) this.pushAlert(entry.alert);
          for (const v of entry.values) this.route(v);
          this.lastSeq = entry.id;
        }
        noteRelayPosition(this.lastSeq);
      } catch (err) {
        if (!this.running) return;
        this.ctx.log.warn({ err: (err as Error).message }, 'change stream read failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** A revoked display token or user loses its sockets at once, on every server instance. */
  private disconnectRevoked(r: { display?: string; user?: string }): void {
    for (const socket of this.io.sockets.sockets.values()) {
      const p = socket.data.principal;
      if ((r.display && p?.kind === 'display' && p.id === r.display) || (r.user && p?.kind === 'user' && p.id === r.user)) {
        socket.emit('access:revoked', r.display ? { reason: 'display token revoked', code: 'display_revoked' } : { reason: 'user disabled', code: 'user_disabled' });
        socket.disconnect(true);
      }
    }
  }

  /** Alerts are not coalesced: each event goes at once to the sockets watching the unit or any scope above it. */
  private pushAlert(e: AlertEvent): void {
    const scopes = [e.alert.unit, ...this.ctx.domain.registry.ancestors(e.alert.unit)];
    this.io.to(scopes.map(alertsRoom)).emit('alert:changed', e);
  }

  /** Whether a socket watches a view that shows this item: its unit's own, or its parent's (the item is a child row). */
  private readonly watched = (indicator: string, unit: string): boolean => {
    const rooms = this.io.sockets.adapter.rooms;
    if (rooms.size === 0) return false;
    const parent = this.ctx.domain.registry.get(unit)?.parent;
    return rooms.has(viewRoom(unit, indicator)) || (!!parent && rooms.has(viewRoom(parent, indicator)));
  };

  private route(v: MetricValue): void {
    const rooms = this.io.sockets.adapter.rooms;
    const parent = this.ctx.domain.registry.get(v.unit)?.parent;
    for (const scope of parent ? [v.unit, parent] : [v.unit]) {
      const room = viewRoom(scope, v.indicator);
      if (!rooms.has(room)) continue;
      let p = this.pending.get(room);
      if (!p) this.pending.set(room, (p = { scope, values: new Map() }));
      p.values.set(`${v.unit}|${v.period}`, v);
    }
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const { registry, indicator } = this.ctx.domain;
    for (const [room, { scope, values }] of this.pending) {
      const out = [...values.values()].map((v) => withExpected(registry, indicator(v.indicator)!, v));
      this.io.to(room).emit('metrics:delta', { scope, seq: this.lastSeq, values: out });
      countDeltasSent(this.io.sockets.adapter.rooms.get(room)?.size ?? 0);
    }
    this.pending.clear();
  }
}
