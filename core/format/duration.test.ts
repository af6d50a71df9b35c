import { describe, expect, it } from 'vitest';
import { formatInterval } from './duration';

describe('formatInterval', () => {
  it('uses the largest unit that divides the interval exactly', () => {
    expect(formatInterval(15 * 60_000)).toBe('15 phút');
    expect(formatInterval(26 * 3600_000)).toBe('26 giờ');
    expect(formatInterval(8 * 86400_000)).toBe('8 ngày');
    expect(formatInterval(90 * 60_000, 'en')).toBe('90 min');
    expect(formatInterval(24 * 3600_000, 'en')).toBe('1 d');
    expect(formatInterval(30_000)).toBe('30 giây');
    expect(formatInterval(0)).toBe('–');
  });
});
