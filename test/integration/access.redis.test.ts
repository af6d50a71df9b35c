import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { eventually, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const domain = loadDomain();
let stack: Stack;
let admin: Session;

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => stack?.stop());

async function makeUser(username: string, role: string, scope: string): Promise<Session> {
  const r = await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope, password: `${username}-password-123` });
  expect(r.status).toBe(201);
  return signIn(stack.url, username, `${username}-password-123`);
}

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Strict session cookie with an expiry, and logout ends the session', async () => {
    const res = await fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/ioc_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Max-Age=\d+/i);
    const s = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    expect((await s.call('GET', '/api/v1/auth/me')).body.principal).toMatchObject({ kind: 'user', username: 'admin', role: 'admin', scope: 'VN' });
    expect((await s.call('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await s.call('GET', '/api/v1/auth/me')).body.principal).toEqual({ kind: 'anonymous' });
  });

  it('refuses a wrong password, audits it, and rate-limits repeated attempts', async () => {
    const attempt = () =>
      fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mallory', password: 'guess' }) });
    expect((await attempt()).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt()).status);
    expect(statuses).toContain(429);
    const log = (await admin.call('GET', '/api/v1/audit')).body.entries as { action: string; target: string; ip: string }[];
    expect(log.some((e) => e.action === 'login.failure' && e.target === 'mallory' && e.ip)).toBe(true);
    expect(log.some((e) => e.action === 'login.success' && e.target === 'admin')).toBe(true);
  });

  it('stores passwords only as argon2id hashes', async () => {
    const raw = await stack.redis.hget(stack.keys.users(), 'admin');
    expect(raw).toMatch(/\$argon2id\$/);
    expect(raw).not.toContain(TEST_ADMIN_PASSWORD);
  });
});

