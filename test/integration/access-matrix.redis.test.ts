import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../core/access/principal';
import type { AlertRecord } from '../../core/alerts/alert';
import type { Silence } from '../../core/alerts/silence';
import { parseConfig } from '../../platform/config';
import { loadDomain } from '../../platform/domain';
import { createApp } from '../../server/app';
import { routeTable } from '../../server/auth/route-table';
import type { ServerContext } from '../../server/context';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * The access matrix: every REST route and socket event × every kind of principal × inside / outside its scope.
 * Each route of the app must have an entry here (and the permission its guard checks must be the one written here),
 * so a route added without thinking about access fails this test.
 */
const domain = loadDomain();
const IN = '48';
const OUT = '01';
const communeIn = domain.registry.children(IN, 'commune')[0]!.code;
const communeOut = domain.registry.children(OUT, 'commune')[0]!.code;

type Who = 'anonymous' | 'viewer' | 'operator' | 'admin' | 'display' | 'nationalAdmin';
type Side = 'in' | 'out';
interface Call { method: string; path: string; body?: unknown }
interface Entry {
  perm: Permission;
  /** The call, inside and (where the route touches a unit) outside the principal's scope. */
  call: (side: Side, who: Who) => Call;
  scoped: boolean;
  /** Machine routes: their own token is the check; a user session or display token never passes. */
  ownCredential?: boolean;
  /** A read that only people make (a report request): a wall's display token is refused. */
  usersOnly?: boolean;
}

const rnd = () => randomBytes(3).toString('hex');
const scopeOf = (side: Side) => (side === 'in' ? IN : OUT);
const rule = (side: Side) => ({ indicator: 'dossier_on_time_rate', scope: scopeOf(side), bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: 3600000 });
/** A connector of one scope that pulls nowhere reachable (port 9 answers nothing): the matrix checks who may touch it. */
const connector = (id: string, scope: string) => ({
  id, name: id, scope: { units: [scope], indicators: '*' }, schedule: { everyMinutes: 60 }, retries: 0,
  request: { url: 'http://127.0.0.1:9/x' }, format: { type: 'json' },
  mapping: { unit: { field: 'ma' }, observations: [{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'a', den: 'b' } }] },
});
let fixtures: Record<string, Record<Side, string>> = {};
const fx = (kind: string, side: Side, who: Who) => fixtures[`${kind}:${who}`]?.[side] ?? 'none';

