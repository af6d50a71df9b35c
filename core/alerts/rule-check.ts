import type { AlertRule } from './rule';

/** Limits of a rule's durations, as the server accepts them (PUT /api/v1/alert-rules). */
export const PENDING_MAX_MS = 7 * 86400_000;
export const NODATA_MIN_MS = 60_000;
export const NODATA_MAX_MS = 800 * 86400_000;

export type RuleField = 'warning' | 'critical' | 'clear' | 'pendingMs' | 'noDataMs';

/**
 * What is wrong with a rule, as data (the screen words it in its own language):
 * - noLevel: neither a warning nor a critical level; - notNumber: a level that is not a finite number;
 * - order: critical on the good side of warning; - clearSide: the clear level on the bad side of the first level
 *   crossed (`edge`), so the hysteresis band would be inverted; - range: a duration outside its limits.
 */
export interface RuleIssue {
  field: RuleField;
  code: 'noLevel' | 'notNumber' | 'order' | 'clearSide' | 'range';
  /** The level the field is compared with (order: warning; clearSide: the first level crossed). */
  edge?: number;
}

export type RuleLevels = Pick<AlertRule, 'bad' | 'warning' | 'critical' | 'clear' | 'pendingMs' | 'noDataMs'>;

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);
const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/**
 * The one check of a rule's levels and durations: the server refuses a saved or previewed rule with these issues
 * (server/routes/alert-rules.routes.ts, as 400 with `ruleIssues`), and the editor says what is wrong before sending: levels ordered in the bad direction (critical at or beyond warning), the clear
 * level on the good side of the first level crossed, durations within their limits. Empty when the rule is valid.
 */
export function checkRule(r: RuleLevels): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const field of ['warning', 'critical', 'clear'] as const) {
    if (!finiteOrNull(r[field])) issues.push({ field, code: 'notNumber' });
  }
  if (issues.length > 0) return issues;
  if (r.warning === null && r.critical === null) issues.push({ field: 'warning', code: 'noLevel' });
  // a is worse than (or as bad as) b in the rule's bad direction
  const worse = (a: number, b: number) => (r.bad === 'below' ? a <= b : a >= b);
  if (r.warning !== null && r.critical !== null && !worse(r.critical, r.warning)) {
    issues.push({ field: 'critical', code: 'order', edge: r.warning });
  }
  const edge = r.warning ?? r.critical;
  if (r.clear !== null && edge !== null && !worse(edge, r.clear)) issues.push({ field: 'clear', code: 'clearSide', edge });
  if (!intIn(r.pendingMs, 0, PENDING_MAX_MS)) issues.push({ field: 'pendingMs', code: 'range' });
  if (r.noDataMs !== null && !intIn(r.noDataMs, NODATA_MIN_MS, NODATA_MAX_MS)) issues.push({ field: 'noDataMs', code: 'range' });
  return issues;
}
