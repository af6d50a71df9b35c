import { describe, expect, it } from 'vitest';
import { nextReload } from './lazy-reload';

describe('nextReload', () => {
  const now = 1_800_000_000_000;
  it('waits 3 s for the first reload, with nothing or something unreadable saved', () => {
    expect(nextReload(null, now)).toEqual({ waitMs: 3_000, count: 1 });
    expect(nextReload({ n: 'x', at: now }, now)).toEqual({ waitMs: 3_000, count: 1 });
    expect(nextReload('garbage', now)).toEqual({ waitMs: 3_000, count: 1 });
  });
  it('doubles the wait for reloads in a row, up to 5 minutes', () => {
    expect(nextReload({ n: 1, at: now - 5_000 }, now)).toEqual({ waitMs: 6_000, count: 2 });
    expect(nextReload({ n: 3, at: now - 60_000 }, now)).toEqual({ waitMs: 24_000, count: 4 });
    expect(nextReload({ n: 9, at: now - 60_000 }, now)).toEqual({ waitMs: 300_000, count: 10 });
    expect(nextReload({ n: 1e9, at: now }, now)).toEqual({ waitMs: 300_000, count: 11 });
  });
  it('starts again from 3 s once the last reload is over 10 minutes old', () => {
    expect(nextReload({ n: 5, at: now - 10 * 60_000 - 1 }, now)).toEqual({ waitMs: 3_000, count: 1 });
  });
});
