import { breach, cleared, type AlertRule, type Severity } from './rule';

/**
 * One (rule, unit)'s alert state: ok → pending → firing → resolved (DESIGN §8). Pure: `now` is passed in.
 * - ok: nothing wrong. - pending: in breach since `since`, not yet for the rule's pending duration.
 * - firing: an alert is open (its severity may rise or fall while it stays open). - resolved: it just closed; the
 *   next evaluation returns to ok. Acknowledgement and silences belong to the alert record, not to this machine.
 */
export type AlertPhase = 'ok' | 'pending' | 'firing' | 'resolved';

export interface AlertState {
  phase: AlertPhase;
  severity: Severity | null;
  /** When the current breach (pending or firing) began. */
  since: number | null;
  /** When it started firing. */
  firedAt: number | null;
  value: number | null;
}

export const OK: AlertState = Object.freeze({ phase: 'ok', severity: null, since: null, firedAt: null, value: null });

export interface Observed {
  value: number | null;
  /** When the value was observed; undefined when there is no value at all. */
  observedAt: number | undefined;
}

export type Transition = { from: AlertPhase; to: AlertPhase; severity: Severity | null; at: number };

/** The next state, and the transition when the phase or the firing severity changed. */
export function evaluate(rule: AlertRule, prev: AlertState, obs: Observed, now: number): { state: AlertState; transition?: Transition } {
  const stale = rule.noDataMs !== null && obs.observedAt !== undefined && now - obs.observedAt > rule.noDataMs;
  const start = prev.phase === 'resolved' ? OK : prev;
  let next: AlertState;

  if (stale) {
    next = start.phase === 'firing' && start.severity === 'nodata'
      ? start
      : { phase: 'firing', severity: 'nodata', since: start.since ?? now, firedAt: now, value: obs.value };
  } else if (start.phase === 'firing') {
    if (start.severity === 'nodata' || cleared(rule, obs.value)) {
      const still = start.severity === 'nodata' ? breach(rule, obs.value) : null;
      next = still ? { ...start, severity: still, value: obs.value } : { phase: 'resolved', severity: null, since: null, firedAt: null, value: obs.value };
    } else {
      // inside the band or still in breach: stays open; the severity follows the value but never drops below warning
      next = { ...start, severity: breach(rule, obs.value) ?? 'warning', value: obs.value };
    }
  } else {
    const severity = breach(rule, obs.value);
    if (!severity) next = { ...OK, value: obs.value };
    else {
      const since = start.phase === 'pending' ? start.since! : now;
      next = now - since >= rule.pendingMs
        ? { phase: 'firing', severity, since, firedAt: now, value: obs.value }
        : { phase: 'pending', severity, since, firedAt: null, value: obs.value };
    }
  }

  const changed = next.phase !== prev.phase || (next.phase === 'firing' && next.severity !== prev.severity);
  return changed ? { state: next, transition: { from: prev.phase, to: next.phase, severity: next.severity, at: now } } : { state: next };
}