const ROUTES: Record<string, Entry> = {
  'POST /api/v1/auth/login': { perm: 'public', scoped: false, call: () => ({ method: 'POST', path: '/api/v1/auth/login', body: { username: 'matrix-login', password: 'matrix-login-password-1' } }) },
  'POST /api/v1/auth/logout': { perm: 'read', scoped: false, call: () => ({ method: 'POST', path: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { perm: 'public', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/auth/me' }) },
  'GET /api/v1/users': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/users' }) },
  'POST /api/v1/users': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/users', body: { username: `m-${rnd()}`, displayName: 'm', role: 'viewer', scope: scopeOf(s), password: 'matrix-password-123' } }) },
  'PATCH /api/v1/users/:username': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'PATCH', path: `/api/v1/users/${fx('user', s, w)}`, body: { displayName: 'changed' } }) },
  'DELETE /api/v1/users/:username': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'DELETE', path: `/api/v1/users/${fx('user', s, w)}` }) },
  'GET /api/v1/displays': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/displays' }) },
  'POST /api/v1/displays': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/displays', body: { name: 'm', scope: scopeOf(s), scenes: ['feeds'] } }) },
  'PATCH /api/v1/displays/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'PATCH', path: `/api/v1/displays/${fx('display', s, w)}`, body: { intervalS: 45 } }) },
  'GET /api/v1/display': { perm: 'read', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/display' }) },
  'POST /api/v1/displays/:id/revoke': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/displays/${fx('display', s, w)}/revoke` }) },
  'GET /api/v1/sources': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/sources' }) },
  'POST /api/v1/sources': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/sources', body: { name: `m ${rnd()}`, units: [scopeOf(s)], indicators: '*', authority: 'wins' } }) },
  'POST /api/v1/sources/:id/rotate': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/sources/${fx('source', s, w)}/rotate` }) },
  'POST /api/v1/sources/:id/revoke': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/sources/${fx('source', s, w)}/revoke` }) },
  'PATCH /api/v1/sources/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'PATCH', path: `/api/v1/sources/${fx('source', s, w)}`, body: { deadline: '09:00' } }) },
  'DELETE /api/v1/sources/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'DELETE', path: `/api/v1/sources/${fx('source', s, w)}` }) },
  'GET /api/v1/audit': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/audit' }) },
  'GET /api/v1/contact-points': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/contact-points' }) },
  'POST /api/v1/contact-points': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/contact-points', body: { name: 'm', scope: scopeOf(s), url: 'http://127.0.0.1:9/hook' } }) },
  'POST /api/v1/contact-points/:id/rotate': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/contact-points/${fx('cp', s, w)}/rotate` }) },
  'DELETE /api/v1/contact-points/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'DELETE', path: `/api/v1/contact-points/${fx('cp', s, w)}` }) },
  'GET /api/v1/alerts': { perm: 'read', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/alerts?unit=${scopeOf(s)}` }) },
  'GET /api/v1/alerts/history': { perm: 'read', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/alerts/history?unit=${scopeOf(s)}` }) },
  'POST /api/v1/alerts/:id/ack': { perm: 'operate', scoped: true, call: (s) => ({ method: 'POST', path: `/api/v1/alerts/alert-${s}/ack`, body: { comment: 'ok' } }) },
  'POST /api/v1/alerts/:id/assign': { perm: 'operate', scoped: true, call: (s) => ({ method: 'POST', path: `/api/v1/alerts/alert-${s}/assign`, body: { user: 'admin' } }) },
  'POST /api/v1/alerts/:id/silence': { perm: 'operate', scoped: true, call: (s) => ({ method: 'POST', path: `/api/v1/alerts/alert-${s}/silence`, body: { until: new Date(Date.now() + 3600_000).toISOString() } }) },
  'GET /api/v1/silences': { perm: 'read', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/silences?unit=${scopeOf(s)}` }) },
  'POST /api/v1/silences': { perm: 'operate', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/silences', body: { target: { kind: 'scope', scope: scopeOf(s) }, endsAt: new Date(Date.now() + 3600_000).toISOString(), comment: 'bảo trì' } }) },
  'POST /api/v1/silences/:id/end': { perm: 'operate', scoped: true, call: (s) => ({ method: 'POST', path: `/api/v1/silences/silence-${s}/end` }) },
  'GET /api/v1/alert-rules': { perm: 'read', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/alert-rules' }) },
  'GET /api/v1/alert-rules/history': { perm: 'operate', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/alert-rules/history' }) },
  'PUT /api/v1/alert-rules': { perm: 'operate', scoped: true, call: (s) => ({ method: 'PUT', path: '/api/v1/alert-rules', body: rule(s) }) },
  'DELETE /api/v1/alert-rules/:indicator/:scope': { perm: 'operate', scoped: true, call: (s) => ({ method: 'DELETE', path: `/api/v1/alert-rules/dossier_on_time_rate/${scopeOf(s)}` }) },
  'POST /api/v1/alert-rules/preview': { perm: 'read', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/alert-rules/preview', body: rule(s) }) },
  'POST /api/v1/observations': { perm: 'public', scoped: false, ownCredential: true, call: () => ({ method: 'POST', path: '/api/v1/observations', body: { batchId: 'm', observations: [{}] } }) },
  'GET /api/v1/health': { perm: 'public', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/health' }) },
  'GET /metrics': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/metrics' }) },
  'GET /api/v1/link': { perm: 'public', scoped: false, ownCredential: true, call: () => ({ method: 'GET', path: '/api/v1/link' }) },
  'POST /api/v1/link/status': { perm: 'public', scoped: false, ownCredential: true, call: () => ({ method: 'POST', path: '/api/v1/link/status', body: { backlog: 0, oldestUnsentAt: null, overflow: false } }) },
  'GET /api/v1/links': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/links' }) },
  'POST /api/v1/links': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/links', body: { name: `m ${rnd()}`, scope: scopeOf(s) } }) },
  'POST /api/v1/links/:id/rotate': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/links/${fx('link', s, w)}/rotate` }) },
  'POST /api/v1/links/:id/revoke': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/links/${fx('link', s, w)}/revoke` }) },
  'GET /api/v1/connectors': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/connectors' }) },
  'GET /api/v1/connectors/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'GET', path: `/api/v1/connectors/${fx('connector', s, w)}` }) },
  'POST /api/v1/connectors': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/connectors', body: connector(`m-${rnd()}`, scopeOf(s)) }) },
  'POST /api/v1/connectors/:id/run': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/connectors/${fx('connector', s, w)}/run` }) },
  'POST /api/v1/connectors/:id/pause': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/connectors/${fx('connector', s, w)}/pause` }) },
  'POST /api/v1/connectors/:id/resume': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/connectors/${fx('connector', s, w)}/resume` }) },
  'DELETE /api/v1/connectors/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'DELETE', path: `/api/v1/connectors/${fx('connector', s, w)}` }) },
  'GET /api/v1/uploads/template': { perm: 'operate', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/uploads/template?indicators=dossier_on_time_rate&scope=${scopeOf(s)}` }) },
  'POST /api/v1/uploads': { perm: 'operate', scoped: false, call: () => ({ method: 'POST', path: '/api/v1/uploads' }) },
  'POST /api/v1/uploads/:id/commit': { perm: 'operate', scoped: false, call: () => ({ method: 'POST', path: '/api/v1/uploads/0123456789abcdef01234567/commit' }) },
  'GET /api/v1/indicators': { perm: 'public', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/indicators' }) },
  'GET /api/v1/units': { perm: 'public', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/units' }) },
  'GET /api/v1/views': { perm: 'read', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/views?scope=${scopeOf(s)}&indicators=dossier_on_time_rate` }) },
  'GET /api/v1/series': { perm: 'read', scoped: true, call: (s) => ({ method: 'GET', path: `/api/v1/series?indicator=dossier_on_time_rate&unit=${s === 'in' ? communeIn : communeOut}` }) },
  'GET /api/v1/feeds': { perm: 'read', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/feeds' }) },
  'GET /api/v1/priority-databases': { perm: 'read', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/priority-databases' }) },
  'PUT /api/v1/priority-databases/:id': { perm: 'public', scoped: false, ownCredential: true, call: () => ({ method: 'PUT', path: '/api/v1/priority-databases/land', body: { milestones: [] } }) },
  'POST /api/v1/reports': { perm: 'read', scoped: true, usersOnly: true, call: (s) => ({ method: 'POST', path: '/api/v1/reports', body: { kind: 'briefing', scope: scopeOf(s) } }) },
  'GET /api/v1/reports': { perm: 'read', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/reports' }) },
  'GET /api/v1/reports/:id': { perm: 'read', scoped: true, call: (s, w) => ({ method: 'GET', path: `/api/v1/reports/${fx('report', s, w)}` }) },
  'GET /api/v1/reports/:id/pdf': { perm: 'read', scoped: true, call: (s, w) => ({ method: 'GET', path: `/api/v1/reports/${fx('report', s, w)}/pdf` }) },
  'GET /api/v1/report-schedules': { perm: 'admin', scoped: false, call: () => ({ method: 'GET', path: '/api/v1/report-schedules' }) },
  'POST /api/v1/report-schedules': { perm: 'admin', scoped: true, call: (s) => ({ method: 'POST', path: '/api/v1/report-schedules', body: { name: 'm', kind: 'briefing', scope: scopeOf(s), cron: '30 7 * * 1-5' } }) },
  'POST /api/v1/report-schedules/:id/run': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'POST', path: `/api/v1/report-schedules/${fx('schedule', s, w)}/run` }) },
  'DELETE /api/v1/report-schedules/:id': { perm: 'admin', scoped: true, call: (s, w) => ({ method: 'DELETE', path: `/api/v1/report-schedules/${fx('schedule', s, w)}` }) },
  [`GET ${String(/^\/(?!api\/|maps\/|socket\.io\/).*/)}`]: { perm: 'public', scoped: false, call: () => ({ method: 'GET', path: '/province/48' }) },
};

