import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../core/alerts/alert';
import type { Silence } from '../../core/alerts/silence';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readAuditWhere } from '../../store/audit.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
const RATE = 'dossier_on_time_rate';
const [quiet, loud] = domain.registry.children('48', 'commune').map((u) => u.code);
let stack: Stack;
let admin: Session;
let op48: Session;
let op01: Session;
let token: string;
let receiver: Server;
const received: { type: string; alert: AlertRecord }[] = [];
let batch = 0;
const post = (unit: string, num: number) =>
  postBatch(stack.url, token, {
    batchId: `s${++batch}`,
    observations: [{ indicator: RATE, unit, period: currentPeriod('day', Date.now()), num, den: 100, observedAt: new Date().toISOString() }],
  });
const inHour = () => new Date(Date.now() + 3600_000).toISOString();
const openAlert = async (unit: string) =>
  ((await admin.call('GET', `/api/v1/alerts?unit=${unit}&indicator=${RATE}&state=firing`)).body.items as AlertRecord[])[0];
const hooks = (unit: string, type: string) => received.filter((r) => r.alert.unit === unit && r.type === type);

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(stack.redis, stack.keys, 'silences-feed');
  for (const [u, scope] of [['op48', '48'], ['op01', '01']]) {
    await admin.call('POST', '/api/v1/users', { username: u, displayName: u, role: 'operator', scope, password: `${u}-long-password` });
  }
  op48 = await signIn(stack.url, 'op48', 'op48-long-password');
  op01 = await signIn(stack.url, 'op01', 'op01-long-password');
  receiver = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push(JSON.parse(data) as { type: string; alert: AlertRecord });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  expect((await admin.call('POST', '/api/v1/contact-points', { name: 'Trực ban Đà Nẵng', scope: '48', url })).status).toBe(201);
  const rule = { indicator: RATE, scope: '48', bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: null };
  expect((await admin.call('PUT', '/api/v1/alert-rules', rule)).status).toBe(200);
  for (const u of [quiet!, loud!]) await post(u, 95);
}, 60_000);
afterAll(async () => {
  receiver?.close();
  await stack?.stop();
});

describe('silences (maintenance windows)', () => {
  it('are validated with 4xx codes, and operators create them only within their scope', async () => {
    const code = async (who: Session, body: unknown) => {
      const r = await who.call('POST', '/api/v1/silences', body);
      return `${r.status} ${r.body?.error?.code ?? ''}`.trim();
    };
    const ok = { target: { kind: 'unit', unit: quiet }, endsAt: inHour(), comment: 'Bảo trì một cửa' };
    expect(await code(op48, { ...ok, comment: ' ' })).toBe('400 bad_request');
    expect(await code(op48, { ...ok, target: { kind: 'unit', unit: '99999' } })).toBe('400 unknown_unit');
    expect(await code(op48, { ...ok, target: { kind: 'rule', indicator: 'nope', scope: '48' } })).toBe('400 unknown_indicator');
    expect(await code(op48, { ...ok, endsAt: new Date(Date.now() - 1000).toISOString() })).toBe('400 bad_window');
    expect(await code(op48, { ...ok, endsAt: new Date(Date.now() + 31 * 86400_000).toISOString() })).toBe('400 bad_window');
    expect(await code(op48, { ...ok, target: { kind: 'planet' } })).toBe('400 bad_request');
    expect(await code(op01, ok)).toBe('403 forbidden');
    expect((await op01.call('GET', '/api/v1/silences?unit=48')).status).toBe(403);
  });

  it('a silence on a unit: its alert opens, marked muted, and sends no webhook; ended early, a new firing sends one', async () => {
    const created = await op48.call('POST', '/api/v1/silences', { target: { kind: 'unit', unit: quiet }, endsAt: inHour(), comment: 'Bảo trì một cửa' });
    expect(created.status).toBe(201);
    const silence = created.body.silence as Silence;
    expect(((await op48.call('GET', '/api/v1/silences')).body.items as Silence[]).map((s) => s.id)).toContain(silence.id);
    expect(((await op01.call('GET', '/api/v1/silences')).body.items as Silence[]).map((s) => s.id)).not.toContain(silence.id);

    await post(quiet!, 70);
    await post(loud!, 70);
    // the other commune's webhook proves the notification step ran; the silenced one opened but sent nothing
    await eventually(async () => (hooks(loud!, 'alert.fired').length ? true : undefined), 20_000);
    const muted = await eventually(() => openAlert(quiet!), 10_000);
    expect(muted.mutedBy).toEqual({ silence: silence.id, until: silence.endsAt });
    expect(muted.silencedUntil).toBe(silence.endsAt);
    await new Promise((r) => setTimeout(r, 1500));
    expect(hooks(quiet!, 'alert.fired')).toEqual([]);

    // ended early: the open alert is unmarked at once, and the next transitions notify again
    expect((await op01.call('POST', `/api/v1/silences/${silence.id}/end`)).status).toBe(403);
    const ended = await op48.call('POST', `/api/v1/silences/${silence.id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.marked).toBe(1);
    expect((await op48.call('POST', `/api/v1/silences/${silence.id}/end`)).body.error.code).toBe('already_ended');
    expect((await op48.call('POST', '/api/v1/silences/nope/end')).status).toBe(404);
    expect((await openAlert(quiet!))).toMatchObject({ silencedUntil: null, mutedBy: null });
    await post(quiet!, 95); // resolves
    await post(quiet!, 70); // fires again
    const again = await eventually(async () => hooks(quiet!, 'alert.fired')[0], 20_000);
    expect(again.alert.id).not.toBe(muted.id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(hooks(quiet!, 'alert.fired')).toHaveLength(1);

    const audited = await readAuditWhere(stack.redis, stack.keys, (e) => e.target === silence.id);
    expect(audited.map((e) => `${e.action} ${e.actor}`).sort()).toEqual(['silence.create op48', 'silence.end op48']);
  }, 90_000);

  it('a silence of a scope marks the open alerts under it at once', async () => {
    const before = await openAlert(loud!);
    expect(before?.mutedBy ?? null).toBeNull();
    const created = await admin.call('POST', '/api/v1/silences', { target: { kind: 'scope', scope: '48' }, endsAt: inHour(), comment: 'Nâng cấp đường truyền' });
    expect(created.status).toBe(201);
    expect(created.body.marked).toBeGreaterThanOrEqual(2);
    expect((await openAlert(loud!))?.mutedBy?.silence).toBe(created.body.silence.id);
    const page = (await admin.call('GET', '/api/v1/alerts?state=firing&unit=48&limit=1')).body as { items: AlertRecord[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(typeof page.nextCursor).toBe('string');
    const next = (await admin.call('GET', `/api/v1/alerts?state=firing&unit=48&limit=1&cursor=${page.nextCursor}`)).body as { items: AlertRecord[] };
    expect(next.items[0]?.id).not.toBe(page.items[0]!.id);
    expect((await admin.call('GET', '/api/v1/alerts?cursor=bm9wZQ')).body.error.code).toBe('bad_cursor');
    expect((await admin.call('GET', '/api/v1/alerts?limit=1001')).status).toBe(400);
  });
});
