import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId } from './stream-id';

describe('compareStreamIds', () => {
  it('compares the two parts as numbers, not as text', () => {
    expect(compareStreamIds('1700000000000-10', '1700000000000-9')).toBeGreaterThan(0);
    expect(compareStreamIds('1700000000000-9', '1700000000000-10')).toBeLessThan(0);
    expect(compareStreamIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareStreamIds('999-5', '1000-0')).toBeLessThan(0);
    expect(compareStreamIds('5-1', '5-1')).toBe(0);
  });

  it('reads a missing or unreadable part as 0', () => {
    expect(compareStreamIds('0', '1-0')).toBeLessThan(0);
    expect(compareStreamIds('5', '5-0')).toBe(0);
    expect(compareStreamIds('x-1', '0-1')).toBe(0);
    expect(compareStreamIds('0-0', '0-1')).toBeLessThan(0);
  });
});

describe('isStreamId', () => {
  it('takes <ms>-<seq> with parts below 2^53 only', () => {
    expect(isStreamId('1700000000000-0')).toBe(true);
    expect(isStreamId('0-0')).toBe(true);
    expect(isStreamId('1700000000000')).toBe(false);
    expect(isStreamId('1-2-3')).toBe(false);
    expect(isStreamId('-1-0')).toBe(false);
    expect(isStreamId('9007199254740993-0')).toBe(false);
    expect(isStreamId('1e5-0')).toBe(false);
  });
});
