import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRow, PullStatus } from '../../core/contract/connectors';
import type { FeedsAnswer } from '../../core/contract/boards';
import type { ViewSnapshot } from '../../core/contract/metrics';
import { toCsv } from '../../core/format/csv';
import type { Unit } from '../../core/units/unit';
import { loadDomain } from '../../platform/domain';
import { writeXlsx } from '../../platform/tabular';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Pull connectors against a real HTTP server on loopback standing in for a provincial LGSP: a JSON, a CSV and an XLSX
 * connector pull on their schedules through real workers and their figures reach GET /api/v1/views rolled up; every
 * failure mode shows `failing` with its reason and writes nothing; a schedule runs once across two worker processes.
 */

type Mode = 'ok' | 'http500' | 'html' | 'slow' | 'malformed' | 'renamed' | 'unmapped' | 'changed';

interface Remote {
  url: string;
  mode: Mode;
  hits: Map<string, number[]>;
  server: Server;
}

const domain = loadDomain();
const PROVINCE = '01';
const communes: Unit[] = domain.registry.children(PROVINCE, 'commune').slice(0, 3) as Unit[];
const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

async function xlsxBody(): Promise<Buffer> {
  const rows = [['Mã ĐVHC', 'Có kết quả điện tử', 'Phải có kết quả']] as (string | number | null)[][];
  // codes as numbers, as a spreadsheet keeps them: 00004 becomes 4
  communes.forEach((u, i) => rows.push([Number(u.code), 40 + i, 50]));
  return writeXlsx([{ name: 'Số liệu', rows }]);
}

function startRemote(): Promise<Remote> {
  const remote: Remote = { url: '', mode: 'ok', hits: new Map(), server: undefined as unknown as Server };
  const hit = (p: string) => remote.hits.set(p, [...(remote.hits.get(p) ?? []), Date.now()]);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    hit(p);
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (p === '/lgsp/hoso') {
      if (req.headers.appname !== 'ioc-live' || req.headers.accesskey !== 'ak-1' || req.headers.secretkey !== 'sk-1') return res.writeHead(401).end('{"error":"unauthorized"}');
      return json({ data: { items: communes.map((u, i) => ({ maXa: u.code, tiepNhan: 100 + i, dungHan: 90 + i })) } });
    }
    if (p === '/csv') {
      if (req.headers.authorization !== 'Bearer tok-csv') return res.writeHead(401).end();
      const rows = [['ten_xa', 'so_ngay_tb', 'ho_so_xong'], ...communes.map((u, i) => [plain(u.fullName.vi), `${3 + i},5`, 20 + i])];
      return res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(toCsv(rows));
    }
    if (p === '/xlsx') {
      if (req.headers.authorization !== `Basic ${Buffer.from('ioc:pw').toString('base64')}`) return res.writeHead(401).end();
      return res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).end(await xlsxBody());
    }
    if (p === '/tick') return json([{ ma: communes[0]!.code, v: 1 }]);
    if (p === '/flaky') {
      const base = communes.map((u) => ({ ma: u.code, tiepNhan: 10, dungHan: 9 }));
      switch (remote.mode) {
        case 'ok':
          return json(base);
        case 'http500':
          return res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream database error');
        case 'html':
          return res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Đăng nhập hệ thống</title></head><body>login</body></html>');
        case 'slow':
          return setTimeout(() => json(base), 3000);
        case 'malformed':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('[{"ma": "00004", "tiepNhan": 1');
        case 'renamed':
          return json(communes.map((u) => ({ maDonVi: u.code, soHoSo: 10, dungHan: 9 })));
        case 'unmapped':
          return json([...communes.map((u) => ({ ma: u.code, tiepNhan: 10, dungHan: 2 })), { ma: '99999', tiepNhan: 5, dungHan: 5 }]);
        case 'changed':
          return json(communes.map((u) => ({ ma: u.code, tiepNhan: 10, dungHan: 5 })));
      }
    }
    res.writeHead(404).end();
  };
  remote.server = createServer((req, res) => void handler(req, res));
  return new Promise((resolve) => remote.server.listen(0, '127.0.0.1', () => {
    remote.url = `http://127.0.0.1:${(remote.server.address() as AddressInfo).port}`;
    resolve(remote);
  }));
}

