import type { PeriodKind } from '../../../core/indicators/indicator';
import { currentPeriod, periodStartMs } from '../../../core/time/period';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** A past day's figures are played as its office day closed: 17:00 in Viet Nam. */
const CLOSE_OF_DAY_MS = 17 * HOUR;
/** The last 24 hours are played at this step, so the 24-hour chart has a line (5-minute buckets, provinces up). */
export const BACKFILL_RECENT_STEP_MS = 2 * HOUR;
/**
 * At most about this many observations before the live sweep begins. Measured on the project's shared 2-core machine:
 * ~2,100 observations/s through the API under load, so a province's 12 sweeps (~28,000) take seconds, while the whole
 * country's 12 (1.0 M) took 8 minutes: there the last 24 h are played at a coarser step.
 */
export const BACKFILL_RECENT_BUDGET = 250_000;

/** The step of the recent phase for a scope of `pairs` (indicator, unit) pairs: 2 h, coarser for big scopes, ≤ 12 h. */
export function recentStepMs(pairs: number): number {
  const factor = Math.max(1, Math.ceil((pairs * (DAY / BACKFILL_RECENT_STEP_MS)) / BACKFILL_RECENT_BUDGET));
  return Math.min(12 * HOUR, factor * BACKFILL_RECENT_STEP_MS);
}

/**
 * The instants a backfill plays, in two phases. `recent`: the last 24 h every `stepMs`, oldest first (the latest
 * figure of a period wins, so these go in in time order, before the live sweep, which is newer). `past`: one per
 * earlier day for `days` days — that day at 17:00 Vietnam time — newest first (the last week fills first; a month,
 * quarter or year is played by its newest day only), played while the live simulator already runs. `days` = 0: none.
 */
export function backfillTimes(nowMs: number, days: number, stepMs = BACKFILL_RECENT_STEP_MS): { recent: number[]; past: number[] } {
  if (days <= 0) return { recent: [], past: [] };
  const recentFrom = nowMs - DAY;
  const todayStart = periodStartMs(currentPeriod('day', nowMs))!;
  const recent: number[] = [];
  for (let t = nowMs - Math.floor(DAY / stepMs) * stepMs; t < nowMs; t += stepMs) if (t >= recentFrom) recent.push(t);
  const past: number[] = [];
  for (let d = 1; d <= days; d++) {
    const t = todayStart - d * DAY + CLOSE_OF_DAY_MS;
    if (t < recentFrom) past.push(t);
  }
  return { recent, past };
}

/**
 * Whether a past sweep's figure is played: not when its period is in `played` (by the recent phase, or by a newer past
 * day: the store would refuse this older figure) or is still open (the live simulator holds a newer figure of it): the
 * current month of a monthly indicator, a `live` one. Those have the last 24 h of history and grow from there.
 */
export function playedInPast(kind: PeriodKind, period: string, played: ReadonlySet<string>): boolean {
  return kind !== 'live' && !played.has(`${kind}:${period}`);
}

/** The periods the recent phase plays, as `kind:period`. */
export function periodsOf(times: readonly number[]): Set<string> {
  const out = new Set<string>();
  for (const t of times) for (const kind of ['day', 'month', 'quarter', 'year'] as const) out.add(`${kind}:${currentPeriod(kind, t)}`);
  return out;
}

/** A backfill's own hooks, given by the worker process that runs the simulator (it holds Redis and the queue). */
export interface BackfillHooks {
  /** Days to play (SIMULATOR_BACKFILL_DAYS); 0: none. */
  days: number;
  /** Takes the marker (SET NX): true once per data set, so a restart or a second worker process does not replay. */
  claim(): Promise<boolean>;
  /** Resolves when the ingest queue has room again, so a backfill never piles up more than a few sweeps in Redis. */
  drain(): Promise<void>;
  /** Records how it went under the marker (observations, total time, and how long until the live sweep began). */
  done(summary: { observations: number; ms: number; liveAfterMs: number }): Promise<void>;
}
