import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../core/alerts/rule';
import { formOf, issueMessage, parseNumber, ruleInForce, ruleOf } from './rule-form';

const def: AlertRule = { indicator: 'dossier_on_time_rate', scope: 'VN', bad: 'below', warning: 95, critical: 90, clear: 96.9, pendingMs: 0, noDataMs: 93_600_000 };

describe('rule form', () => {
  it('round-trips a rule through the form (durations in minutes)', () => {
    const form = formOf(def);
    expect(form).toMatchObject({ warning: '95', critical: '90', clear: '96.9', pendingMin: '0', noDataMin: '1560' });
    expect(ruleOf(form)).toEqual({ rule: def, issues: [] });
  });

  it('reads comma decimals, empty as none, and flags what is not a number', () => {
    expect([parseNumber('95,5'), parseNumber(' 12 '), parseNumber(''), parseNumber('abc')]).toEqual([95.5, 12, null, Number.NaN]);
    const { rule, issues } = ruleOf({ ...formOf(def), critical: '', noDataMin: '', warning: '97,5', clear: '98' });
    expect(issues).toEqual([]);
    expect(rule).toMatchObject({ warning: 97.5, critical: null, clear: 98, noDataMs: null });
    expect(ruleOf({ ...formOf(def), warning: 'x' }).issues.map((i) => i.code)).toEqual(['notNumber']);
  });

  it('refuses what the server refuses, with words for each issue', () => {
    const { rule, issues } = ruleOf({ ...formOf(def), critical: '97' });
    expect(rule).toBeNull();
    expect(issues.map((i) => issueMessage(i, 'below'))).toEqual([{ key: 'rules.issue.orderBelow', params: { edge: 95 } }]);
    const clear = ruleOf({ ...formOf(def), bad: 'above', warning: '24', critical: '72', clear: '30' }).issues;
    expect(clear.map((i) => issueMessage(i, 'above').key)).toEqual(['rules.issue.clearSideAbove']);
    expect(ruleOf({ ...formOf(def), pendingMin: '20000' }).issues.map((i) => issueMessage(i, 'below').key)).toEqual(['rules.issue.pendingMs']);
  });

  it('finds the rule in force: own, else the nearest stored above, else the catalog default', () => {
    const province = { ...def, scope: '48', warning: 97 };
    expect(ruleInForce([province], [def], def.indicator, '48', ['VN'])).toMatchObject({ from: 'own', rule: { warning: 97 } });
    expect(ruleInForce([province], [def], def.indicator, '20194', ['48', 'VN'])).toMatchObject({ from: 'inherited', rule: { scope: '48' } });
    expect(ruleInForce([province], [def], def.indicator, '01', ['VN'])).toMatchObject({ from: 'default', rule: { warning: 95 } });
    expect(ruleInForce([], [], 'x', 'VN', [])).toBeNull();
  });
});

describe('rule changes (history)', () => {
  it('lists the fields that changed, every field of a new or deleted rule', async () => {
    const { ruleChanges } = await import('./rule-form');
    expect(ruleChanges(def, { ...def, warning: 97, clear: 98 })).toEqual([
      { field: 'warning', before: 95, after: 97 },
      { field: 'clear', before: 96.9, after: 98 },
    ]);
    expect(ruleChanges(null, def).map((c) => c.field)).toEqual(['bad', 'warning', 'critical', 'clear', 'pendingMs', 'noDataMs']);
    expect(ruleChanges(def, null)[1]).toEqual({ field: 'warning', before: 95, after: undefined });
  });
});
