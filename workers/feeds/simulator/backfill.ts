import { currentPeriod, periodStartMs } from '../../../core/time/period';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** A past day's figures are played as its office day closed: 17:00 in Viet Nam. */
const CLOSE_OF_DAY_MS = 17 * HOUR;
/** The last 24 hours are played at this step, so the 24-hour chart has a line (5-minute buckets, provinces up). */
export const BACKFILL_RECENT_STEP_MS = 2 * HOUR;

/**
 * The instants a backfill plays, oldest first (the latest figure of a period wins, so history goes in in time order):
 * one per past day for `days` days — that day at 17:00 Vietnam time — and, over the last 24 h, one every `stepMs`,
 * the last one a step before now (the live sweep follows at now). `days` = 0: none.
 */
export function backfillTimes(nowMs: number, days: number, stepMs = BACKFILL_RECENT_STEP_MS): number[] {
  if (days <= 0) return [];
  const recentFrom = nowMs - DAY;
  const todayStart = periodStartMs(currentPeriod('day', nowMs))!;
  const out: number[] = [];
  for (let d = days; d >= 1; d--) {
    const t = todayStart - d * DAY + CLOSE_OF_DAY_MS;
    if (t < recentFrom) out.push(t);
  }
  for (let t = nowMs - Math.floor(DAY / stepMs) * stepMs; t < nowMs; t += stepMs) if (t >= recentFrom) out.push(t);
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
  /** Records how it went under the marker (started, finished, observations, duration). */
  done(summary: { observations: number; ms: number }): Promise<void>;
}
