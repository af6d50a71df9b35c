import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId } from './stream-id';

/** [a, b, the sign of compareStreamIds(a, b)] */
const ORDER: [string, string, -1 | 0 | 1][] = [
  ['1700000000000-10', '1700000000000-9', 1], // numbers, not text
  ['1700000000000-9', '1700000000000-10', -1],
  ['1700000000001-0', '1700000000000-99', 1],
  ['999-5', '1000-0', -1],
  ['5-1', '5-1', 0],
  ['0-0', '0-1', -1],
  ['0', '1-0', -1], // a missing or unreadable part reads as 0
  ['5', '5-0', 0],
  ['x-1', '0-1', 0],
];

describe('compareStreamIds', () => {
  it.each(ORDER)('%s against %s: %i', (a, b, sign) => {
    expect(Math.sign(compareStreamIds(a, b))).toBe(sign);
    expect(Math.sign(compareStreamIds(b, a))).toBe(-sign || 0);
  });
});

describe('isStreamId', () => {
  it('takes <ms>-<seq> with parts below 2^53 only', () => {
    const ok = ['1700000000000-0', '0-0'];
    const bad = ['1700000000000', '1-2-3', '-1-0', '9007199254740993-0', '1e5-0', ''];
    expect(ok.map(isStreamId)).toEqual(ok.map(() => true));
    expect(bad.map(isStreamId)).toEqual(bad.map(() => false));
  });
});
