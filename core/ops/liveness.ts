/**
 * Liveness of the parts that run out of sight (docs/operations.md): the worker processes, the roles one worker holds
 * by a lease (the alert evaluator, the simulator, the forwarder) and the scheduled jobs (connector pulls, report
 * schedules, the period pruner). Each reports a heartbeat in Redis; this is the pure rule that reads them. `now` is
 * passed in.
 */

/** A process or a lease role is missing once silent for this many heartbeat intervals. */
export const MISSED_BEATS = 3;

export type LivenessKind = 'workers' | 'role' | 'job';

/** Something that should be running and is not: since when it is silent (its last heartbeat, or when it was due). */
export interface MissingPart {
  /** `workers`, a role (`alert-evaluator`, `simulator`, `forwarder`) or a job (`period-pruner`, `pull:<id>`, `report:<id>`). */
  name: string;
  kind: LivenessKind;
  /**
   * Epoch ms: a process's or a role's last heartbeat (when it never gave one, when it was first expected); a job's run
   * that did not happen (when it was due).
   */
  since: number;
}

export interface ProcessBeat {
  id: string;
  at: number;
}

export interface ScheduledJob {
  name: string;
  /** How often it runs (a cron's: between its next two runs), for the record. */
  everyMs: number;
  /** Its last run's start, or null when it has not run yet. */
  lastAt: number | null;
  /**
   * When its next run was due: the first scheduled time after its last run (or, when it never ran, after its schedule
   * began) — for `every N minutes`, last run + N minutes; for a cron, its next tick (a weekday schedule is not late on
   * a Sunday).
   */
  dueAt: number;
}

/** A scheduled job is late when it has not run within its own interval (its due time) plus the grace. */
export function jobLate(job: Pick<ScheduledJob, 'dueAt'>, nowMs: number, graceMs: number): boolean {
  return nowMs - job.dueAt > graceMs;
}

/** A heartbeat (of a process or a role) is alive while younger than MISSED_BEATS intervals. */
export function beatAlive(lastAt: number | null, beatMs: number, nowMs: number): boolean {
  return lastAt !== null && nowMs - lastAt <= MISSED_BEATS * beatMs;
}

export interface LivenessFacts {
  processes: readonly ProcessBeat[];
  /** Last heartbeat of each role that should have a holder. */
  roles: readonly { name: string; lastAt: number | null }[];
  jobs: readonly ScheduledJob[];
  /** Since when a part that never beat is expected (this server's start): nothing is missing before MISSED_BEATS beats. */
  expectedFrom: number;
  beatMs: number;
  graceMs: number;
}

export interface Liveness {
  status: 'ok' | 'degraded';
  /** Workers first, then roles, then jobs; empty when all is well. */
  missing: MissingPart[];
  workers: { alive: number; processes: { id: string; lastAt: number; alive: boolean }[] };
  roles: { name: string; lastAt: number | null; alive: boolean }[];
  jobs: { name: string; everyMs: number; lastAt: number | null; late: boolean }[];
}

/**
 * Reads the heartbeats: the workers are missing when no worker process is alive (one of several gone is listed, not
 * degrading: the others take its jobs); a role when no process has held it lately; a job when late.
 */
export function assessLiveness(f: LivenessFacts, nowMs: number): Liveness {
  const processes = f.processes.map((p) => ({ id: p.id, lastAt: p.at, alive: beatAlive(p.at, f.beatMs, nowMs) }));
  const alive = processes.filter((p) => p.alive).length;
  const missing: MissingPart[] = [];
  const neverDueYet = nowMs - f.expectedFrom <= MISSED_BEATS * f.beatMs;
  if (alive === 0 && !(processes.length === 0 && neverDueYet)) {
    const newest = processes.reduce<number | null>((m, p) => (m === null || p.lastAt > m ? p.lastAt : m), null);
    missing.push({ name: 'workers', kind: 'workers', since: newest ?? f.expectedFrom });
  }
  const roles = f.roles.map((r) => ({ name: r.name, lastAt: r.lastAt, alive: beatAlive(r.lastAt, f.beatMs, nowMs) || (r.lastAt === null && neverDueYet) }));
  for (const r of roles) if (!r.alive) missing.push({ name: r.name, kind: 'role', since: r.lastAt ?? f.expectedFrom });
  const jobs = f.jobs.map((j) => ({ name: j.name, everyMs: j.everyMs, lastAt: j.lastAt, late: jobLate(j, nowMs, f.graceMs) }));
  for (const j of f.jobs) if (jobLate(j, nowMs, f.graceMs)) missing.push({ name: j.name, kind: 'job', since: j.dueAt });
  return { status: missing.length ? 'degraded' : 'ok', missing, workers: { alive, processes }, roles, jobs };
}
