import { describe, expect, it } from 'vitest';
import type { Ack, MetricsDelta, SubscribeRequest, ViewResync } from '../../core/contract/events';
import type { MetricValue, ViewSnapshot } from '../../core/contract/metrics';
import { type SyncTarget, type SyncTransport, ViewSync } from './view-sync';

function value(unit: string, v: number): MetricValue {
  return { indicator: 'x', unit, period: '2026-11-28', value: v, num: v, den: null, observedAt: 1, source: 's' };
}

function snapshot(seq: string, v: number): ViewSnapshot {
  return { scope: 'VN', seq, periods: { x: '2026-11-28' }, values: [value('01', v)], serverTime: 0 };
}

function delta(seq: string, v: number, scope = 'VN'): MetricsDelta {
  return { scope, seq, values: [value('01', v)] };
}

class FakeTransport implements SyncTransport {
  connected = false;
  requests: SubscribeRequest[] = [];
  answers: Array<(ack: Ack<ViewResync>) => void> = [];
  private connectListeners: Array<() => void> = [];
  private disconnectListeners: Array<() => void> = [];
  private deltaListeners: Array<(d: MetricsDelta) => void> = [];
  onConnect(l: () => void) { this.connectListeners.push(l); return () => undefined; }
  onDisconnect(l: () => void) { this.disconnectListeners.push(l); return () => undefined; }
  onDelta(l: (d: MetricsDelta) => void) { this.deltaListeners.push(l); return () => undefined; }
  subscribe(request: SubscribeRequest): Promise<Ack<ViewResync>> {
    this.requests.push(request);
    return new Promise((resolve) => this.answers.push(resolve));
  }
  unsubscribe(): void {}
  connect() { this.connected = true; for (const l of this.connectListeners) l(); }
  disconnect() { this.connected = false; for (const l of this.disconnectListeners) l(); }
  push(d: MetricsDelta) { for (const l of this.deltaListeners) l(d); }
  answer(ack: Ack<ViewResync>) { this.answers.shift()?.(ack); }
}

class Recorder implements SyncTarget {
  log: string[] = [];
  applySnapshot(s: ViewSnapshot) { this.log.push(`snapshot ${s.seq}`); }
  applyDelta(d: MetricsDelta) { this.log.push(`delta ${d.seq}`); }
  syncState(state: string) { this.log.push(state); }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A ViewSync of the view VN/[x], connected and synced to the snapshot at seq 10-0. */
async function synced() {
  const t = new FakeTransport();
  const r = new Recorder();
  const sync = new ViewSync(t, r);
  sync.setView({ scope: 'VN', indicators: ['x'] });
  t.connect();
  t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('10-0', 1) } });
  await tick();
  return { t, r, sync };
}

describe('ViewSync', () => {
  it('subscribes on connect, applies the snapshot, then newer deltas only', async () => {
    const t = new FakeTransport();
    const r = new Recorder();
    const sync = new ViewSync(t, r);
    sync.setView({ scope: 'VN', indicators: ['x'] });
    t.connect();
    expect(t.requests[0]).toEqual({ scope: 'VN', indicators: ['x'] });
    t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('10-0', 1) } });
    await tick();
    t.push(delta('9-5', 2)); // older than the snapshot
    t.push(delta('11-0', 3));
    t.push(delta('12-0', 3, '48')); // another view
    expect(r.log).toEqual(['syncing', 'snapshot 10-0', 'synced', 'delta 11-0']);
    expect(sync.seq).toBe('11-0');
  });

  it('applies every delta of one tick: the server sends one per indicator, all with the same seq', async () => {
    const t = new FakeTransport();
    const r = new Recorder();
    const sync = new ViewSync(t, r);
    sync.setView({ scope: 'VN', indicators: ['x', 'y'] });
    t.connect();
    t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('10-0', 1) } });
    await tick();
    t.push({ scope: 'VN', seq: '12-0', values: [value('01', 2)] });
    t.push({ scope: 'VN', seq: '12-0', values: [{ ...value('VN', 3.4), indicator: 'y' }] });
    t.push(delta('11-5', 9)); // a late one from before: dropped
    expect(r.log).toEqual(['syncing', 'snapshot 10-0', 'synced', 'delta 12-0', 'delta 12-0']);
    expect(sync.seq).toBe('12-0');
  });

  it('re-subscribes with since after a reconnect and applies the replay before buffered deltas', async () => {
    const { t, r, sync } = await synced();
    t.disconnect();
    t.connect();
    expect(t.requests[1]).toEqual({ scope: 'VN', indicators: ['x'], since: '10-0' });
    t.push(delta('12-0', 5)); // arrives before the ack: buffered
    t.push(delta('11-0', 4)); // covered by the replay: dropped
    t.answer({ ok: true, data: { mode: 'replay', delta: delta('11-0', 4) } });
    await tick();
    expect(r.log.slice(3)).toEqual(['syncing', 'delta 11-0', 'delta 12-0', 'synced']);
    expect(sync.seq).toBe('12-0');
  });

  it('takes a fresh snapshot when the gap is too old and ignores what it already holds', async () => {
    const { t, r, sync } = await synced();
    t.disconnect();
    t.connect();
    t.push(delta('15-0', 7)); // buffered, at or below the coming snapshot
    t.push(delta('21-0', 8));
    t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('20-0', 6) } });
    await tick();
    expect(r.log.slice(3)).toEqual(['syncing', 'snapshot 20-0', 'delta 21-0', 'synced']);
  });

  it('drops the answer of a subscribe overtaken by a disconnect, and retries a refused one', async () => {
    const t = new FakeTransport();
    const r = new Recorder();
    const sync = new ViewSync(t, r, { retryMs: 5 });
    sync.setView({ scope: 'VN', indicators: ['x'] });
    t.connect();
    t.disconnect();
    t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('10-0', 1) } });
    await tick();
    expect(sync.seq).toBeNull();
    t.connect();
    t.answer({ ok: false, error: { code: 'internal', message: 'redis down' } });
    await new Promise((res) => setTimeout(res, 20));
    expect(t.requests).toHaveLength(3);
    expect(r.log).toContain('failed');
  });

  it('resyncs from its last seq when told the data store answers again, on the same socket', async () => {
    const { t, r, sync } = await synced();
    t.push(delta('11-0', 2));
    sync.resync();
    expect(t.requests[1]).toEqual({ scope: 'VN', indicators: ['x'], since: '11-0' });
    t.push(delta('13-0', 4)); // arrives while the replay is on its way: applied after it
    t.answer({ ok: true, data: { mode: 'replay', delta: delta('12-0', 3) } });
    await tick();
    expect(r.log.slice(4)).toEqual(['syncing', 'delta 12-0', 'delta 13-0', 'synced']);
    t.disconnect();
    sync.resync(); // not connected: the next connect resyncs
    expect(t.requests).toHaveLength(2);
  });

  it('starts from a fresh snapshot when the indicators change', async () => {
    const t = new FakeTransport();
    const sync = new ViewSync(t, new Recorder());
    t.connect();
    sync.setView({ scope: 'VN', indicators: ['x'] });
    t.answer({ ok: true, data: { mode: 'snapshot', snapshot: snapshot('10-0', 1) } });
    await tick();
    sync.setView({ scope: 'VN', indicators: ['x'] }); // same view: no new subscribe
    expect(t.requests).toHaveLength(1);
    sync.setView({ scope: 'VN', indicators: ['x', 'y'] });
    expect(t.requests[1]).toEqual({ scope: 'VN', indicators: ['x', 'y'] });
  });
});
