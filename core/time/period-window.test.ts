import { describe, expect, it } from 'vitest';
import { clampIntoWindow, periodWindowMs } from './period-window';

const vn = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h) - 7 * 3600_000;

describe('period windows (Viet Nam time)', () => {
  it('a day, a month, a quarter and a year, end exclusive', () => {
    expect(periodWindowMs('2026-11-28')).toEqual([vn(2026, 11, 28), vn(2026, 11, 29)]);
    expect(periodWindowMs('2026-12-31')).toEqual([vn(2026, 12, 31), vn(2027, 1, 1)]);
    expect(periodWindowMs('2026-02')).toEqual([vn(2026, 2, 1), vn(2026, 3, 1)]);
    expect(periodWindowMs('2026-12')).toEqual([vn(2026, 12, 1), vn(2027, 1, 1)]);
    expect(periodWindowMs('2026-Q4')).toEqual([vn(2026, 10, 1), vn(2027, 1, 1)]);
    expect(periodWindowMs('2026')).toEqual([vn(2026, 1, 1), vn(2027, 1, 1)]);
  });

  it('none for live or what is not a period', () => {
    expect(periodWindowMs('live')).toBeUndefined();
    expect(periodWindowMs('2026-02-30')).toBeUndefined();
    expect(periodWindowMs('yesterday')).toBeUndefined();
  });

  it('a figure observed after its period ended belongs to the period’s last moment', () => {
    const w = periodWindowMs('2026-11-28')!;
    expect(clampIntoWindow(vn(2026, 11, 29, 9), w)).toBe(w[1] - 1);
    expect(clampIntoWindow(vn(2026, 11, 28, 9), w)).toBe(vn(2026, 11, 28, 9));
    expect(clampIntoWindow(vn(2026, 11, 27, 9), w)).toBe(w[0]);
    expect(clampIntoWindow(123, undefined)).toBe(123);
  });
});
