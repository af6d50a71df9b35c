import type { PullStatus } from './connectors';
import type { LinkState } from '../federation/link-state';
import type { FeedState } from '../feeds/feed-state';
import type { DatabaseProgress, MilestoneStatus } from '../priority-databases/status';
import type { Localized } from '../i18n';

/** What is recorded of a source's batches (store/feeds.repo.ts). */
export interface FeedStatus {
  source: string;
  lastSeenAt: number | null;
  lastBatchId: string | null;
  accepted: number;
  rejected: number;
  /** Items accepted and rejected in the last batch. */
  lastAccepted: number;
  lastRejected: number;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Batches accepted (202) that could not be applied: failed ingest jobs. */
  failedBatches: number;
  lastFailedAt: number | null;
}

/** One source on the feed board, as `GET /api/v1/feeds` answers (docs/api.md). */
export interface FeedRow extends FeedStatus {
  name: string;
  units: readonly string[];
  indicators: readonly string[] | '*';
  expectedEveryMs: number;
  /** Daily deadline "HH:MM" in Viet Nam time, or null. */
  deadline: string | null;
  state: FeedState;
  /**
   * A federation link (docs/federation.md), not a feed: a downstream IOC forwarding to this one, or (`upstream`) this
   * IOC's own link to the one above. `state` above then follows the link's state, so the board's counts stay honest.
   */
  link?: FeedLink;
  /** A pull connector (docs/connectors.md): its last pull and next run. `state` is failing while its last pull failed. */
  pull?: PullStatus;
}

export interface FeedLink {
  state: LinkState;
  /** Figures the lower side has not sent yet, and when the oldest of them was accepted there. */
  backlog: number;
  oldestUnsentAt: number | null;
  /** This IOC's link to the one above (the row of the lower instance's own board); absent for a downstream IOC. */
  upstream?: true;
}

/** This IOC's link to the one above, as `/api/v1/health` answers it under `upstream` (only with UPSTREAM_URL). */
export interface UpstreamStatus {
  url: string;
  state: LinkState;
  backlog: number;
  oldestUnsentAt: number | null;
  lastSentAt: number | null;
  lastError: string | null;
}

export interface FeedsAnswer {
  serverTime: number;
  feeds: FeedRow[];
}

/** One of the 11 priority databases, as `GET /api/v1/priority-databases` answers. */
export interface PriorityDatabaseRow {
  id: string;
  name: Localized;
  owner: string;
  ownerName: Localized | null;
  milestones: MilestoneStatus[];
  reportedAt: number | null;
  source: string | null;
  progress: DatabaseProgress | null;
}

export interface PriorityDatabasesAnswer {
  serverTime: number;
  total: number;
  done: number;
  late: number;
  connectedToNdc: number;
  databases: PriorityDatabaseRow[];
}
