import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../core/contract/metrics';
import { unitRows } from './unit-rows';

const v = (unit: string, value: number | null, observedAt: number): MetricValue => ({
  indicator: 'x', unit, period: '2026-11-28', value, num: value ?? 0, den: null, observedAt, source: 's',
});

describe('unitRows', () => {
  it('gives every unit a row, with its value, age, staleness and source', () => {
    const rows = unitRows(
      [
        { code: '20194', name: 'Hải Vân' },
        { code: '20200', name: 'Hòa Khánh' },
      ],
      new Map([['20194', v('20194', 90, 1_000)]]),
      { staleAfterMs: 500 },
      2_000,
    );
    expect(rows).toEqual([
      { code: '20194', name: 'Hải Vân', value: 90, period: '2026-11-28', observedAt: 1_000, stale: true, ageMs: 1_000, source: 's' },
      { code: '20200', name: 'Hòa Khánh', value: null, period: null, observedAt: null, stale: false, ageMs: null, source: null },
    ]);
  });
});
