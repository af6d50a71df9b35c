import type { Indicator } from '../indicators/indicator';

/**
 * An alert rule for one indicator, at a scope (DESIGN §8): the national default, overridden for a province, overridden
 * for a commune. `bad` says which way is bad: 'below' when good is up (on-time rate), 'above' when good is down (AQI).
 */
export interface AlertRule {
  indicator: string;
  /** VN (the default), a province or a commune; the most specific rule for a unit wins. */
  scope: string;
  bad: 'below' | 'above';
  warning: number | null;
  critical: number | null;
  /**
   * Hysteresis: a firing alert clears only once the value is back past this level (above it for 'below', below it for
   * 'above'), so a value hovering around the warning level fires once and resolves once.
   */
  clear: number | null;
  /** A breach must last this long before it fires (0: at once). */
  pendingMs: number;
  /** A value older than this raises a no-data alert (null: never); defaults to the indicator's cadence. */
  noDataMs: number | null;
}

/** The catalog's default rule for an indicator, or undefined where the catalog states no fixed level. */
export function defaultRule(ind: Indicator): AlertRule | undefined {
  const { warning, critical } = ind.thresholds;
  if (warning === null && critical === null) return undefined;
  if (ind.good !== 'up' && ind.good !== 'down') return undefined;
  const bad = ind.good === 'up' ? 'below' : 'above';
  const edge = warning ?? critical!;
  const band = Math.max(Math.abs(edge) * 0.02, 10 ** -ind.decimals);
  return {
    indicator: ind.id,
    scope: 'VN',
    bad,
    warning,
    critical,
    clear: bad === 'below' ? edge + band : edge - band,
    pendingMs: ind.cadence === 'realtime' ? 5 * 60_000 : 0,
    noDataMs: ind.staleAfterMs,
  };
}

/** The rules by indicator, then scope: what ruleFor looks up for every changed value an alert evaluator reads. */
export type RuleIndex = ReadonlyMap<string, ReadonlyMap<string, AlertRule>>;

/** `rules` indexed for ruleFor; of two rules for one (indicator, scope), the first listed wins. */
export function indexRules(rules: readonly AlertRule[]): RuleIndex {
  const index = new Map<string, Map<string, AlertRule>>();
  for (const r of rules) {
    let byScope = index.get(r.indicator);
    if (!byScope) index.set(r.indicator, (byScope = new Map()));
    if (!byScope.has(r.scope)) byScope.set(r.scope, r);
  }
  return index;
}

/**
 * The most specific rule for a unit: its own, else its province's, else the national one. `parentOf` walks up from
 * `unit` (the unit registry's parent; null or undefined at the top).
 */
export function ruleFor(
  index: RuleIndex,
  indicator: string,
  unit: string,
  parentOf: (code: string) => string | null | undefined,
): AlertRule | undefined {
  const byScope = index.get(indicator);
  if (!byScope) return undefined;
  for (let scope: string | null | undefined = unit; scope; scope = parentOf(scope)) {
    const r = byScope.get(scope);
    if (r) return r;
  }
  return undefined;
}

export type Severity = 'warning' | 'critical' | 'nodata';

/** How bad a value is under a rule, ignoring hysteresis: null when it is fine. */
export function breach(rule: AlertRule, value: number | null): Exclude<Severity, 'nodata'> | null {
  if (value === null) return null;
  const worse = (level: number | null) => level !== null && (rule.bad === 'below' ? value < level : value > level);
  if (worse(rule.critical)) return 'critical';
  if (worse(rule.warning)) return 'warning';
  return null;
}

/** True when the value is back past the clear level (or, without one, no longer in breach). */
export function cleared(rule: AlertRule, value: number | null): boolean {
  if (value === null) return false;
  if (rule.clear === null) return breach(rule, value) === null;
  return rule.bad === 'below' ? value >= rule.clear : value <= rule.clear;
}
