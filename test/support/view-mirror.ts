import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, MetricsDelta, ServerStatus, ServerToClientEvents, ViewResync } from '../../core/contract/events';
import type { MetricValue, ViewRequest } from '../../core/contract/metrics';
import { compareIds } from '../../store/changes.repo';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket.io client that keeps one view as the dashboard does (docs/api.md, "Socket.io"): snapshot first, then
 * deltas; after every reconnect, and when the server says Redis answers again, it subscribes again with `since` = the
 * last seq applied and applies the replay or the snapshot before newer deltas. It records what it was told and when.
 */
export class ViewMirror {
  readonly values = new Map<string, MetricValue>();
  readonly statuses: Array<ServerStatus & { at: number }> = [];
  readonly resyncs: Array<{ at: number; mode: ViewResync['mode'] }> = [];
  readonly deltas: Array<{ at: number; seq: string; values: MetricValue[] }> = [];
  readonly connects: number[] = [];
  seq: string | null = null;
  private syncing = false;
  private buffer: MetricsDelta[] = [];
  private readonly socket: ClientSocket;

  constructor(url: string, cookie: string, readonly view: ViewRequest) {
    this.socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    this.socket.on('connect', () => {
      this.connects.push(Date.now());
      void this.sync();
    });
    this.socket.on('server:status', (s) => {
      const was = this.statuses.at(-1)?.redis;
      this.statuses.push({ ...s, at: Date.now() });
      if (s.redis === 'up' && was === 'down') void this.sync();
    });
    this.socket.on('metrics:delta', (d) => {
      this.deltas.push({ at: Date.now(), seq: d.seq, values: d.values });
      if (d.scope !== this.view.scope) return;
      if (this.syncing) this.buffer.push(d);
      else this.apply(d);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Resolves once the first snapshot is applied. */
  async ready(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.resyncs.length === 0) {
      if (Date.now() > until) throw new Error(`view ${this.view.scope}: no snapshot within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  /** The values held for one period, by "indicator|unit". */
  held(period: string): Map<string, MetricValue> {
    const out = new Map<string, MetricValue>();
    for (const v of this.values.values()) if (v.period === period) out.set(`${v.indicator}|${v.unit}`, v);
    return out;
  }

  private async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    this.buffer = [];
    try {
      const request = this.seq === null ? { ...this.view } : { ...this.view, since: this.seq };
      const ack = (await this.socket.timeout(10_000).emitWithAck('view:subscribe', request)) as Ack<ViewResync>;
      if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
      const { mode, snapshot, delta } = ack.data;
      if (mode === 'snapshot' && snapshot) {
        this.values.clear();
        for (const v of snapshot.values) this.values.set(`${v.indicator}|${v.unit}|${v.period}`, v);
        this.seq = snapshot.seq;
      } else if (delta) {
        this.apply(delta);
      }
      this.resyncs.push({ at: Date.now(), mode });
      this.syncing = false;
      for (const d of this.buffer) this.apply(d);
      this.buffer = [];
    } catch {
      // Redis down or the socket gone: the next connect or `server:status` up tries again; so does a timer
      this.syncing = false;
      setTimeout(() => this.socket.connected && void this.sync(), 1000);
    }
  }

  private apply(d: MetricsDelta): void {
    if (this.seq !== null && compareIds(d.seq, this.seq) < 0) return;
    for (const v of d.values) this.values.set(`${v.indicator}|${v.unit}|${v.period}`, v);
    this.seq = d.seq;
  }
}

/** Equal to the 12th digit: the change stream's JSON carries 14 significant digits (cjson), the hashes 17. */
function near(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * What differs between a mirror's values for `period` and the server's own read of the view (GET /api/v1/views, read
 * from Redis): empty when the socket holds exactly what Redis has.
 */
export function differences(mirror: ViewMirror, fromServer: readonly MetricValue[], period: string): string[] {
  const held = mirror.held(period);
  const out: string[] = [];
  for (const v of fromServer) {
    if (v.period !== period) continue;
    const h = held.get(`${v.indicator}|${v.unit}`);
    if (!h) out.push(`${mirror.view.scope}: ${v.indicator}|${v.unit} missing on the socket (server ${v.num}/${v.den})`);
    else if (!near(h.num, v.num) || !near(h.den, v.den)) out.push(`${mirror.view.scope}: ${v.indicator}|${v.unit} socket ${h.num}/${h.den}, server ${v.num}/${v.den}`);
  }
  return out;
}

/** The view as the server's REST API answers it now (what a mirror should hold once it has caught up). */
export async function serverView(
  session: { call(method: string, path: string): Promise<{ body: unknown }> },
  scope: string,
  indicators: readonly string[],
): Promise<MetricValue[]> {
  return ((await session.call('GET', `/api/v1/views?scope=${scope}&indicators=${indicators.join(',')}`)).body as { values: MetricValue[] }).values;
}