const RANK = { anonymous: -1, display: 0, viewer: 0, operator: 1, admin: 2, nationalAdmin: 2 } as const;
/** What the matrix expects, written out rather than derived from the server's own decision function. */
function allowed(perm: Permission, who: Who, side: Side): boolean {
  if (perm === 'public') return true;
  if (who === 'anonymous') return false;
  if (side === 'out' && who !== 'nationalAdmin') return false;
  if (perm === 'read') return true;
  if (who === 'display') return false;
  return RANK[who] >= (perm === 'operate' ? 1 : 2);
}

let stack: Stack;
const credentials: Partial<Record<Who, { cookie?: string; csrf?: string; display?: string }>> = {};

async function request(who: Who, c: Call): Promise<number> {
  const cred = credentials[who] ?? {};
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cred.cookie) headers.cookie = cred.cookie;
  if (cred.csrf) headers['x-csrf-token'] = cred.csrf;
  if (cred.display) headers['x-display-token'] = cred.display;
  const res = await fetch(`${stack.url}${c.path}`, { method: c.method, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body) });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  // (the report requests this matrix makes are not rendered: no Chromium runs beside it)
  stack = await startStack({ REPORT_RENDERER: 'off', REPORT_REQUESTS_PER_MINUTE: '1000' });
  const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const make = async (username: string, role: string, scope: string) => {
    const r = await admin.call('POST', '/api/v1/users', { username, displayName: username, role, scope, password: `${username}-password-1` });
    expect(r.status).toBe(201);
  };
  await make('matrix-login', 'viewer', IN);
  const sessions: Partial<Record<Who, Session>> = { nationalAdmin: admin };
  for (const [who, role] of [['viewer', 'viewer'], ['operator', 'operator'], ['admin', 'admin']] as const) {
    await make(`m-${who}`, role, IN);
    sessions[who] = await signIn(stack.url, `m-${who}`, `m-${who}-password-1`);
  }
  for (const [who, s] of Object.entries(sessions)) credentials[who as Who] = { cookie: s!.cookie, csrf: s!.csrf };
  const display = await admin.call('POST', '/api/v1/displays', { name: 'matrix wall', scope: IN, scenes: ['feeds'] });
  credentials.display = { display: display.body.token };
  credentials.anonymous = {};

  // things to change or delete, one inside and one outside per principal, so no call depends on another's effect
  const whos: Who[] = ['anonymous', 'viewer', 'operator', 'admin', 'display', 'nationalAdmin'];
  fixtures = {};
  for (const who of whos) {
    for (const side of ['in', 'out'] as const) {
      const scope = scopeOf(side);
      const u = `v-${who.toLowerCase()}-${side}`;
      await make(u, 'viewer', scope);
      const d = await admin.call('POST', '/api/v1/displays', { name: `${who} ${side}`, scope, scenes: ['feeds'] });
      const src = await admin.call('POST', '/api/v1/sources', { name: `src ${who} ${side}`, units: [scope], indicators: '*', authority: 'wins' });
      const cp = await admin.call('POST', '/api/v1/contact-points', { name: `${who} ${side}`, scope, url: 'http://127.0.0.1:9/hook' });
      const link = await admin.call('POST', '/api/v1/links', { name: `link ${who} ${side}`, scope });
      const conn = await admin.call('POST', '/api/v1/connectors', connector(`c-${who.toLowerCase()}-${side}`, scope));
      const report = await admin.call('POST', '/api/v1/reports', { kind: 'scene', scope });
      const schedule = await admin.call('POST', '/api/v1/report-schedules', { name: `${who} ${side}`, kind: 'briefing', scope, cron: '30 7 * * 1-5' });
      for (const [kind, id] of [['user', u], ['display', d.body.display.id], ['source', src.body.source.id], ['cp', cp.body.contactPoint.id], ['link', link.body.link.id], ['connector', conn.body.definition.id], ['report', report.body.report.id], ['schedule', schedule.body.schedule.id]] as const) {
        fixtures[`${kind}:${who}`] = { ...(fixtures[`${kind}:${who}`] ?? { in: '', out: '' }), [side]: id };
      }
    }
  }
  for (const side of ['in', 'out'] as const) {
    const alert: AlertRecord = { id: `alert-${side}`, indicator: 'dossier_on_time_rate', unit: side === 'in' ? communeIn : communeOut, ruleScope: 'VN', severity: 'warning', phase: 'firing', value: 70, firedAt: Date.now(), resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null };
    await stack.redis.hset(stack.keys.alerts(), alert.id, JSON.stringify(alert));
    const silence: Silence = { id: `silence-${side}`, target: { kind: 'scope', scope: scopeOf(side) }, startsAt: Date.now(), endsAt: Date.now() + 3600_000, comment: 'x', createdBy: 'admin', createdAt: Date.now(), ended: null };
    await stack.redis.hset(stack.keys.silences(), silence.id, JSON.stringify(silence));
  }
}, 240_000);
afterAll(async () => stack?.stop());

