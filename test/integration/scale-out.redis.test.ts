import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../core/alerts/alert';
import type { MetricValue } from '../../core/contract/metrics';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { lastChangeId, readChangesBlocking } from '../../store/changes.repo';
import { sourceIdOf } from '../../store/sources.repo';
import { Simulator } from '../../workers/feeds/simulator/simulator';
import { startInstallation, type Installation } from '../support/installation';
import { exited } from '../support/processes';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn, type Session } from '../support/session-client';
import { TEST_ADMIN_PASSWORD } from '../support/stack';
import { openSocket, type TestSocket } from '../support/test-socket';
import { ViewMirror } from '../support/view-mirror';

/**
 * Two servers and two worker processes of one installation on one Redis (docs/scale-out.md), checked through real
 * sockets and real HTTP: both servers push the same deltas; ingest through either is applied once; an alert fires
 * once; a display's revocation reaches its sockets on both; the simulator, connectors' and reports' schedules run
 * once; the simulator's leader is killed and the other worker takes over.
 */
type ClientSocket = TestSocket;

const domain = loadDomain();
const PROVINCE = '01';
const [communeA, communeB, communeC] = domain.registry.children(PROVINCE, 'commune').map((u) => u.code) as [string, string, string];
const COUNT = 'dossier_received_count';
const RATE = 'dossier_on_time_rate';
/** What the connector pulls (not COUNT: its ticks must not move the figures the first test sums). */
const PULLED = 'field_report_count';
const SIM_SCOPE = '48';
const SIM_RATE = 20;

let installation: Installation;
let admin: Session;
let token: string;
let source: string;
let hook: { server: Server; url: string; received: { type: string; alert?: { unit: string } }[] };
let portal: { server: Server; url: string; hits: number[] };
let createdAt = 0;
let scheduleId = '';
const sockets: ClientSocket[] = [];

const url = (i: number) => installation.servers[i]!.url;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loopback HTTP server answering JSON, recording what it got. */
async function loopback(answer: (path: string, body: string) => unknown): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(req.url ?? '/', body) ?? {})));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function socketTo(i: number, opts: { cookie?: string; display?: string }): ClientSocket {
  const s: ClientSocket = openSocket(url(i), opts);
  sockets.push(s);
  return s;
}

