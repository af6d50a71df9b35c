/**
 * Silences (maintenance windows): for a time window, alerts of a rule, of one unit, or of a scope (a unit and
 * everything under it) still open and show, marked muted, but send no notification. Pure: `at` and the unit's path
 * (the unit, then its ancestors) are passed in.
 */
export type SilenceTarget =
  /** The alerts of one rule: its indicator and the scope it was saved for (an alert's `ruleScope`). */
  | { kind: 'rule'; indicator: string; scope: string }
  /** The alerts of exactly this unit. */
  | { kind: 'unit'; unit: string }
  /** The alerts of this unit and of every unit under it. */
  | { kind: 'scope'; scope: string };

export interface Silence {
  id: string;
  target: SilenceTarget;
  /** The window, epoch ms: covers startsAt ≤ t < endsAt. Ending a silence early moves endsAt to that moment. */
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string;
  createdAt: number;
  /** Who ended it early, and when (endsAt then equals `at`). */
  ended: { by: string; at: number } | null;
}

/** A silence lasts at most this long (a maintenance window, not a way to switch an alert off for good). */
export const SILENCE_MAX_MS = 30 * 86400_000;

/** What of an alert a silence is matched on. */
export interface SilenceSubject {
  indicator: string;
  ruleScope: string;
  /** The alert's unit first, then its ancestors up to the nation. */
  unitPath: readonly string[];
}

/** The unit a silence concerns: who may see, create or end it is decided on it. */
export function silenceUnit(t: SilenceTarget): string {
  return t.kind === 'rule' ? t.scope : t.kind === 'unit' ? t.unit : t.scope;
}

export function targets(t: SilenceTarget, s: SilenceSubject): boolean {
  if (t.kind === 'rule') return t.indicator === s.indicator && t.scope === s.ruleScope;
  if (t.kind === 'unit') return s.unitPath[0] === t.unit;
  return s.unitPath.includes(t.scope);
}

export const activeAt = (silence: Silence, at: number): boolean => silence.startsAt <= at && at < silence.endsAt;

/** The silences that cover this alert at `at`, the one lasting longest first. */
export function coveringSilences(silences: Iterable<Silence>, subject: SilenceSubject, at: number): Silence[] {
  const out: Silence[] = [];
  for (const s of silences) if (activeAt(s, at) && targets(s.target, subject)) out.push(s);
  return out.sort((a, b) => b.endsAt - a.endsAt || (a.id < b.id ? -1 : 1));
}

/** How an alert is muted: the operator's own silence of it and the covering silence, as the alert record keeps them. */
export interface Muting {
  /** Notifications are held while an event's time is before it (workers/alerts/webhook.ts reads it). */
  silencedUntil: number | null;
  /** The silence that covered the alert at its last transition, or null. */
  mutedBy: { silence: string; until: number } | null;
}

/**
 * The muting of an alert at a transition at `at`: the longer of the operator's own silence of this alert and the
 * covering silence that lasts longest. A `silencedUntil` that came from an earlier covering silence (it equals that
 * silence's end) is not the operator's, so a silence ended early stops muting at the next transition.
 */
export function mutingAt(known: Muting, covering: readonly Silence[], at: number): Muting {
  const own = known.mutedBy && known.silencedUntil === known.mutedBy.until ? null : known.silencedUntil;
  const ownActive = own !== null && own > at ? own : null;
  const best = covering[0];
  if (!best) return { silencedUntil: ownActive, mutedBy: null };
  return { silencedUntil: Math.max(ownActive ?? 0, best.endsAt), mutedBy: { silence: best.id, until: best.endsAt } };
}
