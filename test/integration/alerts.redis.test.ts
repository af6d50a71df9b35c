import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../core/alerts/alert';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { lastChangeId } from '../../store/changes.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
let stack: Stack;
let admin: Session;
let token: string;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const events: AlertEvent[] = [];
const commune = domain.registry.children('48', 'commune')[0]!.code;
const other = domain.registry.children('01', 'commune')[0]!.code;
const period = () => currentPeriod('day', Date.now());
let batch = 0;
const post = (unit: string, num: number) =>
  postBatch(stack.url, token, {
    batchId: `a${++batch}`,
    observations: [{ indicator: 'dossier_on_time_rate', unit, period: period(), num, den: 100, observedAt: new Date().toISOString() }],
  });
const rule = { indicator: 'dossier_on_time_rate', scope: '48', bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: 3_600_000 };

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(stack.redis, stack.keys, 'alerts-feed');
  socket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie } });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.on('alert:changed', (e) => events.push(e));
  expect((await socket.emitWithAck('view:subscribe', { scope: '48', indicators: ['dossier_on_time_rate'] })).ok).toBe(true);
});
afterAll(async () => {
  socket?.disconnect();
  await stack?.stop();
});

describe('alerts end to end', () => {
  it('an operator saves a province rule (validated, audited); a breach fires once, live, and resolves past the band', async () => {
    const bad = await admin.call('PUT', '/api/v1/alert-rules', { ...rule, critical: 90 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.join()).toMatch(/critical must be at or below warning/);
    expect((await admin.call('PUT', '/api/v1/alert-rules', rule)).status).toBe(200);
    const log = (await admin.call('GET', '/api/v1/alert-rules/history')).body.entries as { action: string; actor: string; detail: { before: unknown; after: { warning: number } } }[];
    expect(log.find((e) => e.action === 'rule.save')).toMatchObject({ actor: 'admin', detail: { before: null, after: { warning: 80 } } });

    await post(commune, 90);
    await post(commune, 70); // breach: fires
    const fired = await eventually(async () => events.find((e) => e.kind === 'fired' && e.alert.unit === commune));
    expect(fired.alert).toMatchObject({ indicator: 'dossier_on_time_rate', severity: 'warning', phase: 'firing', ruleScope: '48' });
    for (const v of [79, 81, 79, 82, 84]) await post(commune, v); // inside the band: stays open
    await post(commune, 90); // past the clear level: resolves
    await eventually(async () => events.find((e) => e.kind === 'resolved' && e.alert.unit === commune));
    await new Promise((r) => setTimeout(r, 500));
    expect(events.filter((e) => e.alert.unit === commune && e.kind === 'fired')).toHaveLength(1);
    expect(events.filter((e) => e.alert.unit === commune && e.kind === 'resolved')).toHaveLength(1);
    const history = (await admin.call('GET', `/api/v1/alerts/history?unit=${commune}`)).body.items as AlertEvent[];
    expect(history.map((e) => e.kind)).toEqual(['resolved', 'fired']);
  });

  it('operators acknowledge, assign and silence within their scope only', async () => {
    await post(commune, 50); // critical
    const open = await eventually(async () => events.find((e) => e.kind === 'fired' && e.alert.unit === commune && e.alert.severity === 'critical'));
    const id = open.alert.id;
    for (const [u, scope] of [['op48', '48'], ['op01', '01']]) {
      await admin.call('POST', '/api/v1/users', { username: u, displayName: u, role: 'operator', scope, password: `${u}-long-password` });
    }
    const op48 = await signIn(stack.url, 'op48', 'op48-long-password');
    const op01 = await signIn(stack.url, 'op01', 'op01-long-password');
    expect((await op01.call('POST', `/api/v1/alerts/${id}/ack`, { comment: 'không phải của tôi' })).status).toBe(403);
    expect((await op48.call('POST', `/api/v1/alerts/${id}/ack`, { comment: '' })).status).toBe(400);
    const acked = await op48.call('POST', `/api/v1/alerts/${id}/ack`, { comment: 'Đang làm việc với xã' });
    expect(acked.body.alert.acknowledged).toMatchObject({ by: 'op48', comment: 'Đang làm việc với xã' });
    expect((await op48.call('POST', `/api/v1/alerts/${id}/assign`, { user: 'op01' })).status).toBe(400);
    expect((await op48.call('POST', `/api/v1/alerts/${id}/assign`, { user: 'op48' })).body.alert.assignee.user).toBe('op48');
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await op48.call('POST', `/api/v1/alerts/${id}/silence`, { until })).body.alert.silencedUntil).toBe(Date.parse(until));
    await eventually(async () => (events.some((e) => e.kind === 'silenced' && e.alert.id === id) ? true : undefined));
    const listed = (await op01.call('GET', '/api/v1/alerts')).body.items as { unit: string }[];
    expect(listed.every((a) => domain.registry.isWithin(a.unit, '01'))).toBe(true);
  });

  it('restarting the workers loses no alert state', async () => {
    const before = await stack.redis.hgetall(stack.keys.alertState('dossier_on_time_rate'));
    expect(JSON.parse(before[commune]!).state.phase).toBe('firing');
    await stack.stopWorkers();
    stack.startWorkers();
    await post(commune, 55); // still critical: no second fire after the restart
    await post(other, 99);
    await eventually(async () => ((await stack.redis.hget(stack.keys.latest('dossier_on_time_rate', '01', period()), other)) ? true : undefined), 20_000);
    // the restarted evaluator has read both changes (its stored position is at or past the last one) …
    const last = (await lastChangeId(stack.redis, stack.keys)).split('-').map(Number);
    await eventually(async () => {
      const cursor = (await stack.redis.get(stack.keys.alertCursor()))?.split('-').map(Number);
      return cursor && (cursor[0]! > last[0]! || (cursor[0] === last[0] && cursor[1]! >= last[1]!)) ? true : undefined;
    }, 20_000);
    // … and any event it wrote would have reached the socket by now
    await new Promise((r) => setTimeout(r, 500));
    expect(events.filter((e) => e.alert.unit === commune && e.kind === 'fired')).toHaveLength(2);
    const after = JSON.parse((await stack.redis.hget(stack.keys.alertState('dossier_on_time_rate'), commune))!);
    expect(after.state.phase).toBe('firing');
    expect(after.alertId).toBe(JSON.parse(before[commune]!).alertId);
  });

  it('a webhook contact point receives the alert as JSON, retried with backoff until the receiver answers 2xx', async () => {
    const received: { attempt: number; body: { type: string; alert: { unit: string } } }[] = [];
    const attempts = new Map<string, number>();
    const receiver = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const body = JSON.parse(data) as { type: string; alert: { id: string; unit: string } };
        const key = `${body.alert.id}:${body.type}`;
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        if (attempt <= 2) {
          res.writeHead(503).end();
          return;
        }
        received.push({ attempt, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    expect((await admin.call('POST', '/api/v1/contact-points', { name: 'SMS Đà Nẵng', scope: '48', url: 'ftp://x' })).status).toBe(400);
    expect((await admin.call('POST', '/api/v1/contact-points', { name: 'SMS Đà Nẵng', scope: '48', url })).status).toBe(201);
    const second = domain.registry.children('48', 'commune')[1]!.code;
    await post(second, 95);
    await post(second, 30);
    const got = await eventually(async () => received.find((r) => r.body.alert.unit === second), 20_000);
    expect(got.attempt).toBe(3);
    expect(got.body.type).toBe('alert.fired');
    receiver.close();
  });

  it('catalog defaults watch provinces, not communes: a commune far below the default raises nothing without a rule', async () => {
    const quiet = domain.registry.children('92', 'commune')[0]!.code;
    const r = await postBatch(stack.url, token, {
      batchId: `d${++batch}`,
      observations: [{ indicator: 'online_submission_rate', unit: quiet, period: period(), num: 1, den: 100, observedAt: new Date().toISOString() }],
    });
    expect(r.body.accepted).toBe(1);
    // the province's own value (1 %) is below the default too, and it is watched
    const alerts = async () => (await admin.call('GET', '/api/v1/alerts?unit=92&indicator=online_submission_rate')).body.items as { unit: string }[];
    await eventually(async () => ((await alerts()).some((a) => a.unit === '92') ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    expect((await alerts()).map((a) => a.unit)).toEqual(['92']);
  });

  it('the preview lists the units that would be in alert now under an edited rule', async () => {
    const preview = await admin.call('POST', '/api/v1/alert-rules/preview', { ...rule, warning: 60, critical: 40, clear: 65 });
    expect(preview.body.units.map((u: { unit: string }) => u.unit)).toContain(commune);
    const none = await admin.call('POST', '/api/v1/alert-rules/preview', { ...rule, warning: 20, critical: 10, clear: 25 });
    expect(none.body.count).toBe(0);
  });
});
