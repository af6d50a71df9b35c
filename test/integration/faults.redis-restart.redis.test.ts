import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { compareIds, lastChangeId } from '../../store/changes.repo';
import { eventually } from '../support/ingest-client';
import { startTestRedis, type TestRedis } from '../support/private-redis';
import { drainedQueue } from '../support/queue-state';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';
import { FAULT_INDICATORS, SteadyIngest } from '../support/steady-ingest';
import { checkTotals } from '../support/totals-check';
import { differences, serverView, ViewMirror } from '../support/view-mirror';

const domain = loadDomain();
const COMMUNES = ['01', '79', '48', '92'].flatMap((p) => domain.registry.children(p, 'commune').slice(0, 50).map((u) => u.code));
const INDICATORS = Object.values(FAULT_INDICATORS);
const OUTAGE_MS = 25_000;

let redis: TestRedis;
let stack: Stack;
let admin: Session;
let feed: SteadyIngest | undefined;
const mirrors: ViewMirror[] = [];

beforeAll(async () => {
  // a Redis of this test's own, as `npm start` runs it (AOF, appendfsync everysec), so it can be shut down
  redis = await startTestRedis();
  stack = await startStack({ REDIS_URL: redis.url, CHANGES_MAXLEN: '100000' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => {
  for (const m of mirrors) m.close();
  // a failure while Redis was down leaves it down: start it again, so the stack can stop and drop its keys
  if (redis && !redis.running) await redis.start();
  await feed?.stop();
  await stack?.stop();
  await redis?.dispose();
});


describe('Redis shut down and restarted under steady ingest', () => {
  it('loses no accepted observation, answers 503 while down, tells the sockets, and resyncs them within 10 s', async () => {
    const period = currentPeriod('day', Date.now());
    for (const scope of ['VN', '01']) mirrors.push(new ViewMirror(stack.url, admin.cookie, { scope, indicators: INDICATORS }));
    await Promise.all(mirrors.map((m) => m.ready()));
    feed = new SteadyIngest({ url: stack.url, redis: stack.redis, keys: stack.keys, communes: COMMUNES, period, senders: 2, batchSize: 30, pauseMs: 40 });
    await feed.start();
    await feed.untilAccepted(40);

    const downAt = Date.now();
    await redis.shutdown();
    // the sockets stay connected, and are told
    for (const m of mirrors) await eventually(async () => (m.statuses.some((s) => s.redis === 'down' && s.at >= downAt) ? true : undefined), 5_000, 20);
    expect(mirrors.every((m) => m.connected)).toBe(true);
    const health = await fetch(`${stack.url}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(503);
    // ingest answers 503 (every sender is refused at least twice), and the feed sends those batches again
    await eventually(async () => (feed!.attempts.filter((a) => a.at >= downAt && a.status === 503).length >= 4 ? true : undefined), 10_000, 50);
    // an outage as long as a slow restart: the feed keeps sending (and being refused) meanwhile, and the workers'
    // commands of the time give up (a command waits ~10 s for Redis): their processes must live through it
    await new Promise((r) => setTimeout(r, Math.max(0, downAt + OUTAGE_MS - Date.now())));
    const seqBefore = mirrors.map((m) => m.seq);
    const acceptedWhileDown = feed.accepted.length;

    await redis.start();
    const upAt = Date.now();
    for (const m of mirrors) await eventually(async () => (m.statuses.some((s) => s.redis === 'up' && s.at >= upAt) ? true : undefined), 10_000, 20);
    // new figures reach every socket within 10 s of Redis answering again
    await feed.untilAccepted(acceptedWhileDown + 10);
    for (const [i, m] of mirrors.entries()) {
      const fresh = await eventually(async () => m.deltas.find((d) => d.at >= upAt && compareIds(d.seq, seqBefore[i]!) > 0), 10_000, 20);
      expect(fresh.at - upAt, `${m.view.scope}: first new figures after Redis answered`).toBeLessThan(10_000);
    }
    await feed.untilAccepted(acceptedWhileDown + 60);
    await feed.stop();

    const drained = await drainedQueue(stack.redis, stack.keys, stack.prefix, feed.accepted, 60_000);
    expect(feed.unexpected(), 'only 202, or 503 unavailable while Redis was down').toEqual([]);
    expect(feed.attempts.filter((a) => a.status === 'network'), 'every request answered').toEqual([]);
    const refused = feed.attempts.filter((a) => a.status === 503);
    expect(refused.every((a) => a.at >= downAt - 100 && a.at <= upAt + 2_000), 'a 503 only while Redis was down').toBe(true);
    expect(Math.max(...refused.map((a) => a.ms)), 'a 503 comes at once, not after a wait').toBeLessThan(3_000);
    expect(drained).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect(stack.workers.exitCode, 'the workers lived through the outage').toBeNull();
    expect(await checkTotals(stack.redis, stack.keys, domain.registry, feed.accepted)).toEqual([]);
    // the alert evaluator, in the same worker process as before the outage, has read the whole change stream
    const caughtUp = await eventually(async () => {
      const [cursor, last] = await Promise.all([stack.redis.get(stack.keys.alertCursor()), lastChangeId(stack.redis, stack.keys)]);
      return cursor === last ? true : undefined;
    }, 15_000, 200).catch(() => false);
    expect(caughtUp, 'the alert evaluator reads the change stream again after the restart').toBe(true);
    // and the sockets hold what Redis holds
    for (const m of mirrors) {
      const server = await serverView(admin, m.view.scope, INDICATORS);
      await eventually(async () => (differences(m, server, period).length === 0 ? true : undefined), 5_000, 100).catch(() => undefined);
      expect(differences(m, server, period)).toEqual([]);
    }
  }, 115_000);
});
