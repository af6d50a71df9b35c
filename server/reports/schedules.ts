import type { ReportSchedule } from '../../core/contract/reports';
import { scheduleReport } from '../../platform/queues';
import { listReportSchedules } from '../../store/reports.repo';
import type { ServerContext } from '../context';

/** The render job a schedule makes at each tick. */
export const reportJobOf = (s: ReportSchedule) => ({ kind: s.kind, scope: s.scope, indicator: s.indicator, schedule: s.id });

/**
 * Makes every stored report schedule's job scheduler again (BullMQ's upsert is idempotent, so N servers starting
 * together make each one once). The schedules are the source of truth; their job schedulers live in the reports
 * queue, which can be emptied or moved (a new queue prefix) without losing a schedule. Returns how many it made.
 */
export async function restoreReportSchedules(ctx: ServerContext): Promise<number> {
  const schedules = await listReportSchedules({ redis: ctx.redis, keys: ctx.keys });
  for (const s of schedules) await scheduleReport(ctx.reports, s.id, s.cron, reportJobOf(s), ctx.config.REPORT_ATTEMPTS);
  return schedules.length;
}
