/**
 * Every Redis key of the data model is built here (BullMQ queues have hash tags of their own, see platform/queues.ts queuePrefix).
 * All keys share one hash tag, `ioc:{<prefix>}:`, so the data set can live on one Redis Cluster slot.
 * The Lua scripts build no key names: each is given every key it touches as KEYS (store/apply-batch.ts applyCall).
 */
import { FIVE_MINUTE_KEEP_MS, type SeriesResolution } from '../core/contract/series';

export const ROOT_PARENT = '-';

export interface Keys {
  readonly prefix: string;
  /** Hash: field = child unit → encoded value (store/value-codec.ts). The nation is stored under ROOT_PARENT. */
  latest(indicator: string, parent: string, period: string): string;
  /** Hash {num, den, n, at}: running sums of a derived unit's children (sum, ratio, wmean). */
  agg(indicator: string, unit: string, period: string): string;
  /** Sorted set: child → value, for max/min parents. */
  zagg(indicator: string, unit: string, period: string): string;
  /** Sorted set (lex): the periods of an indicator that have data. */
  periods(indicator: string): string;
  /**
   * Sorted set: score = bucket start (ms), member = "bucket|num|den": the history of the nation, a province or a
   * ministry. A commune's is in communeDay.
   */
  series(indicator: string, unit: string, resolution: SeriesResolution): string;
  /**
   * Hash with a TTL: field = commune → "num|den", the daily bucket starting at `dayStartMs` of every commune under
   * `province`. A batch of thousands of communes' figures writes one HSET per (indicator, province, day) instead of a
   * sorted set per commune, and the TTL (the bucket's end + COMMUNE_DAILY_RETENTION_MS) is the retention: no trim.
   */
  communeDay(indicator: string, province: string, dayStartMs: number): string;
  /** String: a data migration of store/migrations.ts done (its value: when). */
  migration(name: string): string;
  /** Stream: one entry per applied batch; its ids are the global sequence numbers. */
  changes(): string;
  /** String with a TTL: a (source, batchId) already applied. */
  batch(source: string, batchId: string): string;
  /** Hash: source id → JSON of SourceRecord. */
  sources(): string;
  /** String: sha256(token) → source id. */
  token(tokenHash: string): string;
  /** String with a TTL: sha256(a revoked or rotated token) → source id. */
  retiredToken(tokenHash: string): string;
  /** String: this installation's id, made at its first start (federation: loops are refused by it). */
  instance(): string;
  /** Hash: the simulator's history backfill {startedAt, finishedAt, observations, ms}; its existence means done or under way. */
  simulatorBackfill(): string;
  /** String with a TTL: which worker process runs the simulator (and holds its sources' tokens). */
  simulatorLeader(): string;
  /** String with a TTL: which worker process prunes the past periods past their keep. */
  prunerLeader(): string;
  /** Stream: the federation outbox, one entry per applied batch with the leaf figures to forward upstream. */
  outbox(): string;
  /** Hash: the outbox's bookkeeping {sent (last entry id sent), pending (observations unsent), overflowAt}. */
  outboxState(): string;
  /** Hash: the upstream link's state as the forwarder last saw it {state, lastSentAt, lastError, lastAttemptAt, scope}. */
  upstream(): string;
  /** String with a TTL: which worker process runs the forwarder. */
  forwarderLeader(): string;
  /** Hash: feed status of one source. */
  feed(source: string): string;
  /** Hash: priority database id → JSON of its milestone report. */
  priorityDatabases(): string;
  /** Hash: username → JSON of UserRecord (with the argon2 hash). */
  users(): string;
  /** String with a TTL: sha256(session token) → JSON of the session. */
  session(tokenHash: string): string;
  /** Set with a TTL: the session hashes of one user record (by its id), so they can all be ended at once. */
  userSessions(userId: string): string;
  /** Hash: display id → JSON of DisplayRecord. */
  displays(): string;
  /** String: sha256(display token) → display id. */
  displayToken(tokenHash: string): string;
  /** Stream: the audit log of security events and changes. */
  audit(): string;
  /** Hash: "indicator|scope" → JSON of an alert rule. */
  alertRules(): string;
  /** Hash: unit → JSON of the (rule, unit) alert state, one hash per indicator. */
  alertState(indicator: string): string;
  /** Hash: alert id → JSON of the alert record (open and closed). */
  alerts(): string;
  /** Stream: every alert transition and operator action (acknowledge, assign, silence). */
  alertHistory(): string;
  /** String: the change-stream id the alert evaluator has evaluated up to. */
  alertCursor(): string;
  /** String with a TTL: which worker process runs the alert evaluator. */
  alertLeader(): string;
  /** Sorted set (lex, all scores 0): "firedAt(15 digits)|alert id" of every alert kept — the paging order of GET /api/v1/alerts. */
  alertsByFired(): string;
  /** Sorted set (lex): the same members, of the open (firing) alerts only. */
  alertsOpenByFired(): string;
  /** Sorted set: alert id by resolvedAt (ms), the closed alerts, oldest first: pruned past ALERT_KEEP_DAYS. */
  alertsClosedAt(): string;
  /** String: the version of the alert indexes above built from the alerts hash (an older install has none). */
  alertIndexVersion(): string;
  /** String with a TTL: which worker process prunes closed alerts, history and silences past their keep. */
  alertPrunerLeader(): string;
  /** Hash: silence id → JSON of a Silence (core/alerts/silence.ts). */
  silences(): string;
  /** Hash: contact point id → JSON of a contact point (webhook or e-mail). */
  contactPoints(): string;
  /** Hash: webhook contact point id → its signing secret, as-is (it must sign); never listed. */
  contactPointSecrets(): string;
  /** Hash: connector id → JSON of its definition (credentials included) and bookkeeping. */
  connectors(): string;
  /** Hash: a connector's last pull (core/contract/connectors.ts PullStatus fields). */
  pullStatus(connector: string): string;
  /** String with a TTL: the pull of one connector running now (its concurrency is one). */
  pullLock(connector: string): string;
  /** Hash: upload id → JSON of a previewed upload waiting for its commit (with a TTL per upload key). */
  upload(id: string): string;
  /** String with a TTL: report id → JSON of its ReportRecord (core/contract/reports.ts). */
  report(id: string): string;
  /** Sorted set: report id by creation time (ms), newest last; pruned past REPORT_KEEP_DAYS. */
  reportIndex(): string;
  /** String with a TTL: a report's PDF bytes. */
  reportPdf(id: string): string;
  /** String with a TTL: sha256(render token) → JSON {report, scope}, the print page's short-lived credential. */
  renderToken(tokenHash: string): string;
  /** Hash: schedule id → JSON of a ReportSchedule. */
  reportSchedules(): string;
  /**
   * Hash: heartbeat name → JSON {at, …}: `process:<id>` per worker process, `role:<name>` for a lease role with a holder,
   * `job:<name>` per scheduled job's last run (store/heartbeats.repo.ts).
   */
  heartbeats(): string;
  /** Hash: the workers' apply-duration histogram, summed over every worker process {b0…bN (per bucket), sum, count}. */
  applyTimings(): string;
  /** String with a TTL: the hits of one client (sha256 of its key) in one rate limit's window, shared by every server. */
  rateLimit(limit: string, clientHash: string): string;
}

