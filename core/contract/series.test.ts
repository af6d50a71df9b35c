import { describe, expect, it } from 'vitest';
import { checkWindow, chooseResolution, parseInstant, rangeWindow } from './series';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 11, 7, 2, 0); // 7/12/2026 09:00 in Viet Nam
const vnMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 7 * HOUR;

describe('series windows', () => {
  it('reads epoch ms, ISO date-times (Vietnam time without a zone) and Vietnam dates as whole days', () => {
    expect(parseInstant('1796608718203', 'from')).toBe(1796608718203);
    expect(parseInstant('2026-11-01', 'from')).toBe(vnMidnight(2026, 11, 1));
    expect(parseInstant('2026-11-30', 'to')).toBe(vnMidnight(2026, 12, 1));
    expect(parseInstant('2026-11-01T08:00', 'from')).toBe(vnMidnight(2026, 11, 1) + 8 * HOUR);
    expect(parseInstant('2026-11-01T08:00:00Z', 'from')).toBe(Date.UTC(2026, 10, 1, 8));
    for (const bad of ['', 'yesterday', '2026-02-30', '2026-11-01T24:00', '2026-11-01T08:00+99:99', '1e12', '-5', '0x10']) {
      expect(parseInstant(bad, 'from')).toBeUndefined();
    }
  });

  it('checks order, span, the future and the year 2000', () => {
    expect(checkWindow('2026-11-01', '2026-11-30', now)).toEqual({ from: vnMidnight(2026, 11, 1), to: vnMidnight(2026, 12, 1) });
    expect(checkWindow('2026-12-01', undefined, now)).toEqual({ from: vnMidnight(2026, 12, 1), to: now + 1 });
    for (const [from, to] of [['2026-11-30', '2026-11-01'], ['2024-01-01', '2026-06-01'], ['1999-12-31', '2000-01-02'], ['2026-12-09', undefined], [`${now - DAY}`, `${now + 3 * DAY}`]] as const) {
      expect(checkWindow(from, to, now)).toHaveProperty('error');
    }
  });

  it('5-minute buckets only where the level keeps them and within their 48 h', () => {
    expect(chooseResolution(rangeWindow('24h', now), 'province', now)).toBe('5m');
    expect(chooseResolution(rangeWindow('24h', now), 'commune', now)).toBe('1d');
    expect(chooseResolution(rangeWindow('7d', now), 'national', now)).toBe('1d');
    expect(chooseResolution({ from: now - 49 * HOUR, to: now - 47 * HOUR }, 'national', now)).toBe('1d');
    expect(chooseResolution({ from: now - 47 * HOUR, to: now - 40 * HOUR }, 'ministry', now)).toBe('5m');
  });
});
