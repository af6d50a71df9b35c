import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_S, signatureBase, signatureHeader, signaturesOf, withinReplayWindow } from './signature';

describe('webhook signature parts', () => {
  it('signs "<timestamp>.<body>" exactly, the body byte for byte', () => {
    expect(signatureBase(1765100000, '{"a":"Đà Nẵng"}')).toBe('1765100000.{"a":"Đà Nẵng"}');
  });
  it('writes and reads the v1= header, ignoring other schemes', () => {
    expect(signatureHeader('ab12')).toBe('v1=ab12');
    expect(signaturesOf('v1=ab12, v0=zz,v1=cd34')).toEqual(['ab12', 'cd34']);
    expect(signaturesOf('sha256=ab12')).toEqual([]);
  });
  it('accepts a timestamp within the replay window either way, not past it', () => {
    const now = 1765100000;
    expect(withinReplayWindow(now - REPLAY_WINDOW_S, now)).toBe(true);
    expect(withinReplayWindow(now + REPLAY_WINDOW_S, now)).toBe(true);
    expect(withinReplayWindow(now - REPLAY_WINDOW_S - 1, now)).toBe(false);
    expect(withinReplayWindow(now + 0.5, now)).toBe(false);
  });
});
