import { describe, expect, it } from 'vitest';
import { linkAlertRule, linkSilenceMinutes, linkState, type LinkFacts } from './link-state';

const now = 1_000_000_000;
const seen: LinkFacts = { lastSeenAt: now - 5_000, refusedAt: null, backlog: 0, oldestUnsentAt: null, overflow: false };

describe('linkState', () => {
  it('never, connected, down', () => {
    expect(linkState({ ...seen, lastSeenAt: null }, now)).toBe('never');
    expect(linkState(seen, now)).toBe('connected');
    expect(linkState({ ...seen, lastSeenAt: now - 61_000 }, now)).toBe('down');
  });
  it('lagging when old figures wait or the outbox overflowed, though it goes through', () => {
    expect(linkState({ ...seen, backlog: 10, oldestUnsentAt: now - 2_000 }, now)).toBe('connected');
    expect(linkState({ ...seen, backlog: 10, oldestUnsentAt: now - 120_000 }, now)).toBe('lagging');
    expect(linkState({ ...seen, overflow: true }, now)).toBe('lagging');
  });
  it('refused after a refusal newer than the last success, also before any', () => {
    expect(linkState({ ...seen, refusedAt: now - 1_000 }, now)).toBe('refused');
    expect(linkState({ ...seen, refusedAt: now - 10_000 }, now)).toBe('connected');
    expect(linkState({ ...seen, lastSeenAt: null, refusedAt: now }, now)).toBe('refused');
  });
  it('a link alert watches minutes of silence, or the age of the oldest unsent figure when that is older', () => {
    expect(linkSilenceMinutes({ ...seen, lastSeenAt: null }, now)).toBeNull();
    expect(linkSilenceMinutes(seen, now)).toBeCloseTo(5 / 60, 9);
    expect(linkSilenceMinutes({ ...seen, oldestUnsentAt: now - 180_000 }, now)).toBe(3);
    expect(linkAlertRule(60_000)).toMatchObject({ bad: 'above', warning: 1, critical: 10, clear: 0.5, pendingMs: 0 });
  });
});
