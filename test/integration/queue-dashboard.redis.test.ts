import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The queue dashboard (docs/operations.md "Queue dashboard") is the national admins' only: anonymous gets 401,
 * a viewer, an operator and a province's admin 403, on its page, its static files and its API alike; its only
 * change is the retry of a failed job; its page carries a policy of its own with no remote host.
 */
let stack: Stack;
const who: Record<string, Session> = {};
const BASE = '/admin/queues';

beforeAll(async () => {
  stack = await startStack();
  who.nationalAdmin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  for (const [name, role, scope] of [['qviewer', 'viewer', 'VN'], ['qoperator', 'operator', 'VN'], ['qadmin48', 'admin', '48']] as const) {
    const r = await who.nationalAdmin.call('POST', '/api/v1/users', { username: name, displayName: name, role, scope, password: `${name}-password-1` });
    expect(r.status).toBe(201);
    who[name] = await signIn(stack.url, name, `${name}-password-1`);
  }
});
afterAll(async () => stack?.stop());

const PATHS: [string, string][] = [
  ['GET', `${BASE}`],
  ['GET', `${BASE}/`],
  ['GET', `${BASE}/queue/ingest`],
  ['GET', `${BASE}/api/queues`],
  ['GET', `${BASE}/api/queues?activeQueue=ingest&status=failed&page=1`],
  ['PUT', `${BASE}/api/queues/ingest/retry/failed`],
  ['PUT', `${BASE}/api/queues/ingest/some-job/retry`],
  ['PUT', `${BASE}/api/queues/ingest/obliterate`],
];

describe('who may open the queue dashboard', () => {
  it('anonymous gets 401 on the page and the API, never the dashboard', async () => {
    for (const [method, path] of PATHS) {
      const r = await fetch(`${stack.url}${path}`, { method, redirect: 'manual' });
      const text = await r.text();
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 401 });
      expect(text).not.toContain('__UI_CONFIG__');
      expect(JSON.parse(text).error.code).toBe('unauthorized');
    }
  });

  it('a viewer, an operator and an admin of a province get 403', async () => {
    for (const name of ['qviewer', 'qoperator', 'qadmin48']) {
      for (const [method, path] of PATHS) {
        const r = await who[name]!.call(method, path);
        expect({ name, method, path, status: r.status }).toEqual({ name, method, path, status: 403 });
      }
    }
  });

  it('a national admin gets the page under its own CSP, and the queues through the API', async () => {
    const s = who.nationalAdmin!;
    const page = await fetch(`${stack.url}${BASE}/`, { headers: { cookie: s.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('__UI_CONFIG__');
    expect(html).not.toMatch(/https?:\/\/fonts\./);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('http');
    expect(page.headers.get('set-cookie')).toMatch(new RegExp(`^XSRF-TOKEN=${s.csrf}; Path=${BASE};`));
    // the rest of the app keeps its own policy
    const app = await fetch(`${stack.url}/api/v1/health`);
    expect(app.headers.get('content-security-policy')).toMatch(/style-src 'self';/);
    const api = await s.call('GET', `${BASE}/api/queues`);
    expect(api.status).toBe(200);
    expect((api.body.queues as { name: string }[]).map((q) => q.name).sort()).toEqual(['connector-pull', 'ingest', 'notify', 'reports']);
  });

  it('refuses every change but a retry, and a retry without the CSRF token', async () => {
    const s = who.nationalAdmin!;
    for (const path of [`${BASE}/api/queues/ingest/obliterate`, `${BASE}/api/queues/ingest/empty`, `${BASE}/api/queues/ingest/pause`, `${BASE}/api/queues/ingest/clean/failed`]) {
      const r = await s.call('PUT', path);
      expect({ path, status: r.status, code: r.body.error?.code }).toEqual({ path, status: 403, code: 'queue_action_not_allowed' });
    }
    expect((await s.call('PUT', `${BASE}/api/queues/ingest/retry/failed`, undefined, { csrf: false })).body.error.code).toBe('csrf');
    const xsrf = await fetch(`${stack.url}${BASE}/api/queues/ingest/retry/failed`, { method: 'PUT', headers: { cookie: s.cookie, 'x-xsrf-token': s.csrf } });
    expect(xsrf.status).toBe(200);
    expect((await s.call('PUT', `${BASE}/api/queues/ingest/no-such-job/retry`)).status).toBe(404);
    expect((await s.call('PUT', `${BASE}/api/queues/ingest/retry/completed`)).body.error.code).toBe('job_not_failed');
  });
});
