import type { Ack, MetricsDelta, SubscribeRequest, ViewResync } from '../../core/contract/events';
import type { ViewRequest, ViewSnapshot } from '../../core/contract/metrics';
import { compareSeq } from './seq';

/** What ViewSync needs from the socket; socket.ts adapts the real one, tests pass a fake. */
export interface SyncTransport {
  readonly connected: boolean;
  /** Called on the first connect and on every reconnect. Returns a function that removes the listener. */
  onConnect(listener: () => void): () => void;
  onDisconnect(listener: () => void): () => void;
  onDelta(listener: (delta: MetricsDelta) => void): () => void;
  /** Resolves with the server's ack; rejects on timeout or disconnect. */
  subscribe(request: SubscribeRequest): Promise<Ack<ViewResync>>;
  unsubscribe(scope: string): void;
}

/** Where applied data goes (the metrics store). */
export interface SyncTarget {
  applySnapshot(snapshot: ViewSnapshot): void;
  applyDelta(delta: MetricsDelta): void;
  /** `code`: a refused subscribe's error code (docs/api.md "Errors"); absent when the socket itself failed. */
  syncState(state: 'syncing' | 'synced' | 'failed', detail?: string, code?: string): void;
}

export interface ViewSyncOptions {
  /** Wait before a failed subscribe is tried again. */
  retryMs?: number;
  /** Deltas kept while a subscribe is in flight; beyond it the view is resynced from a snapshot. */
  maxBuffered?: number;
}

function sameIndicators(a: ViewRequest, b: ViewRequest): boolean {
  return a.scope === b.scope && a.indicators.length === b.indicators.length && a.indicators.every((id, i) => id === b.indicators[i]);
}

/**
 * Keeps one view in sync (DESIGN §6, docs/api.md): snapshot first, then deltas in seq order; after every reconnect it
 * re-subscribes with `since` = the last applied seq and applies the replay or the fresh snapshot before any new delta.
 * Deltas below the applied seq are ignored (one at the same seq is another indicator's share of the same tick), so
 * nothing older is applied over newer figures and the screen never looks live while holding old data.
 */
export class ViewSync {
  private view: ViewRequest | null = null;
  private lastSeq: string | null = null;
  private generation = 0;
  private syncing = false;
  private buffer: MetricsDelta[] = [];
  private overflowed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly detach: Array<() => void>;
  private readonly retryMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly transport: SyncTransport,
    private readonly target: SyncTarget,
    options: ViewSyncOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 3000;
    this.maxBuffered = options.maxBuffered ?? 500;
    this.detach = [
      transport.onConnect(() => void this.sync()),
      transport.onDisconnect(() => this.cancel()),
      transport.onDelta((delta) => this.receive(delta)),
    ];
  }

  /** The last seq applied; `null` before the first snapshot. */
  get seq(): string | null {
    return this.lastSeq;
  }

  /** Show this view. A different scope or indicator list starts from a fresh snapshot. */
  setView(view: ViewRequest | null): void {
    if (view && this.view && sameIndicators(view, this.view)) return;
    if (this.view && (!view || view.scope !== this.view.scope)) this.transport.unsubscribe(this.view.scope);
    this.view = view ? { scope: view.scope, indicators: [...view.indicators] } : null;
    this.lastSeq = null;
    this.cancel();
    if (this.view && this.transport.connected) void this.sync();
  }

  /**
   * Subscribe again from the last seq applied, as after a reconnect: the server's data store answers again after an
   * outage (the socket stayed up, but a subscribe may have failed meanwhile and the figures must be checked).
   */
  resync(): void {
    if (this.view && this.transport.connected) void this.sync();
  }

  /** Stop listening; the socket itself stays open for other views. */
  dispose(): void {
    this.setView(null);
    for (const off of this.detach) off();
  }

  private cancel(): void {
    this.generation += 1;
    this.syncing = false;
    this.buffer = [];
    this.overflowed = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private retry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.transport.connected) void this.sync();
    }, this.retryMs);
  }

  private async sync(): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.cancel();
    const generation = this.generation;
    this.syncing = true;
    this.target.syncState('syncing');
    const request: SubscribeRequest = { scope: view.scope, indicators: view.indicators };
    if (this.lastSeq !== null) request.since = this.lastSeq;
    let result: Ack<ViewResync>;
    try {
      result = await this.transport.subscribe(request);
    } catch (error) {
      if (generation !== this.generation) return;
      this.syncing = false;
      this.target.syncState('failed', error instanceof Error ? error.message : String(error));
      this.retry();
      return;
    }
    if (generation !== this.generation) return;
    if (!result.ok) {
      this.syncing = false;
      this.target.syncState('failed', `${result.error.code}: ${result.error.message}`, result.error.code);
      this.retry();
      return;
    }
    const { mode, snapshot, delta } = result.data;
    if (mode === 'snapshot' && snapshot) {
      this.target.applySnapshot(snapshot);
      this.lastSeq = snapshot.seq;
    } else if (mode === 'replay' && delta && this.lastSeq !== null) {
      this.apply(delta);
    } else {
      // A replay without a base, or an answer without data: start over from a snapshot.
      this.lastSeq = null;
      this.syncing = false;
      this.retry();
      return;
    }
    const buffered = this.buffer;
    const overflowed = this.overflowed;
    this.syncing = false;
    this.buffer = [];
    this.overflowed = false;
    if (overflowed) {
      void this.sync();
      return;
    }
    for (const d of buffered) this.apply(d);
    this.target.syncState('synced');
  }

  private receive(delta: MetricsDelta): void {
    if (!this.view || delta.scope !== this.view.scope) return;
    if (this.syncing) {
      if (this.buffer.length >= this.maxBuffered) this.overflowed = true;
      else this.buffer.push(delta);
      return;
    }
    if (this.lastSeq === null) return; // nothing to build on yet: the coming snapshot holds it
    this.apply(delta);
  }

  private apply(delta: MetricsDelta): void {
    // the server sends one delta per (view, indicator) each tick, all with the same seq: an equal seq is another
    // indicator's share of the same changes (values are absolute, so one already held is simply set again)
    if (this.lastSeq !== null && compareSeq(delta.seq, this.lastSeq) < 0) return;
    this.target.applyDelta(delta);
    this.lastSeq = delta.seq;
  }
}