const ratioMapping = { unit: { field: 'ma' }, observations: [{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'dungHan', den: 'tiepNhan' } }] };

let stack: Stack;
let remote: Remote;
let admin: Session;
let secondWorkers: ChildProcess;
let tickCreatedAt = 0;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function statusOf(id: string): Promise<PullStatus> {
  const r = await admin.call('GET', `/api/v1/connectors/${id}`);
  expect(r.status).toBe(200);
  return (r.body as ConnectorRow).status;
}

/** Runs a connector now and waits for that pull's status. */
async function runAndWait(id: string): Promise<PullStatus> {
  const before = (await statusOf(id)).lastPullAt ?? 0;
  expect((await admin.call('POST', `/api/v1/connectors/${id}/run`)).status).toBe(202);
  return waitFor(`a pull of ${id}`, async () => {
    const s = await statusOf(id);
    return (s.lastPullAt ?? 0) > before ? s : undefined;
  });
}

async function view(indicators: string): Promise<ViewSnapshot> {
  const r = await admin.call('GET', `/api/v1/views?scope=${PROVINCE}&indicators=${indicators}`);
  expect(r.status).toBe(200);
  return r.body as ViewSnapshot;
}

const valueOf = (v: ViewSnapshot, indicator: string, unit: string) => v.values.find((x) => x.indicator === indicator && x.unit === unit);

