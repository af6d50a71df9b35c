import { randomUUID } from 'node:crypto';
import express, { Router, type Request } from 'express';
import type { z } from 'zod';
import { contentDisposition, reportFilenames, reportRequestSchema, scheduleRequestSchema, type ReportRecord, type ReportSchedule } from '../../core/contract/reports';
import { cronProblem, enqueueReport, nextReportAt, runScheduleNow, scheduleReport, unscheduleReport } from '../../platform/queues';
import {
  createReport,
  deleteReportSchedule,
  getReport,
  getReportSchedule,
  listReports,
  listReportSchedules,
  readReportPdf,
  saveReportSchedule,
  type ReportStore,
} from '../../store/reports.repo';
import { audit } from '../auth/audit';
import { actorOf } from '../auth/principal.middleware';
import { guard } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { sharedLimit } from '../rate-limit';
import { reportJobOf } from '../reports/schedules';
import { reportKeepMs } from '../reports/renderer';
import { requireOn } from './alerts.routes';

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new HttpError(400, 'bad_request', `invalid ${what}`, r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`));
  return r.data;
}

const bodyScope = (req: Request) => (req.body as { scope?: string } | undefined)?.scope;

/** The date of a report in Viet Nam, as the file name says it: 07-12-2026. */
function vnDay(ms: number): string {
  const [y, m, d] = new Date(ms + 7 * 3600_000).toISOString().slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

/**
 * Reports (docs/reports.md): a PDF of a scene or the daily briefing of a scope, rendered by the reports queue and kept
 * REPORT_KEEP_DAYS for download; schedules (admins) render one on a cron and send it to the scope's contact points.
 */
export function reportsRouter(ctx: ServerContext): Router {
  const router = Router();
  const store = (): ReportStore => ({ redis: ctx.redis, keys: ctx.keys, keepMs: reportKeepMs(ctx.config.REPORT_KEEP_DAYS) });
  const within = (req: Request, scope: string) => req.principal.kind !== 'anonymous' && ctx.domain.registry.isWithin(scope, req.principal.scope);
  const limiter = sharedLimit(ctx, {
    name: 'reports',
    windowMs: 60_000,
    limit: () => ctx.config.REPORT_REQUESTS_PER_MINUTE,
    client: (req) => (req.principal.kind === 'user' ? `user:${req.principal.id}` : `other:${req.principal.kind}`),
    message: `at most ${ctx.config.REPORT_REQUESTS_PER_MINUTE} reports a minute; wait a little`,
  });
  const checkIndicator = (id: string | null | undefined) => {
    if (id && !ctx.domain.indicator(id)) throw new HttpError(400, 'unknown_indicator', `unknown indicator '${id}'`);
  };

  async function loadReport(req: Request): Promise<ReportRecord> {
    const report = await getReport(store(), String(req.params.id));
    if (!report) throw new HttpError(404, 'not_found', `no report '${req.params.id}' (or it is past its ${ctx.config.REPORT_KEEP_DAYS} days)`);
    requireOn(ctx, req, 'read', report.scope);
    return report;
  }

  router.post('/api/v1/reports', express.json({ limit: '4kb' }), guard(ctx, 'read', bodyScope), limiter, async (req, res) => {
    if (req.principal.kind !== 'user') throw new HttpError(403, 'forbidden', 'reports are requested by a signed-in user');
    const body = parse(reportRequestSchema, req.body, 'report request');
    checkIndicator(body.indicator);
    const report = await createReport(store(), {
      kind: body.kind,
      scope: body.scope,
      indicator: body.indicator ?? null,
      requestedBy: actorOf(req.principal),
      schedule: null,
      maxAttempts: ctx.config.REPORT_ATTEMPTS,
    });
    await enqueueReport(ctx.reports, { report: report.id, kind: report.kind, scope: report.scope, indicator: report.indicator }, ctx.config.REPORT_ATTEMPTS);
    await audit(ctx, req, 'report.create', report.id, { after: { kind: report.kind, scope: report.scope, indicator: report.indicator } }, { scope: report.scope });
    res.status(202).json({ report });
  });

  router.get('/api/v1/reports', guard(ctx, 'read'), async (req, res) => {
    const reports = await listReports(store(), (r) => within(req, r.scope));
    res.json({ reports });
  });

  router.get('/api/v1/reports/:id', guard(ctx, 'read'), async (req, res) => {
    res.json({ report: await loadReport(req) });
  });

  router.get('/api/v1/reports/:id/pdf', guard(ctx, 'read'), async (req, res) => {
    const report = await loadReport(req);
    if (report.state === 'failed') {
      throw new HttpError(409, 'report_failed', `this report failed: ${report.error?.message ?? 'unknown reason'}`, undefined, { report });
    }
    if (report.state !== 'done') throw new HttpError(409, 'not_ready', `this report is ${report.state}`, undefined, { report });
    const pdf = await readReportPdf(store(), report.id);
    if (!pdf) throw new HttpError(404, 'not_found', 'the PDF of this report is no longer kept');
    const names = reportFilenames(report, ctx.domain.registry.get(report.scope)?.fullName.vi ?? null, vnDay(report.createdAt));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition(names), 'Cache-Control': 'private, no-store' });
    res.send(pdf);
  });

  router.get('/api/v1/report-schedules', guard(ctx, 'admin'), async (req, res) => {
    const mine = (await listReportSchedules(store())).filter((s) => within(req, s.scope));
    const schedules = await Promise.all(mine.map(async (s) => ({ ...s, nextAt: await nextReportAt(ctx.reports, s.id) })));
    schedules.sort((a, b) => a.createdAt - b.createdAt);
    res.json({ schedules });
  });

  router.post('/api/v1/report-schedules', express.json({ limit: '4kb' }), guard(ctx, 'admin', bodyScope), async (req, res) => {
    const body = parse(scheduleRequestSchema, req.body, 'report schedule');
    const problem = cronProblem(body.cron);
    if (problem !== undefined || body.cron.split(/\s+/).length !== 5) {
      throw new HttpError(400, 'bad_cron', `cron: not a five-field cron expression (${problem ?? 'give minute hour day month weekday'})`, [`cron: ${problem ?? 'five fields'}`]);
    }
    checkIndicator(body.indicator);
    const schedule: ReportSchedule = { ...body, indicator: body.indicator ?? null, id: randomUUID(), createdBy: actorOf(req.principal), createdAt: Date.now() };
    await saveReportSchedule(store(), schedule);
    const nextAt = await scheduleReport(ctx.reports, schedule.id, schedule.cron, reportJobOf(schedule), ctx.config.REPORT_ATTEMPTS);
    await audit(ctx, req, 'report-schedule.create', schedule.id, { after: schedule }, { scope: schedule.scope });
    res.status(201).json({ schedule: { ...schedule, nextAt } });
  });

  async function loadSchedule(req: Request): Promise<ReportSchedule> {
    const schedule = await getReportSchedule(store(), String(req.params.id));
    if (!schedule) throw new HttpError(404, 'not_found', `no report schedule '${req.params.id}'`);
    requireOn(ctx, req, 'admin', schedule.scope);
    return schedule;
  }

  router.post('/api/v1/report-schedules/:id/run', guard(ctx, 'admin'), async (req, res) => {
    const schedule = await loadSchedule(req);
    await runScheduleNow(ctx.reports, reportJobOf(schedule), ctx.config.REPORT_ATTEMPTS);
    await audit(ctx, req, 'report-schedule.run', schedule.id, undefined, { scope: schedule.scope });
    res.status(202).json({ schedule });
  });

  router.delete('/api/v1/report-schedules/:id', guard(ctx, 'admin'), async (req, res) => {
    const schedule = await loadSchedule(req);
    await unscheduleReport(ctx.reports, schedule.id);
    await deleteReportSchedule(store(), schedule.id);
    await audit(ctx, req, 'report-schedule.delete', schedule.id, { before: schedule, after: null }, { scope: schedule.scope });
    res.json({ ok: true });
  });
  return router;
}

