// Run with `npx vitest run --config test/bench/vitest.config.ts` (the main config covers no bench folder).
import { describe, expect, it } from 'vitest';
import { heapSlope, leastSquares } from './heap-slope';

describe('leastSquares', () => {
  it('finds the line through points that lie on one', () => {
    const { slope, intercept } = leastSquares([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })));
    expect(slope).toBeCloseTo(2, 12);
    expect(intercept).toBeCloseTo(5, 12);
  });

  it('fits the middle of noisy points, not their ends', () => {
    // the ends alone would say +2/3 per step; the line through all four says +0.2
    const { slope } = leastSquares([{ x: 0, y: 0 }, { x: 1, y: 3 }, { x: 2, y: -1 }, { x: 3, y: 2 }]);
    expect(slope).toBeCloseTo(0.2, 12);
  });

  it('has no slope with fewer than two distinct x', () => {
    expect(leastSquares([{ x: 1, y: 1 }]).slope).toBeNaN();
    expect(leastSquares([{ x: 1, y: 1 }, { x: 1, y: 2 }]).slope).toBeNaN();
  });
});

describe('heapSlope', () => {
  const MB = 1048576;
  it('gives MB per wall-clock hour and % of the base heap per simulated day at 10× (2.4 h)', () => {
    // +1 MB every 30 minutes on a 100 MB heap: 2 MB/h, 4.8 MB per 2.4 h, 4.8 % a simulated day
    const samples = [0, 30, 60, 90].map((minute) => ({ minute, bytes: 100 * MB + (minute / 30) * MB }));
    const s = heapSlope(samples, 100 * MB, 10);
    expect(s.mbPerHour).toBeCloseTo(2, 9);
    expect(s.percentPerSimDay).toBeCloseTo(4.8, 9);
    expect(s.minutes).toBe(90);
  });

  it('says a flat heap does not grow, and a shrinking one has a negative slope', () => {
    expect(heapSlope([0, 2, 4].map((minute) => ({ minute, bytes: 50 * MB })), 50 * MB, 10).percentPerSimDay).toBe(0);
    expect(heapSlope([0, 2, 4].map((minute) => ({ minute, bytes: (50 - minute) * MB })), 50 * MB, 10).mbPerHour).toBeCloseTo(-60, 9);
  });
});
