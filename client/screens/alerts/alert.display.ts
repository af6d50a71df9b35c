import type { AlertEvent, AlertRecord } from '../../../core/alerts/alert';
import type { Severity } from '../../../core/alerts/rule';
import { formatDate, formatDateTime } from '../../../core/format';
import type { IconName } from '../../components/state-icons';

/** How each severity looks: never colour alone — a distinct icon and a word (i18n `alerts.severity.<s>`) go with it. */
export const SEVERITY_DISPLAY: Readonly<Record<Severity, { icon: IconName; tone: 'crit' | 'nodata' | 'warn' }>> = Object.freeze({
  critical: { icon: 'octagon', tone: 'crit' },
  nodata: { icon: 'hourglass', tone: 'nodata' },
  warning: { icon: 'alert', tone: 'warn' },
});

const OFFSET = '+07:00';

/** "14:05" when `at` is on the same day as `now` (Vietnam time), else "27/11/2026 14:05". */
export function formatSince(at: number, now: number): string {
  const full = formatDateTime(at);
  return formatDate(at) === formatDate(now) ? full.slice(-5) : full;
}

/** A `datetime-local` input's value ("2026-11-29T14:05"), read as Vietnam time, in epoch ms; null when empty or invalid. */
export function vnLocalToMs(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00${OFFSET}`);
  return Number.isFinite(ms) ? ms : null;
}

/** The same value as an ISO date-time with Vietnam's offset, as the server expects (`silence.until`). */
export function vnLocalToIso(value: string): string | null {
  return vnLocalToMs(value) === null ? null : `${value}:00${OFFSET}`;
}

/** Epoch ms as a `datetime-local` value in Vietnam time ("2026-11-29T14:05"). */
export function msToVnLocal(ms: number): string {
  const d = new Date(ms + 7 * 3600_000);
  return d.toISOString().slice(0, 16);
}

export interface AlertFilters {
  unit: string;
  indicator: string;
  severity: '' | Severity;
  state: '' | 'firing' | 'resolved' | 'acknowledged' | 'unacknowledged';
  /** `datetime-local` values in Vietnam time; empty: no bound. */
  from: string;
  to: string;
}

export const NO_FILTERS: AlertFilters = Object.freeze({ unit: '', indicator: '', severity: '', state: '', from: '', to: '' });

/** The filters as the server's query string (docs/api.md "Alerts"), without the empty ones. */
export function filterQuery(f: AlertFilters): string {
  const q = new URLSearchParams();
  if (f.unit && f.unit !== 'VN') q.set('unit', f.unit);
  if (f.indicator) q.set('indicator', f.indicator);
  if (f.severity) q.set('severity', f.severity);
  if (f.state) q.set('state', f.state);
  const from = vnLocalToMs(f.from);
  const to = vnLocalToMs(f.to);
  if (from !== null) q.set('from', String(from));
  if (to !== null) q.set('to', String(to));
  return q.toString();
}

/**
 * Does this alert (as of `at`) pass the filters, as the server would decide? `within(unit, scope)` is the unit
 * registry's test (false when a commune's province is not known yet: the next refetch brings it).
 */
export function matchesFilters(a: AlertRecord, at: number, f: AlertFilters, within: (unit: string, scope: string) => boolean): boolean {
  const from = vnLocalToMs(f.from);
  const to = vnLocalToMs(f.to);
  const state =
    f.state === '' ||
    (f.state === 'acknowledged'
      ? a.acknowledged !== null
      : f.state === 'unacknowledged'
        ? a.acknowledged === null && a.phase === 'firing'
        : a.phase === f.state);
  return (
    (!f.unit || f.unit === 'VN' || within(a.unit, f.unit)) &&
    (!f.indicator || a.indicator === f.indicator) &&
    (!f.severity || a.severity === f.severity) &&
    state &&
    (from === null || at >= from) &&
    (to === null || at <= to)
  );
}

/** What an operator does to an alert (POST /api/v1/alerts/:id/<action>). */
export type AlertAction = 'ack' | 'assign' | 'silence';

/** What an event says happened, as the i18n key `alerts.kind.<kind>`. */
export const EVENT_KINDS: readonly AlertEvent['kind'][] = ['fired', 'escalated', 'resolved', 'acknowledged', 'assigned', 'silenced'];

/** Until when a maintenance window (a silence) mutes this alert's notifications, or null (none, or over at `now`). */
export function mutedUntil(a: AlertRecord, now: number): number | null {
  return a.mutedBy && a.silencedUntil === a.mutedBy.until && a.silencedUntil > now ? a.silencedUntil : null;
}
