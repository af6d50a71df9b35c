import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../core/alerts/alert';
import { LINK_ALERT_INDICATOR } from '../../core/federation/link-state';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import type { Keys } from '../../store/keys';
import { createLink } from '../../store/links.repo';
import { revokeSource, rotateSourceToken } from '../../store/sources.repo';
import { eventually, newSource, postBatch } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * Two real instances on one Redis, on their own key prefixes: a provincial IOC (48, its simulator playing only its
 * province) forwards through a link token to a national one. Both sides must hold the same figures for 48 — its
 * communes' and its own — after steady ingest, after an outage of the national side, and after a revoked token.
 */
const domain = loadDomain();
const LINK_DOWN_MS = '5000';
const OUTAGE_MS = Number(process.env.FED_OUTAGE_MS ?? 180_000);
let national: Stack;
let province: Stack;
let token: string;

type Figure = [string, string, string, string];

/** Every figure the provincial instance holds for 48 and its communes: key → [num, den, observedAt, reporting]. */
async function figuresOf(stack: Stack, keyspace: Keys, codes: ReadonlySet<string>): Promise<Map<string, Figure>> {
  const out = new Map<string, Figure>();
  let cursor = '0';
  do {
    const [next, found] = await stack.redis.scan(cursor, 'MATCH', `${keyspace.prefix}latest:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const [indicator, parent, period] = key.slice(`${keyspace.prefix}latest:`.length).split(':');
      if (parent !== '48' && parent !== 'VN') continue;
      for (const [unit, enc] of Object.entries(await stack.redis.hgetall(key))) {
        if (!codes.has(unit)) continue;
        const [num = '', den = '', at = '', , n = ''] = enc.split('|');
        out.set(`${indicator}|${unit}|${period}`, [num, den, at, n]);
      }
    }
  } while (cursor !== '0');
  return out;
}

const codes48 = new Set(['48', ...domain.registry.children('48', 'commune').map((u) => u.code)]);

/** The figures of 48 on both sides that differ (none once the link has caught up). */
async function differences(): Promise<string[]> {
  const below = await figuresOf(province, province.keys, codes48);
  const above = await figuresOf(national, national.keys, codes48);
  const out: string[] = [];
  for (const [k, f] of below) {
    const g = above.get(k);
    if (!g || g.join('|') !== f.join('|')) out.push(`${k}: below ${f.join('|')} above ${g?.join('|') ?? 'missing'}`);
  }
  for (const k of above.keys()) if (!below.has(k)) out.push(`${k}: only above`);
  return out;
}

async function converged(timeoutMs: number): Promise<void> {
  let last: string[] = [];
  await eventually(async () => ((last = await differences()).length === 0 && (await province.redis.xlen(province.keys.outbox())) === 0 ? true : undefined), timeoutMs, 500).catch(() => {
    throw new Error(`not converged in ${timeoutMs} ms: ${last.length} differences, e.g. ${last.slice(0, 3).join('; ')}`);
  });
}

let batchNo = 0;
/** Batches to the provincial instance, observed now (later than anything stored): new figures and corrections. */
async function ingestBelow(batches: number, communes: readonly string[]): Promise<void> {
  const t = await newSource(province.redis, province.keys, `feed-48-${batchNo}`, ['48']);
  const day = currentPeriod('day', Date.now());
  for (let b = 0; b < batches; b++) {
    const observedAt = new Date().toISOString();
    const observations = communes.slice(0, 30).flatMap((unit, i) => [
      { indicator: 'dossier_received_count', unit, period: day, value: 1000 + b * 7 + i, observedAt },
      { indicator: 'dossier_on_time_rate', unit, period: day, num: 50 + ((b + i) % 40), den: 100, observedAt },
    ]);
    const res = await postBatch(province.url, t, { batchId: `below-${batchNo++}`, observations });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(observations.length);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const health = async () => (await (await fetch(`${province.url}/api/v1/health`)).json()) as { upstream?: { state: string; backlog: number; lastError: string | null } };
async function linkRow() {
  const admin = await signIn(national.url, 'admin', TEST_ADMIN_PASSWORD);
  return ((await admin.call('GET', '/api/v1/links')).body as { links: { id: string; state: string; backlog: number; accepted: number }[] }).links[0]!;
}

beforeAll(async () => {
  national = await startStack({ LINK_DOWN_MS });
  ({ token } = await createLink(national.redis, national.keys, { name: 'IOC Đà Nẵng', scope: '48' }));
  province = await startStack({ UPSTREAM_URL: national.url, UPSTREAM_TOKEN: token, SIMULATOR: 'on', SIMULATOR_SCOPE: '48', SIMULATOR_RATE: '200', LINK_DOWN_MS });
});
afterAll(async () => {
  await province?.stop();
  await national?.stop();
});

describe('federation: a provincial IOC forwards to the national one', () => {
  it('every figure of 48 and its communes played by the simulator is equal on both sides', async () => {
    // the simulator's first sweep of 48, then a few seconds of steady play
    await eventually(async () => ((await province.redis.hget(province.keys.outboxState(), 'sent')) ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 3_000));
    await province.stopWorkers();
    province.startWorkers({ SIMULATOR: 'off' });
    await converged(30_000);
    expect((await figuresOf(national, national.keys, codes48)).size).toBeGreaterThan(500);
    expect((await health()).upstream).toMatchObject({ state: 'connected', backlog: 0 });
    const row = await linkRow();
    expect(row).toMatchObject({ id: 'link-ioc-da-nang', state: 'connected', backlog: 0 });
    // what came up says where it came from: the link, then the provincial instance and its source
    const commune = domain.registry.children('48', 'commune')[0]!.code;
    const enc = await national.redis.hget(national.keys.latest('dossier_received_count', '48', currentPeriod('day', Date.now())), commune);
    expect(enc?.split('|')[3]).toMatch(/^link-ioc-da-nang\/[0-9a-f]{8}:sim-48$/);
  }, 120_000);

  it('the national side stopped while the province ingests and corrects: the link alert fires; equal again within 30 s, corrections winning', async () => {
    await national.stopServer();
    // several minutes down (FED_OUTAGE_MS, 3 by default), the province ingesting all along: 40 batches over the same 30
    // communes, each correcting the one before, spread over the outage
    const downFrom = Date.now();
    const communes = domain.registry.children('48', 'commune').map((u) => u.code);
    for (let i = 0; i < 8; i++) {
      await ingestBelow(5, communes);
      await new Promise((r) => setTimeout(r, Math.max(0, downFrom + ((i + 1) * OUTAGE_MS) / 8 - Date.now())));
    }
    await eventually(async () => ((await health()).upstream?.state === 'down' ? true : undefined), 15_000);
    expect((await health()).upstream!.backlog).toBeGreaterThan(0);
    // the national side's alert evaluator (its workers still run) raises the link's alert for 48, as for any figure
    const linkAlert = () =>
      national.redis.hvals(national.keys.alerts()).then((all) =>
        all.map((j) => JSON.parse(j) as AlertRecord).find((a) => a.indicator === LINK_ALERT_INDICATOR && a.unit === '48'),
      );
    const fired = await eventually(async () => ((await linkAlert())?.phase === 'firing' ? linkAlert() : undefined), 40_000, 500);
    expect(fired).toMatchObject({ ruleScope: '48' });
    await national.startServer();
    await converged(30_000);
    expect((await health()).upstream?.state).toBe('connected');
    await eventually(async () => ((await linkAlert())?.phase === 'resolved' ? true : undefined), 40_000, 500);
    // the corrections won: the last batch's figures are on the national side
    const last = domain.registry.children('48', 'commune')[3]!.code;
    const enc = await national.redis.hget(national.keys.latest('dossier_received_count', '48', currentPeriod('day', Date.now())), last);
    expect(enc?.split('|')[0]).toBe(String(1000 + 4 * 7 + 3));
  }, 420_000);

  it('a revoked link token: refused on both sides, nothing lost; with a new token everything arrives', async () => {
    const link = await linkRow();
    await revokeSource(national.redis, national.keys, link.id);
    await ingestBelow(10, domain.registry.children('48', 'commune').slice(20).map((u) => u.code));
    await eventually(async () => ((await health()).upstream?.state === 'refused' ? true : undefined), 15_000);
    expect((await health()).upstream!.lastError).toMatch(/refuses the link token/);
    expect((await linkRow()).state).toBe('refused');
    expect(await province.redis.xlen(province.keys.outbox())).toBeGreaterThan(0);
    token = (await rotateSourceToken(national.redis, national.keys, link.id))!.token;
    await province.stopWorkers();
    province.startWorkers({ SIMULATOR: 'off', UPSTREAM_TOKEN: token });
    await converged(30_000);
    expect((await linkRow()).state).toBe('connected');
  }, 120_000);

  it('the forwarder SIGKILLed in the middle of sending: exact afterwards, nothing lost or doubled', async () => {
    const communes = domain.registry.children('48', 'commune').map((u) => u.code);
    const sending = ingestBelow(30, communes);
    // kill the workers (and so the forwarder) once forwarding is under way: the cursor has moved past the start
    const before = (await province.redis.hget(province.keys.outboxState(), 'sent')) ?? '0-0';
    await eventually(async () => ((await province.redis.hget(province.keys.outboxState(), 'sent')) !== before ? true : undefined), 15_000, 10);
    await province.killWorkers();
    await sending;
    province.startWorkers({ SIMULATOR: 'off', UPSTREAM_TOKEN: token });
    await converged(30_000);
  }, 120_000);

  it('a figure whose origin names the receiving instance is refused as a loop, and out-of-scope figures are refused', async () => {
    const { token: t } = await createLink(national.redis, national.keys, { name: 'loop test', scope: '48' });
    const link = (await (await fetch(`${national.url}/api/v1/link`, { headers: { authorization: `Bearer ${t}` } })).json()) as { instance: string; scope: string };
    expect(link.scope).toBe('48');
    const unit = domain.registry.children('48', 'commune')[0]!.code;
    const other = domain.registry.children('01', 'commune')[0]!.code;
    const at = new Date().toISOString();
    const day = currentPeriod('day', Date.now());
    const res = await postBatch(national.url, t, {
      batchId: 'loop-1',
      observations: [
        { indicator: 'dossier_received_count', unit, period: day, value: 5, observedAt: at, source: `abcd1234:x/${link.instance}:sim-48` },
        { indicator: 'dossier_received_count', unit: other, period: day, value: 5, observedAt: at, source: 'abcd1234:x' },
        { indicator: 'avg_processing_days', unit, period: day, num: 40, den: 10, observedAt: at, source: 'abcd1234:x' },
      ],
    });
    expect(res.body.rejected.map((r) => r.code)).toEqual(['loop', 'unit_out_of_scope']);
    expect(res.body.accepted).toBe(1);
  });
});
