import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJob } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { createSource } from '../../store/sources.repo';
import { eventually } from '../support/ingest-client';
import { signIn } from '../support/session-client';
import { startStack, TEST_ADMIN_PASSWORD, type Stack } from '../support/stack';

/**
 * A batch that reached the queue but cannot be applied (here: written to the queue directly with a figure past the
 * limits, as a worker of another version or a bug upstream of the script might) is a failed job with its reason,
 * writes nothing, is shown on the feed board and counted in /api/v1/health — and is not a silent "duplicate".
 */
const domain = loadDomain();
let stack: Stack;
const today = () => currentPeriod('day', Date.now());

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('a batch the apply step refuses', () => {
  it('fails as a job, writes nothing, and shows on the feed board and in health', async () => {
    const { source } = await createSource(stack.redis, stack.keys, { name: 'failing-feed', units: ['VN'], indicators: '*' });
    // the stack's queue, under its key prefix
    const { openIngestQueue, enqueueBatch, queuePrefix, INGEST_QUEUE } = await import('../../platform/queues');
    const queue = openIngestQueue(queuePrefix(INGEST_QUEUE, stack.prefix));
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
    const obs = (unit: string, num: number) => ({ indicator: 'dossier_received_count', unit, period: today(), num, den: null, observedAt: Date.now() });
    const job: IngestJob = { source: source.id, batchId: 'too-big', receivedAt: Date.now(), observations: [obs(a!, 8), obs(b!, 1e300)] };
    await enqueueBatch(queue, job);

    const admin = await signIn(stack.url, 'admin', TEST_ADMIN_PASSWORD);
    const row = await eventually(async () => {
      const feeds = (await admin.call('GET', '/api/v1/feeds')).body.feeds as { source: string; state: string; failedBatches: number; lastError: string | null }[];
      const r = feeds.find((f) => f.source === source.id);
      return r && r.failedBatches > 0 ? r : undefined;
    });
    expect(row.lastError).toMatch(/too-big could not be applied: item 1: count out of bounds/);
    // as if the route had received the batch (it records lastSeenAt then): the failure after it is the feed's latest news
    await stack.redis.hset(stack.keys.feed(source.id), 'lastSeenAt', job.receivedAt);
    const again = (await admin.call('GET', '/api/v1/feeds')).body.feeds.find((f: { source: string }) => f.source === source.id);
    expect(again.state).toBe('failing');
    const health = (await (await fetch(`${stack.url}/api/v1/health`)).json()) as { queue: { failed: number } };
    expect(health.queue.failed).toBeGreaterThanOrEqual(1);
    // not retried into a "duplicate": the job is in the failed set after one attempt, and nothing of it was written
    const failed = await queue.getJobs(['failed']);
    expect(failed.map((j) => [j.data.batchId, j.attemptsMade])).toEqual([['too-big', 1]]);
    expect(await stack.redis.hget(stack.keys.latest('dossier_received_count', '48', today()), a!)).toBeNull();
    expect(await stack.redis.exists(stack.keys.batch(source.id, 'too-big'))).toBe(0);
    await queue.close();
  });
});
