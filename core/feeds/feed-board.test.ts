import { describe, expect, it } from 'vitest';
import { countFeedStates, sortFeedsWorstFirst } from './feed-board';

const feed = (name: string, state: 'ok' | 'late' | 'stale' | 'failing' | 'never', lastSeenAt: number | null) => ({ name, state, lastSeenAt });

describe('feed board', () => {
  it('sorts failing, stale, late, never sent, on time; the longest silent first within a state', () => {
    const sorted = sortFeedsWorstFirst([
      feed('Bộ Y tế', 'ok', 500),
      feed('Hà Nội', 'late', 300),
      feed('Đà Nẵng', 'late', 100),
      feed('Mới', 'never', null),
      feed('Cũ', 'stale', 50),
      feed('Lỗi', 'failing', 900),
      feed('An Giang', 'ok', 500),
    ]);
    expect(sorted.map((f) => f.name)).toEqual(['Lỗi', 'Cũ', 'Đà Nẵng', 'Hà Nội', 'Mới', 'An Giang', 'Bộ Y tế']);
  });
  it('counts every state, zero included', () => {
    expect(countFeedStates([feed('a', 'ok', 1), feed('b', 'ok', 1), feed('c', 'never', null)])).toEqual({
      failing: 0,
      stale: 0,
      late: 0,
      never: 1,
      ok: 2,
    });
  });
});
