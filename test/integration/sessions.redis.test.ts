import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/contract/events';
import { hashToken } from '../../store/sources.repo';
import { ioc } from '../support/ioc-cli';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/** Sessions die with their user: deleted, disabled, a new password, role or scope end every session and socket at once. */
let stack: Stack;
let admin: Session;
type IocSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets: IocSocket[] = [];

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await stack?.stop();
});

const pw = (username: string) => `${username}-password-123`;
async function makeUser(username: string, role = 'viewer', scope = '48'): Promise<Session> {
  const r = await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope, password: pw(username) });
  expect(r.status).toBe(201);
  return signIn(stack.url, username, pw(username));
}

async function principalOf(s: Session) {
  return (await s.call('GET', '/api/v1/auth/me')).body.principal as { kind: string; role?: string; scope?: string };
}

/** A real socket signed in with the session's cookie, subscribed to a view of 48 (so it is known to work). */
async function signedInSocket(s: Session): Promise<IocSocket & { revoked: Promise<string>; gone: Promise<void> }> {
  const socket: IocSocket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie: s.cookie }, reconnection: false });
  sockets.push(socket);
  const revoked = new Promise<string>((r) => socket.once('access:revoked', (info) => r(info.reason)));
  const gone = new Promise<void>((r) => socket.once('disconnect', () => r()));
  await new Promise<void>((r, reject) => {
    socket.once('connect', () => r());
    socket.once('connect_error', reject);
  });
  expect((await socket.emitWithAck('view:subscribe', { scope: '48', indicators: ['dossier_on_time_rate'] })).ok).toBe(true);
  return Object.assign(socket, { revoked, gone });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))]);
}

/** What a socket opened with this cookie may do now: subscribe (ok) or not (the error code). */
async function socketWith(cookie: string): Promise<string> {
  const socket: IocSocket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const ack = await socket.emitWithAck('view:subscribe', { scope: '48', indicators: ['dossier_on_time_rate'] });
  socket.disconnect();
  return ack.ok ? 'ok' : ack.error.code;
}

const sessionKeyOf = (s: Session) => stack.keys.session(hashToken(decodeURIComponent(s.cookie.split('=')[1]!)));

