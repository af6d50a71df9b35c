import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderToken, dropRenderToken } from '../../store/reports.repo';
import { queuePrefix, REPORTS_QUEUE } from '../../platform/queues';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The reports API's refusals and validation, against a real server and Redis (no renderer here: REPORT_RENDERER=off,
 * so requests stay queued and nothing launches Chromium). The renders themselves are in test/e2e/reports.e2e.test.ts.
 */
let stack: Stack;
let admin: Session;
let viewer: Session;
let provinceAdmin: Session;
let displayToken: string;

beforeAll(async () => {
  stack = await startStack({ REPORT_RENDERER: 'off', REPORT_KEEP_DAYS: '2' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  for (const [username, role] of [['r-viewer', 'viewer'], ['r-admin', 'admin']] as const) {
    const r = await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope: '48', password: `${username}-password-1` });
    expect(r.status).toBe(201);
  }
  viewer = await signIn(stack.url, 'r-viewer', 'r-viewer-password-1');
  provinceAdmin = await signIn(stack.url, 'r-admin', 'r-admin-password-1');
  displayToken = (await admin.call('POST', '/api/v1/displays', { name: 'wall 48', scope: '48', scenes: ['province:48'] })).body.token;
}, 60_000);
afterAll(async () => stack?.stop());

const codeOf = (r: { body: any }) => r.body?.error?.code as string | undefined;