async function create(def: Record<string, unknown>): Promise<void> {
  const r = await admin.call('POST', '/api/v1/connectors', def);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  remote = await startRemote();
  stack = await startStack();
  // a second worker process on the same data: schedules must still run once
  secondWorkers = fork(path.resolve(import.meta.dirname, '../../workers/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, KEY_PREFIX: stack.prefix, SIMULATOR: 'off', PORT: String(stack.port), LOG_LEVEL: 'warn', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
  const common = { scope: { units: [PROVINCE], indicators: '*' }, schedule: { everyMinutes: 1 } };
  await create({ id: 'tick', name: 'Nhịp lịch', ...common, request: { url: `${remote.url}/tick` }, format: { type: 'json' }, mapping: { unit: { field: 'ma' }, observations: [{ indicator: { const: 'dossier_received_count' }, value: { value: 'v' } }] } });
  tickCreatedAt = Date.now();
}, 120_000);

afterAll(async () => {
  secondWorkers?.kill('SIGTERM');
  await stack?.stop();
  remote?.server.close();
});

describe('pull connectors', () => {
  it('a JSON (LGSP keys), a CSV (names without diacritics) and an XLSX (codes that lost their zeros) connector pull on their schedule and their figures roll up', async () => {
    const common = { scope: { units: [PROVINCE], indicators: '*' }, schedule: { everyMinutes: 5 } };
    await create({
      id: 'lgsp-hoso', name: 'LGSP Hà Nội — hồ sơ', ...common,
      auth: { type: 'lgsp', appName: 'ioc-live', accessKey: 'ak-1', secretKey: 'sk-1' },
      request: { url: `${remote.url}/lgsp/hoso` }, format: { type: 'json', records: 'data.items' },
      mapping: { unit: { field: 'maXa', naming: 'code' }, observations: [{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'dungHan', den: 'tiepNhan' } }] },
    });
    await create({
      id: 'csv-ngay', name: 'CSV thời gian giải quyết', ...common, auth: { type: 'bearer', token: 'tok-csv' },
      request: { url: `${remote.url}/csv` }, format: { type: 'csv' },
      mapping: { unit: { field: 'ten_xa', naming: 'name', within: PROVINCE }, decimal: ',', observations: [{ indicator: { const: 'avg_processing_days' }, value: { value: 'so_ngay_tb', weight: 'ho_so_xong' } }] },
    });
    await create({
      id: 'xlsx-kq', name: 'XLSX kết quả điện tử', ...common, auth: { type: 'basic', username: 'ioc', password: 'pw' },
      request: { url: `${remote.url}/xlsx` }, format: { type: 'xlsx', sheet: 'Số liệu', headerRow: 1 },
      mapping: { unit: { field: 'Mã ĐVHC', within: PROVINCE }, observations: [{ indicator: { const: 'e_result_rate' }, value: { num: 'Có kết quả điện tử', den: 'Phải có kết quả' } }] },
    });
    // no manual run: the job schedulers' first runs pull them
    const v = await waitFor(`the three connectors' figures`, async () => {
      const s = await view('dossier_on_time_rate,avg_processing_days,e_result_rate');
      const ok = ['dossier_on_time_rate', 'avg_processing_days', 'e_result_rate'].every((i) => valueOf(s, i, PROVINCE)?.reporting === 3);
      return ok ? s : undefined;
    }).catch(async (err) => {
      for (const id of ['lgsp-hoso', 'csv-ngay', 'xlsx-kq']) console.error(id, JSON.stringify(await statusOf(id)));
      console.error(JSON.stringify((await view('dossier_on_time_rate,avg_processing_days,e_result_rate')).values.filter((x) => x.unit === PROVINCE)));
      throw err;
    });
    const rate = valueOf(v, 'dossier_on_time_rate', PROVINCE)!;
    expect(rate.num).toBe(90 + 91 + 92);
    expect(rate.den).toBe(100 + 101 + 102);
    expect(rate.value).toBeCloseTo((100 * 273) / 303, 10);
    const days = valueOf(v, 'avg_processing_days', PROVINCE)!;
    expect(days.value).toBeCloseTo((3.5 * 20 + 4.5 * 21 + 5.5 * 22) / 63, 10);
    expect(valueOf(v, 'e_result_rate', communes[0]!.code)?.num).toBe(40);
    for (const id of ['lgsp-hoso', 'csv-ngay', 'xlsx-kq']) {
      const s = await statusOf(id);
      expect(s.lastOutcome, id).toBe('ok');
      expect(s.httpStatus).toBe(200);
      expect(s.recordsRead).toBe(3);
      expect(s.accepted).toBe(3);
      expect(s.nextRunAt).toBeGreaterThan(Date.now());
    }
    // the same content pulled again is the same batch: it changes nothing
    const before = await stack.redis.xlen(stack.keys.changes());
    const again = await runAndWait('lgsp-hoso');
    expect(again.lastOutcome).toBe('unchanged');
    await new Promise((r) => setTimeout(r, 500));
    expect(await stack.redis.xlen(stack.keys.changes())).toBe(before);
  });

  it('every failure mode is failing with its reason on the feed board and writes nothing', async () => {
    await create({ id: 'flaky', name: 'Hệ thống chập chờn', scope: { units: [PROVINCE], indicators: '*' }, schedule: { everyMinutes: 60 }, retries: 0, request: { url: `${remote.url}/flaky`, timeoutMs: 1000 }, format: { type: 'json' }, mapping: ratioMapping });
    await waitFor('the first pull', async () => ((await statusOf('flaky')).lastOutcome === 'ok' ? true : undefined));
    const stored = await waitFor('the first figures', async () => {
      const v = valueOf(await view('dossier_on_time_rate'), 'dossier_on_time_rate', communes[0]!.code);
      return v?.source === 'flaky' ? v : undefined;
    });
    const cases: [Mode, string, RegExp][] = [
      ['http500', 'http_error', /HTTP 500/],
      ['html', 'html_page', /HTML page/],
      ['slow', 'timeout', /1000 ms/],
      ['malformed', 'malformed', /not JSON/],
      ['renamed', 'mapping_mismatch', /"ma", "tiepNhan"/],
      ['unmapped', 'refused_records', /1 of 4 records refused.*99999/],
    ];
    for (const [mode, code, reason] of cases) {
      remote.mode = mode;
      const s = await runAndWait('flaky');
      expect(s.lastOutcome, mode).toBe('failed');
      expect(s.failure?.code, mode).toBe(code);
      expect(s.failure?.reason, mode).toMatch(reason);
      const feeds = (await admin.call('GET', '/api/v1/feeds')).body as FeedsAnswer;
      const row = feeds.feeds.find((f) => f.source === 'flaky')!;
      expect(row.state, mode).toBe('failing');
      expect(row.pull?.failure?.code).toBe(code);
      expect(row.lastError).toMatch(reason);
      const now = valueOf(await view('dossier_on_time_rate'), 'dossier_on_time_rate', communes[0]!.code)!;
      expect(now.num, `${mode} wrote nothing`).toBe(stored.num);
      expect(now.observedAt).toBe(stored.observedAt);
    }
    if ((await statusOf('flaky')).firstRejections.length === 0) throw new Error('the refused pull lists its records');
    // back to health: the next pull applies and the board shows it ok again
    remote.mode = 'changed';
    expect((await runAndWait('flaky')).lastOutcome).toBe('ok');
    await waitFor('the changed figure', async () => (valueOf(await view('dossier_on_time_rate'), 'dossier_on_time_rate', communes[0]!.code)?.num === 5 ? true : undefined));
    const feeds = (await admin.call('GET', '/api/v1/feeds')).body as FeedsAnswer;
    expect(feeds.feeds.find((f) => f.source === 'flaky')?.state).toBe('ok');
  }, 120_000);

  it('a bad definition is refused with the field named; pause, resume and remove keep the schedule in step', async () => {
    const bad = await admin.call('POST', '/api/v1/connectors', { id: 'bad', name: 'x', scope: { units: ['01'], indicators: '*' }, schedule: { cron: '61 * * * *' }, request: { url: 'https://x.example/a' }, format: { type: 'json' }, mapping: ratioMapping });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_definition');
    expect(bad.body.error.issues.join('\n')).toMatch(/^schedule\.cron:/m);
    const paused = await admin.call('POST', '/api/v1/connectors/flaky/pause');
    expect(paused.status).toBe(200);
    expect((paused.body as ConnectorRow).status.nextRunAt).toBeNull();
    const resumed = await admin.call('POST', '/api/v1/connectors/flaky/resume');
    // resumed, an every-N-minutes schedule runs at once, then every N minutes
    expect((resumed.body as ConnectorRow).status.nextRunAt).not.toBeNull();
    const listed = await admin.call('GET', '/api/v1/connectors');
    const lgsp = (listed.body.connectors as ConnectorRow[]).find((c) => c.definition.id === 'lgsp-hoso')!;
    expect(lgsp.definition.auth).toMatchObject({ accessKey: '•••', secretKey: '•••' });
    expect(JSON.stringify(listed.body)).not.toContain('sk-1');
    expect((await admin.call('DELETE', '/api/v1/connectors/flaky')).status).toBe(200);
    expect((await admin.call('GET', '/api/v1/connectors/flaky')).status).toBe(404);
  });

  it('a schedule runs once per tick across two worker processes', async () => {
    // every minute, from its creation in beforeAll: at +0 s and +60 s, never twice at one tick
    await new Promise((r) => setTimeout(r, Math.max(0, tickCreatedAt + 70_000 - Date.now())));
    const hits = remote.hits.get('/tick') ?? [];
    expect(hits).toHaveLength(2);
    // two runs of one tick would be a moment apart; the first run may come seconds late on a loaded machine (the
    // workers still starting), the second comes at its minute
    expect(hits[1]! - hits[0]!).toBeGreaterThan(30_000);
  }, 120_000);
});
