import { describe, expect, it } from 'vitest';
import { bucketStartMs, bucketStartsOverlapping, checkWindow, chooseResolution, parseInstant, rangeWindow, SERIES_BUCKET_MS } from './series';

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

describe('series buckets', () => {
  const DAY = SERIES_BUCKET_MS['1d'];
  const FIVE = SERIES_BUCKET_MS['5m'];
  const midnight = Date.parse('2026-11-28T00:00:00+07:00');
  it('starts a daily bucket at Vietnam midnight and a 5-minute one on the clock', () => {
    expect(bucketStartMs(midnight, DAY)).toBe(midnight);
    expect(bucketStartMs(midnight + DAY - 1, DAY)).toBe(midnight);
    expect(bucketStartMs(midnight - 1, DAY)).toBe(midnight - DAY);
    expect(bucketStartMs(Date.parse('2026-11-28T10:07:59Z'), FIVE)).toBe(Date.parse('2026-11-28T10:05:00Z'));
  });
  it('lists the buckets overlapping a window, the one holding its start included', () => {
    expect(bucketStartsOverlapping({ from: midnight, to: midnight + 2 * DAY }, DAY)).toEqual([midnight, midnight + DAY]);
    expect(bucketStartsOverlapping({ from: midnight + 5, to: midnight + DAY + 1 }, DAY)).toEqual([midnight, midnight + DAY]);
    expect(bucketStartsOverlapping({ from: midnight + 5, to: midnight + DAY }, DAY)).toEqual([midnight]);
    expect(bucketStartsOverlapping({ from: midnight, to: midnight + 1 }, DAY)).toEqual([midnight]);
  });
  it('agrees with a score range (from − size, to) over every bucket start', () => {
    for (const size of [DAY, FIVE]) {
      for (let k = 0; k < 200; k++) {
        const from = midnight + Math.floor(((k * 7919) % 1000) / 1000 * 3 * size);
        const to = from + 1 + Math.floor(((k * 104729) % 1000) / 1000 * 5 * size);
        const all = Array.from({ length: 12 }, (_, i) => midnight - 2 * size + i * size);
        expect(bucketStartsOverlapping({ from, to }, size).filter((t) => t <= all.at(-1)!)).toEqual(all.filter((t) => t > from - size && t < to));
      }
    }
  });
});
