import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewSnapshot } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { eventually, postBatch } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const domain = loadDomain();
let stack: Stack;

/** `npm run ioc -- …` as an operator runs it, on the stack's key prefix. */
async function ioc(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/ioc.ts', ...args], {
      cwd: root,
      env: { ...process.env, KEY_PREFIX: stack.prefix },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
let cookie = '';
const get = async (p: string) => {
  const res = await fetch(`${stack.url}${p}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  stack = await startStack();
  cookie = (await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD)).cookie;
});
afterAll(async () => stack?.stop());

describe('CLI: npm run ioc -- source create', () => {
  it('prints a token (stored only as a hash) that the ingest API accepts within its scope', async () => {
    const { code, out } = await ioc('source', 'create', 'Sở TT&TT Đà Nẵng', '--units', '48', '--indicators', 'dossier_received_count');
    expect(code).toBe(0);
    const token = /\n(ioc_\S+)/.exec(out)?.[1];
    expect(token).toBeDefined();
    const stored = JSON.stringify(await stack.redis.hgetall(stack.keys.sources()));
    expect(stored).not.toContain(token!);
    const period = currentPeriod('day', Date.now());
    const inScope = domain.registry.children('48', 'commune')[0]!.code;
    const outOfScope = domain.registry.children('01', 'commune')[0]!.code;
    const obs = (unit: string) => ({ indicator: 'dossier_received_count', unit, period, value: 3, observedAt: new Date().toISOString() });
    const res = await postBatch(stack.url, token, { batchId: 'cli-1', observations: [obs(inScope), obs(outOfScope)] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected[0]!.reason).toMatch(/outside this source's scope \(48\)/);
  });

  it('refuses unknown units and indicators with a clear message and writes nothing', async () => {
    const before = await stack.redis.hlen(stack.keys.sources());
    const a = await ioc('source', 'create', 'x', '--units', '77', '--indicators', '*');
    expect(a.code).toBe(2);
    expect(a.out).toMatch(/unknown unit '77'/);
    const b = await ioc('source', 'create', 'x', '--units', 'VN', '--indicators', 'nope');
    expect(b.out).toMatch(/unknown indicator 'nope'/);
    const c = await ioc('source', 'create', 'x');
    expect(c.out).toMatch(/--units.*is required/);
    expect(await stack.redis.hlen(stack.keys.sources())).toBe(before);
  });
});

describe('CLI: users and token rotation', () => {
  it('creates a user who can sign in, disables them, and rotates and revokes a source token', async () => {
    const made = await ioc('user', 'create', 'canbo48', '--role', 'operator', '--scope', '48', '--password', 'canbo48-password');
    expect(made).toMatchObject({ code: 0 });
    const login = (password: string) =>
      fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo48', password }) });
    expect((await login('canbo48-password')).status).toBe(200);
    expect((await ioc('user', 'create', 'bad', '--role', 'king', '--scope', '48')).out).toMatch(/--role must be one of viewer, operator, admin/);
    expect((await ioc('user', 'create', 'bad2', '--role', 'viewer', '--scope', '77')).out).toMatch(/unknown unit '77'/);
    expect((await ioc('user', 'disable', 'canbo48')).code).toBe(0);
    expect((await login('canbo48-password')).status).toBe(401);

    const created = await ioc('source', 'create', 'cli-rot', '--units', '48', '--indicators', 'dossier_received_count');
    const first = /\n(ioc_\S+)/.exec(created.out)![1]!;
    const rotated = await ioc('source', 'rotate', 'cli-rot');
    const second = /\n(ioc_\S+)/.exec(rotated.out)![1]!;
    const period = currentPeriod('day', Date.now());
    const unit = domain.registry.children('48', 'commune')[0]!.code;
    const batch = (id: string) => ({ batchId: id, observations: [{ indicator: 'dossier_received_count', unit, period, value: 1, observedAt: new Date().toISOString() }] });
    expect((await postBatch(stack.url, first, batch('r1'))).status).toBe(401);
    expect((await postBatch(stack.url, second, batch('r2'))).status).toBe(202);
    expect((await ioc('source', 'revoke', 'cli-rot')).code).toBe(0);
    expect((await postBatch(stack.url, second, batch('r3'))).status).toBe(401);
  });
});

describe('CLI: npm run ioc -- connector', () => {
  it('adds a connector from its file (refusing a bad one, naming the field), lists, shows it without secrets, pauses and removes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-conn-'));
    const file = path.join(dir, 'c.json');
    const def = {
      id: 'cli-lgsp', name: 'LGSP Đà Nẵng', scope: { units: ['48'], indicators: ['dossier_on_time_rate'] }, schedule: { cron: '*/15 7-18 * * 1-5' },
      auth: { type: 'lgsp', appName: 'ioc', accessKey: 'ak-cli', secretKey: 'sk-cli' },
      request: { url: 'http://127.0.0.1:9/hoso' }, format: { type: 'json', records: 'data' },
      mapping: { unit: { field: 'ma' }, observations: [{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'a', den: 'b' } }] },
    };
    writeFileSync(file, JSON.stringify({ ...def, schedule: { cron: '61 * * * *' } }));
    const bad = await ioc('connector', 'add', file);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/schedule\.cron:/);
    expect(await stack.redis.hlen(stack.keys.connectors())).toBe(0);
    writeFileSync(file, JSON.stringify(def));
    const added = await ioc('connector', 'add', file);
    expect(added.code, added.out).toBe(0);
    expect((await ioc('connector', 'list')).out).toMatch(/^cli-lgsp\tLGSP Đà Nẵng\tgeneric\tcron "\*\/15 7-18 \* \* 1-5"\tlast=never pulled/m);
    const shown = await ioc('connector', 'show', 'cli-lgsp');
    expect(shown.out).toContain('"accessKey": "•••"');
    expect(shown.out).not.toContain('sk-cli');
    expect(JSON.parse(shown.out).status.nextRunAt).toBeGreaterThan(Date.now());
    const rest = await get('/api/v1/connectors/cli-lgsp');
    expect(rest.status).toBe(200);
    expect((await ioc('connector', 'pause', 'cli-lgsp')).code).toBe(0);
    expect(JSON.parse((await ioc('connector', 'show', 'cli-lgsp')).out).status.nextRunAt).toBeNull();
    expect((await ioc('connector', 'remove', 'cli-lgsp')).code).toBe(0);
    expect((await get('/api/v1/connectors/cli-lgsp')).status).toBe(404);
    expect((await ioc('connector', 'run', 'cli-lgsp')).out).toMatch(/no connector 'cli-lgsp'/);
  });
});

describe('REST reads', () => {
  it('health, indicators and units', async () => {
    const health = await get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', redis: true });
    const inds = (await get('/api/v1/indicators')).body.indicators as { id: string }[];
    expect(inds.length).toBeGreaterThanOrEqual(40);
    const provinces = (await get('/api/v1/units?level=province')).body.units as { code: string }[];
    expect(provinces).toHaveLength(34);
    const communes48 = (await get('/api/v1/units?parent=48')).body.units as { code: string }[];
    expect(communes48.length).toBe(domain.registry.children('48').length);
    expect((await get('/api/v1/units?level=planet')).status).toBe(400);
  });

  it('a view snapshot and a unit series after a batch', async () => {
    const token = /\n(ioc_\S+)/.exec((await ioc('source', 'create', 'rest', '--units', 'VN', '--indicators', '*')).out)![1]!;
    const period = currentPeriod('day', Date.now());
    const commune = domain.registry.children('92', 'commune')[0]!.code;
    await postBatch(stack.url, token, {
      batchId: 'rest-1',
      observations: [{ indicator: 'dossier_on_time_rate', unit: commune, period, num: 9, den: 10, observedAt: new Date().toISOString() }],
    });
    const snap = await eventually(async () => {
      const s = (await get('/api/v1/views?scope=92&indicators=dossier_on_time_rate')).body as unknown as ViewSnapshot;
      return s.values.some((v) => v.unit === commune) ? s : undefined;
    });
    expect(snap.periods.dossier_on_time_rate).toBe(period);
    expect(snap.values.find((v) => v.unit === commune)!.value).toBeCloseTo(90, 9);
    expect(snap.values.find((v) => v.unit === '92')).toMatchObject({ reporting: 1, expected: domain.registry.children('92').length });
    const series = (await get(`/api/v1/series?indicator=dossier_on_time_rate&unit=92&range=24h`)).body;
    expect(series.resolution).toBe('5m');
    expect((series.points as { value: number }[]).at(-1)!.value).toBeCloseTo(90, 9);
    const daily = (await get(`/api/v1/series?indicator=dossier_on_time_rate&unit=${commune}&range=30d`)).body;
    expect(daily.resolution).toBe('1d');
    expect((daily.points as unknown[]).length).toBe(1);
  });

  it('reads need a session: 401 without one', async () => {
    const res = await fetch(`${stack.url}/api/v1/views?scope=VN&indicators=vn_aqi`);
    expect(res.status).toBe(401);
    expect((await fetch(`${stack.url}/api/v1/health`)).status).toBe(200);
  });

  it('clear errors for bad reads', async () => {
    expect((await get('/api/v1/views?scope=VN&indicators=nope')).status).toBe(404);
    expect((await get('/api/v1/views?scope=99&indicators=vn_aqi')).status).toBe(404);
    expect((await get('/api/v1/views?scope=VN')).status).toBe(400);
    expect((await get('/api/v1/series?indicator=vn_aqi&unit=VN&range=5y')).status).toBe(400);
    expect((await fetch(`${stack.url}/maps/provinces/99.geojson`)).status).toBe(404);
    const missing = await get('/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
