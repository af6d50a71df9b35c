import { describe, expect, it } from 'vitest';
import { cumulative, emptyCounts, observe } from './histogram';

describe('fixed-bucket histogram counts', () => {
  it('puts each value in the first bucket at or above it, and sums up to +Inf', () => {
    const bounds = [0.01, 0.1, 1];
    const h = emptyCounts(bounds);
    for (const v of [0.005, 0.01, 0.05, 0.5, 3]) observe(h, bounds, v);
    expect(h.counts).toEqual([2, 1, 1, 1]);
    expect(h.count).toBe(5);
    expect(h.sum).toBeCloseTo(3.565);
    expect(cumulative(h, bounds)).toEqual([
      { le: '0.01', count: 2 },
      { le: '0.1', count: 3 },
      { le: '1', count: 4 },
      { le: '+Inf', count: 5 },
    ]);
  });
});