describe('access matrix', () => {
  const app = createApp({ config: parseConfig({}), log: pino({ level: 'silent' }), domain } as unknown as ServerContext);
  const routes = routeTable(app);

  it('every route has a guard, an entry in this matrix, and the permission the matrix says', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(keys.filter((k) => !(k in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !keys.includes(k))).toEqual([]);
    for (const r of routes) expect({ route: `${r.method} ${r.path}`, perm: r.permission }).toEqual({ route: `${r.method} ${r.path}`, perm: ROUTES[`${r.method} ${r.path}`]!.perm });
  });

  for (const who of ['anonymous', 'viewer', 'operator', 'admin', 'display', 'nationalAdmin'] as const) {
    it(`REST as ${who}: refused exactly where the role or the scope does not allow`, async () => {
      const wrong: string[] = [];
      const ordered = Object.entries(ROUTES).sort(([a], [b]) => Number(a.includes('logout')) - Number(b.includes('logout')));
      for (const [key, entry] of ordered) {
        for (const side of entry.scoped ? (['in', 'out'] as const) : (['in'] as const)) {
          const status = await request(who, entry.call(side, who));
          const refused = status === 401 || status === 403;
          const expectRefused = entry.ownCredential || (entry.usersOnly && who === 'display') ? true : !allowed(entry.perm, who, side);
          if (refused !== expectRefused) wrong.push(`${key} [${side}] → ${status}, expected ${expectRefused ? 'refused' : 'allowed'}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it('socket view:subscribe follows the same matrix', async () => {
    const wrong: string[] = [];
    // the REST rounds ended with a logout: sign in again
    for (const who of ['viewer', 'operator', 'admin'] as const) credentials[who] = { cookie: (await signIn(stack.url, `m-${who}`, `m-${who}-password-1`)).cookie };
    credentials.nationalAdmin = { cookie: (await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD)).cookie };
    for (const who of ['anonymous', 'viewer', 'operator', 'admin', 'display', 'nationalAdmin'] as const) {
      const cred = credentials[who] ?? {};
      const s = io(stack.url, { transports: ['websocket'], extraHeaders: cred.cookie ? { cookie: cred.cookie } : {}, auth: cred.display ? { display: cred.display } : {} });
      await new Promise<void>((r) => s.once('connect', () => r()));
      for (const side of ['in', 'out'] as const) {
        const ack = (await s.emitWithAck('view:subscribe', { scope: scopeOf(side), indicators: ['dossier_on_time_rate'] })) as { ok: boolean };
        if (ack.ok !== allowed('read', who, side)) wrong.push(`${who} [${side}] → ${JSON.stringify(ack).slice(0, 80)}`);
      }
      s.disconnect();
    }
    expect(wrong).toEqual([]);
  });
});
