import type { MilestoneStatus } from './status';

/**
 * One milestone as the Resolution 214 board shows it: reached by its planned date, reached late, not yet due, or
 * overdue; `days` is how late it was reached or how long it has been overdue (whole days, Viet Nam dates).
 */
export type MilestoneState = 'done' | 'done_late' | 'pending' | 'overdue';

const DAY = 86400_000;
const dateMs = (d: string) => Date.parse(`${d}T00:00:00+07:00`);

export function milestoneState(m: MilestoneStatus, nowMs: number): { state: MilestoneState; days: number } {
  const planned = dateMs(m.planned);
  if (m.actual !== null) {
    const late = Math.round((dateMs(m.actual) - planned) / DAY);
    return late > 0 ? { state: 'done_late', days: late } : { state: 'done', days: 0 };
  }
  const overdue = Math.floor((nowMs - planned) / DAY);
  return overdue > 0 ? { state: 'overdue', days: overdue } : { state: 'pending', days: 0 };
}