describe('users, by role and scope', () => {
  it('an admin creates users; viewers and operators cannot; an admin of 48 cannot create a user for 01', async () => {
    const viewer = await makeUser('viewer48', 'viewer', '48');
    const operator = await makeUser('operator48', 'operator', '48');
    const body = { username: 'x1a', displayName: 'x', role: 'viewer', scope: '48', password: 'long-enough-password' };
    expect((await viewer.call('POST', '/api/v1/users', body)).status).toBe(403);
    expect((await operator.call('POST', '/api/v1/users', body)).status).toBe(403);
    const admin48 = await makeUser('admin48', 'admin', '48');
    expect((await admin48.call('POST', '/api/v1/users', { ...body, scope: '01' })).status).toBe(403);
    expect((await admin48.call('POST', '/api/v1/users', body)).status).toBe(201);
    const listed = (await admin48.call('GET', '/api/v1/users')).body.users as { username: string; scope: string }[];
    expect(listed.every((u) => domain.registry.isWithin(u.scope, '48'))).toBe(true);
  });

  it('changes made with the cookie need the CSRF token', async () => {
    const r = await admin.call('POST', '/api/v1/users', { username: 'nocsrf', displayName: 'x', role: 'viewer', scope: 'VN', password: 'long-enough-password' }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('csrf');
    expect(await stack.redis.hget(stack.keys.users(), 'nocsrf')).toBeNull();
  });

  it('bad input gets a clear error and writes nothing', async () => {
    const r = await admin.call('POST', '/api/v1/users', { username: 'a b', displayName: '', role: 'king', scope: '48', password: 'short' });
    expect(r.status).toBe(400);
    const issues = (r.body.error.issues as string[]).join(' | ');
    for (const field of ['username', 'displayName', 'role', 'password']) expect(issues).toContain(field);
    const unknownUnit = await admin.call('POST', '/api/v1/users', { username: 'abc', displayName: 'x', role: 'viewer', scope: '99', password: 'long-enough-password' });
    expect(unknownUnit).toMatchObject({ status: 400, body: { error: { message: "unknown unit '99'" } } });
    expect(await stack.redis.hget(stack.keys.users(), 'abc')).toBeNull();
  });

  it('every user change is audited with before → after', async () => {
    await makeUser('audited', 'viewer', '01');
    expect((await admin.call('PATCH', '/api/v1/users/audited', { role: 'operator' })).status).toBe(200);
    const log = (await admin.call('GET', '/api/v1/audit')).body.entries as { action: string; target: string; actor: string; detail?: { before?: { role: string }; after?: { role: string } } }[];
    const change = log.find((e) => e.action === 'user.update' && e.target === 'audited')!;
    expect(change.actor).toBe('admin');
    expect(change.detail!.before!.role).toBe('viewer');
    expect(change.detail!.after!.role).toBe('operator');
  });
});

describe('display tokens and source tokens', () => {
  it('revoking a display token disconnects the screens using it within seconds', async () => {
    const created = await admin.call('POST', '/api/v1/displays', { name: 'Tường IOC Đà Nẵng', scope: '48', scenes: ['province:48', 'feeds'] });
    expect(created.status).toBe(201);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(stack.url, { transports: ['websocket'], auth: { display: created.body.token }, reconnection: false });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const ok = await socket.emitWithAck('view:subscribe', { scope: '48', indicators: ['dossier_on_time_rate'] });
    expect(ok.ok).toBe(true);
    const outside = await socket.emitWithAck('view:subscribe', { scope: '01', indicators: ['dossier_on_time_rate'] });
    expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const gone = new Promise<number>((r) => socket.once('disconnect', () => r(Date.now())));
    const t0 = Date.now();
    expect((await admin.call('POST', `/api/v1/displays/${created.body.display.id}/revoke`)).status).toBe(200);
    expect((await gone) - t0).toBeLessThan(3000);
    const again = io(stack.url, { transports: ['websocket'], auth: { display: created.body.token }, reconnection: false });
    const refused = await new Promise<string>((r) => again.once('connect_error', (e) => r(e.message)));
    expect(refused).toMatch(/revoked/);
    again.disconnect();
  });

  it('disabling a user cuts their open sockets at once', async () => {
    const user = await makeUser('cutme', 'viewer', '48');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: user.cookie }, reconnection: false });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    expect((await socket.emitWithAck('view:subscribe', { scope: '48', indicators: ['dossier_on_time_rate'] })).ok).toBe(true);
    const gone = new Promise<void>((r) => socket.once('disconnect', () => r()));
    expect((await admin.call('PATCH', '/api/v1/users/cutme', { disabled: true })).status).toBe(200);
    await gone;
    expect((await user.call('GET', '/api/v1/auth/me')).body.principal).toEqual({ kind: 'anonymous' });
  });

  it('a wall token cannot call any write route', async () => {
    const created = await admin.call('POST', '/api/v1/displays', { name: 'wall', scope: 'VN', scenes: ['national'] });
    const headers = { 'content-type': 'application/json', 'x-display-token': created.body.token as string };
    for (const [method, path] of [['POST', '/api/v1/users'], ['POST', '/api/v1/displays'], ['POST', '/api/v1/sources'], ['POST', `/api/v1/displays/${created.body.display.id}/revoke`]] as const) {
      const r = await fetch(`${stack.url}${path}`, { method, headers, body: '{}' });
      expect([401, 403]).toContain(r.status);
    }
  });

  it('a revoked source token is refused at once; a rotated one replaces the old', async () => {
    const created = await admin.call('POST', '/api/v1/sources', { name: 'So TTTT Hue', units: ['46'], indicators: ['dossier_received_count'] });
    expect(created.status).toBe(201);
    const period = currentPeriod('day', Date.now());
    const unit = domain.registry.children('46', 'commune')[0]!.code;
    const batch = (id: string) => ({ batchId: id, observations: [{ indicator: 'dossier_received_count', unit, period, value: 1, observedAt: new Date().toISOString() }] });
    expect((await postBatch(stack.url, created.body.token, batch('a'))).status).toBe(202);
    const rotated = await admin.call('POST', `/api/v1/sources/${created.body.source.id}/rotate`);
    expect((await postBatch(stack.url, created.body.token, batch('b'))).status).toBe(401);
    expect((await postBatch(stack.url, rotated.body.token, batch('c'))).status).toBe(202);
    await admin.call('POST', `/api/v1/sources/${created.body.source.id}/revoke`);
    expect((await postBatch(stack.url, rotated.body.token, batch('d'))).status).toBe(401);
    const listed = await eventually(async () => {
      const l = (await admin.call('GET', '/api/v1/sources')).body.sources as { id: string; lastUsedAt: number | null; revokedAt?: number }[];
      return l.find((s) => s.id === created.body.source.id);
    });
    expect(listed.revokedAt).toBeGreaterThan(0);
    expect(listed.lastUsedAt).toBeGreaterThan(0);
  });
});