describe('sessions die with their user', () => {
  it('deleting a user disconnects their sockets, and their old cookie does not sign in as a new user of the same name', async () => {
    const old = await makeUser('reborn', 'viewer', '48');
    const socket = await signedInSocket(old);
    expect((await admin.call('DELETE', '/api/v1/users/reborn')).status).toBe(200);
    await within(socket.gone, 3000, 'disconnect');
    expect(await socket.revoked).toBeTruthy();
    expect(await stack.redis.exists(sessionKeyOf(old))).toBe(0);

    // a new user record given the same name, with more rights: the old cookie must not become them
    expect((await admin.call('POST', '/api/v1/users', { username: 'reborn', displayName: 'x', role: 'admin', scope: 'VN', password: pw('reborn2') })).status).toBe(201);
    expect(await principalOf(old)).toEqual({ kind: 'anonymous' });
    expect((await old.call('GET', '/api/v1/users')).status).toBe(401);
    expect(await socketWith(old.cookie)).toBe('unauthorized');
    // the new user's own sign-in works
    expect(await principalOf(await signIn(stack.url, 'reborn', pw('reborn2')))).toMatchObject({ kind: 'user', role: 'admin', scope: 'VN' });
  });

  it('a new role or scope disconnects the sockets and ends the sessions opened with the old rights', async () => {
    const s = await makeUser('promoted', 'viewer', '48');
    const socket = await signedInSocket(s);
    expect((await admin.call('PATCH', '/api/v1/users/promoted', { role: 'operator' })).status).toBe(200);
    await within(socket.gone, 3000, 'disconnect');
    expect(await principalOf(s)).toEqual({ kind: 'anonymous' });
    const again = await signIn(stack.url, 'promoted', pw('promoted'));
    expect(await principalOf(again)).toMatchObject({ role: 'operator', scope: '48' });
    expect((await admin.call('PATCH', '/api/v1/users/promoted', { scope: '48' })).status).toBe(200);
    // the same scope again is no change: the session stays
    expect(await principalOf(again)).toMatchObject({ kind: 'user' });
    expect((await admin.call('PATCH', '/api/v1/users/promoted', { scope: '01' })).status).toBe(200);
    expect(await principalOf(again)).toEqual({ kind: 'anonymous' });
  });

  it('a password set by an admin ends every session of the user; a new display name ends none', async () => {
    const a = await makeUser('forgetful', 'operator', '48');
    const b = await signIn(stack.url, 'forgetful', pw('forgetful'));
    const socket = await signedInSocket(a);
    expect((await admin.call('PATCH', '/api/v1/users/forgetful', { displayName: 'Chị Lan' })).status).toBe(200);
    expect(await principalOf(a)).toMatchObject({ kind: 'user' });
    expect((await admin.call('PATCH', '/api/v1/users/forgetful', { password: 'brand-new-password-1' })).status).toBe(200);
    await within(socket.gone, 3000, 'disconnect');
    expect(await principalOf(a)).toEqual({ kind: 'anonymous' });
    expect(await principalOf(b)).toEqual({ kind: 'anonymous' });
    expect(await stack.redis.exists(stack.keys.userSessions((await admin.call('GET', '/api/v1/users')).body.users.find((u: { username: string }) => u.username === 'forgetful').id))).toBe(0);
    await expect(signIn(stack.url, 'forgetful', pw('forgetful'))).rejects.toThrow(/401/);
    expect(await principalOf(await signIn(stack.url, 'forgetful', 'brand-new-password-1'))).toMatchObject({ kind: 'user' });
  });

  it('a disabled user enabled again does not get their old sessions back', async () => {
    const s = await makeUser('onoff');
    expect((await admin.call('PATCH', '/api/v1/users/onoff', { disabled: true })).status).toBe(200);
    expect((await admin.call('PATCH', '/api/v1/users/onoff', { disabled: false })).status).toBe(200);
    expect(await principalOf(s)).toEqual({ kind: 'anonymous' });
  });

  it('a session opened under an earlier session epoch is refused even if its key survived (a sign-in racing a change)', async () => {
    const s = await makeUser('racer');
    const raw = JSON.parse((await stack.redis.hget(stack.keys.users(), 'racer'))!) as { sessionEpoch?: number };
    await stack.redis.hset(stack.keys.users(), 'racer', JSON.stringify({ ...raw, sessionEpoch: (raw.sessionEpoch ?? 0) + 1 }));
    expect(await stack.redis.exists(sessionKeyOf(s))).toBe(1);
    expect(await principalOf(s)).toEqual({ kind: 'anonymous' });
  });

  it('a session whose key survived its user record (removed outside the dashboard) is not inherited by a new user of the name', async () => {
    const s = await makeUser('orphan', 'viewer', '48');
    await stack.redis.hdel(stack.keys.users(), 'orphan');
    expect((await admin.call('POST', '/api/v1/users', { username: 'orphan', displayName: 'x', role: 'admin', scope: 'VN', password: pw('orphan2') })).status).toBe(201);
    expect(await stack.redis.exists(sessionKeyOf(s))).toBe(1);
    expect(await principalOf(s)).toEqual({ kind: 'anonymous' });
  });

  it('an admin who changes their own password ends their own sessions too, and the answer clears the cookie', async () => {
    const me = await makeUser('selfadmin', 'admin', '48');
    const r = await fetch(`${stack.url}/api/v1/users/selfadmin`, {
      method: 'PATCH',
      headers: { cookie: me.cookie, 'x-csrf-token': me.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'selfadmin-new-password' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie') ?? '').toMatch(/ioc_session=;/);
    expect(await principalOf(me)).toEqual({ kind: 'anonymous' });
    expect(await principalOf(await signIn(stack.url, 'selfadmin', 'selfadmin-new-password'))).toMatchObject({ kind: 'user' });
  });

  it('a socket lives no longer than the session it was opened with', async () => {
    const s = await makeUser('shortlived');
    const key = sessionKeyOf(s);
    const record = JSON.parse((await stack.redis.get(key))!) as { expiresAt: number };
    await stack.redis.set(key, JSON.stringify({ ...record, expiresAt: Date.now() + 800 }), 'KEEPTTL');
    const socket = await signedInSocket(s);
    expect(await within(socket.revoked, 3000, 'access:revoked')).toMatch(/expired/);
    await within(socket.gone, 1000, 'disconnect');
  });

  it('the CLI set-password and disable end sessions and sockets too', async () => {
    const a = await makeUser('clipw');
    const socket = await signedInSocket(a);
    const setPw = await ioc(stack.prefix, 'user', 'set-password', 'clipw', '--password', 'cli-new-password-1');
    expect(setPw.code, setPw.out).toBe(0);
    await within(socket.gone, 5000, 'disconnect');
    expect(await principalOf(a)).toEqual({ kind: 'anonymous' });

    const b = await signIn(stack.url, 'clipw', 'cli-new-password-1');
    const socketB = await signedInSocket(b);
    expect((await ioc(stack.prefix, 'user', 'disable', 'clipw')).code).toBe(0);
    await within(socketB.gone, 5000, 'disconnect');
    expect(await principalOf(b)).toEqual({ kind: 'anonymous' });
    expect((await ioc(stack.prefix, 'user', 'enable', 'clipw')).code).toBe(0);
    expect(await principalOf(b)).toEqual({ kind: 'anonymous' });
  });
});

describe('sign-in body', () => {
  it('any bad shape is a 400 with a JSON reason, not a 500', async () => {
    const bodies = [
      { username: { toString: 'x' }, password: 'whatever-password' },
      { username: ['admin'], password: TEST_ADMIN_PASSWORD },
      { username: 'admin', password: { length: 3 } },
      { username: 'a'.repeat(65), password: 'x' },
      { username: 'admin', password: 'x'.repeat(257) },
      { password: 'x' },
      [],
    ];
    for (const body of bodies) {
      const r = await fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status, JSON.stringify(body)).toBe(400);
      const answer = (await r.json()) as { error: { code: string; message: string; issues: string[] } };
      expect(answer.error.code).toBe('bad_request');
      expect(answer.error.message).toBeTruthy();
      expect(answer.error.issues.length).toBeGreaterThan(0);
    }
  });
});