describe('report requests', () => {
  it('are validated with a code for each mistake, never a 5xx', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ kind: 'weekly', scope: '48' }, 400, 'bad_request'],
      [{ kind: 'briefing' }, 400, 'bad_request'],
      [{ kind: 'briefing', scope: '99' }, 400, 'unknown_unit'],
      [{ kind: 'briefing', scope: 48 }, 400, 'unknown_unit'],
      [{ kind: 'scene', scope: '48', indicator: 'no_such_indicator' }, 400, 'unknown_indicator'],
      [{ kind: 'scene', scope: '48', indicator: 'Bad Id!' }, 400, 'bad_request'],
    ];
    for (const [body, status, code] of cases) {
      const r = await viewer.call('POST', '/api/v1/reports', body);
      expect({ body, status: r.status, code: codeOf(r) }).toEqual({ body, status, code });
    }
    const broken = await fetch(`${stack.url}/api/v1/reports`, { method: 'POST', headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf, 'content-type': 'application/json' }, body: '{"kind":' });
    expect(broken.status).toBe(400);
  });

  it('are refused outside the scope, to anonymous callers, to wall tokens and without the CSRF token', async () => {
    expect((await viewer.call('POST', '/api/v1/reports', { kind: 'briefing', scope: '01' })).status).toBe(403);
    const anonymous = await fetch(`${stack.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'briefing', scope: '48' }) });
    expect(anonymous.status).toBe(401);
    const wall = await fetch(`${stack.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-display-token': displayToken }, body: JSON.stringify({ kind: 'briefing', scope: '48' }) });
    expect(wall.status).toBe(403);
    expect((await viewer.call('POST', '/api/v1/reports', { kind: 'briefing', scope: '48' }, { csrf: false })).status).toBe(403);
  });

  it('are kept queued, listed within the scope newest first, audited, and serve no PDF until done', async () => {
    const a = await viewer.call('POST', '/api/v1/reports', { kind: 'briefing', scope: '48' });
    expect(a.status).toBe(202);
    expect(a.body.report).toMatchObject({ kind: 'briefing', scope: '48', indicator: null, state: 'queued', attempts: 0, maxAttempts: 3, requestedBy: 'r-viewer', error: null });
    // kept REPORT_KEEP_DAYS (2 here): the record's TTL says so
    expect(a.body.report.expiresAt - a.body.report.createdAt).toBe(2 * 86_400_000);
    const ttl = await stack.redis.pttl(stack.keys.report(a.body.report.id));
    expect(ttl).toBeGreaterThan(2 * 86_400_000 - 60_000);
    const national = await admin.call('POST', '/api/v1/reports', { kind: 'scene', scope: 'VN', indicator: 'dossier_on_time_rate' });
    expect(national.status).toBe(202);

    const mine = (await viewer.call('GET', '/api/v1/reports')).body.reports as Array<{ id: string; scope: string }>;
    expect(mine.map((r) => r.id)).toContain(a.body.report.id);
    expect(mine.every((r) => r.scope === '48' || r.scope.startsWith('48'))).toBe(true);
    const all = (await admin.call('GET', '/api/v1/reports')).body.reports as Array<{ id: string }>;
    expect(all[0]?.id).toBe(national.body.report.id);

    expect((await viewer.call('GET', `/api/v1/reports/${national.body.report.id}`)).status).toBe(403);
    expect((await viewer.call('GET', `/api/v1/reports/${national.body.report.id}/pdf`)).status).toBe(403);
    const notReady = await viewer.call('GET', `/api/v1/reports/${a.body.report.id}/pdf`);
    expect([notReady.status, codeOf(notReady)]).toEqual([409, 'not_ready']);
    const missing = await viewer.call('GET', '/api/v1/reports/no-such-report/pdf');
    expect([missing.status, codeOf(missing)]).toEqual([404, 'not_found']);
    // a wall in the scope may read the list (read-only), not make reports
    const wallList = await fetch(`${stack.url}/api/v1/reports`, { headers: { 'x-display-token': displayToken } });
    expect(wallList.status).toBe(200);

    const audit = (await admin.call('GET', '/api/v1/audit')).body.entries as Array<{ action: string; target: string; actor: string }>;
    expect(audit.find((e) => e.action === 'report.create' && e.target === a.body.report.id)?.actor).toBe('r-viewer');
    // the job waits in the reports queue under the report's id
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:${a.body.report.id}`)).toBe(1);
  });

  it('are rate-limited per user', async () => {
    const fresh = await signIn(stack.url, 'r-admin', 'r-admin-password-1');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await fresh.call('POST', '/api/v1/reports', { kind: 'scene', scope: '48' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await fresh.call('POST', '/api/v1/reports', { kind: 'scene', scope: '48' });
    expect(codeOf(limited)).toBe('rate_limited');
    // another user is not limited by it
    expect((await admin.call('POST', '/api/v1/reports', { kind: 'scene', scope: '48' })).status).toBe(202);
  });
});

describe('the render token', () => {
  it('reads within its report’s scope only, changes nothing, and stops working once dropped', async () => {
    const store = { redis: stack.redis, keys: stack.keys };
    const token = await createRenderToken(store, { report: 'r-1', scope: '48' }, 60_000);
    const get = (path: string) => fetch(`${stack.url}${path}`, { headers: { 'x-display-token': token } });
    const me = (await (await get('/api/v1/auth/me')).json()) as { principal: { kind: string; scope: string } };
    expect(me.principal).toMatchObject({ kind: 'display', scope: '48' });
    expect((await get('/api/v1/views?scope=48&indicators=dossier_on_time_rate')).status).toBe(200);
    expect((await get('/api/v1/views?scope=01&indicators=dossier_on_time_rate')).status).toBe(403);
    const ack = await fetch(`${stack.url}/api/v1/alerts/x/ack`, { method: 'POST', headers: { 'x-display-token': token, 'content-type': 'application/json' }, body: '{"comment":"x"}' });
    expect(ack.status).toBe(403);
    expect(await stack.redis.pttl(stack.keys.renderToken((await import('../../store/sources.repo')).hashToken(token)))).toBeLessThanOrEqual(60_000);
    await dropRenderToken(store, token);
    expect((await get('/api/v1/views?scope=48&indicators=dossier_on_time_rate')).status).toBe(401);
  });
});

describe('report schedules', () => {
  it('are for admins within their scope, with a five-field cron in Viet Nam time', async () => {
    const ok = { name: 'Giao ban sáng', kind: 'briefing', scope: '48', cron: '30 7 * * 1-5' };
    expect((await viewer.call('POST', '/api/v1/report-schedules', ok)).status).toBe(403);
    expect((await viewer.call('GET', '/api/v1/report-schedules')).status).toBe(403);
    expect((await provinceAdmin.call('POST', '/api/v1/report-schedules', { ...ok, scope: '01' })).status).toBe(403);
    const cases: Array<[unknown, string]> = [
      [{ ...ok, cron: 'every morning' }, 'bad_cron'],
      [{ ...ok, cron: '30 7 * * 1-5 2026' }, 'bad_cron'],
      [{ ...ok, cron: '99 7 * * *' }, 'bad_cron'],
      [{ ...ok, tz: 'Europe/Paris' }, 'bad_request'],
      [{ ...ok, name: '' }, 'bad_request'],
      [{ ...ok, kind: 'weekly' }, 'bad_request'],
      [{ ...ok, indicator: 'no_such_indicator' }, 'unknown_indicator'],
    ];
    for (const [body, code] of cases) {
      const r = await provinceAdmin.call('POST', '/api/v1/report-schedules', body);
      expect({ body, status: r.status, code: codeOf(r) }).toEqual({ body, status: 400, code });
    }

    const made = await provinceAdmin.call('POST', '/api/v1/report-schedules', ok);
    expect(made.status).toBe(201);
    expect(made.body.schedule).toMatchObject({ ...ok, tz: 'Asia/Ho_Chi_Minh', indicator: null, createdBy: 'r-admin' });
    const id = made.body.schedule.id as string;
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:repeat:${id}`)).toBe(1);
    const listed = (await provinceAdmin.call('GET', '/api/v1/report-schedules')).body.schedules as Array<{ id: string; nextAt: number }>;
    expect(listed.find((s) => s.id === id)?.nextAt).toBeGreaterThan(Date.now());
    // the national admin's own schedule is not the province admin's to see or remove
    const national = await admin.call('POST', '/api/v1/report-schedules', { ...ok, scope: 'VN', name: 'Cả nước' });
    expect((await provinceAdmin.call('GET', '/api/v1/report-schedules')).body.schedules.map((s: { id: string }) => s.id)).not.toContain(national.body.schedule.id);
    expect((await provinceAdmin.call('DELETE', `/api/v1/report-schedules/${national.body.schedule.id}`)).status).toBe(403);
    expect((await provinceAdmin.call('POST', `/api/v1/report-schedules/${national.body.schedule.id}/run`)).status).toBe(403);
    expect((await provinceAdmin.call('DELETE', '/api/v1/report-schedules/nope')).status).toBe(404);

    // the stored schedule is the truth: a server starting on an emptied (or moved) reports queue makes its job
    // scheduler again
    await stack.stopServer();
    const queueKeys = await stack.redis.keys(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:*`);
    expect(queueKeys.length).toBeGreaterThan(0);
    await stack.redis.unlink(...queueKeys);
    await stack.startServer();
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:repeat:${id}`)).toBe(1);

    const audit = (await admin.call('GET', '/api/v1/audit')).body.entries as Array<{ action: string; target: string }>;
    expect(audit.some((e) => e.action === 'report-schedule.create' && e.target === id)).toBe(true);
    expect((await provinceAdmin.call('DELETE', `/api/v1/report-schedules/${id}`)).status).toBe(200);
    expect(await stack.redis.exists(`${queuePrefix(REPORTS_QUEUE, stack.prefix)}:reports:repeat:${id}`)).toBe(0);
    expect((await admin.call('GET', '/api/v1/audit')).body.entries.some((e: { action: string; target: string }) => e.action === 'report-schedule.delete' && e.target === id)).toBe(true);
  });
});
