import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { eventually } from '../support/ingest-client';
import { drainedQueue, ingestQueueState, stalledJobs } from '../support/queue-state';
import { startStack, type Stack } from '../support/stack';
import { SteadyIngest } from '../support/steady-ingest';
import { checkTotals } from '../support/totals-check';

const domain = loadDomain();
/** 300 communes of six provinces. */
const COMMUNES = ['01', '48', '79', '31', '92', '46'].flatMap((p) => domain.registry.children(p, 'commune').slice(0, 50).map((u) => u.code));

let stack: Stack;
let feed: SteadyIngest | undefined;

beforeAll(async () => {
  // the change stream keeps every entry of the run: the check reads each batch's entries back
  stack = await startStack({ CHANGES_MAXLEN: '100000', INGEST_CONCURRENCY: '4' });
});
afterAll(async () => {
  await feed?.stop();
  await stack?.stop();
});

/** SIGKILLs the workers while they hold active jobs (waits for one), then starts them again after `downMs`. */
async function killWhileActive(downMs: number): Promise<number> {
  const active = await eventually(async () => {
    const s = await ingestQueueState(stack.redis, stack.prefix);
    return s.active > 0 ? s.active : undefined;
  }, 20_000, 2);
  await stack.killWorkers();
  await new Promise((r) => setTimeout(r, downMs)); // ingest goes on meanwhile: a backlog builds up
  stack.startWorkers();
  return active;
}

describe('kill -9 of the workers in the middle of applying batches', () => {
  it('loses nothing: after a restart every batch answered 202 is applied once and every total is exact', async () => {
    const period = currentPeriod('day', Date.now());
    feed = new SteadyIngest({ url: stack.url, redis: stack.redis, keys: stack.keys, communes: COMMUNES, period, senders: 3, batchSize: 60, pauseMs: 20, maxBatches: 360 });
    await feed.start();

    await feed.untilAccepted(60);
    const first = await killWhileActive(1_500);
    await feed.untilAccepted(180);
    const second = await killWhileActive(1_000);
    await feed.untilAccepted(360);
    await feed.stop();

    // BullMQ's stalled-job check gives the dead workers' active jobs back once their locks lapse (10 s, platform/queues.ts)
    const drained = await drainedQueue(stack.redis, stack.keys, stack.prefix, feed.accepted, 90_000);

    expect(feed.unexpected(), 'every batch was answered 202').toEqual([]);
    expect(drained, `active at the kills: ${first}, ${second}`).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    // what was active when the workers died was run again by the stalled-job recovery (not merely never started)
    expect(await stalledJobs(stack.redis, stack.prefix)).toBeGreaterThan(0);
    expect(await checkTotals(stack.redis, stack.keys, domain.registry, feed.accepted)).toEqual([]);
  }, 115_000);
});
