import type { RedisClient } from '../../platform/redis';
import type { Logger } from 'pino';
import type { ReportDelivery, ReportRecord } from '../../core/contract/reports';
import type { UnitRegistry } from '../../core/units/registry';
import { RenderError, renderPdf } from '../../platform/pdf';
import { queueDelivery, type NotifyQueue, type ReportJobRun } from '../../platform/queues';
import { listContactPoints } from '../../store/contact-points.repo';
import type { Keys } from '../../store/keys';
import {
  createRenderToken,
  createReport,
  dropRenderToken,
  getReport,
  storeReportPdf,
  updateReport,
  type ReportStore,
} from '../../store/reports.repo';

export interface RenderContext {
  redis: RedisClient;
  keys: Keys;
  registry: UnitRegistry;
  notify: NotifyQueue;
  log: Logger;
  keepMs: number;
  chromiumPath: string;
  timeoutMs: number;
  maxBytes: number;
  /** The dashboard the renderer opens (REPORT_BASE_URL, or this server). */
  baseUrl: () => string;
  /** Where people download from (PUBLIC_URL, or the base URL). */
  publicUrl: () => string;
}

/** The print page's address for a report, with its render token (taken out of the URL by the page at once). */
export function printUrl(base: string, r: Pick<ReportRecord, 'kind' | 'scope' | 'indicator'>, token: string): string {
  const q = new URLSearchParams({ kind: r.kind, scope: r.scope });
  if (r.indicator) q.set('indicator', r.indicator);
  q.set('display', token);
  return `${base.replace(/\/+$/, '')}/report?${q.toString()}`;
}

/** A schedule's tick names its report by the job's id, so its retries render the same report. */
const scheduledReportId = (jobId: string) => `s-${jobId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

async function reportOf(ctx: RenderContext, store: ReportStore, run: ReportJobRun): Promise<ReportRecord | undefined> {
  const { data } = run;
  if (data.report) return getReport(store, data.report);
  const id = scheduledReportId(run.id);
  return (
    (await getReport(store, id)) ??
    createReport(store, {
      id,
      kind: data.kind,
      scope: data.scope,
      indicator: data.indicator,
      requestedBy: `schedule:${data.schedule ?? '?'}`,
      schedule: data.schedule ?? null,
      maxAttempts: run.maxAttempts,
    })
  );
}

/** Queues one delivery of a done report per contact point whose scope holds the report's scope (the alerts' webhooks). */
export async function deliverReport(ctx: RenderContext, report: ReportRecord): Promise<number> {
  const points = (await listContactPoints(ctx.redis, ctx.keys)).filter((cp) => ctx.registry.isWithin(report.scope, cp.scope));
  const unit = ctx.registry.get(report.scope);
  for (const cp of points) {
    const body: ReportDelivery = {
      type: 'report.done',
      time: new Date(report.finishedAt ?? Date.now()).toISOString(),
      report,
      scopeName: unit?.fullName.vi ?? null,
      downloadUrl: `${ctx.publicUrl().replace(/\/+$/, '')}/api/v1/reports/${report.id}/pdf`,
    };
    await queueDelivery(ctx.notify, { contactPoint: cp.id, body }, `report-${report.id}-${cp.id}`);
  }
  return points.length;
}

/**
 * One try at a report: marks it rendering, opens the print page with a render token (read-only, the report's scope,
 * gone after the try), keeps the PDF only when the page said it was ready. A failure is written on the report and
 * thrown, so BullMQ retries with backoff; after the last try the report is `failed` with the reason.
 */
export function renderProcessor(ctx: RenderContext) {
  const store: ReportStore = { redis: ctx.redis, keys: ctx.keys, keepMs: ctx.keepMs };
  return async (run: ReportJobRun): Promise<string> => {
    const report = await reportOf(ctx, store, run);
    if (!report) return 'expired'; // dropped by its retention before its turn came
    const attempt = run.attemptsMade + 1;
    await updateReport(store, report.id, { state: 'rendering', attempts: attempt, maxAttempts: run.maxAttempts });
    const token = await createRenderToken(store, { report: report.id, scope: report.scope }, ctx.timeoutMs + 60_000);
    try {
      const pdf = await renderPdf({ chromiumPath: ctx.chromiumPath, url: printUrl(ctx.baseUrl(), report, token), timeoutMs: ctx.timeoutMs, maxBytes: ctx.maxBytes });
      const done = await storeReportPdf(store, report.id, pdf);
      ctx.log.info({ report: report.id, kind: report.kind, scope: report.scope, bytes: pdf.length, attempt }, 'report rendered');
      if (done?.schedule) await deliverReport(ctx, done);
      return 'done';
    } catch (err) {
      const e = err instanceof RenderError ? err : new RenderError('browser', (err as Error).message);
      const last = attempt >= run.maxAttempts;
      await updateReport(store, report.id, { state: last ? 'failed' : 'queued', error: { code: e.code, message: e.message }, finishedAt: last ? Date.now() : null });
      ctx.log.warn({ report: report.id, attempt, of: run.maxAttempts, code: e.code, err: e.message }, last ? 'report failed' : 'report render failed; retrying');
      throw e;
    } finally {
      await dropRenderToken(store, token);
    }
  };
}
