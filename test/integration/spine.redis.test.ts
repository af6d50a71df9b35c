import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, MetricsDelta, ServerToClientEvents, ViewResync } from '../../core/contract/events';
import type { MetricValue } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { compareIds } from '../../store/changes.repo';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';
import { eventually, newSource, postBatch } from '../support/ingest-client';

let stack: Stack;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const domain = loadDomain();

beforeAll(async () => {
  stack = await startStack();
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  socket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie } });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
});
afterAll(async () => {
  socket?.disconnect();
  await stack?.stop();
});

describe('the spine: a feed to a subscribed socket, through the real API, queue, worker, Redis and relay', () => {
  it('a batch for communes of two provinces reaches the national view as provinces and nation, ratio = Σnum/Σden', async () => {
    const received: MetricValue[] = [];
    socket.on('metrics:delta', (d: MetricsDelta) => received.push(...d.values));
    const ack = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_on_time_rate'] });
    expect(ack.ok).toBe(true);
    const snap = (ack as { ok: true; data: ViewResync }).data;
    expect(snap.mode).toBe('snapshot');
    expect(snap.snapshot!.seq).toMatch(/^\d+-\d+$/);

    const token = await newSource(stack.redis, stack.keys, 'so-tttt-test');
    const period = currentPeriod('day', Date.now());
    const [a, b] = domain.registry.children('01', 'commune');
    const [c] = domain.registry.children('48', 'commune');
    const item = (unit: string, num: number, den: number) => ({
      indicator: 'dossier_on_time_rate', unit, period, num, den, observedAt: new Date().toISOString(),
    });
    const res = await postBatch(stack.url, token, { batchId: 'two-provinces', observations: [item(a!.code, 90, 100), item(b!.code, 1, 10), item(c!.code, 40, 50)] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 3, rejected: [], status: 'queued' });

    const byUnit = await eventually(async () => {
      const m = new Map(received.map((v) => [v.unit, v]));
      return m.has('01') && m.has('48') && m.has('VN') ? m : undefined;
    });
    expect(byUnit.get('01')!.value).toBeCloseTo((91 / 110) * 100, 9);
    expect(byUnit.get('48')!.value).toBeCloseTo((40 / 50) * 100, 9);
    const vn = byUnit.get('VN')!;
    expect(vn.value).toBeCloseTo((131 / 160) * 100, 9);
    // not the mean of the provinces' ratios
    expect(vn.value).not.toBeCloseTo(((91 / 110) * 100 + 80) / 2, 3);
    expect(vn.reporting).toBe(2);
    expect(vn.expected).toBe(34);
    // commune values are for the province views, not the national one
    expect(byUnit.has(a!.code)).toBe(false);
  });

  it('after a reconnect, a subscribe with `since` replays what was missed', async () => {
    const first = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_received_count'] });
    const since = (first as { ok: true; data: ViewResync }).data.snapshot!.seq;
    const token = await newSource(stack.redis, stack.keys, 'so-tttt-test-2');
    const period = currentPeriod('day', Date.now());
    const unit = domain.registry.children('79', 'commune')[0]!.code;
    await postBatch(stack.url, token, {
      batchId: 'missed',
      observations: [{ indicator: 'dossier_received_count', unit, period, value: 17, observedAt: new Date().toISOString() }],
    });
    const replay = await eventually(async () => {
      const r = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_received_count'], since });
      const data = (r as { ok: true; data: ViewResync }).data;
      return data.mode === 'replay' && data.delta!.values.some((v) => v.unit === '79') ? data : undefined;
    });
    expect(replay.delta!.values.find((v) => v.unit === '79')!.value).toBe(17);
    expect(compareIds(replay.delta!.seq, since)).toBeGreaterThan(0);
  });

  it('refuses a socket that is not signed in', async () => {
    const anonymous = io(stack.url, { transports: ['websocket'] });
    await new Promise<void>((resolve) => anonymous.once('connect', () => resolve()));
    const refused = await anonymous.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_on_time_rate'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    anonymous.disconnect();
  });

  it('answers a view that cannot exist with a clear error', async () => {
    const bad = await socket.emitWithAck('view:subscribe', { scope: '99999', indicators: ['dossier_on_time_rate'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const worse = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: [] } as never);
    expect(worse).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
