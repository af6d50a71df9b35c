import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, MetricsDelta, ServerToClientEvents, ViewResync } from '../../core/contract/events';
import type { MetricValue } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { INGEST_QUEUE, NOTIFY_QUEUE, PULL_QUEUE, REPORTS_QUEUE } from '../../platform/queues';
import { scanKeys } from '../../platform/redis';
import { compareIds } from '../../store/changes.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { startTestCluster, type TestRedis } from '../support/private-redis';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Redis Cluster (docs/redis.md): three primaries of the test's own (`redis-server --cluster-enabled yes`, then
 * `redis-cli --cluster create`), and a real server and workers that reach them only through REDIS_CLUSTER. The spine
 * runs through it — ingest, rollups, a socket delta, a reconnect replay — and the instance's keys sit on one slot,
 * each queue's on one of its own.
 */
let nodes: TestRedis[] = [];
let stack: Stack;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const domain = loadDomain();

beforeAll(async () => {
  nodes = await startTestCluster(3);
  stack = await startStack({ REDIS_CLUSTER: nodes.map((n) => `127.0.0.1:${n.port}`).join(',') });
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  socket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie } });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
}, 90_000);
afterAll(async () => {
  socket?.disconnect();
  await stack?.stop();
  await Promise.all(nodes.map((n) => n.dispose()));
});

const keySlot = async (key: string) => Number(await stack.redis.cluster('KEYSLOT', key));

describe('Redis Cluster: the spine through a three-primary cluster', () => {
  it('a batch for communes of two provinces rolls up to provinces and nation, and reaches a subscribed socket', async () => {
    const received: MetricValue[] = [];
    socket.on('metrics:delta', (d: MetricsDelta) => received.push(...d.values));
    const ack = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_on_time_rate', 'dossier_received_count'] });
    expect(ack).toMatchObject({ ok: true, data: { mode: 'snapshot' } });

    const token = await newSource(stack.redis, stack.keys, 'so-cluster-test');
    const period = currentPeriod('day', Date.now());
    const [a, b] = domain.registry.children('01', 'commune');
    const [c] = domain.registry.children('48', 'commune');
    const at = new Date().toISOString();
    const ratio = (unit: string, num: number, den: number) => ({ indicator: 'dossier_on_time_rate', unit, period, num, den, observedAt: at });
    const count = (unit: string, value: number) => ({ indicator: 'dossier_received_count', unit, period, value, observedAt: at });
    const res = await postBatch(stack.url, token, {
      batchId: 'cluster-two-provinces',
      observations: [ratio(a!.code, 90, 100), ratio(b!.code, 1, 10), ratio(c!.code, 40, 50), count(a!.code, 7), count(b!.code, 5), count(c!.code, 30)],
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 6, rejected: [], status: 'queued' });

    const got = await eventually(async () => {
      const m = new Map(received.map((v) => [`${v.indicator}|${v.unit}`, v.value]));
      const want = ['01', '48', 'VN'].flatMap((u) => [`dossier_on_time_rate|${u}`, `dossier_received_count|${u}`]);
      return want.every((k) => m.has(k)) ? m : undefined;
    }, 20_000);
    // Σnum/Σden over the communes, at the province and at VN; sums add up
    expect(got.get('dossier_on_time_rate|01')).toBeCloseTo((91 / 110) * 100, 9);
    expect(got.get('dossier_on_time_rate|48')).toBeCloseTo((40 / 50) * 100, 9);
    expect(got.get('dossier_on_time_rate|VN')).toBeCloseTo((131 / 160) * 100, 9);
    expect(got.get('dossier_received_count|01')).toBe(12);
    expect(got.get('dossier_received_count|48')).toBe(30);
    expect(got.get('dossier_received_count|VN')).toBe(42);
  });

  it('after a reconnect, a subscribe with `since` replays what was missed', async () => {
    const first = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_received_count'] });
    const since = (first as { ok: true; data: ViewResync }).data.snapshot!.seq;
    socket.disconnect();
    const token = await newSource(stack.redis, stack.keys, 'so-cluster-test-2');
    const unit = domain.registry.children('79', 'commune')[0]!.code;
    const res = await postBatch(stack.url, token, {
      batchId: 'cluster-missed',
      observations: [{ indicator: 'dossier_received_count', unit, period: currentPeriod('day', Date.now()), value: 17, observedAt: new Date().toISOString() }],
    });
    expect(res.status).toBe(202);
    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const replay = await eventually(async () => {
      const r = await socket.emitWithAck('view:subscribe', { scope: 'VN', indicators: ['dossier_received_count'], since });
      const data = (r as { ok: true; data: ViewResync }).data;
      return data.mode === 'replay' && data.delta!.values.some((v) => v.unit === '79') ? data : undefined;
    }, 20_000);
    expect(replay.delta!.values.find((v) => v.unit === '79')!.value).toBe(17);
    expect(compareIds(replay.delta!.seq, since)).toBeGreaterThan(0);
  });

  it("keeps the instance's data keys on one slot, and each queue's keys on a slot of its own tag", async () => {
    const dataSlot = await keySlot(`{${stack.prefix}}`);
    const data: string[] = [];
    for await (const key of scanKeys(stack.redis, `ioc:{${stack.prefix}}:*`)) data.push(key);
    expect(data.length).toBeGreaterThan(10);
    expect(new Set(await Promise.all(data.map(keySlot)))).toEqual(new Set([dataSlot]));

    const queueKeys: string[] = [];
    for await (const key of scanKeys(stack.redis, `ioc:{${stack.prefix}:*`)) queueKeys.push(key);
    for (const queue of [INGEST_QUEUE, NOTIFY_QUEUE, PULL_QUEUE, REPORTS_QUEUE]) {
      const mine = queueKeys.filter((k) => k.startsWith(`ioc:{${stack.prefix}:${queue}}:`));
      // every queue has at least its meta / worker keys by now; the ingest queue has had jobs
      expect(mine.length, queue).toBeGreaterThan(0);
      expect(new Set(await Promise.all(mine.map(keySlot))), queue).toEqual(new Set([await keySlot(`{${stack.prefix}:${queue}}`)]));
    }
    // every ingest job applied at its first try: the apply script declares its keys, so the Cluster client sent it to
    // the primary of the instance's slot (a script sent elsewhere fails "non local key", and only a retry that happens
    // to land right would save it)
    const jobs = queueKeys.filter((k) => k.startsWith(`ioc:{${stack.prefix}:${INGEST_QUEUE}}:`) && /:[0-9a-f]{40}$/.test(k));
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    const failedTries = await Promise.all(jobs.map(async (k) => JSON.parse((await stack.redis.hget(k, 'stacktrace')) ?? '[]') as string[]));
    expect(failedTries.flat().map((trace) => trace.split('\n')[0])).toEqual([]);
    expect(queueKeys.filter((k) => ![INGEST_QUEUE, NOTIFY_QUEUE, PULL_QUEUE, REPORTS_QUEUE].some((q) => k.startsWith(`ioc:{${stack.prefix}:${q}}:`)))).toEqual([]);
  });
});
