import { describe, expect, it } from 'vitest';
import { feedState } from './feed-state';

const MIN = 60_000;
const now = Date.parse('2026-11-28T18:00:00+07:00');
const base = { expectedEveryMs: 15 * MIN, lastAccepted: 100, lastRejected: 0 };

describe('feed state', () => {
  it('never, ok, late, stale by silence', () => {
    expect(feedState({ ...base, lastSeenAt: null }, now)).toBe('never');
    // a connector whose first pull failed is failing, not merely silent
    expect(feedState({ ...base, lastSeenAt: null, lastFailedAt: now - 1000 }, now)).toBe('failing');
    expect(feedState({ ...base, lastSeenAt: now - 5 * MIN }, now)).toBe('ok');
    expect(feedState({ ...base, lastSeenAt: now - 20 * MIN }, now)).toBe('late');
    expect(feedState({ ...base, lastSeenAt: now - 61 * MIN }, now)).toBe('stale');
  });
  it('failing when the last batch was mostly rejected', () => {
    expect(feedState({ ...base, lastSeenAt: now - MIN, lastAccepted: 2, lastRejected: 8 }, now)).toBe('failing');
  });
  it('late when the daily deadline passed without a batch today', () => {
    const daily = { ...base, expectedEveryMs: 26 * 60 * MIN, deadline: '17:00' };
    expect(feedState({ ...daily, lastSeenAt: Date.parse('2026-11-27T16:00:00+07:00') }, now)).toBe('late');
    expect(feedState({ ...daily, lastSeenAt: Date.parse('2026-11-28T16:30:00+07:00') }, now)).toBe('ok');
    const morning = Date.parse('2026-11-28T09:00:00+07:00');
    expect(feedState({ ...daily, lastSeenAt: Date.parse('2026-11-27T16:00:00+07:00') }, morning)).toBe('ok');
  });
});
