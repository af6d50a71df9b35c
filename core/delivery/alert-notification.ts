import type { AlertEvent } from '../alerts/alert';
import type { AlertRule } from '../alerts/rule';
import type { AlertNotification } from '../contract/contact-points';
import type { Indicator } from '../indicators/indicator';
import type { Unit } from '../units/unit';

/** Events worth a notification: an alert opened, got worse or closed. Operator actions are not sent. */
export const NOTIFIED_KINDS: ReadonlySet<AlertEvent['kind']> = new Set(['fired', 'escalated', 'resolved']);

/** True when the event is sent to contact points: a notified kind, and the alert not silenced at that time. */
export function isNotified(event: AlertEvent): boolean {
  if (!NOTIFIED_KINDS.has(event.kind)) return false;
  return event.alert.silencedUntil === null || event.alert.silencedUntil <= event.at;
}

/** The alert's page on the dashboard. */
export function alertLink(publicUrl: string, alertId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/alerts?alert=${encodeURIComponent(alertId)}`;
}

/** What every contact point is sent for an alert event: the event, with the names, threshold and link spelled out. */
export function alertNotification(
  event: AlertEvent,
  ctx: { unit: Unit | undefined; indicator: Indicator | undefined; rule: AlertRule | undefined; publicUrl: string },
): AlertNotification {
  const { severity } = event.alert;
  const threshold = severity === 'nodata' || !ctx.rule ? null : (severity === 'critical' ? ctx.rule.critical : ctx.rule.warning);
  return {
    type: `alert.${event.kind as 'fired' | 'escalated' | 'resolved'}`,
    time: new Date(event.at).toISOString(),
    unitName: ctx.unit?.fullName ?? null,
    indicatorName: ctx.indicator?.name ?? null,
    measure: ctx.indicator?.measure ?? null,
    threshold,
    decimals: ctx.indicator?.decimals ?? 0,
    link: alertLink(ctx.publicUrl, event.alert.id),
    ...event,
  };
}
