import { config } from '../platform/config';
import { loadDomain } from '../platform/domain';
import { drainLegacyIngest, openIngestQueue, openNotifyQueue, openPullQueue, startIngestWorker, startNotifyWorker } from '../platform/queues';
import { componentLogger } from '../platform/logger';
import { openBlockingRedis, openRedis } from '../platform/redis';
import { onShutdown } from '../platform/shutdown';
import { retentionOf } from '../store/changes.repo';
import { keys } from '../store/keys';
import { withScripts } from '../store/lua-scripts';
import { simulatorRole } from './feeds/simulator/simulator-role';
import { periodPrunerRole } from './maintenance/period-pruner';
import { alertPrunerRole } from './maintenance/alert-pruner';
import type { Leadership } from './leader';
import { backfillHooks } from './feeds/simulator/backfill-hooks';
import { AlertEvaluator } from './alerts/alert-evaluator';
import { enqueueNotifications } from './alerts/notifications';
import { deliverer } from './delivery/deliver';
import { openMailer } from '../platform/mail';
import { ingestProcessor } from './ingest.processor';
import { Forwarder } from './federation/forwarder';
import { instanceId } from '../store/outbox.repo';
import { startPulls } from './feeds/connectors/pull.worker';
import { startHeartbeat } from './heartbeat';
import { migrateCommuneSeries } from '../store/migrations';
import { recordHeartbeat } from '../store/heartbeats.repo';

const cfg = config();
const log = componentLogger('workers');
const domain = loadDomain();
const redis = withScripts(openRedis('workers'));
const k = keys(cfg.KEY_PREFIX);

// alert and report deliveries (docs/api.md "Contact points"): signed webhooks and, with SMTP_URL, e-mail
const notifyQueue = openNotifyQueue();
const mailer = openMailer(cfg);
const notifier = startNotifyWorker(deliverer({ redis, keys: k, mailer, log: componentLogger('delivery') }));
notifier.on('failed', (job, err) => log.warn({ contactPoint: job?.data.contactPoint, attempt: job?.attemptsMade, err: err.message }, 'delivery failed'));
const publicUrl = cfg.PUBLIC_URL ?? cfg.REPORT_BASE_URL ?? `http://${cfg.HOST}:${cfg.PORT}`;
const evaluator = new AlertEvaluator({
  redis,
  blocking: openBlockingRedis('alert-evaluator'),
  keys: k,
  domain,
  changes: retentionOf(cfg),
  linkDownMs: cfg.LINK_DOWN_MS,
  log: componentLogger('alerts'),
  onEvent: (event) => enqueueNotifications({ redis, keys: k, domain, queue: notifyQueue, publicUrl }, event),
});
// the alerts' starting point is fixed before this process applies any batch (a fresh install has none stored)
await evaluator.anchor();
await evaluator.start();

// data of an earlier release in the layout this one reads (store/migrations.ts), before the first batch is applied
const migrated = await migrateCommuneSeries(redis, k, domain.registry);
if (migrated > 0) log.info({ series: migrated }, 'communes\' history moved to the commune-day layout');

const applyIngest = ingestProcessor(
  { redis, keys: k, registry: domain.registry, indicator: domain.indicator, changes: retentionOf(cfg), outboxMax: cfg.UPSTREAM_URL ? cfg.OUTBOX_MAXLEN : 0 },
  log,
);
const worker = startIngestWorker(applyIngest, cfg.INGEST_CONCURRENCY);
// batches an earlier release queued under the old queue prefix are applied too, then that queue is removed
const stopLegacyDrain = await drainLegacyIngest(applyIngest, (applied) => log.info({ applied }, 'the legacy ingest queue is drained and removed'));
worker.on('failed', (job, err) => log.warn({ job: job?.id, source: job?.data.source, batchId: job?.data.batchId, err: err.message }, 'ingest job failed'));
worker.on('error', (err) => log.warn({ err: err.message }, 'ingest worker error'));
log.info({ concurrency: cfg.INGEST_CONCURRENCY }, 'ingest worker running');

