import { createHash } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import type { NotifyBody } from '../core/contract/contact-points';
import type { IngestJob } from '../core/contract/observation';
import { OperationalError } from '../core/errors/who-acts';
import { fromIngestJobWire, toIngestJobWire, type IngestJobWire } from '../core/contract/ingest-job-wire';
import { config } from './config';
import { openBlockingRedis, type RedisClient } from './redis';

/**
 * The only module that imports bullmq (and cron-parser, its schedules' parser). The ingest queue carries validated batches from the API to the workers; the
 * notify queue carries alert notifications (and reports' deliveries) to webhook contact points, with retries and backoff;
 * the reports queue carries PDF renders.
 */
export const INGEST_QUEUE = 'ingest';

export { UnrecoverableError };

/**
 * BullMQ's prefix for one queue of an instance: a hash tag of its own (`ioc:{<KEY_PREFIX>:<queue>}:q`), so every key
 * of that queue sits on one Cluster slot (BullMQ's scripts touch several) — not the data keys' slot (`ioc:{<KEY_PREFIX>}`),
 * so that a busy queue and the data it feeds can live on different primaries.
 */
export function queuePrefix(queue: string, keyPrefix = config().KEY_PREFIX): string {
  return `ioc:{${keyPrefix}:${queue}}:q`;
}

/** Its jobs are held in the compact layout of core/contract/ingest-job-wire.ts (or, queued by an earlier release, as IngestJob). */
export type IngestQueue = Queue<IngestJobWire | IngestJob>;

/** Tries of an ingest job before it is failed for good (a batch the apply script refuses fails at once). */
export const INGEST_ATTEMPTS = 5;

/** The connection each ingest queue writes its jobs on, for WAIT (the one BullMQ sends `add` on: it shares it). */
const ingestConnections = new WeakMap<IngestQueue, RedisClient>();

