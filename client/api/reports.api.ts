import type { ReportRecord, ReportRequest, ReportSchedule, ScheduleRequest } from '../../core/contract/reports';
import { credentialHeaders } from './credentials';
import { getJson, HttpError, sendJson } from './http';

/** The reports routes of docs/api.md "Reports" (server/routes/reports.routes.ts). */
export const requestReport = (body: ReportRequest) => sendJson<{ report: ReportRecord }>('POST', '/api/v1/reports', body).then((r) => r.report);
export const listReports = () => getJson<{ reports: ReportRecord[] }>('/api/v1/reports').then((r) => r.reports);
export const getReport = (id: string) => getJson<{ report: ReportRecord }>(`/api/v1/reports/${encodeURIComponent(id)}`).then((r) => r.report);
export const listSchedules = () => getJson<{ schedules: ReportSchedule[] }>('/api/v1/report-schedules').then((r) => r.schedules);
export const createSchedule = (body: Omit<ScheduleRequest, 'tz'>) =>
  sendJson<{ schedule: ReportSchedule }>('POST', '/api/v1/report-schedules', { ...body, tz: 'Asia/Ho_Chi_Minh' }).then((r) => r.schedule);
export const removeSchedule = (id: string) => sendJson<{ ok: true }>('DELETE', `/api/v1/report-schedules/${encodeURIComponent(id)}`);
export const runSchedule = (id: string) => sendJson<{ schedule: ReportSchedule }>('POST', `/api/v1/report-schedules/${encodeURIComponent(id)}/run`);

/** The URL of a report's PDF (a link's href: the session cookie goes with it). */
export const reportPdfUrl = (id: string) => `/api/v1/reports/${encodeURIComponent(id)}/pdf`;

/** The file name the server gives (its `filename*`, Vietnamese), else a plain one. */
function filenameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

export async function fetchReportPdf(id: string): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(reportPdfUrl(id), { headers: credentialHeaders('GET') });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new HttpError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`);
  }
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition'), `bao-cao-${id}.pdf`) };
}

/** Polls a report until it is done or failed (each answer handed to `onState`), for at most `timeoutMs`. */
export async function untilFinished(id: string, onState: (r: ReportRecord) => void, timeoutMs = 300_000, everyMs = 1500): Promise<ReportRecord> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await getReport(id);
    onState(r);
    if (r.state === 'done' || r.state === 'failed') return r;
    if (Date.now() > end) return r;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
