import type { AlertPhase } from './state-machine';
import type { Severity } from './rule';

/** An alert as operators see it: one per firing of a (rule, unit), with who acted on it. */
export interface AlertRecord {
  id: string;
  indicator: string;
  unit: string;
  /** The scope of the rule that fired it. */
  ruleScope: string;
  severity: Severity;
  phase: Extract<AlertPhase, 'firing' | 'resolved'>;
  value: number | null;
  firedAt: number;
  resolvedAt: number | null;
  acknowledged: { by: string; at: number; comment: string } | null;
  assignee: { user: string; by: string; at: number } | null;
  /** Notifications are held until then: the operator's silence of this alert, or the silence covering it (mutedBy). */
  silencedUntil: number | null;
  /** The silence (maintenance window) that covered the alert at its last transition (core/alerts/silence.ts); absent on older records. */
  mutedBy?: { silence: string; until: number } | null;
}

/** Pushed to clients as `alert:changed` and kept in the history. */
export interface AlertEvent {
  alert: AlertRecord;
  /** What happened: a transition of the state machine, or an operator's action. */
  kind: 'fired' | 'escalated' | 'resolved' | 'acknowledged' | 'assigned' | 'silenced';
  at: number;
  by: string;
}
