import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { createSource } from '../../store/sources.repo';
import { eventually, postBatch } from '../support/ingest-client';
import { sample, typeOf } from '../support/prom-text';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/** GET /metrics with the scrape token and as an admin, and the counters an ingest batch moves (docs/operations.md). */
const domain = loadDomain();
const TOKEN = 'scrape-token-0123456789abcdef';
let stack: Stack;
/** The source's token, and its id. */
let source: string;
let sourceId: string;

beforeAll(async () => {
  stack = await startStack({ METRICS_TOKEN: TOKEN, HEARTBEAT_MS: '500' });
  const created = await createSource(stack.redis, stack.keys, { name: 'metrics-feed', units: ['VN'], indicators: '*' });
  source = created.token;
  sourceId = created.source.id;
});
afterAll(async () => stack?.stop());

const scrape = async (authorization?: string) => {
  const res = await fetch(`${stack.url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const scraped = async () => {
  const r = await scrape(`Bearer ${TOKEN}`);
  expect(r.status).toBe(200);
  return r.text;
};
const counter = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;

describe('GET /metrics', () => {
  it('answers the scrape token and an admin session, and refuses anyone else with a code', async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).error.code).toBe('unauthorized');
    const wrong = await scrape('Bearer not-the-scrape-token-at-all');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text).error.code).toBe('invalid_token');
    // a source token is not a scrape token
    expect((await scrape(`Bearer ${source}`)).status).toBe(401);

    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(typeOf(ok.text, 'process_cpu_user_seconds_total')).toBe('counter');
    expect(typeOf(ok.text, 'nodejs_eventloop_lag_seconds')).toBe('gauge');

    const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    const res = await fetch(`${stack.url}/metrics`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(typeOf(await res.text(), 'ioc_queue_jobs')).toBe('gauge');
  });

  it('moves the ingest counters by exactly the batch: 2 accepted, 1 rejected as unknown_unit, then 3 duplicate', async () => {
    const before = await scraped();
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
    const period = currentPeriod('day', Date.now());
    const obs = (unit: string, num: number) => ({ indicator: 'dossier_received_count', unit, period, value: num, observedAt: new Date().toISOString() });
    const body = { batchId: 'metrics-1', observations: [obs(a!, 5), obs('99999', 1), obs(b!, 7)] };
    const posted = await postBatch(stack.url, source, body);
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({ accepted: 2, rejected: [{ index: 1, code: 'unknown_unit' }] });

    const after = await scraped();
    const moved = (name: string, labels: Record<string, string>) => counter(after, name, labels) - counter(before, name, labels);
    expect(moved('ioc_ingest_observations_total', { result: 'accepted' })).toBe(2);
    expect(moved('ioc_ingest_observations_total', { result: 'rejected' })).toBe(1);
    expect(moved('ioc_ingest_rejections_total', { reason: 'unknown_unit' })).toBe(1);
    expect(moved('ioc_ingest_observations_total', { result: 'duplicate' })).toBe(0);

    // once applied, the batch id is known: the same batch again is 3 duplicates and nothing else
    await eventually(async () => ((await stack.redis.exists(stack.keys.batch(sourceId, 'metrics-1'))) ? true : undefined), 60_000, 200);
    expect((await postBatch(stack.url, source, body)).body.status).toBe('duplicate');
    const again = await scraped();
    expect(counter(again, 'ioc_ingest_observations_total', { result: 'duplicate' }) - counter(after, 'ioc_ingest_observations_total', { result: 'duplicate' })).toBe(3);
    expect(counter(again, 'ioc_ingest_observations_total', { result: 'accepted' })).toBe(counter(after, 'ioc_ingest_observations_total', { result: 'accepted' }));
  }, 90_000);

  it('shows every queue by state, the workers\' apply histogram with its counts, and the installation\'s figures', async () => {
    const text = await eventually(async () => {
      const t = await scraped();
      return (sample(t, 'ioc_apply_seconds_count') ?? 0) >= 1 ? t : undefined;
    }, 30_000, 300);
    expect(typeOf(text, 'ioc_queue_jobs')).toBe('gauge');
    for (const queue of ['ingest', 'notify', 'connector-pull', 'reports']) expect(sample(text, 'ioc_queue_jobs', { queue, state: 'waiting' }), queue).toBeTypeOf('number');
    expect(sample(text, 'ioc_queue_jobs', { queue: 'ingest', state: 'completed' })).toBeGreaterThanOrEqual(1);

    expect(typeOf(text, 'ioc_apply_seconds')).toBe('histogram');
    const count = sample(text, 'ioc_apply_seconds_count')!;
    expect(sample(text, 'ioc_apply_seconds_bucket', { le: '+Inf' })).toBe(count);
    expect(sample(text, 'ioc_apply_seconds_bucket', { le: '10' })).toBeLessThanOrEqual(count);
    expect(sample(text, 'ioc_apply_seconds_sum')).toBeGreaterThan(0);

    expect(sample(text, 'ioc_sockets')).toBe(0);
    expect(sample(text, 'ioc_deltas_sent_total')).toBe(0);
    expect(sample(text, 'ioc_relay_lag_seconds')).toBeGreaterThanOrEqual(0);
    // the source that sent the batch is on time on the feed board
    expect(sample(text, 'ioc_feed_state', { state: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'ioc_feed_state', { state: 'failing' })).toBe(0);
    expect(typeOf(text, 'ioc_alerts')).toBe('gauge');
  }, 60_000);
});
