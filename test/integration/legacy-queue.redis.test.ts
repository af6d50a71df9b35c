import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJob } from '../../core/contract/observation';
import { currentPeriod } from '../../core/time/period';
import { loadDomain } from '../../platform/domain';
import { readView } from '../../store/metrics.repo';
import { createSource } from '../../store/sources.repo';
import { eventually } from '../support/ingest-client';
import { startStack, type Stack } from '../support/stack';

/**
 * Accepted data is never lost across an upgrade: batches a server of an earlier release queued under the old queue
 * prefix (`ioc:{<KEY_PREFIX>}:q`, before each queue had its own hash tag) are applied by the new workers, and the old
 * queue is then removed.
 */
const domain = loadDomain();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('the ingest queue of an earlier release', () => {
  it('is drained by the workers, its batches applied once, then removed', async () => {
    const { source } = await createSource(stack.redis, stack.keys, { name: 'old-release-feed', units: ['VN'], indicators: '*' });
    await stack.stopWorkers();
    // the old release's server queued two batches, then was upgraded before its workers applied them
    const { openIngestQueue, enqueueBatch, legacyQueuePrefix } = await import('../../platform/queues');
    const legacy = openIngestQueue(legacyQueuePrefix(stack.prefix));
    const [a, b] = domain.registry.children('48', 'commune').map((u) => u.code);
    const obs = (unit: string, num: number) => ({ indicator: 'dossier_received_count', unit, period: currentPeriod('day', Date.now()), num, den: null, observedAt: Date.now() });
    const jobs: IngestJob[] = [
      { source: source.id, batchId: 'old-1', receivedAt: Date.now(), observations: [obs(a!, 8)] },
      { source: source.id, batchId: 'old-2', receivedAt: Date.now(), observations: [obs(b!, 5)] },
    ];
    for (const job of jobs) await enqueueBatch(legacy, job);
    await legacy.close();
    const legacyKeys = () => stack.redis.keys(`${legacyQueuePrefix(stack.prefix)}:*`);
    expect((await legacyKeys()).length).toBeGreaterThan(0);

    stack.startWorkers();
    await eventually(async () => ((await stack.redis.exists(stack.keys.batch(source.id, 'old-1'), stack.keys.batch(source.id, 'old-2'))) === 2 ? true : undefined), 20_000);
    const view = await readView({ redis: stack.redis, keys: stack.keys, registry: domain.registry }, '48', [domain.indicator('dossier_received_count')!]);
    expect(view.values.find((v) => v.unit === '48')?.value).toBe(13);
    // once empty, the old queue's keys are gone, so later starts do not look for it again
    await eventually(async () => ((await legacyKeys()).length === 0 ? true : undefined), 20_000);
  });
});
