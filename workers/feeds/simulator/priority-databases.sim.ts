import { MILESTONES, PRIORITY_DATABASES } from '../../../core/priority-databases/catalog';
import { unit01 } from './traits';

/** Planned dates of the five milestones (Resolution 214: the 11 databases completed in 2025). */
const PLANNED = ['2025-08-31', '2025-10-15', '2025-11-15', '2025-12-15', '2025-12-31'];

export interface MilestoneReport {
  id: string;
  planned: string;
  actual: string | null;
}

/**
 * The simulated truth of a database's milestones: most databases finish each step within weeks of its plan, a few
 * run months late, and one or two are still short of their last milestones today.
 */
export function simulatedMilestones(db: string, nowMs: number): MilestoneReport[] {
  const delayDays = Math.floor(unit01(`pdb:${db}`) ** 3 * 420);
  return MILESTONES.map((m, i) => {
    const planned = PLANNED[i]!;
    const actualMs = Date.parse(`${planned}T00:00:00+07:00`) + (delayDays + i * 6) * 86400_000;
    return { id: m.id, planned, actual: actualMs <= nowMs ? new Date(actualMs + 7 * 3600_000).toISOString().slice(0, 10) : null };
  });
}

export function milestonesDone(db: string, nowMs: number): number {
  return simulatedMilestones(db, nowMs).filter((m) => m.actual !== null).length;
}

export function allSimulatedDatabases(nowMs: number): { id: string; owner: string; milestones: MilestoneReport[] }[] {
  return PRIORITY_DATABASES.map((db) => ({ id: db.id, owner: db.owner, milestones: simulatedMilestones(db.id, nowMs) }));
}