// pull connectors (docs/connectors.md): their job schedulers, and the pulls, through the same intake as a push
const ingestQueue = openIngestQueue();
const pullQueue = openPullQueue();
const pulls = await startPulls(
  { redis, keys: k, domain, queue: ingestQueue, instance: await instanceId(redis, k), log: componentLogger('pulls') },
  pullQueue,
  cfg.PULL_CONCURRENCY,
);
// a connector's scheduled run started: its job scheduler is alive (health: late past its interval + SCHEDULE_GRACE_MS)
pulls.on('active', (job) => void recordHeartbeat(redis, k, 'job', `pull:${job.data.connector}`).catch(() => undefined));
pulls.on('failed', (job, err) => log.warn({ connector: job?.data.connector, attempt: job?.attemptsMade, err: err.message }, 'pull failed'));

// federation: forward what this instance applies to the IOC one level up (docs/federation.md)
let forwarder: Forwarder | undefined;
if (cfg.UPSTREAM_URL && cfg.UPSTREAM_TOKEN) {
  forwarder = new Forwarder({
    redis,
    keys: k,
    domain,
    url: cfg.UPSTREAM_URL,
    token: cfg.UPSTREAM_TOKEN,
    instance: await instanceId(redis, k),
    downAfterMs: cfg.LINK_DOWN_MS,
    log: componentLogger('forwarder'),
  });
  forwarder.start();
  log.info({ upstream: cfg.UPSTREAM_URL }, 'forwarding to the upstream IOC');
}

// the simulator plays in one worker process of all those on this Redis: the one holding its lease (docs/scale-out.md)
let simulator: Leadership | undefined;
if (cfg.SIMULATOR === 'on') {
  simulator = simulatorRole({
    redis,
    keys: k,
    domain,
    ingestUrl: cfg.INGEST_URL ?? `http://${cfg.HOST}:${cfg.PORT}`,
    rate: cfg.SIMULATOR_RATE,
    lateProvince: cfg.SIMULATOR_LATE_PROVINCE,
    scope: cfg.SIMULATOR_SCOPE,
    // no further back than a day's map is kept: figures for older days would be refused (period_expired)
    backfill: backfillHooks(redis, k, ingestQueue, Math.min(cfg.SIMULATOR_BACKFILL_DAYS, cfg.PERIOD_KEEP_DAYS)),
    log: componentLogger('simulator'),
  });
  simulator.start();
}

// past periods' maps past their keep (PERIOD_KEEP_DAYS) are deleted, by one worker process of all (docs/history.md)
const pruner = periodPrunerRole({ redis, keys: k, domain, dayKeepDays: cfg.PERIOD_KEEP_DAYS, everyMs: cfg.PRUNE_EVERY_MS, log: componentLogger('pruner') });
pruner.start();
// closed alerts, history and silences past ALERT_KEEP_DAYS are deleted, by one worker process of all
const alertPruner = alertPrunerRole({ redis, keys: k, keepDays: cfg.ALERT_KEEP_DAYS, everyMs: cfg.PRUNE_EVERY_MS, log: componentLogger('alert-pruner') });
alertPruner.start();

// liveness (docs/operations.md): this process, the lease roles that have a holder, and the apply durations
const heartbeat = await startHeartbeat({
  redis,
  keys: k,
  everyMs: cfg.HEARTBEAT_MS,
  simulator: cfg.SIMULATOR === 'on',
  forwarder: forwarder !== undefined,
  leases: { 'alert-evaluator': k.alertLeader(), simulator: k.simulatorLeader(), forwarder: k.forwarderLeader() },
  log,
});

onShutdown(log, async () => {
  await heartbeat.stop();
  await pruner.stop();
  await alertPruner.stop();
  await simulator?.stop();
  await forwarder?.stop();
  await evaluator.stop();
  await notifier.close();
  mailer?.close();
  await notifyQueue.close();
  await pulls.close();
  await pullQueue.close();
  await ingestQueue.close();
  await stopLegacyDrain();
  await worker.close();
  redis.disconnect();
});
