import type { AlertRecord } from '../../core/alerts/alert';
import { countFeedStates, FEED_STATES_WORST_FIRST } from '../../core/feeds/feed-board';
import { APPLY_SECONDS_BUCKETS } from '../../core/ops/histogram';
import type { ClusterFigures } from '../../platform/metrics';
import { relayPosition } from '../../platform/metrics';
import { openInspectionQueues } from '../../platform/queues';
import { readAlertCounts } from '../../store/alerts.repo';
import { readApplyTimings } from '../../store/apply-timings.repo';
import { compareIds, lastChangeId } from '../../store/changes.repo';
import type { ServerContext } from '../context';
import { feedRows } from '../routes/feeds.route';

/** The job states `ioc_queue_jobs` counts for each queue. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed', 'waiting-children'] as const;

/** An alert's state for `ioc_alerts`: a firing alert is acknowledged or silenced once an operator made it so. */
export function alertMetricState(a: AlertRecord, nowMs: number): 'firing' | 'acknowledged' | 'silenced' | 'resolved' {
  if (a.phase === 'resolved') return 'resolved';
  if (a.silencedUntil !== null && a.silencedUntil > nowMs) return 'silenced';
  return a.acknowledged ? 'acknowledged' : 'firing';
}

let inspection: ReturnType<typeof openInspectionQueues> | undefined;
/** Queues opened once for reading their counts, at the first scrape; closed with the server's shutdown. */
function inspectionQueues(): ReturnType<typeof openInspectionQueues> {
  if (!inspection) {
    inspection = openInspectionQueues();
    for (const { queue } of inspection) queue.on('error', () => undefined);
  }
  return inspection;
}
export async function closeInspectionQueues(): Promise<void> {
  await Promise.all((inspection ?? []).map(({ queue }) => queue.close()));
  inspection = undefined;
}

async function queueFigures(): Promise<ClusterFigures['queues']> {
  const counts = await Promise.all(inspectionQueues().map(async ({ name, queue }) => ({ name, c: await queue.getJobCounts(...QUEUE_STATES) })));
  return counts.flatMap(({ name, c }) => QUEUE_STATES.map((state) => ({ queue: name, state, count: c[state] ?? 0 })));
}

function relayLagSeconds(newest: string): number | null {
  const at = relayPosition();
  if (at === undefined) return null;
  if (compareIds(newest, at) <= 0) return 0;
  return (Number(newest.split('-')[0]) - Number(at.split('-')[0])) / 1000;
}

/**
 * The installation's figures at this scrape, read from Redis (the same for every server): queues, the workers' apply
 * durations, alerts, and the national feed board — its feeds' states, its links and connectors.
 */
export async function readClusterFigures(ctx: ServerContext, nowMs = Date.now()): Promise<ClusterFigures> {
  const [queues, applyCounts, newest, alerts, feeds] = await Promise.all([
    queueFigures(),
    readApplyTimings(ctx.redis, ctx.keys, APPLY_SECONDS_BUCKETS.length),
    lastChangeId(ctx.redis, ctx.keys),
    readAlertCounts(ctx.redis, ctx.keys),
    feedRows(ctx, 'VN', nowMs),
  ]);
  const alertCounts = new Map<string, { state: string; severity: string; count: number }>();
  for (const a of alerts.open) {
    const state = alertMetricState(a, nowMs);
    const k = `${state}|${a.severity}`;
    const row = alertCounts.get(k) ?? { state, severity: a.severity, count: 0 };
    row.count += 1;
    alertCounts.set(k, row);
  }
  const feedCounts = countFeedStates(feeds);
  return {
    queues,
    apply: { bounds: APPLY_SECONDS_BUCKETS, counts: applyCounts },
    relayLagSeconds: relayLagSeconds(newest),
    // closed alerts are counted, not read: their severity is not broken down (`severity="any"`)
    alerts: [...alertCounts.values(), { state: 'resolved', severity: 'any', count: alerts.closed }],
    feeds: FEED_STATES_WORST_FIRST.map((state) => ({ state, count: feedCounts[state] })),
    links: feeds.filter((f) => f.link).map((f) => ({ link: f.link!.upstream ? 'upstream' : f.source, state: f.link!.state, backlog: f.link!.backlog })),
    connectors: feeds.filter((f) => f.pull).map((f) => ({ connector: f.source, state: f.state, lastPullAt: f.pull!.lastPullAt, lastRecords: f.pull!.recordsRead })),
  };
}
