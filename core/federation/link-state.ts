/**
 * The state of a federation link (docs/federation.md), as both sides show it:
 * - never: no batch or heartbeat has gone through it yet;
 * - refused: the upper side refuses the token (revoked, replaced, or out of scope); the lower side keeps its outbox;
 * - down: nothing has gone through for longer than `downAfterMs`;
 * - lagging: it goes through, but the lower side's outbox holds figures older than `lagAfterMs`, or it overflowed
 *   (the upper side then gets a snapshot of current values when the backlog is sent);
 * - connected otherwise.
 */
export type LinkState = 'connected' | 'lagging' | 'down' | 'refused' | 'never';

export interface LinkFacts {
  /** Last batch or heartbeat that went through. */
  lastSeenAt: number | null;
  /** Last refusal of the token, if any (later than lastSeenAt ⇒ refused). */
  refusedAt: number | null;
  /** Observations not yet sent, and when the oldest of them was accepted below. */
  backlog: number;
  oldestUnsentAt: number | null;
  /** The outbox passed its size: history was dropped for a snapshot to come. */
  overflow: boolean;
}

export interface LinkThresholds {
  downAfterMs: number;
  lagAfterMs: number;
}

export const DEFAULT_LINK_THRESHOLDS: LinkThresholds = { downAfterMs: 60_000, lagAfterMs: 60_000 };

export function linkState(f: LinkFacts, nowMs: number, t: LinkThresholds = DEFAULT_LINK_THRESHOLDS): LinkState {
  if (f.refusedAt !== null && (f.lastSeenAt === null || f.refusedAt >= f.lastSeenAt)) return 'refused';
  if (f.lastSeenAt === null) return 'never';
  if (nowMs - f.lastSeenAt > t.downAfterMs) return 'down';
  if (f.overflow || (f.oldestUnsentAt !== null && nowMs - f.oldestUnsentAt > t.lagAfterMs)) return 'lagging';
  return 'connected';
}

/**
 * Link alerts go through the ordinary alert path (records, history, the live push, webhooks) under this id, which
 * is not a catalog indicator: its value is the link's silence in minutes — since the last batch or heartbeat, or the
 * age of the oldest unsent figure when that is older — and its unit is the link's scope.
 */
export const LINK_ALERT_INDICATOR = 'ioc_link_silence_minutes';

/** Warning once the link is down (silent past `downAfterMs`), critical at 10×; clears below half the warning level. */
export function linkAlertRule(downAfterMs: number): {
  indicator: string;
  scope: string;
  bad: 'above';
  warning: number;
  critical: number;
  clear: number;
  pendingMs: number;
  noDataMs: null;
} {
  const warning = downAfterMs / 60_000;
  return { indicator: LINK_ALERT_INDICATOR, scope: 'VN', bad: 'above', warning, critical: 10 * warning, clear: warning / 2, pendingMs: 0, noDataMs: null };
}

/** The value a link alert watches: minutes of silence (see LINK_ALERT_INDICATOR); null for a link never seen. */
export function linkSilenceMinutes(f: LinkFacts, nowMs: number): number | null {
  if (f.lastSeenAt === null) return null;
  const since = Math.min(f.lastSeenAt, f.oldestUnsentAt ?? f.lastSeenAt);
  return Math.max(0, nowMs - since) / 60_000;
}