export type { SeriesResolution } from '../core/contract/series';

export function keys(name: string): Keys {
  const prefix = `ioc:{${name}}:`;
  return {
    prefix,
    latest: (i, parent, period) => `${prefix}latest:${i}:${parent}:${period}`,
    agg: (i, unit, period) => `${prefix}agg:${i}:${unit}:${period}`,
    zagg: (i, unit, period) => `${prefix}zagg:${i}:${unit}:${period}`,
    periods: (i) => `${prefix}periods:${i}`,
    series: (i, unit, res) => `${prefix}series:${i}:${unit}:${res}`,
    communeDay: (i, province, start) => `${prefix}commune-day:${i}:${province}:${start}`,
    migration: (name) => `${prefix}migration:${name}`,
    changes: () => `${prefix}changes`,
    batch: (source, batchId) => `${prefix}batch:${source}:${batchId}`,
    sources: () => `${prefix}sources`,
    token: (hash) => `${prefix}token:${hash}`,
    retiredToken: (hash) => `${prefix}retired-token:${hash}`,
    instance: () => `${prefix}instance`,
    simulatorBackfill: () => `${prefix}simulator-backfill`,
    simulatorLeader: () => `${prefix}simulator-leader`,
    prunerLeader: () => `${prefix}pruner-leader`,
    outbox: () => `${prefix}outbox`,
    outboxState: () => `${prefix}outbox-state`,
    upstream: () => `${prefix}upstream`,
    forwarderLeader: () => `${prefix}forwarder-leader`,
    feed: (source) => `${prefix}feed:${source}`,
    priorityDatabases: () => `${prefix}pdb`,
    users: () => `${prefix}users`,
    session: (hash) => `${prefix}session:${hash}`,
    userSessions: (userId) => `${prefix}user-sessions:${userId}`,
    displays: () => `${prefix}displays`,
    displayToken: (hash) => `${prefix}display-token:${hash}`,
    audit: () => `${prefix}audit`,
    alertRules: () => `${prefix}alert-rules`,
    alertState: (i) => `${prefix}alert-state:${i}`,
    alerts: () => `${prefix}alerts`,
    alertHistory: () => `${prefix}alert-history`,
    alertCursor: () => `${prefix}alert-cursor`,
    alertLeader: () => `${prefix}alert-leader`,
    alertsByFired: () => `${prefix}alerts-by-fired`,
    alertsOpenByFired: () => `${prefix}alerts-open-by-fired`,
    alertsClosedAt: () => `${prefix}alerts-closed-at`,
    alertIndexVersion: () => `${prefix}alert-index-version`,
    alertPrunerLeader: () => `${prefix}alert-pruner-leader`,
    silences: () => `${prefix}silences`,
    contactPoints: () => `${prefix}contact-points`,
    contactPointSecrets: () => `${prefix}contact-point-secrets`,
    connectors: () => `${prefix}connectors`,
    pullStatus: (c) => `${prefix}pull-status:${c}`,
    pullLock: (c) => `${prefix}pull-lock:${c}`,
    upload: (id) => `${prefix}upload:${id}`,
    report: (id) => `${prefix}report:${id}`,
    reportIndex: () => `${prefix}reports`,
    reportPdf: (id) => `${prefix}report-pdf:${id}`,
    renderToken: (hash) => `${prefix}render-token:${hash}`,
    reportSchedules: () => `${prefix}report-schedules`,
    heartbeats: () => `${prefix}heartbeats`,
    applyTimings: () => `${prefix}apply-timings`,
    rateLimit: (limit, hash) => `${prefix}rate:${limit}:${hash}`,
  };
}

export const SERIES_RETENTION_MS: Record<SeriesResolution, number> = {
  '5m': FIVE_MINUTE_KEEP_MS,
  '1d': 730 * 86400_000,
};
/** Communes keep daily buckets for 90 days: 3,321 communes × the catalog × 2 years would not fit the memory budget. */
export const COMMUNE_DAILY_RETENTION_MS = 90 * 86400_000;
export { SERIES_BUCKET_MS } from '../core/contract/series';
