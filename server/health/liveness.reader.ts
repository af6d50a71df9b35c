import { assessLiveness, type Liveness, type ScheduledJob } from '../../core/ops/liveness';
import { scheduleIntervalMs, scheduleNextAfter, type PullSchedule } from '../../platform/queues';
import { listConnectors } from '../../store/connectors.repo';
import { readHeartbeats } from '../../store/heartbeats.repo';
import { listReportSchedules } from '../../store/reports.repo';
import type { ServerContext } from '../context';

/** When this server process started: a part that never beat is expected from then on. */
const STARTED_AT = Date.now() - Math.round(process.uptime() * 1000);

function scheduled(name: string, schedule: PullSchedule, lastAt: number | null, since: number): ScheduledJob {
  const from = lastAt ?? Math.max(since, STARTED_AT);
  return { name, everyMs: scheduleIntervalMs(schedule, from), lastAt, dueAt: scheduleNextAfter(schedule, from) };
}

/**
 * The liveness part of /api/v1/health (docs/api.md): the workers' heartbeats, the lease roles they run (the alert
 * evaluator always; the simulator and the forwarder when a worker says it runs them), and each scheduled job — every
 * unpaused connector's pulls, every report schedule, the period pruner.
 */
export async function readLiveness(ctx: ServerContext, nowMs = Date.now()): Promise<Liveness> {
  const [beats, connectors, schedules] = await Promise.all([
    readHeartbeats(ctx.redis, ctx.keys),
    listConnectors(ctx.redis, ctx.keys),
    listReportSchedules(ctx),
  ]);
  const processes = [...beats.process].map(([id, b]) => ({ id, at: b.at, simulator: b.simulator === true, forwarder: b.forwarder === true }));
  // the roles the newest worker process runs (the workers' settings, not this server's)
  const newest = processes.reduce<(typeof processes)[number] | undefined>((m, p) => (!m || p.at > m.at ? p : m), undefined);
  const roleNames = ['alert-evaluator', ...(newest?.simulator ? ['simulator'] : []), ...(newest?.forwarder ? ['forwarder'] : [])];
  const jobAt = (name: string) => beats.job.get(name)?.at ?? null;
  const pruner = beats.job.get('period-pruner');
  const prunerEvery = pruner?.everyMs ?? ctx.config.PRUNE_EVERY_MS;
  const jobs: ScheduledJob[] = [
    { name: 'period-pruner', everyMs: prunerEvery, lastAt: pruner?.at ?? null, dueAt: (pruner?.at ?? STARTED_AT) + prunerEvery },
    ...connectors
      .filter((c) => !c.definition.paused)
      .map((c) => scheduled(`pull:${c.definition.id}`, c.definition.schedule, jobAt(`pull:${c.definition.id}`), c.updatedAt)),
    ...schedules.map((s) => scheduled(`report:${s.id}`, { cron: s.cron }, jobAt(`report:${s.id}`), s.createdAt)),
  ];
  return assessLiveness(
    {
      processes,
      roles: roleNames.map((name) => ({ name, lastAt: beats.role.get(name)?.at ?? null })),
      jobs,
      expectedFrom: STARTED_AT,
      beatMs: ctx.config.HEARTBEAT_MS,
      graceMs: ctx.config.SCHEDULE_GRACE_MS,
    },
    nowMs,
  );
}
