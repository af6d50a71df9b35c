import { z } from 'zod';
import { isAdministrativeCode } from '../units/unit-code';

/**
 * Reports (docs/reports.md): a PDF of an overview scene or the daily briefing ("báo cáo giao ban") of a scope,
 * rendered on the server by headless Chromium from the dashboard's print page `/report`, kept for download.
 */
export const REPORT_KINDS = ['scene', 'briefing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATES = ['queued', 'rendering', 'done', 'failed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Why a render failed, as a code (the message says more). */
export type ReportErrorCode = 'unreachable' | 'page_error' | 'timeout' | 'too_large' | 'not_pdf' | 'browser';

export interface ReportRecord {
  id: string;
  kind: ReportKind;
  scope: string;
  /** The map indicator (a scene's), or null for the page's default. */
  indicator: string | null;
  state: ReportState;
  /** Renders tried so far, and at most. */
  attempts: number;
  maxAttempts: number;
  /** The last failure (also while a retry is pending). */
  error: { code: ReportErrorCode; message: string } | null;
  /** Who asked: a username, or `schedule:<id>`. */
  requestedBy: string;
  /** The schedule that made it, if one did. */
  schedule: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** PDF size in bytes once done. */
  bytes: number | null;
  /** When the report and its PDF are dropped (REPORT_KEEP_DAYS after creation). */
  expiresAt: number;
}

export interface ReportSchedule {
  id: string;
  name: string;
  kind: ReportKind;
  scope: string;
  indicator: string | null;
  /** Five-field cron in Asia/Ho_Chi_Minh, e.g. `30 7 * * 1-5` (07:30 every working day). */
  cron: string;
  tz: 'Asia/Ho_Chi_Minh';
  createdBy: string;
  createdAt: number;
  /** When it runs next (epoch ms), from the job scheduler; null when unknown. */
  nextAt?: number | null;
}

const unitCode = z.string().refine(isAdministrativeCode, 'VN, a province or a commune code');
const indicatorId = z.string().regex(/^[a-z0-9_]{1,64}$/, 'an indicator id').nullish();

export const reportRequestSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  scope: unitCode,
  indicator: indicatorId,
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export const scheduleRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(REPORT_KINDS),
  scope: unitCode,
  indicator: indicatorId,
  cron: z.string().trim().min(9).max(100),
  tz: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
});
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>;

/** The body a contact point receives when a scheduled report is ready (`type: report.done`). */
export interface ReportDelivery {
  type: 'report.done';
  time: string;
  report: ReportRecord;
  scopeName: string | null;
  downloadUrl: string;
}

/**
 * The download's file name: ASCII for old clients (`bao-cao-giao-ban-48-2026-12-07.pdf`) and the Vietnamese one in
 * `filename*` (RFC 6266 / 5987), e.g. `Báo cáo giao ban — Đà Nẵng — 07-12-2026.pdf`.
 */
export function reportFilenames(r: Pick<ReportRecord, 'kind' | 'scope' | 'createdAt'>, scopeName: string | null, day: string): { ascii: string; utf8: string } {
  const what = r.kind === 'briefing' ? 'Báo cáo giao ban' : 'Báo cáo';
  const utf8 = `${what} — ${scopeName ?? r.scope} — ${day}.pdf`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
  const ascii = `${r.kind === 'briefing' ? 'bao-cao-giao-ban' : 'bao-cao'}-${r.scope}-${day}.pdf`;
  return { ascii, utf8 };
}

export function contentDisposition(names: { ascii: string; utf8: string }): string {
  const encoded = encodeURIComponent(names.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encoded}`;
}
