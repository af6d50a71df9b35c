import { describe, expect, it } from 'vitest';
import type { FeedRow } from '../../../core/contract/boards';
import type { MetricValue } from '../../../core/contract/metrics';
import { changeSince, lateFeeds, signedNumber, yesterdayOf } from './report.model';

const v = (value: number | null): MetricValue => ({ indicator: 'x', unit: '48', period: '2026-12-07', value, num: 0, den: null, observedAt: 0, source: 's' });

describe('report model', () => {
  it('compares daily figures with the day before the newest shown day', () => {
    expect(yesterdayOf({ a: '2026-12-07', b: '2026-12', c: '2026-12-06' })).toBe('2026-12-06');
    expect(yesterdayOf({ a: '2026-01-01' })).toBe('2025-12-31');
    expect(yesterdayOf({ b: '2026-12', c: 'live' })).toBeNull();
  });

  it('gives a change only when an earlier period was read and both have values', () => {
    expect(changeSince(v(92.5), v(90), '2026-12-07', '2026-12-06')).toEqual({ delta: 2.5, previous: '2026-12-06' });
    expect(changeSince(v(92.5), v(null), '2026-12-07', '2026-12-06')).toEqual({ delta: null, previous: '2026-12-06' });
    // a monthly figure came back with its own (shown) period: nothing earlier to compare with
    expect(changeSince(v(5), v(5), '2026-12', '2026-12')).toEqual({ delta: null, previous: null });
    expect(changeSince(v(5), undefined, '2026-12-07', undefined)).toEqual({ delta: null, previous: null });
  });

  it('writes the sign and the vi-VN number', () => {
    expect(signedNumber(2.5, 1, 'vi')).toEqual({ sign: '+', text: '2,5' });
    expect(signedNumber(-1234.5, 1, 'vi')).toEqual({ sign: '−', text: '1.234,5' });
    expect(signedNumber(0.01, 1, 'vi')).toEqual({ sign: '', text: '0,0' });
  });

  it('lists the feeds that are not on time, worst first', () => {
    const f = (name: string, state: FeedRow['state']) => ({ name, state }) as FeedRow;
    expect(lateFeeds([f('b', 'late'), f('a', 'ok'), f('c', 'failing'), f('d', 'late')]).map((x) => x.name)).toEqual(['c', 'b', 'd']);
  });
});
