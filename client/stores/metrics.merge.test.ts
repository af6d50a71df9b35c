import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../core/contract/metrics';
import { fromSnapshot, metricKey, mergeValues } from './metrics.merge';

function v(unit: string, period: string, value: number | null, indicator = 'x'): MetricValue {
  return { indicator, unit, period, value, num: value ?? 0, den: null, observedAt: 1, source: 's' };
}

const base = fromSnapshot({
  scope: 'VN',
  seq: '1-0',
  periods: { x: '2026-11-28' },
  values: [v('VN', '2026-11-28', 90), v('01', '2026-11-28', 91), v('48', '2026-11-28', 92), v('79', '2026-11-28', 93), v('01', '2026-11-27', 1)],
  serverTime: 0,
});

describe('metrics merge', () => {
  it('keeps only the snapshot period', () => {
    expect(base.shown.size).toBe(4);
    expect(base.shown.get(metricKey('x', '01'))?.value).toBe(91);
  });

  it('replaces values of the shown period and ignores older periods', () => {
    const next = mergeValues(base, [v('01', '2026-11-28', 95), v('48', '2026-11-27', 10)]);
    expect(next.shown.get(metricKey('x', '01'))?.value).toBe(95);
    expect(next.shown.get(metricKey('x', '48'))?.value).toBe(92);
    expect(base.shown.get(metricKey('x', '01'))?.value).toBe(91); // immutable
  });

  it('holds a newer period aside until half the units have reported it', () => {
    const one = mergeValues(base, [v('01', '2026-11-29', 50)]);
    expect(one.periods.x).toBe('2026-11-28');
    expect(one.pending.get('x')?.values.size).toBe(1);
    const two = mergeValues(one, [v('48', '2026-11-29', 60), v('VN', '2026-11-29', 55)]);
    expect(two.periods.x).toBe('2026-11-29');
    expect(two.shown.size).toBe(3);
    expect(two.shown.get(metricKey('x', '79'))).toBeUndefined();
    expect(two.pending.size).toBe(0);
  });

  it('moves a scope-only figure to its new period at once', () => {
    const cpi = fromSnapshot({ scope: 'VN', seq: '1-0', periods: { c: '2026-09' }, values: [v('VN', '2026-09', 3.2, 'c')], serverTime: 0 });
    const next = mergeValues(cpi, [v('VN', '2026-10', 3.4, 'c')]);
    expect(next.periods.c).toBe('2026-10');
    expect(next.shown.get(metricKey('c', 'VN'))?.value).toBe(3.4);
  });

  it('adopts the period of an indicator it has not seen', () => {
    const next = mergeValues(base, [v('01', '2026-11', 3, 'y')]);
    expect(next.periods.y).toBe('2026-11');
    expect(next.shown.get(metricKey('y', '01'))?.value).toBe(3);
  });
});
