import { describe, expect, it } from 'vitest';
import { effectiveRange, previousPeriod, previousPlan, rangeAllowed, RANGE_MS, seriesSummary } from './history.model';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 28, 7, 0); // 28/11/2026 14:00 in Viet Nam
const vnMidnight = (daysAgo: number) => Date.UTC(2026, 10, 28 - daysAgo) - 7 * 3600_000;

describe('ranges', () => {
  it('never offers a commune the 24 h range (communes keep daily buckets only)', () => {
    expect(rangeAllowed('24h', 'commune')).toBe(false);
    expect(effectiveRange('24h', 'commune')).toBe('7d');
    expect(effectiveRange(null, 'commune')).toBe('7d');
    expect(effectiveRange(null, 'province')).toBe('24h');
    expect(effectiveRange('30d', 'national')).toBe('30d');
  });
  it('reads the previous period from the next wider range', () => {
    expect(previousPlan('7d')).toEqual({ fetch: '30d', shiftMs: 7 * DAY });
    expect(previousPlan('1y')).toBeNull();
  });
});

describe('previousPeriod', () => {
  it('shifts the week before forward by a week', () => {
    const points = [12, 11, 10, 9, 8, 7, 6, 5, 1].map((d) => ({ t: vnMidnight(d), value: d }));
    const prev = previousPeriod(points, '7d', now);
    expect(prev.map((p) => p.value)).toEqual([12, 11, 10, 9, 8, 7]);
    expect(prev[0]!.t).toBe(vnMidnight(5));
    expect(prev.every((p) => p.t >= now - RANGE_MS['7d'] && p.t <= now)).toBe(true);
  });
  it('draws daily figures as flat steps clipped to a 24 h window', () => {
    const points = [3, 2, 1, 0].map((d) => ({ t: vnMidnight(d), value: 100 - d }));
    const prev = previousPeriod(points, '24h', now);
    // the day before yesterday from 14:00 yesterday to midnight, then yesterday from midnight to now
    expect(prev).toEqual([
      { t: now - DAY, value: 98 },
      { t: vnMidnight(0), value: 98 },
      { t: vnMidnight(0), value: 99 },
      { t: now, value: 99 },
    ]);
  });
});

describe('seriesSummary', () => {
  it('ignores missing values', () => {
    expect(seriesSummary([{ t: 1, value: 3 }, { t: 2, value: null }, { t: 3, value: 5 }])).toEqual({ last: 5, first: 3, min: 3, max: 5 });
    expect(seriesSummary([]).last).toBeNull();
  });
});
