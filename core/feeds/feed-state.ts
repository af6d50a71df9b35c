import { VN_OFFSET_MS } from '../time/period';

/**
 * A feed's health on the feed board:
 * - never: it has not sent anything yet (nor failed to);
 * - failing: its last batch was mostly rejected, or could not be applied (a failed ingest job);
 * - stale: silent for over 4× its expected interval (the figures it feeds are stale on screen);
 * - late: silent past its expected interval, or its daily deadline (e.g. 17:00, Sơn La's rule) passed without a batch today;
 * - ok otherwise.
 */
export type FeedState = 'ok' | 'late' | 'stale' | 'failing' | 'never';

export interface FeedFacts {
  lastSeenAt: number | null;
  expectedEveryMs: number;
  /** Daily deadline "HH:MM" in Viet Nam time, if the source has one. */
  deadline?: string;
  lastAccepted: number;
  lastRejected: number;
  /** When a batch of this source last failed to apply, if ever. */
  lastFailedAt?: number | null;
}

export function feedState(f: FeedFacts, nowMs: number): FeedState {
  // a connector whose first pull failed has never sent a figure, but it is failing, not silent
  if (f.lastSeenAt === null) return f.lastFailedAt != null ? 'failing' : 'never';
  const total = f.lastAccepted + f.lastRejected;
  if (total > 0 && f.lastRejected / total > 0.5) return 'failing';
  if (f.lastFailedAt != null && f.lastFailedAt >= f.lastSeenAt) return 'failing';
  const silent = nowMs - f.lastSeenAt;
  if (silent > 4 * f.expectedEveryMs) return 'stale';
  if (silent > f.expectedEveryMs) return 'late';
  if (f.deadline) {
    const [h = 0, m = 0] = f.deadline.split(':').map(Number);
    const dayStart = Math.floor((nowMs + VN_OFFSET_MS) / 86400_000) * 86400_000 - VN_OFFSET_MS;
    const deadlineMs = dayStart + (h * 60 + m) * 60_000;
    if (nowMs > deadlineMs && f.lastSeenAt < dayStart) return 'late';
  }
  return 'ok';
}
