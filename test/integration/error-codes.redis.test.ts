import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { hashToken } from '../../store/sources.repo';
import { newSource } from '../support/ingest-client';
import { ioc } from '../support/ioc-cli';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';
import { openSocket, type TestSocket } from '../support/test-socket';

/**
 * Errors as codes (docs/api.md "Errors"), against a real server: each failure answers its status and code (and, for
 * access, why as `access`), over HTTP and the socket alike. The stack asks for a replica this Redis does not have
 * (REDIS_WAIT_REPLICAS=1), so every batch it queues is an operational failure: 503 `unavailable` with Retry-After.
 */
const domain = loadDomain();
let stack: Stack;
let admin: Session;
const sockets: TestSocket[] = [];
const VIEW = { scope: '48', indicators: ['dossier_on_time_rate'] };

beforeAll(async () => {
  stack = await startStack({ REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '50' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await stack?.stop();
});

const pw = (username: string) => `${username}-password-123`;
async function makeUser(username: string, role: string, scope: string): Promise<Session> {
  expect((await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope, password: pw(username) })).status).toBe(201);
  return signIn(stack.url, username, pw(username));
}

async function answer(path: string, init: RequestInit = {}) {
  const r = await fetch(`${stack.url}${path}`, init);
  return { status: r.status, retryAfter: r.headers.get('retry-after'), error: ((await r.json()) as { error?: Record<string, unknown> }).error };
}

function socket(opts: { cookie?: string; display?: string }): TestSocket {
  const s = openSocket(stack.url, opts);
  sockets.push(s);
  return s;
}
const connected = (s: TestSocket) => new Promise<void>((r, reject) => (s.once('connect', () => r()), s.once('connect_error', reject)));

describe("the caller's mistakes: 4xx with a code", () => {
  it('bad JSON is 400 bad_json, on ingest and sign-in alike', async () => {
    const token = await newSource(stack.redis, stack.keys, 'codes-json');
    const headers = { 'content-type': 'application/json' };
    expect(await answer('/api/v1/observations', { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body: '{"batchId":' })).toMatchObject({
      status: 400,
      error: { code: 'bad_json' },
    });
    expect(await answer('/api/v1/auth/login', { method: 'POST', headers, body: '{nope' })).toMatchObject({ status: 400, error: { code: 'bad_json' } });
  });
  it('no credential is 401 no_session; a viewer outside its scope 403 out_of_scope; a viewer operating 403 role_required', async () => {
    expect(await answer('/api/v1/views?scope=48&indicators=dossier_on_time_rate')).toMatchObject({ status: 401, error: { code: 'unauthorized', access: 'no_session' } });
    const viewer = await makeUser('codes-viewer', 'viewer', '48');
    expect(await viewer.call('GET', '/api/v1/views?scope=01&indicators=dossier_on_time_rate')).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', access: 'out_of_scope' } },
    });
    expect(await viewer.call('GET', '/api/v1/views?scope=48&indicators=dossier_on_time_rate')).toMatchObject({ status: 200 });
    expect(await viewer.call('POST', '/api/v1/users', { username: 'x' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden', access: 'role_required' } } });
    // and the socket refuses the same read with the same codes
    const s = socket({ cookie: viewer.cookie });
    await connected(s);
    expect(await s.emitWithAck('view:subscribe', { scope: '01', indicators: ['dossier_on_time_rate'] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', access: 'out_of_scope' },
    });
    expect(await s.emitWithAck('view:subscribe', { scope: '48', indicators: ['no_such_indicator'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await s.emitWithAck('view:subscribe', { scope: 48 } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
  it('a session that expired is 401 session_expired, over HTTP and the socket', async () => {
    const user = await makeUser('codes-expiring', 'viewer', '48');
    // Redis ends the session itself, as its expiry would
    await stack.redis.pexpire(stack.keys.session(hashToken(decodeURIComponent(user.cookie.split('=')[1]!))), 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await user.call('GET', '/api/v1/views?scope=48&indicators=dossier_on_time_rate')).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', access: 'session_expired' } },
    });
    const s = socket({ cookie: user.cookie });
    await connected(s);
    expect(await s.emitWithAck('view:subscribe', VIEW)).toMatchObject({ ok: false, error: { code: 'unauthorized', access: 'session_expired' } });
  });
  it("disabling a user ends its sessions: its next request is 401 session_expired, and it cannot sign in", async () => {
    const user = await makeUser('codes-disabled', 'viewer', '48');
    expect((await ioc(stack.prefix, 'user', 'disable', 'codes-disabled')).code).toBe(0);
    expect(await user.call('GET', '/api/v1/views?scope=48&indicators=dossier_on_time_rate')).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', access: 'session_expired' } },
    });
    await expect(signIn(stack.url, 'codes-disabled', pw('codes-disabled'))).rejects.toThrow(/401/);
  });
  it('a wall token is read-only (403 display_read_only), and once revoked its socket is refused with display_revoked', async () => {
    const created = await admin.call('POST', '/api/v1/displays', { name: 'Tường mã lỗi', scope: '48', scenes: ['province:48'] });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(await answer('/api/v1/users', { method: 'POST', headers: { 'x-display-token': token, 'content-type': 'application/json' }, body: '{}' })).toMatchObject({
      status: 403,
      error: { code: 'forbidden', access: 'display_read_only' },
    });
    const wall = socket({ display: token });
    await connected(wall);
    const revoked = new Promise<{ reason: string; code?: string }>((r) => wall.once('access:revoked', r));
    expect((await admin.call('POST', `/api/v1/displays/${created.body.display.id}/revoke`)).status).toBe(200);
    expect((await revoked).reason).toMatch(/revoked/);
    const again = socket({ display: token });
    const refused = await new Promise<Error & { data?: unknown }>((r) => again.once('connect_error', r));
    expect(refused.data).toEqual({ code: 'unauthorized', access: 'display_revoked' });
    expect(await answer('/api/v1/views?scope=48&indicators=dossier_on_time_rate', { headers: { 'x-display-token': token } })).toMatchObject({
      status: 401,
      error: { code: 'unauthorized', access: 'display_revoked' },
    });
  });
});

describe('operational failures: 503 with a code and Retry-After', () => {
  it('a batch no replica confirmed in time is 503 unavailable, Retry-After 1', async () => {
    const token = await newSource(stack.redis, stack.keys, 'codes-replicas');
    const batch = {
      batchId: 'codes-1',
      observations: [{ indicator: 'dossier_received_count', unit: domain.registry.children('48', 'commune')[0]!.code, period: currentPeriod('day', Date.now()), value: 5, observedAt: new Date().toISOString() }],
    };
    const a = await answer('/api/v1/observations', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(batch) });
    expect(a).toMatchObject({ status: 503, retryAfter: '1', error: { code: 'unavailable' } });
    // an operational failure says what happened, never a stack or a Redis command
    expect(String(a.error?.message)).toMatch(/replicas/);
  });
});
