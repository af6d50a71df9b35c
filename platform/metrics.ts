import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { IngestReceipt } from '../core/contract/observation';
import { cumulative, type BucketCounts } from '../core/ops/histogram';
import { intakeCounts } from '../core/ops/intake-counts';

/**
 * The only module that imports prom-client (docs/operations.md). Two kinds of figures: this server process's own
 * (ingest counters, sockets, deltas sent, relay position, Node's process metrics), kept in memory by prom-client; and
 * the installation's (queues, alerts, feeds, links, connectors, the workers' apply durations), read from Redis at each
 * scrape by server/metrics/cluster-figures.ts and rendered here into a registry made for that scrape.
 */
const processRegistry = new Registry();

const ingestObservations = new Counter({
  name: 'ioc_ingest_observations_total',
  help: 'Observations the ingest API of this server took, by result: accepted (queued), rejected, duplicate (a batch already taken), refused (an all-or-nothing batch refused whole)',
  labelNames: ['result'],
  registers: [processRegistry],
});
const ingestRejections = new Counter({
  name: 'ioc_ingest_rejections_total',
  help: 'Observations the ingest API of this server rejected, by the rejected item code',
  labelNames: ['reason'],
  registers: [processRegistry],
});
const deltasSent = new Counter({
  name: 'ioc_deltas_sent_total',
  help: 'metrics:delta messages this server sent, one per socket per room tick',
  registers: [processRegistry],
});
let countSockets: () => number = () => 0;
new Gauge({
  name: 'ioc_sockets',
  help: 'Sockets connected to this server process',
  registers: [processRegistry],
  collect() {
    this.set(countSockets());
  },
});

let processMetricsOn = false;
/** Node's default process metrics (CPU, memory, event loop lag, GC…), once per process. */
export function startProcessMetrics(): void {
  if (processMetricsOn) return;
  processMetricsOn = true;
  collectDefaultMetrics({ register: processRegistry });
}

/** Counts one ingest receipt: `items` observations were sent. */
export function countIntake(receipt: IngestReceipt, items: number): void {
  const { results, reasons } = intakeCounts(receipt, items);
  for (const [result, n] of Object.entries(results)) if (n) ingestObservations.inc({ result }, n);
  for (const [reason, n] of Object.entries(reasons)) ingestRejections.inc({ reason }, n);
}

export function countDeltasSent(n: number): void {
  if (n > 0) deltasSent.inc(n);
}

/** How `ioc_sockets` is counted (the socket server's own count). */
export function trackSockets(count: () => number): void {
  countSockets = count;
}

let relayAt: string | undefined;
/** The change-stream id this server's relay has read up to. */
export function noteRelayPosition(id: string): void {
  relayAt = id;
}
export function relayPosition(): string | undefined {
  return relayAt;
}

/** What the installation looks like in Redis at this scrape (server/metrics/cluster-figures.ts). */
export interface ClusterFigures {
  queues: { queue: string; state: string; count: number }[];
  /** The workers' apply durations (seconds), every process summed. */
  apply: { bounds: readonly number[]; counts: BucketCounts };
  /** Seconds between the newest change-stream entry and the one this server's relay read last; null before it reads. */
  relayLagSeconds: number | null;
  alerts: { state: string; severity: string; count: number }[];
  feeds: { state: string; count: number }[];
  links: { link: string; state: string; backlog: number }[];
  connectors: { connector: string; state: string; lastPullAt: number | null; lastRecords: number }[];
}

function gauge(r: Registry, name: string, help: string, labelNames: string[], rows: { labels: Record<string, string>; value: number }[]): void {
  const g = new Gauge({ name, help, labelNames, registers: [r] });
  for (const row of rows) g.set(row.labels, row.value);
}

/** `ioc_apply_seconds` from counts kept elsewhere (Redis): prom-client's Histogram only counts what it observes itself. */
function histogramOf(name: string, help: string, bounds: readonly number[], h: BucketCounts): Metric {
  const values = [
    ...cumulative(h, bounds).map((b) => ({ metricName: `${name}_bucket`, labels: { le: b.le }, value: b.count })),
    { metricName: `${name}_sum`, labels: {}, value: h.sum },
    { metricName: `${name}_count`, labels: {}, value: h.count },
  ];
  return { name, help, type: 'histogram', aggregator: 'sum', get: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values }) } as unknown as Metric;
}

function clusterRegistry(c: ClusterFigures): Registry {
  const r = new Registry();
  gauge(r, 'ioc_queue_jobs', 'Jobs in each queue of the installation, by state', ['queue', 'state'], c.queues.map((q) => ({ labels: { queue: q.queue, state: q.state }, value: q.count })));
  r.registerMetric(histogramOf('ioc_apply_seconds', "Duration of the apply script (one Lua call per batch) in the worker processes, all summed", c.apply.bounds, c.apply.counts));
  if (c.relayLagSeconds !== null) gauge(r, 'ioc_relay_lag_seconds', "How far this server's change-stream relay is behind the newest entry", [], [{ labels: {}, value: c.relayLagSeconds }]);
  gauge(r, 'ioc_alerts', 'Alerts of the installation by state (firing, acknowledged, silenced, resolved) and severity', ['state', 'severity'], c.alerts.map((a) => ({ labels: { state: a.state, severity: a.severity }, value: a.count })));
  gauge(r, 'ioc_feed_state', 'Feeds (sources, connectors, links) by state, as the feed board shows them', ['state'], c.feeds.map((f) => ({ labels: { state: f.state }, value: f.count })));
  gauge(r, 'ioc_link_state', 'Federation links (downstream ones by id, this IOC\'s own as "upstream"): 1 for the state each is in', ['link', 'state'], c.links.map((l) => ({ labels: { link: l.link, state: l.state }, value: 1 })));
  gauge(r, 'ioc_link_backlog', 'Figures a federation link has not delivered yet (its outbox)', ['link'], c.links.map((l) => ({ labels: { link: l.link }, value: l.backlog })));
  gauge(r, 'ioc_connector_state', 'Pull connectors: 1 for the feed state each is in', ['connector', 'state'], c.connectors.map((x) => ({ labels: { connector: x.connector, state: x.state }, value: 1 })));
  gauge(r, 'ioc_connector_last_pull_timestamp_seconds', "When each connector's last pull ended (epoch seconds)", ['connector'],
    c.connectors.filter((x) => x.lastPullAt !== null).map((x) => ({ labels: { connector: x.connector }, value: x.lastPullAt! / 1000 })));
  gauge(r, 'ioc_connector_last_pull_records', "Records each connector's last pull read", ['connector'], c.connectors.map((x) => ({ labels: { connector: x.connector }, value: x.lastRecords })));
  return r;
}

/** The Prometheus text of this process's figures and the installation's. */
export async function renderMetrics(c: ClusterFigures): Promise<{ contentType: string; body: string }> {
  const merged = Registry.merge([processRegistry, clusterRegistry(c)]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}
