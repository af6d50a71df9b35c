import type { AlertNotification, NotifyBody } from '../contract/contact-points';
import type { ReportDelivery } from '../contract/reports';
import { formatDateTime, formatNumber } from '../format';

/** An e-mail as written for a contact point: a Vietnamese subject, a plain-text body and the same in HTML. */
export interface MailText {
  subject: string;
  text: string;
  html: string;
}

const WHAT: Record<AlertNotification['kind'], string> = {
  fired: 'Cảnh báo',
  escalated: 'Cảnh báo tăng mức',
  resolved: 'Hết cảnh báo',
  acknowledged: 'Cảnh báo đã được tiếp nhận',
  assigned: 'Cảnh báo đã được giao',
  silenced: 'Cảnh báo đã được tạm tắt',
};
const SEVERITY: Record<AlertNotification['alert']['severity'], string> = {
  warning: 'mức cảnh báo',
  critical: 'mức nghiêm trọng',
  nodata: 'không có dữ liệu',
};

/** "55,5 %", "1.234 hồ sơ": vi-VN digits with the unit of measure. */
function amount(value: number | null, decimals: number, measure: string | undefined): string {
  const n = formatNumber(value, decimals, 'vi');
  return value === null || !measure ? n : `${n} ${measure}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function compose(subject: string, heading: string, rows: [string, string][], link: { label: string; url: string }): MailText {
  const text = [heading, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', `${link.label}: ${link.url}`, '', '— IOC Live'].join('\n');
  const cells = rows.map(([k, v]) => `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`).join('');
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif"><h2>${escapeHtml(heading)}</h2><table>${cells}</table>` +
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p><p style="color:#666">— IOC Live</p></body></html>`;
  return { subject, text, html };
}

/** The alert's mail: unit, indicator, value and threshold with their unit of measure, the time in Viet Nam, the link. */
export function alertMail(n: AlertNotification): MailText {
  const { alert } = n;
  const unit = n.unitName?.vi ?? alert.unit;
  const indicator = n.indicatorName?.vi ?? alert.indicator;
  const measure = n.measure?.vi;
  const heading = `${WHAT[n.kind]} ${SEVERITY[alert.severity]}: ${indicator}`;
  const rows: [string, string][] = [
    ['Đơn vị', unit],
    ['Chỉ tiêu', indicator],
    ['Giá trị', amount(alert.value, n.decimals, measure)],
    ['Ngưỡng', n.threshold === null ? '–' : amount(n.threshold, n.decimals, measure)],
    ['Mức', SEVERITY[alert.severity]],
    ['Thời điểm', formatDateTime(n.at)],
  ];
  return compose(`[IOC] ${WHAT[n.kind]} ${SEVERITY[alert.severity]}: ${indicator} — ${unit}`, heading, rows, { label: 'Xem cảnh báo trên bảng điều hành', url: n.link });
}

/** A scheduled report's mail: what it is, for which scope, when it was made, where to download it. */
export function reportMail(d: ReportDelivery): MailText {
  const what = d.report.kind === 'briefing' ? 'Báo cáo giao ban' : 'Báo cáo';
  const scope = d.scopeName ?? d.report.scope;
  const rows: [string, string][] = [
    ['Đơn vị', scope],
    ['Thời điểm', formatDateTime(Date.parse(d.time))],
  ];
  return compose(`[IOC] ${what} — ${scope}`, `${what} đã sẵn sàng`, rows, { label: 'Tải báo cáo (PDF)', url: d.downloadUrl });
}

export function mailOf(body: NotifyBody): MailText {
  return body.type === 'report.done' ? reportMail(body) : alertMail(body);
}
