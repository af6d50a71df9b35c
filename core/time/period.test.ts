import { describe, expect, it } from 'vitest';
import { currentPeriod, isFuturePeriod, periodKindOf, periodStartMs } from './period';

// 2026-11-28 23:30 in Ha Noi = 16:30 UTC
const lateEvening = Date.UTC(2026, 10, 28, 16, 30);

describe('periods', () => {
  it('recognises each kind and rejects impossible dates', () => {
    expect(periodKindOf('live')).toBe('live');
    expect(periodKindOf('2026-11-28')).toBe('day');
    expect(periodKindOf('2026-11')).toBe('month');
    expect(periodKindOf('2026-Q4')).toBe('quarter');
    expect(periodKindOf('2026')).toBe('year');
    expect(periodKindOf('2026-02-30')).toBeUndefined();
    expect(periodKindOf('2026-13')).toBeUndefined();
    expect(periodKindOf('2026-Q5')).toBeUndefined();
    expect(periodKindOf('yesterday')).toBeUndefined();
  });

  it('uses Viet Nam time for the current period', () => {
    expect(currentPeriod('day', lateEvening)).toBe('2026-11-28');
    // 00:30 on 1 December in Ha Noi is still 30 November in UTC
    const justAfterMidnight = Date.UTC(2026, 10, 30, 17, 30);
    expect(currentPeriod('day', justAfterMidnight)).toBe('2026-12-01');
    expect(currentPeriod('month', justAfterMidnight)).toBe('2026-12');
    expect(currentPeriod('quarter', justAfterMidnight)).toBe('2026-Q4');
    expect(currentPeriod('year', justAfterMidnight)).toBe('2026');
  });

  it('starts periods at midnight in Ha Noi', () => {
    expect(periodStartMs('2026-11-29')).toBe(Date.UTC(2026, 10, 28, 17, 0));
    expect(isFuturePeriod('2026-11-29', lateEvening)).toBe(true);
    expect(isFuturePeriod('2026-11-28', lateEvening)).toBe(false);
    expect(isFuturePeriod('2027', lateEvening)).toBe(true);
  });
});

describe('previous period', () => {
  it('steps back one period of the same kind, across month, quarter and year ends', async () => {
    const { previousPeriod } = await import('./period');
    expect(previousPeriod('2026-03-01')).toBe('2026-02-28');
    expect(previousPeriod('2026-01-01')).toBe('2025-12-31');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-11')).toBe('2026-10');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q4')).toBe('2026-Q3');
    expect(previousPeriod('2026')).toBe('2025');
    expect(previousPeriod('live')).toBeUndefined();
  });
});
