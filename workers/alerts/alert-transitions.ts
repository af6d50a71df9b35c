import type { AlertEvent, AlertRecord } from '../../core/alerts/alert';
import type { AlertRule } from '../../core/alerts/rule';
import type { AlertState, Transition } from '../../core/alerts/state-machine';
import { coveringSilences, mutingAt, type Silence } from '../../core/alerts/silence';
import { newAlertId, type StoredState } from '../../store/alerts.repo';

/**
 * Turns a state-machine transition into the alert record and event operators see: a new alert when it fires, the
 * same alert when it escalates or resolves. Transitions that open or close nothing (ok ↔ pending) have no event.
 */
export function eventFor(
  rule: AlertRule,
  unit: string,
  prev: StoredState,
  next: AlertState,
  transition: Transition,
  open: AlertRecord | undefined,
): { state: StoredState; event?: AlertEvent } {
  const at = transition.at;
  if (transition.to === 'firing' && transition.from !== 'firing') {
    const alert: AlertRecord = {
      id: newAlertId(),
      indicator: rule.indicator,
      unit,
      ruleScope: rule.scope,
      severity: next.severity!,
      phase: 'firing',
      value: next.value,
      firedAt: at,
      resolvedAt: null,
      acknowledged: null,
      assignee: null,
      silencedUntil: null,
      mutedBy: null,
    };
    return { state: { state: next, alertId: alert.id }, event: { alert, kind: 'fired', at, by: 'system' } };
  }
  if (transition.to === 'firing' && open) {
    const alert = { ...open, severity: next.severity!, value: next.value };
    return { state: { state: next, alertId: open.id }, event: { alert, kind: 'escalated', at, by: 'system' } };
  }
  if (transition.to === 'resolved' && open) {
    const alert: AlertRecord = { ...open, phase: 'resolved', resolvedAt: at, value: next.value };
    return { state: { state: next, alertId: null }, event: { alert, kind: 'resolved', at, by: 'system' } };
  }
  return { state: { state: next, alertId: next.phase === 'firing' ? prev.alertId : null } };
}

/**
 * The event with its alert muted as the silences at the event's time say (core/alerts/silence.ts mutingAt): the
 * notification step holds an event whose `alert.silencedUntil` is after its time.
 */
export function withMuting(event: AlertEvent, silences: readonly Silence[], unitPath: readonly string[]): AlertEvent {
  const a = event.alert;
  const covering = coveringSilences(silences, { indicator: a.indicator, ruleScope: a.ruleScope, unitPath }, event.at);
  const muting = mutingAt({ silencedUntil: a.silencedUntil, mutedBy: a.mutedBy ?? null }, covering, event.at);
  return { ...event, alert: { ...a, ...muting } };
}
