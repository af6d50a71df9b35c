import { describe, expect, it } from 'vitest';
import { compareSeq, isAfter } from './seq';

describe('compareSeq', () => {
  it('compares stream ids numerically', () => {
    expect(compareSeq('1700000000000-10', '1700000000000-9')).toBeGreaterThan(0);
    expect(compareSeq('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareSeq('5-1', '5-1')).toBe(0);
    expect(compareSeq('0', '1-0')).toBeLessThan(0);
  });

  it('treats anything as after nothing', () => {
    expect(isAfter('1-0', null)).toBe(true);
    expect(isAfter('1-0', '1-0')).toBe(false);
    expect(isAfter('1-1', '1-0')).toBe(true);
  });
});