/** Resolves once the change stream has not moved for a second. */
async function quiet(): Promise<void> {
  let last = await lastChangeId(installation.redis, installation.keys);
  for (let still = 0; still < 4; ) {
    await sleep(250);
    const now = await lastChangeId(installation.redis, installation.keys);
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

const connected = (s: ClientSocket) => new Promise<void>((resolve, reject) => (s.connected ? resolve() : (s.once('connect', () => resolve()), s.once('connect_error', reject))));

beforeAll(async () => {
  hook = { ...(await loopback((_, body) => void hook.received.push(JSON.parse(body)))), received: [] };
  portal = { ...(await loopback(() => (portal.hits.push(Date.now()), [{ ma: communeC, v: 1 }]))), hits: [] };
  // reports render in both servers (each has a renderer); one try, bounded, to keep Chromium's load small here
  installation = await startInstallation({ servers: 2, workers: 2, env: { REPORT_ATTEMPTS: '1', REPORT_TIMEOUT_MS: '20000' } });
  admin = await signIn(url(0), 'admin', TEST_ADMIN_PASSWORD);
  token = await newSource(installation.redis, installation.keys, 'scale-out feed', [PROVINCE]);
  source = sourceIdOf('scale-out feed');
  // the schedules first, so that their ticks run while the rest is checked
  const connector = await admin.call('POST', '/api/v1/connectors', {
    id: 'tick',
    name: 'Nhịp lịch',
    scope: { units: [PROVINCE], indicators: '*' },
    schedule: { everyMinutes: 1 },
    request: { url: `${portal.url}/tick` },
    format: { type: 'json' },
    mapping: { unit: { field: 'ma' }, observations: [{ indicator: { const: PULLED }, value: { value: 'v' } }] },
  });
  expect(connector.status, JSON.stringify(connector.body)).toBe(201);
  createdAt = Date.now();
  const schedule = await admin.call('POST', '/api/v1/report-schedules', { name: 'Mỗi phút', kind: 'briefing', scope: PROVINCE, cron: '* * * * *' });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
  scheduleId = schedule.body.schedule.id;
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await installation?.stop();
  hook?.server.close();
  portal?.server.close();
});

describe('two servers and two workers on one Redis', () => {
  it('a socket on each server gets the same deltas; ingest through either server is applied once', async () => {
    const view = { scope: PROVINCE, indicators: [COUNT] };
    const mirrors = [0, 1].map((i) => new ViewMirror(url(i), admin.cookie, view));
    try {
      await Promise.all(mirrors.map((m) => m.ready()));
      const period = currentPeriod(domain.indicator(COUNT)!.periodKind, Date.now());
      const obs = (unit: string, value: number) => ({ indicator: COUNT, unit, period, value, observedAt: new Date().toISOString() });
      const held = (m: ViewMirror, unit: string) => m.held(period).get(`${COUNT}|${unit}`)?.num;
      const bothHold = (unit: string, value: number) => eventually(async () => (mirrors.every((m) => held(m, unit) === value) ? true : undefined));
      // a delta's seq is the last change its server had read: equal on both when nothing else is written meanwhile
      // (the connector's first pull may still be under way)
      await eventually(async () => (portal.hits.length > 0 ? true : undefined), 30_000);
      await quiet();
      const since = await lastChangeId(installation.redis, installation.keys);
      const accepted = (r: { status: number; body: { accepted: number } }) => [r.status, r.body.accepted];

      expect(accepted(await postBatch(url(0), token, { batchId: 's1', observations: [obs(communeA, 10), obs(communeB, 20)] }))).toEqual([202, 2]);
      await bothHold(communeB, 20);
      expect(accepted(await postBatch(url(1), token, { batchId: 's2', observations: [obs(communeA, 15)] }))).toEqual([202, 1]);
      await bothHold(communeA, 15);
      // the same batch to both servers at once: queued once (its job id), applied once (its marker)
      const same = { batchId: 's3', observations: [obs(communeB, 25)] };
      const twice = await Promise.all([postBatch(url(0), token, same), postBatch(url(1), token, same)]);
      expect(twice.map((r) => r.status)).toEqual([202, 202]);
      await bothHold(communeB, 25);
      await sleep(500); // a second application would have reached the sockets by now

      const all = await readChangesBlocking(installation.redis, installation.keys, since, 10);
      const entries = all.filter((e) => e.source === source);
      expect(entries).toHaveLength(3);
      // each server pushed one delta per applied batch, with the batch's change id and the same values
      const mine = (m: ViewMirror) => m.deltas.filter((d) => d.values.some((v) => v.unit === communeA || v.unit === communeB)).map((d) => ({ seq: d.seq, values: d.values }));
      const written = JSON.stringify(all.map((e) => [e.id, e.source]));
      expect(mine(mirrors[0]!).map((d) => d.seq), written).toEqual(entries.map((e) => e.id));
      expect(mine(mirrors[1]!)).toEqual(mine(mirrors[0]!));
      // totals: both servers read the same figures, the province's the sum of its communes'
      const views = await Promise.all(
        [0, 1].map(async (i) => {
          const r = await fetch(`${url(i)}/api/v1/views?scope=${PROVINCE}&indicators=${COUNT}`, { headers: { cookie: admin.cookie } });
          return ((await r.json()) as { values: MetricValue[] }).values;
        }),
      );
      expect(views[1]).toEqual(views[0]);
      const at = (unit: string) => views[0]!.find((v) => v.unit === unit && v.period === period)?.num;
      expect([at(communeA), at(communeB), at(PROVINCE)]).toEqual([15, 25, 40]);
    } finally {
      for (const m of mirrors) m.close();
    }
  });

  it('an alert rule crossed through both servers fires once: one alert, one webhook delivery, one event per socket', async () => {
    const rule = { indicator: RATE, scope: PROVINCE, bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: 3_600_000 };
    expect((await admin.call('PUT', '/api/v1/alert-rules', rule)).status).toBe(200);
    expect((await admin.call('POST', '/api/v1/contact-points', { name: 'Trực ban Hà Nội', scope: PROVINCE, url: `${hook.url}/hook` })).status).toBe(201);
    const events: AlertEvent[][] = [[], []];
    for (const i of [0, 1]) {
      const s = socketTo(i, { cookie: admin.cookie });
      await connected(s);
      s.on('alert:changed', (e) => events[i]!.push(e));
      expect((await s.emitWithAck('view:subscribe', { scope: PROVINCE, indicators: [RATE] })).ok).toBe(true);
    }
    const period = currentPeriod(domain.indicator(RATE)!.periodKind, Date.now());
    const post = (i: number, batchId: string, num: number) =>
      postBatch(url(i), token, { batchId, observations: [{ indicator: RATE, unit: communeC, period, num, den: 100, observedAt: new Date().toISOString() }] });
    expect((await post(0, 'r1', 90)).status).toBe(202);
    expect((await post(1, 'r2', 70)).status).toBe(202); // below the warning level: fires
    await eventually(async () => (hook.received.some((b) => b.alert?.unit === communeC) ? true : undefined), 20_000);
    await sleep(3000); // a second evaluator or a second delivery would show by now
    const firedOn = (list: AlertEvent[]) => list.filter((e) => e.kind === 'fired' && e.alert.unit === communeC);
    expect(firedOn(events[0]!)).toHaveLength(1);
    expect(firedOn(events[1]!)).toHaveLength(1);
    expect(hook.received.filter((b) => b.alert?.unit === communeC).map((b) => b.type)).toEqual(['alert.fired']);
    const alerts = (await admin.call('GET', `/api/v1/alerts?unit=${communeC}&indicator=${RATE}`)).body.items as { unit: string }[];
    expect(alerts.filter((a) => a.unit === communeC)).toHaveLength(1);
  });

  it("revoking a display disconnects its wall sockets on both servers, and they cannot come back", async () => {
    const made = await admin.call('POST', '/api/v1/displays', { name: 'Tường Hà Nội', scope: PROVINCE, scenes: ['feeds'] });
    expect(made.status).toBe(201);
    const walls = [0, 1].map((i) => socketTo(i, { display: made.body.token }));
    await Promise.all(walls.map(connected));
    const told = walls.map((s) => new Promise<string>((r) => s.once('access:revoked', (e) => r(e.reason))));
    const gone = walls.map((s) => new Promise<void>((r) => s.once('disconnect', () => r())));
    expect((await admin.call('POST', `/api/v1/displays/${made.body.display.id}/revoke`)).status).toBe(200);
    const within = <T>(p: Promise<T>) => Promise.race([p, sleep(10_000).then(() => Promise.reject(new Error('not within 10 s')))]);
    expect(await within(Promise.all(told))).toEqual(['display token revoked', 'display token revoked']);
    await within(Promise.all(gone));
    for (const i of [0, 1]) await expect(connected(socketTo(i, { display: made.body.token }))).rejects.toThrow();
  });

  it('the simulator, on in both workers, plays once; killed, its leader is replaced by the other worker', async () => {
    // the two workers give way to two with the simulator on (one province's, at a small rate)
    await Promise.all(installation.workers.map(exited));
    const env = { SIMULATOR: 'on', SIMULATOR_SCOPE: SIM_SCOPE, SIMULATOR_RATE: String(SIM_RATE) };
    const workers = [installation.startWorker(env), installation.startWorker(env)];
    const k = installation.keys;
    const sim = `sim-${SIM_SCOPE}`;
    const feed = async () => installation.redis.hgetall(k.feed(sim));
    const pairs = new Simulator({ domain, ingestUrl: '', tokens: new Map(), rate: 1, lateProvince: 'none', scope: SIM_SCOPE, log: pino({ level: 'silent' }) }).coverage.pairs;
    // its first full sweep, then steady play
    await eventually(async () => (Number((await feed()).accepted ?? 0) > pairs + SIM_RATE * 2 ? true : undefined), 60_000, 250);

    // ten seconds of play: one run's batch ids, the same tokens, one simulator's rate
    const tokenHash = await installation.redis.hget(k.sources(), `${sim}:token`);
    const runs = new Set<string>();
    const before = Number((await feed()).accepted);
    const from = Date.now();
    while (Date.now() - from < 10_000) {
      runs.add(((await feed()).lastBatchId ?? '').split('-')[1]!);
      await sleep(250);
    }
    const rate = (Number((await feed()).accepted) - before) / ((Date.now() - from) / 1000);
    console.log(`simulator: ${rate.toFixed(1)} observations/s for SIMULATOR_RATE=${SIM_RATE} across two workers`);
    expect(runs.size).toBe(1);
    expect(rate).toBeGreaterThan(SIM_RATE * 0.25);
    expect(rate).toBeLessThan(SIM_RATE * 1.5); // two simulators would play twice the rate
    expect(await installation.redis.hget(k.sources(), `${sim}:token`)).toBe(tokenHash);
    // nobody's token was replaced: no simulator was locked out (a second one used to revoke the first's tokens)
    expect(await installation.redis.keys(k.retiredToken('*'))).toEqual([]);
    for (const i of [0, 1]) {
      const r = await fetch(`${url(i)}/api/v1/feeds`, { headers: { cookie: admin.cookie } });
      const row = ((await r.json()) as { feeds: { source: string; state: string; lastError: string | null }[] }).feeds.find((f) => f.source === sim);
      expect(row).toMatchObject({ state: 'ok', lastError: null });
    }

    // one of the two holds the simulator's lease
    const holder = (await installation.redis.get(k.simulatorLeader())) ?? '';
    const leader = workers.find((w) => holder.includes(`-${w.pid}-`))!;
    expect(leader).toBeDefined();

    // the leader dies without a word: the other worker takes the lease once it expires, and plays with new tokens
    const killedAt = Date.now();
    await installation.killWorker(leader);
    const other = workers.find((w) => w !== leader)!;
    await eventually(async () => ((await installation.redis.get(k.simulatorLeader()))?.includes(`-${other.pid}-`) ? true : undefined), 30_000, 250);
    const run = [...runs][0]!;
    const resumed = await eventually(async () => {
      const id = (await feed()).lastBatchId ?? '';
      return id.split('-')[1] !== run ? id : undefined;
    }, 30_000, 250);
    console.log(`simulator failover: the other worker played again ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the leader was killed`);
    expect(resumed).toMatch(/^sim-/);
    expect(await installation.redis.hget(k.sources(), `${sim}:token`)).not.toBe(tokenHash);
    const after = Number((await feed()).accepted);
    await eventually(async () => (Number((await feed()).accepted) > after ? true : undefined), 10_000, 250);
  }, 150_000);

  it("a connector's 1-minute schedule pulls once per tick, and a report schedule runs once per tick", async () => {
    // every minute from its creation: at +0 s and +60 s, never twice at one tick (two worker processes take pulls)
    await sleep(Math.max(0, createdAt + 70_000 - Date.now()));
    expect(portal.hits).toHaveLength(2);
    // a doubled tick would be two pulls within moments; the first one can start late on a busy machine (seen: 53 s apart)
    expect(portal.hits[1]! - portal.hits[0]!).toBeGreaterThan(30_000);
    // the report cron fires at each minute: one report per minute boundary since the schedule was made (two renderers)
    const ticksSince = () => Math.floor(Date.now() / 60_000) - Math.floor(createdAt / 60_000);
    const ticks = ticksSince();
    const reports = async () => ((await admin.call('GET', '/api/v1/reports')).body.reports as { schedule: string | null; id: string }[]).filter((r) => r.schedule === scheduleId);
    await eventually(async () => ((await reports()).length >= ticks ? true : undefined), 20_000, 500);
    const made = (await reports()).length;
    expect(made).toBeGreaterThanOrEqual(ticks);
    expect(made).toBeLessThanOrEqual(ticksSince()); // (a tick may have come meanwhile; a doubled one would be two)
  }, 120_000);
});