/** The ingest queue (or, with `prefix`, one under another prefix: the legacy one, see drainLegacyIngest). */
export function openIngestQueue(prefix = queuePrefix(INGEST_QUEUE)): IngestQueue {
  const connection = openBlockingRedis('ingest-queue');
  const queue = new Queue<IngestJobWire | IngestJob>(INGEST_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: INGEST_ATTEMPTS,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
  ingestConnections.set(queue, connection);
  return queue;
}

/** Job id of a batch: the same (source, batchId) is queued once while BullMQ remembers it. */
export function ingestJobId(source: string, batchId: string): string {
  return createHash('sha1').update(`${source}\u0000${batchId}`).digest('hex');
}

/**
 * Fewer replicas than REDIS_WAIT_REPLICAS held a queued batch within REDIS_WAIT_TIMEOUT_MS: it is not acknowledged
 * (the API answers 503; the feed sends it again, and the same batch is queued once).
 */
export class ReplicasBehindError extends OperationalError {
  override name = 'ReplicasBehindError';
  readonly code = 'REPLICAS_BEHIND';
  constructor(readonly wanted: number, readonly got: number) {
    super('unavailable', `${got} of ${wanted} replicas confirmed the batch in time`, 503, 1);
  }
}

/**
 * Queues a batch. With REDIS_WAIT_REPLICAS > 0 it resolves only once that many replicas hold the job (WAIT on the
 * connection that wrote it), so a failover right after the receipt cannot lose it (docs/redis.md).
 */
export async function enqueueBatch(queue: IngestQueue, job: IngestJob): Promise<void> {
  await queue.add('batch', toIngestJobWire(job), { jobId: ingestJobId(job.source, job.batchId) });
  const { REDIS_WAIT_REPLICAS: wanted, REDIS_WAIT_TIMEOUT_MS: timeoutMs } = config();
  const connection = ingestConnections.get(queue);
  if (wanted === 0 || !connection) return;
  const got = await connection.wait(wanted, timeoutMs);
  if (got < wanted) throw new ReplicasBehindError(wanted, got);
}

export function startIngestWorker(
  process: (job: IngestJob, attempt: number) => Promise<unknown>,
  concurrency: number,
  prefix = queuePrefix(INGEST_QUEUE),
): Worker<IngestJobWire | IngestJob> {
  return new Worker<IngestJobWire | IngestJob>(INGEST_QUEUE, (job: Job<IngestJobWire | IngestJob>) => process(fromIngestJobWire(job.data), job.attemptsMade), {
    connection: openBlockingRedis('ingest-worker'),
    prefix,
    concurrency,
    // a worker killed mid-batch leaves its jobs active: they are found stalled within ~15 s and run again (applying a
    // batch is idempotent on its marker), however many crashes they live through — never failed for being stalled
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: 1000,
  });
}

/**
 * The ingest queue's prefix before each queue had a hash tag of its own (releases before 07/12/2026): the data keys'
 * tag, `ioc:{<KEY_PREFIX>}:q`.
 */
export function legacyQueuePrefix(keyPrefix = config().KEY_PREFIX): string {
  return `ioc:{${keyPrefix}}:q`;
}

/**
 * Applies the batches still queued under the legacy prefix (accepted by a server of an earlier release, not yet
 * applied when it was upgraded), then stops: a worker on that prefix runs until no job is waiting, delayed or active
 * there. Resolves at once when that queue never existed. Returns a function that stops it early (shutdown).
 */
export async function drainLegacyIngest(
  process: (job: IngestJob, attempt: number) => Promise<unknown>,
  onDrained: (applied: number) => void,
  checkEveryMs = 5000,
): Promise<() => Promise<void>> {
  const prefix = legacyQueuePrefix();
  const probe = openBlockingRedis('legacy-ingest-probe');
  const exists = (await probe.exists(`${prefix}:${INGEST_QUEUE}:meta`, `${prefix}:${INGEST_QUEUE}:wait`, `${prefix}:${INGEST_QUEUE}:active`)) > 0;
  probe.disconnect();
  if (!exists) return async () => undefined;
  const queue = openIngestQueue(prefix);
  let applied = 0;
  const worker = startIngestWorker(
    async (job, attempt) => {
      const result = await process(job, attempt);
      applied++;
      return result;
    },
    2,
    prefix,
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    await worker.close();
    await queue.close();
  };
  const timer = setInterval(() => {
    void queue
      .getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children')
      .then(async (c) => {
        if (Object.values(c).some((n) => n > 0) || stopped) return;
        await worker.close();
        // its keys go, so that the next start finds no legacy queue (a failed job's record goes with them: the
        // batches it held were refused by the apply script, as they would be on the new queue)
        await queue.obliterate({ force: true });
        await stop();
        onDrained(applied);
      })
      .catch(() => undefined);
  }, checkEveryMs);
  timer.unref();
  return stop;
}

export async function queueCounts(queue: IngestQueue): Promise<{ waiting: number; active: number; failed: number }> {
  const c = await queue.getJobCounts('waiting', 'active', 'failed');
  return { waiting: c.waiting ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 };
}

export const NOTIFY_QUEUE = 'notify';

/**
 * One delivery to one contact point (a signed webhook POST or an e-mail): which contact point, and what to send. The
 * contact point is read when the delivery runs, so its current URL, addresses and secret are used. `url` is what jobs
 * queued by earlier releases also carry; it is not read.
 */
export interface NotifyJob {
  contactPoint: string;
  body: NotifyBody;
  url?: string;
}

export type NotifyQueue = Queue<NotifyJob>;

/** Tries of a delivery: the first and 7 more, 1 s, 2 s, … 64 s apart (about two minutes in all). */
export const NOTIFY_ATTEMPTS = 8;

/** The notify queue (with `prefix`, another instance's: a test reads its stack's deliveries). */
export function openNotifyQueue(prefix = queuePrefix(NOTIFY_QUEUE)): NotifyQueue {
  return new Queue<NotifyJob>(NOTIFY_QUEUE, {
    connection: openBlockingRedis('notify-queue'),
    prefix,
    defaultJobOptions: {
      attempts: NOTIFY_ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    },
  });
}

/** Queues a delivery once per `jobId` (the same alert transition to the same contact point is sent once). */
export async function queueDelivery(queue: NotifyQueue, job: NotifyJob, jobId: string): Promise<void> {
  await queue.add('deliver', job, { jobId });
}

export interface NotifyRun {
  data: NotifyJob;
  /** BullMQ's id of the job: the delivery's id (sent as X-IOC-Delivery, the mail's Message-ID). */
  id: string;
  /** Tries made before this one. */
  attemptsMade: number;
}

/** The delivery worker. A delivery that throws UnrecoverableError is failed at once (a 4xx, an SMTP 5xx); others retry. */
export function startNotifyWorker(deliver: (run: NotifyRun) => Promise<unknown>): Worker<NotifyJob> {
  return new Worker<NotifyJob>(NOTIFY_QUEUE, (job: Job<NotifyJob>) => deliver({ data: job.data, id: String(job.id), attemptsMade: job.attemptsMade }), {
    connection: openBlockingRedis('notify-worker'),
    prefix: queuePrefix(NOTIFY_QUEUE),
    concurrency: 8,
  });
}

/**
 * The connector pulls (docs/connectors.md): one BullMQ job scheduler per connector, so that each tick makes one job
 * however many worker processes take from the queue; a manual run is one more job of the same queue.
 */
export const PULL_QUEUE = 'connector-pull';
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';

export interface PullJob {
  connector: string;
  /** Asked for now (`POST /api/v1/connectors/:id/run`, `ioc connector run`), not by the schedule. */
  manual?: boolean;
}

export type PullQueue = Queue<PullJob>;

export function openPullQueue(): PullQueue {
  return new Queue<PullJob>(PULL_QUEUE, { connection: openBlockingRedis('pull-queue'), prefix: queuePrefix(PULL_QUEUE) });
}

/** A schedule as the connector definition states it: every N minutes, or a cron expression in Viet Nam time. */
export type PullSchedule = { everyMinutes: number } | { cron: string };

/** Checks a five-field cron expression with the scheduler's own parser; the reason when it is not one. */
export function cronProblem(pattern: string): string | undefined {
  try {
    CronExpressionParser.parse(pattern, { tz: SCHEDULE_TZ });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The interval a schedule runs at (for a cron: between its next two runs), so a feed that misses runs shows late. */
export function scheduleIntervalMs(schedule: PullSchedule, nowMs = Date.now()): number {
  if ('everyMinutes' in schedule) return schedule.everyMinutes * 60_000;
  const it = CronExpressionParser.parse(schedule.cron, { tz: SCHEDULE_TZ, currentDate: new Date(nowMs) });
  const a = it.next().getTime();
  return it.next().getTime() - a;
}

/** The first run of a schedule after `afterMs` (health: a scheduled job is late past it plus SCHEDULE_GRACE_MS). */
export function scheduleNextAfter(schedule: PullSchedule, afterMs: number): number {
  if ('everyMinutes' in schedule) return afterMs + schedule.everyMinutes * 60_000;
  return CronExpressionParser.parse(schedule.cron, { tz: SCHEDULE_TZ, currentDate: new Date(afterMs) }).next().getTime();
}

/** Pull tries of one run: the first and `retries` more, with exponential backoff from 2 s. */
function pullJobOptions(retries: number) {
  return { attempts: 1 + retries, backoff: { type: 'exponential' as const, delay: 2000 }, removeOnComplete: { count: 200 }, removeOnFail: { count: 500 } };
}

/** Creates or updates the connector's job scheduler (idempotent: any process may call it, the schedule stays one). */
export async function schedulePull(queue: PullQueue, connector: string, schedule: PullSchedule, retries: number): Promise<void> {
  const repeat = 'everyMinutes' in schedule ? { every: schedule.everyMinutes * 60_000 } : { pattern: schedule.cron, tz: SCHEDULE_TZ };
  await queue.upsertJobScheduler(connector, repeat, { name: 'pull', data: { connector }, opts: pullJobOptions(retries) });
}

export async function unschedulePull(queue: PullQueue, connector: string): Promise<void> {
  await queue.removeJobScheduler(connector);
}

/** A run now, besides the schedule. */
export async function runPullNow(queue: PullQueue, connector: string, retries: number): Promise<void> {
  await queue.add('pull', { connector, manual: true }, pullJobOptions(retries));
}

/** When the schedule runs next, or null when the connector has none (paused). */
export async function nextPullAt(queue: PullQueue, connector: string): Promise<number | null> {
  const s = await queue.getJobScheduler(connector);
  return s?.next ?? null;
}

/** The ids of the connectors that have a job scheduler (to drop those whose connector was removed). */
export async function scheduledPulls(queue: PullQueue): Promise<string[]> {
  const all = await queue.getJobSchedulers(0, -1);
  return all.map((s) => s.key);
}

export function startPullWorker(process: (job: PullJob, attempt: number, maxAttempts: number) => Promise<unknown>, concurrency: number): Worker<PullJob> {
  return new Worker<PullJob>(PULL_QUEUE, (job: Job<PullJob>) => process(job.data, job.attemptsMade, job.opts.attempts ?? 1), {
    connection: openBlockingRedis('pull-worker'),
    prefix: queuePrefix(PULL_QUEUE),
    concurrency,
    // a pull waits on remote systems (up to 2 min per request): keep the lock well past one request
    lockDuration: 60_000,
  });
}

/** Puts a connector's schedule in step with its definition: scheduled, or (paused) none. */
export async function applySchedule(queue: PullQueue, c: { id: string; paused: boolean; schedule: PullSchedule; retries: number }): Promise<void> {
  if (c.paused) await unschedulePull(queue, c.id);
  else await schedulePull(queue, c.id, c.schedule, c.retries);
}

/**
 * Reports (docs/reports.md): one job renders one PDF in headless Chromium, retried with backoff; a report schedule is
 * a job scheduler of this queue (cron in Viet Nam time), whose jobs name no report yet: the worker makes one.
 */
export const REPORTS_QUEUE = 'reports';

export interface ReportJob {
  /** The report record to render (a request made it); absent for a schedule's tick. */
  report?: string;
  kind: 'scene' | 'briefing';
  scope: string;
  indicator: string | null;
  /** The schedule whose tick this is: the report is delivered to the scope's contact points when done. */
  schedule?: string;
}

export type ReportsQueue = Queue<ReportJob>;

function reportJobOptions(attempts: number) {
  return { attempts, backoff: { type: 'exponential' as const, delay: 2000 }, removeOnComplete: { count: 500 }, removeOnFail: { count: 500 } };
}

export function openReportsQueue(): ReportsQueue {
  return new Queue<ReportJob>(REPORTS_QUEUE, { connection: openBlockingRedis('reports-queue'), prefix: queuePrefix(REPORTS_QUEUE) });
}

export async function enqueueReport(queue: ReportsQueue, job: ReportJob & { report: string }, attempts: number): Promise<void> {
  await queue.add('render', job, { ...reportJobOptions(attempts), jobId: job.report });
}

/** Creates or updates a report schedule's job scheduler (idempotent). */
export async function scheduleReport(queue: ReportsQueue, id: string, cron: string, job: ReportJob, attempts: number): Promise<number | null> {
  await queue.upsertJobScheduler(id, { pattern: cron, tz: SCHEDULE_TZ }, { name: 'render', data: job, opts: reportJobOptions(attempts) });
  return nextReportAt(queue, id);
}

export async function unscheduleReport(queue: ReportsQueue, id: string): Promise<void> {
  await queue.removeJobScheduler(id);
}

export async function nextReportAt(queue: ReportsQueue, id: string): Promise<number | null> {
  return (await queue.getJobScheduler(id))?.next ?? null;
}

/** A schedule's run now, besides its cron (`POST /api/v1/report-schedules/:id/run`). */
export async function runScheduleNow(queue: ReportsQueue, job: ReportJob, attempts: number): Promise<void> {
  await queue.add('render', job, reportJobOptions(attempts));
}

export interface ReportJobRun {
  data: ReportJob;
  /** BullMQ's id of this job (a schedule's tick names its report by it). */
  id: string;
  /** Tries made before this one, and at most. */
  attemptsMade: number;
  maxAttempts: number;
}

export function startReportsWorker(process: (job: ReportJobRun) => Promise<unknown>): Worker<ReportJob> {
  return new Worker<ReportJob>(
    REPORTS_QUEUE,
    (job: Job<ReportJob>) => process({ data: job.data, id: String(job.id), attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 }),
    {
      connection: openBlockingRedis('reports-worker'),
      prefix: queuePrefix(REPORTS_QUEUE),
      // one Chromium at a time per process: it is the heaviest thing this machine runs
      concurrency: 1,
      lockDuration: 120_000,
    },
  );
}

/** Every queue of this instance, by name: what the queue dashboard shows and the metrics count. */
export const ALL_QUEUES = [INGEST_QUEUE, NOTIFY_QUEUE, PULL_QUEUE, REPORTS_QUEUE] as const;
export type QueueName = (typeof ALL_QUEUES)[number];

/**
 * One plain Queue per queue of this instance, for reading its state (job counts, failed jobs and their reasons) and
 * retrying a failed job: the queue dashboard and the metrics use these, never a Worker. Close them with `close()`.
 */
export function openInspectionQueues(): { name: QueueName; queue: Queue }[] {
  return ALL_QUEUES.map((name) => ({ name, queue: new Queue(name, { connection: openBlockingRedis(`${name}-inspect`), prefix: queuePrefix(name) }) }));
}
