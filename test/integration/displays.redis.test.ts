import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../core/alerts/alert';
import { loadDomain } from '../../platform/domain';
import { indexAlert } from '../../store/alert-index';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/** Display records: scenes checked against the scope, editable by PATCH, read back by the wall (GET /api/v1/display). */
const domain = loadDomain();
let stack: Stack;
let admin: Session;
/** An admin of Hà Nội (01), who may not touch Đà Nẵng's (48) displays. */
let hanoiAdmin: Session;

const asDisplay = async (token: string, path: string) => {
  const r = await fetch(`${stack.url}${path}`, { headers: { 'x-display-token': token } });
  return { status: r.status, body: (await r.json()) as any };
};

beforeAll(async () => {
  stack = await startStack();
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const made = await admin.call('POST', '/api/v1/users', { username: 'hn-admin', displayName: 'HN', role: 'admin', scope: '01', password: 'hn-admin-password-1' });
  expect(made.status).toBe(201);
  hanoiAdmin = await signIn(stack.url, 'hn-admin', 'hn-admin-password-1');
});
afterAll(async () => stack?.stop());

describe('creating a display', () => {
  it('a national display may add province scenes; its wall address is the token alone', async () => {
    const r = await admin.call('POST', '/api/v1/displays', { name: 'Tường quốc gia', scope: 'VN', scenes: ['national', 'Province:79', 'communes:79'], intervalS: 20 });
    expect(r.status).toBe(201);
    expect(r.body.display).toMatchObject({ scope: 'VN', scenes: ['national', 'province:79', 'communes:79'], intervalS: 20 });
    expect(r.body.wallPath).toBe(`/wall?display=${encodeURIComponent(r.body.token)}`);
    const config = await asDisplay(r.body.token, '/api/v1/display');
    expect(config.body.display).toMatchObject({ scenes: ['national', 'province:79', 'communes:79'], intervalS: 20, indicator: null, kpis: null });
  });

  it('refuses scenes outside the scope, unknown scenes and indicators with a code and the field', async () => {
    const outside = await admin.call('POST', '/api/v1/displays', { name: 'x', scope: '48', scenes: ['province:48', 'national', 'province:79'] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('scene_outside_scope');
    expect(outside.body.field).toBe('scenes');
    expect(outside.body.error.issues).toEqual([
      "scenes.1: 'national' is outside the display's scope (48)",
      "scenes.2: 'province:79' is outside the display's scope (48)",
    ]);
    const unknown = await admin.call('POST', '/api/v1/displays', { name: 'x', scope: '48', scenes: ['weather'] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_scene']);
    const badArg = await admin.call('POST', '/api/v1/displays', { name: 'x', scope: 'VN', scenes: ['province:99'] });
    expect([badArg.status, badArg.body.error.code]).toEqual([400, 'bad_scene_argument']);
    const indicator = await admin.call('POST', '/api/v1/displays', { name: 'x', scope: '48', scenes: ['feeds'], indicator: 'no_such_thing' });
    expect([indicator.status, indicator.body.error.code, indicator.body.field]).toEqual([400, 'unknown_indicator', 'indicator']);
    const interval = await admin.call('POST', '/api/v1/displays', { name: 'x', scope: '48', scenes: ['feeds'], intervalS: 5 });
    expect(interval.status).toBe(400);
    expect(interval.body.error.issues[0]).toMatch(/^intervalS: /);
    // a province admin cannot make a display of another province
    expect((await hanoiAdmin.call('POST', '/api/v1/displays', { name: 'x', scope: '48', scenes: ['feeds'] })).status).toBe(403);
  });
});

describe('editing a display', () => {
  let id: string;
  let token: string;
  beforeAll(async () => {
    const r = await admin.call('POST', '/api/v1/displays', { name: 'Tường Đà Nẵng', scope: '48', scenes: ['province:48', 'feeds'] });
    expect(r.status).toBe(201);
    ({ id } = r.body.display);
    ({ token } = r.body);
  });

  it('changes scenes, interval, indicator and KPIs, audited; the wall reads the change with the same token', async () => {
    const before = await asDisplay(token, '/api/v1/display');
    expect(before.body.display).toMatchObject({ scenes: ['province:48', 'feeds'], intervalS: 30, indicator: null });
    const change = { scenes: ['communes:48', 'province:48', 'alerts'], intervalS: 45, indicator: 'dvc766_total_score', kpis: ['dossier_on_time_rate', 'dvc766_total_score'] };
    const r = await admin.call('PATCH', `/api/v1/displays/${id}`, change);
    expect(r.status).toBe(200);
    expect(r.body.display).toMatchObject({ ...change, updatedBy: 'admin' });
    const after = await asDisplay(token, '/api/v1/display');
    expect(after.body.display).toMatchObject(change);
    expect(after.body.display.updatedAt).toBeGreaterThan(before.body.display.updatedAt);
    const audit = (await admin.call('GET', '/api/v1/audit')).body.entries as { action: string; target: string; detail: any }[];
    const entry = audit.find((e) => e.action === 'display.update' && e.target === id)!;
    expect(entry.detail.before.intervalS).toBeUndefined();
    expect(entry.detail.after.intervalS).toBe(45);
    // null takes the indicator and the KPIs back to the defaults
    expect((await admin.call('PATCH', `/api/v1/displays/${id}`, { indicator: null, kpis: null })).status).toBe(200);
    expect((await asDisplay(token, '/api/v1/display')).body.display).toMatchObject({ indicator: null, kpis: null, intervalS: 45 });
  });

  it('refuses what does not fit, outside the admin scope, from the display itself, and unknown fields', async () => {
    const outside = await admin.call('PATCH', `/api/v1/displays/${id}`, { scenes: ['province:01'] });
    expect([outside.status, outside.body.error.code, outside.body.field]).toEqual([400, 'scene_outside_scope', 'scenes']);
    const kpis = await admin.call('PATCH', `/api/v1/displays/${id}`, { kpis: ['dossier_on_time_rate', 'nope'] });
    expect([kpis.status, kpis.body.error.code, kpis.body.field, kpis.body.error.issues]).toEqual([400, 'unknown_indicator', 'kpis', ["kpis.1: unknown indicator 'nope'"]]);
    const scope = await admin.call('PATCH', `/api/v1/displays/${id}`, { scope: 'VN' });
    expect(scope.status).toBe(400);
    expect((await admin.call('PATCH', `/api/v1/displays/${id}`, {})).status).toBe(400);
    expect((await hanoiAdmin.call('PATCH', `/api/v1/displays/${id}`, { intervalS: 60 })).status).toBe(403);
    const self = await fetch(`${stack.url}/api/v1/displays/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-display-token': token }, body: '{"intervalS":60}' });
    expect(self.status).toBe(403);
    expect((await admin.call('PATCH', '/api/v1/displays/nope', { intervalS: 60 })).status).toBe(404);
    // nothing of the refused changes was written
    expect((await asDisplay(token, '/api/v1/display')).body.display.intervalS).toBe(45);
  });
});

describe('what a display reads', () => {
  it('an old record (no interval, scenes that no longer fit) still works, with the scenes that fit', async () => {
    const old = { id: 'old-wall', name: 'Tường cũ', scope: '48', scenes: ['national', 'province', 'feeds'], createdAt: 1, createdBy: 'admin' };
    await stack.redis.hset(stack.keys.displays(), old.id, JSON.stringify(old));
    // a token for it, as the repository stores one (hashed)
    const { hashToken } = await import('../../store/sources.repo');
    await stack.redis.set(stack.keys.displayToken(hashToken('ioc_wall_old-token')), old.id);
    const r = await asDisplay('ioc_wall_old-token', '/api/v1/display');
    expect(r.status).toBe(200);
    expect(r.body.display).toMatchObject({ scenes: ['province:48', 'feeds'], intervalS: 30, indicator: null, kpis: null });
  });

  it('a signed-in user has no display configuration; nobody else may ask', async () => {
    expect((await admin.call('GET', '/api/v1/display')).body).toEqual({ display: null });
    expect((await fetch(`${stack.url}/api/v1/display`)).status).toBe(401);
  });

  it("a province's display reads only its province's feeds and alerts", async () => {
    const d = await admin.call('POST', '/api/v1/displays', { name: 'feeds 48', scope: '48', scenes: ['feeds', 'alerts'] });
    for (const [name, units] of [['Sở Đà Nẵng', ['48']], ['Sở Hà Nội', ['01']]] as const) {
      expect((await admin.call('POST', '/api/v1/sources', { name, units, indicators: '*' })).status).toBe(201);
    }
    const feeds = (await asDisplay(d.body.token, '/api/v1/feeds')).body.feeds as { name: string }[];
    expect(feeds.map((f) => f.name)).toContain('Sở Đà Nẵng');
    expect(feeds.map((f) => f.name)).not.toContain('Sở Hà Nội');
    const communeIn = domain.registry.children('48', 'commune')[0]!.code;
    const communeOut = domain.registry.children('01', 'commune')[0]!.code;
    for (const unit of [communeIn, communeOut]) {
      const alert: AlertRecord = { id: `a-${unit}`, indicator: 'dossier_on_time_rate', unit, ruleScope: 'VN', severity: 'warning', phase: 'firing', value: 70, firedAt: Date.now(), resolvedAt: null, acknowledged: null, assignee: null, silencedUntil: null };
      // written as the evaluator writes one: the record and its index entries, together
      await indexAlert(stack.redis.multi().hset(stack.keys.alerts(), alert.id, JSON.stringify(alert)), stack.keys, alert).exec();
    }
    const alerts = (await asDisplay(d.body.token, '/api/v1/alerts')).body.items as { unit: string }[];
    expect(alerts.map((a) => a.unit)).toEqual([communeIn]);
    expect((await asDisplay(d.body.token, `/api/v1/alerts?unit=01`)).status).toBe(403);
  });
});
