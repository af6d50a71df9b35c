import type { AlertRule } from '../../../core/alerts/rule';
import { checkRule, type RuleIssue } from '../../../core/alerts/rule-check';

/** A rule as typed in the editor: levels and durations as text (a comma decimal is accepted), durations in minutes. */
export interface RuleForm {
  indicator: string;
  scope: string;
  bad: 'below' | 'above';
  warning: string;
  critical: string;
  clear: string;
  pendingMin: string;
  noDataMin: string;
}

const MINUTE = 60_000;

const text = (n: number | null) => (n === null ? '' : String(n));

export function formOf(rule: AlertRule): RuleForm {
  return {
    indicator: rule.indicator,
    scope: rule.scope,
    bad: rule.bad,
    warning: text(rule.warning),
    critical: text(rule.critical),
    clear: text(rule.clear),
    pendingMin: text(rule.pendingMs / MINUTE),
    noDataMin: rule.noDataMs === null ? '' : text(rule.noDataMs / MINUTE),
  };
}

/** '' → null; "95,5" or "95.5" → 95.5; anything else → NaN (reported as not a number). */
export function parseNumber(value: string): number | null {
  const v = value.trim().replace(/\s/g, '').replace(',', '.');
  if (v === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : Number.NaN;
}

/**
 * The rule the form says, and what is wrong with it (the server's checks, core/alerts/rule-check.ts); `rule` is null
 * while anything is wrong. An empty pending duration is 0, an empty no-data duration is "never".
 */
export function ruleOf(form: RuleForm): { rule: AlertRule | null; issues: RuleIssue[] } {
  const pending = parseNumber(form.pendingMin);
  const noData = parseNumber(form.noDataMin);
  const candidate: AlertRule = {
    indicator: form.indicator,
    scope: form.scope,
    bad: form.bad,
    warning: parseNumber(form.warning),
    critical: parseNumber(form.critical),
    clear: parseNumber(form.clear),
    pendingMs: pending === null ? 0 : Math.round(pending * MINUTE * 1000) / 1000,
    noDataMs: noData === null ? null : Math.round(noData * MINUTE * 1000) / 1000,
  };
  const issues = checkRule(candidate);
  return { rule: issues.length === 0 && form.indicator && form.scope ? candidate : null, issues };
}

/** The i18n key and parameters of an issue's message (`rules.issue.*`). */
export function issueMessage(issue: RuleIssue, bad: 'below' | 'above'): { key: string; params: Record<string, unknown> } {
  const dir = bad === 'below' ? 'Below' : 'Above';
  switch (issue.code) {
    case 'order':
      return { key: `rules.issue.order${dir}`, params: { edge: issue.edge } };
    case 'clearSide':
      return { key: `rules.issue.clearSide${dir}`, params: { edge: issue.edge } };
    case 'range':
      return { key: `rules.issue.${issue.field}`, params: {} };
    default:
      return { key: `rules.issue.${issue.code}`, params: {} };
  }
}

export interface StoredRule extends AlertRule {
  updatedBy?: string;
  updatedAt?: number;
}

/**
 * The rule in force for an indicator at a scope, and where it comes from: the scope's own rule, else the nearest
 * stored rule above it (`chain` = the scope's ancestors, nearest first), else the catalog default (as the evaluator
 * decides, workers/alerts/alert-evaluator.ts).
 */
export function ruleInForce(
  stored: readonly StoredRule[],
  defaults: readonly AlertRule[],
  indicator: string,
  scope: string,
  chain: readonly string[],
): { rule: StoredRule; from: 'own' | 'inherited' | 'default' } | null {
  for (const [i, s] of [scope, ...chain].entries()) {
    const r = stored.find((x) => x.indicator === indicator && x.scope === s);
    if (r) return { rule: r, from: i === 0 ? 'own' : 'inherited' };
  }
  const d = defaults.find((x) => x.indicator === indicator);
  return d ? { rule: d, from: 'default' } : null;
}

export const RULE_FIELDS = ['bad', 'warning', 'critical', 'clear', 'pendingMs', 'noDataMs'] as const;
export type RuleChangeField = (typeof RULE_FIELDS)[number];

/** What a rule change changed, field by field (a new rule: every field, from nothing; a deleted one: to nothing). */
export function ruleChanges(
  before: Partial<AlertRule> | null | undefined,
  after: Partial<AlertRule> | null | undefined,
): { field: RuleChangeField; before: unknown; after: unknown }[] {
  return RULE_FIELDS.filter((f) => !before || !after || before[f] !== after[f]).map((field) => ({
    field,
    before: before ? before[field] : undefined,
    after: after ? after[field] : undefined,
  }));
}
