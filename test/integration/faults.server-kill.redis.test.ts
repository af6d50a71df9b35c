import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { compareIds } from '../../store/changes.repo';
import { eventually } from '../support/ingest-client';
import { freePort } from '../support/private-redis';
import { drainedQueue } from '../support/queue-state';
import { signIn, type Session } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';
import { FAULT_INDICATORS, SteadyIngest } from '../support/steady-ingest';
import { checkTotals } from '../support/totals-check';
import { differences, serverView, ViewMirror } from '../support/view-mirror';

const domain = loadDomain();
const COMMUNES = ['01', '79', '48'].flatMap((p) => domain.registry.children(p, 'commune').slice(0, 60).map((u) => u.code));
const INDICATORS = Object.values(FAULT_INDICATORS);

let stack: Stack;
let admin: Session;
let feed: SteadyIngest | undefined;
const mirrors: ViewMirror[] = [];

beforeAll(async () => {
  // a fixed port: the server comes back where its clients reconnect
  stack = await startStack({ PORT: String(await freePort()), CHANGES_MAXLEN: '100000' });
  admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
});
afterAll(async () => {
  for (const m of mirrors) m.close();
  await feed?.stop();
  await stack?.stop();
});


describe('the server SIGKILLed and restarted on the same port', () => {
  it('every client reconnects, resyncs from its last seq, sees new deltas, and holds what Redis holds', async () => {
    const period = currentPeriod('day', Date.now());
    for (const scope of ['VN', '01', '79']) mirrors.push(new ViewMirror(stack.url, admin.cookie, { scope, indicators: INDICATORS }));
    await Promise.all(mirrors.map((m) => m.ready()));
    feed = new SteadyIngest({ url: stack.url, redis: stack.redis, keys: stack.keys, communes: COMMUNES, period, senders: 2, batchSize: 30, pauseMs: 40 });
    await feed.start();
    await feed.untilAccepted(30);
    await eventually(async () => (mirrors.every((m) => m.deltas.length > 0) ? true : undefined), 10_000, 20);

    const killedAt = Date.now();
    await stack.killServer();
    const seqAtKill = mirrors.map((m) => m.seq!);
    await eventually(async () => (mirrors.every((m) => !m.connected) ? true : undefined), 5_000, 20);
    await new Promise((r) => setTimeout(r, 1_000)); // the feed keeps sending meanwhile: no answer, sent again
    await stack.startServer();
    const backAt = Date.now();

    for (const m of mirrors) {
      // reconnected, subscribed again with its last seq (a replay, or a snapshot when the gap is too old) ...
      const resync = await eventually(async () => m.resyncs.find((r) => r.at >= backAt), 15_000, 20);
      expect(['replay', 'snapshot']).toContain(resync.mode);
      expect(m.connects.filter((t) => t >= backAt)).toHaveLength(1);
      // ... then new deltas after it
      await eventually(async () => m.deltas.find((d) => d.at > resync.at && compareIds(d.seq, seqAtKill[mirrors.indexOf(m)]!) > 0), 15_000, 20);
    }
    const acceptedBack = feed.accepted.length;
    await feed.untilAccepted(acceptedBack + 40);
    await feed.stop();

    const drained = await drainedQueue(stack.redis, stack.keys, stack.prefix, feed.accepted, 60_000);
    expect(feed.unexpected(), 'only 202, or no answer while the server was gone').toEqual([]);
    const unanswered = feed.attempts.filter((a) => a.status === 'network');
    expect(unanswered.every((a) => a.at >= killedAt - 1_000 && a.at <= backAt), 'no answer only while the server was gone').toBe(true);
    expect(drained).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect(await checkTotals(stack.redis, stack.keys, domain.registry, feed.accepted)).toEqual([]);
    for (const m of mirrors) {
      await eventually(async () => (differences(m, await serverView(admin, m.view.scope, INDICATORS), period).length === 0 ? true : undefined), 5_000, 100).catch(() => undefined);
      expect(differences(m, await serverView(admin, m.view.scope, INDICATORS), period)).toEqual([]);
    }
  }, 110_000);
});
