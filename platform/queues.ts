import { createHash } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { IngestJob } from '../core/contract/observation';
import { config } from './config';
import { openBlockingRedis } from './redis';

/**
 * The only module that imports bullmq. The ingest queue carries validated batches from the API to the workers; the
 * notify queue carries alert notifications to webhook contact points, with retries and backoff.
 */
export const INGEST_QUEUE = 'ingest';

export { UnrecoverableError };

function queuePrefix(): string {
  return `ioc:{${config().KEY_PREFIX}}:q`;
}

export type IngestQueue = Queue<IngestJob>;

/** Tries of an ingest job before it is failed for good (a batch the apply script refuses fails at once). */
export const INGEST_ATTEMPTS = 5;

export function openIngestQueue(): IngestQueue {
  return new Queue<IngestJob>(INGEST_QUEUE, {
    connection: openBlockingRedis('ingest-queue'),
    prefix: queuePrefix(),
    defaultJobOptions: {
      attempts: INGEST_ATTEMPTS,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
}

/** Job id of a batch: the same (source, batchId) is queued once while BullMQ remembers it. */
export function ingestJobId(source: string, batchId: string): string {
  return createHash('sha1').update(`${source}\u0000${batchId}`).digest('hex');
}

export async function enqueueBatch(queue: IngestQueue, job: IngestJob): Promise<void> {
  await queue.add('batch', job, { jobId: ingestJobId(job.source, job.batchId) });
}

export function startIngestWorker(
  process: (job: IngestJob, attempt: number) => Promise<unknown>,
  concurrency: number,
): Worker<IngestJob> {
  return new Worker<IngestJob>(INGEST_QUEUE, (job: Job<IngestJob>) => process(job.data, job.attemptsMade), {
    connection: openBlockingRedis('ingest-worker'),
    prefix: queuePrefix(),
    concurrency,
    // a worker killed mid-batch leaves its jobs active: they are found stalled within ~15 s and run again (applying a
    // batch is idempotent on its marker), however many crashes they live through — never failed for being stalled
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: 1000,
  });
}

export async function queueCounts(queue: IngestQueue): Promise<{ waiting: number; active: number; failed: number }> {
  const c = await queue.getJobCounts('waiting', 'active', 'failed');
  return { waiting: c.waiting ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
}

export const NOTIFY_QUEUE = 'notify';

/** One webhook delivery: the JSON body goes to the URL as a POST. */
export interface NotifyJob {
  contactPoint: string;
  url: string;
  body: unknown;
}

export type NotifyQueue = Queue<NotifyJob>;

export function openNotifyQueue(): NotifyQueue {
  return new Queue<NotifyJob>(NOTIFY_QUEUE, {
    connection: openBlockingRedis('notify-queue'),
    prefix: queuePrefix(),
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
}

export function startNotifyWorker(deliver: (job: NotifyJob) => Promise<unknown>): Worker<NotifyJob> {
  return new Worker<NotifyJob>(NOTIFY_QUEUE, (job: Job<NotifyJob>) => deliver(job.data), {
    connection: openBlockingRedis('notify-worker'),
    prefix: queuePrefix(),
    concurrency: 8,
  });
}
