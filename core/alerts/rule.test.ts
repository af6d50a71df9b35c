import { describe, expect, it } from 'vitest';
import { indicatorById } from '../indicators/catalog';
import { breach, cleared, defaultRule, indexRules, ruleFor, type AlertRule } from './rule';

describe('alert rules', () => {
  it('defaults come from the catalog thresholds, in the bad direction, with a clear band', () => {
    const onTime = defaultRule(indicatorById('dossier_on_time_rate')!)!;
    expect(onTime).toMatchObject({ bad: 'below', warning: 95, critical: 90, scope: 'VN' });
    expect(onTime.clear!).toBeGreaterThan(95);
    const lag = defaultRule(indicatorById('data_sync_lag_hours')!)!;
    expect(lag).toMatchObject({ bad: 'above', warning: 24, critical: 72 });
    expect(lag.clear!).toBeLessThan(24);
    expect(defaultRule(indicatorById('dossier_received_count')!)).toBeUndefined();
  });

  it('the most specific rule wins: commune, then province, then national', () => {
    const base = defaultRule(indicatorById('dossier_on_time_rate')!)!;
    const rules: AlertRule[] = [base, { ...base, scope: '48', warning: 97 }, { ...base, scope: '20194', warning: 99 }];
    const parents: Record<string, string> = { '20194': '48', '20195': '48', '00004': '01', '48': 'VN', '01': 'VN' };
    const parentOf = (code: string) => parents[code];
    const index = indexRules(rules);
    expect(ruleFor(index, base.indicator, '20194', parentOf)!.warning).toBe(99);
    expect(ruleFor(index, base.indicator, '20195', parentOf)!.warning).toBe(97);
    expect(ruleFor(index, base.indicator, '00004', parentOf)!.warning).toBe(95);
    expect(ruleFor(index, base.indicator, 'VN', parentOf)!.warning).toBe(95);
    expect(ruleFor(index, 'dossier_received_count', '20194', parentOf)).toBeUndefined();
  });

  it('of two rules for one indicator and scope, the first listed wins (stored rules come before the defaults)', () => {
    const base = defaultRule(indicatorById('dossier_on_time_rate')!)!;
    const index = indexRules([{ ...base, warning: 80 }, base]);
    expect(ruleFor(index, base.indicator, '48', () => 'VN')!.warning).toBe(80);
  });

  it('breach and clear follow the direction', () => {
    const r: AlertRule = { indicator: 'x', scope: 'VN', bad: 'above', warning: 100, critical: 150, clear: 95, pendingMs: 0, noDataMs: null };
    expect([breach(r, 99), breach(r, 120), breach(r, 151), breach(r, null)]).toEqual([null, 'warning', 'critical', null]);
    expect([cleared(r, 97), cleared(r, 95)]).toEqual([false, true]);
  });
});
