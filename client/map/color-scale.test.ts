import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, PALETTE, buildColorScale, classOf, colorOf } from './color-scale';

const rate = { range: { min: 80, max: 100 }, good: 'up' as const, decimals: 1 };

describe('buildColorScale', () => {
  it('uses the indicator range when the data fits it', () => {
    const scale = buildColorScale(rate, [82, 88, 91, 95, 99]);
    expect(scale.basis).toBe('range');
    expect(buildColorScale(rate, [91, 93, 93.5, 94, 94.5, 95, 95.5, 97]).basis).toBe('quantile'); // 6 of 8 in one class
    expect(scale.breaks).toEqual([80, 84, 88, 92, 96, 100]);
    expect(scale.colors[0]).toBe(PALETTE[0]);
    expect(scale.colors[4]).toBe(PALETTE[5]);
  });

  it('uses quantiles when the data would fill fewer than 3 of the range classes', () => {
    const scale = buildColorScale(rate, [92.5, 93.1, 94.0, 94.6, 95.2, 95.9, 96.4, 97.0]);
    expect(scale.basis).toBe('quantile');
    expect(scale.breaks[0]).toBeLessThanOrEqual(92.5);
    expect(scale.breaks[scale.breaks.length - 1]).toBeGreaterThanOrEqual(97);
    expect(new Set([92.5, 94.0, 95.2, 97.0].map((v) => colorOf(scale, v))).size).toBeGreaterThanOrEqual(3);
  });

  it('reverses the palette when lower is better', () => {
    const scale = buildColorScale({ ...rate, good: 'down' }, [82, 99]);
    expect(scale.reversed).toBe(true);
    expect(scale.colors[0]).toBe(PALETTE[5]);
    expect(colorOf(scale, 99)).toBe(PALETTE[0]);
  });

  it('falls back to rounded quantiles when the data does not fit the range', () => {
    const counts = { range: { min: 0, max: 1_000_000 }, good: 'context' as const, decimals: 0 };
    const values = [120, 340, 560, 780, 1000, 1500, 2300, 4100, 8000, 12000];
    const scale = buildColorScale(counts, values);
    expect(scale.basis).toBe('quantile');
    expect(scale.breaks[0]).toBeLessThanOrEqual(120);
    expect(scale.breaks[scale.breaks.length - 1]).toBeGreaterThanOrEqual(12000);
    for (let i = 1; i < scale.breaks.length; i += 1) expect(scale.breaks[i]).toBeGreaterThan(scale.breaks[i - 1] ?? 0);
    expect(scale.breaks.every((b) => b % 100 === 0)).toBe(true);
  });

  it('gives one class when every value is the same', () => {
    const scale = buildColorScale({ range: { min: 0, max: 0 }, good: 'up', decimals: 0 }, [5, 5, 5]);
    expect(scale.breaks.length).toBe(2);
    expect(scale.colors).toHaveLength(1);
  });
});

describe('classOf and colorOf', () => {
  const scale = buildColorScale(rate, [85, 95]);
  it('clamps values beyond the ends', () => {
    expect(classOf(scale, 10)).toBe(0);
    expect(classOf(scale, 100)).toBe(4);
    expect(classOf(scale, 150)).toBe(4);
    expect(classOf(scale, 88)).toBe(2);
  });
  it('greys missing values', () => {
    expect(colorOf(scale, null)).toBe(NO_DATA_COLOR);
    expect(colorOf(scale, Number.NaN)).toBe(NO_DATA_COLOR);
  });
});