describe('scoped admins and readers see their scope only', () => {
  type Entry = { id: string; action: string; target: string; actor: string; scope?: string; ip: string };
  const readAll = async (s: Session): Promise<Entry[]> => {
    const out: Entry[] = [];
    for (let before = ''; ; ) {
      const page = (await s.call('GET', `/api/v1/audit${before ? `?before=${before}` : ''}`)).body.entries as Entry[];
      out.push(...page);
      if (page.length < 200) return out;
      before = page.at(-1)!.id;
    }
  };

  it('an admin of 48 reads no audit entry of a national login, of a source of 01 or of an unknown name; a national admin reads all', async () => {
    const admin48 = await makeUser('auditor48', 'admin', '48');
    await makeUser('clerk48', 'viewer', '48');
    const source01 = await admin.call('POST', '/api/v1/sources', { name: 'Sở TT&TT Hà Nội', units: ['01'], indicators: ['dossier_received_count'] });
    expect(source01.status).toBe(201);
    await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody-here', password: 'guess' }) });
    // an entry written before entries carried a scope
    await stack.redis.xadd(stack.keys.audit(), '*', 'e', JSON.stringify({ at: Date.now(), actor: 'admin', ip: '10.0.0.1', action: 'user.update', target: 'legacy' }));

    const seen = await readAll(admin48);
    expect(seen.some((e) => e.action === 'login.success' && e.target === 'clerk48')).toBe(true);
    expect(seen.some((e) => e.action === 'user.create' && e.target === 'clerk48')).toBe(true);
    expect(seen.some((e) => e.target === 'admin' && e.action.startsWith('login'))).toBe(false);
    expect(seen.some((e) => e.target === source01.body.source.id)).toBe(false);
    expect(seen.some((e) => e.target === 'nobody-here' || e.target === 'legacy')).toBe(false);
    expect(seen.every((e) => domain.registry.isWithin(e.scope ?? 'VN', '48'))).toBe(true);

    const all = await readAll(admin);
    for (const t of ['admin', source01.body.source.id, 'nobody-here', 'legacy', 'clerk48']) expect(all.some((e) => e.target === t)).toBe(true);
  });

  it('the filtered audit log keeps its pages: `before` goes on from the last entry read, with nothing twice or missed', async () => {
    const admin48 = await signIn(stack.url, 'auditor48', 'auditor48-password-123');
    const tx = stack.redis.multi();
    for (let i = 0; i < 230; i++) {
      for (const scope of ['48', 'VN']) tx.xadd(stack.keys.audit(), '*', 'e', JSON.stringify({ at: Date.now(), actor: 'bulk', ip: '', action: 'bulk', target: `${scope}-${i}`, scope }));
    }
    await tx.exec();
    const first = (await admin48.call('GET', '/api/v1/audit')).body.entries as Entry[];
    expect(first).toHaveLength(200);
    const second = (await admin48.call('GET', `/api/v1/audit?before=${first.at(-1)!.id}`)).body.entries as Entry[];
    const bulk = [...first, ...second].filter((e) => e.action === 'bulk').map((e) => e.target);
    expect(new Set(bulk).size).toBe(bulk.length);
    expect(bulk.filter((t) => t.startsWith('48-'))).toHaveLength(230);
    expect(bulk.some((t) => t.startsWith('VN-'))).toBe(false);
  });

  it('alert rules and their history, read in 48: the rules that apply to 48 (its own, its communes\', the national one), not those of 01', async () => {
    const rule = (scope: string) => ({ indicator: 'dossier_on_time_rate', scope, bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: 3600000 });
    const commune48 = domain.registry.children('48', 'commune')[0]!.code;
    const commune01 = domain.registry.children('01', 'commune')[0]!.code;
    for (const scope of ['VN', '48', commune48, '01', commune01]) expect((await admin.call('PUT', '/api/v1/alert-rules', rule(scope))).status).toBe(200);
    const operator = await makeUser('rules48', 'operator', '48');
    const scopes = ((await operator.call('GET', '/api/v1/alert-rules')).body.rules as { scope: string }[]).map((r) => r.scope).sort();
    expect(scopes).toEqual(['48', commune48, 'VN'].sort());
    expect(((await operator.call('GET', '/api/v1/alert-rules')).body.defaults as unknown[]).length).toBeGreaterThan(0);
    const history = (await operator.call('GET', '/api/v1/alert-rules/history')).body.entries as Entry[];
    const targets = history.map((e) => e.target.split('|')[1]);
    expect(new Set(targets)).toEqual(new Set(['VN', '48', commune48]));
    expect(history.find((e) => e.target.endsWith('|VN'))!.ip).toBe('');
    const national = ((await admin.call('GET', '/api/v1/alert-rules')).body.rules as { scope: string }[]).map((r) => r.scope);
    expect(national).toEqual(expect.arrayContaining(['01', commune01, 'VN', '48', commune48]));
  });
});
