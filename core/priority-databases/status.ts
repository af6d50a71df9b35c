import { MILESTONES } from './catalog';

export interface MilestoneStatus {
  id: string;
  /** Planned and actual dates, YYYY-MM-DD; actual is null until the milestone is reached. */
  planned: string;
  actual: string | null;
}

export type DatabaseState = 'done' | 'on_track' | 'late';

export interface DatabaseProgress {
  state: DatabaseState;
  /** Milestones reached, of five. */
  done: number;
  progressPct: number;
  connectedToNdc: boolean;
  /** The first milestone not yet reached, if any, and whether its planned date has passed. */
  next: { id: string; planned: string; overdueDays: number } | null;
}

const DAY = 86400_000;
const dateMs = (d: string) => Date.parse(`${d}T00:00:00+07:00`);

/**
 * Where a database stands: done when all five milestones are reached; late when a milestone not reached is past its
 * planned date (or one was reached after it, for a database not yet done); on track otherwise.
 */
export function databaseProgress(milestones: readonly MilestoneStatus[], nowMs: number): DatabaseProgress {
  const ordered = MILESTONES.map((m) => milestones.find((x) => x.id === m.id)).filter((m) => m !== undefined);
  const done = ordered.filter((m) => m.actual !== null).length;
  const pending = ordered.find((m) => m.actual === null);
  const next = pending
    ? { id: pending.id, planned: pending.planned, overdueDays: Math.max(0, Math.floor((nowMs - dateMs(pending.planned)) / DAY)) }
    : null;
  const state: DatabaseState = done === MILESTONES.length ? 'done' : next && next.overdueDays > 0 ? 'late' : 'on_track';
  return {
    state,
    done,
    progressPct: (100 * done) / MILESTONES.length,
    connectedToNdc: ordered.some((m) => m.id === 'connected' && m.actual !== null),
    next,
  };
}
