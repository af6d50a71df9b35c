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
