import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../core/contract/metrics';
import { provinceStates, staleCodes } from './choropleth';
import { NO_DATA_COLOR } from './color-scale';
import { STALE_STRIPE, staleHatchPattern } from './hatch';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 2, 0);
const v = (unit: string, value: number | null, ageMs: number): MetricValue => ({
  indicator: 'x', unit, period: '2026-12-07', value, num: value ?? 0, den: null, observedAt: NOW - ageMs, source: 's',
});
const scale = { breaks: [0, 50, 100], colors: ['#111111', '#eeeeee'], reversed: false, basis: 'range' as const, decimals: 0 };

describe('provinceStates', () => {
  it('marks a value older than its indicator’s deadline stale, keeping its class colour', () => {
    const values = new Map([
      ['48', v('48', 80, 48 * HOUR)],
      ['79', v('79', 80, HOUR)],
      ['01', v('01', null, 48 * HOUR)],
    ]);
    const states = provinceStates(['01', '48', '79', '92'], values, scale, { staleAfterMs: 26 * HOUR }, NOW);
    expect(states.get('48')).toEqual({ color: '#eeeeee', hasValue: true, stale: true });
    expect(states.get('79')).toEqual({ color: '#eeeeee', hasValue: true, stale: false });
    // no value is "no data", never stale
    expect(states.get('01')).toEqual({ color: NO_DATA_COLOR, hasValue: false, stale: false });
    expect(states.get('92')).toEqual({ color: NO_DATA_COLOR, hasValue: false, stale: false });
    expect(staleCodes(states)).toEqual(['48']);
  });

  it('uses the same rule as the tiles: exactly at the deadline is still fresh; no deadline, never stale', () => {
    const values = new Map([['48', v('48', 80, 26 * HOUR)]]);
    expect(provinceStates(['48'], values, scale, { staleAfterMs: 26 * HOUR }, NOW).get('48')?.stale).toBe(false);
    expect(provinceStates(['48'], values, scale, { staleAfterMs: 26 * HOUR - 1 }, NOW).get('48')?.stale).toBe(true);
    expect(provinceStates(['48'], values, scale, { staleAfterMs: 0 }, NOW).get('48')?.stale).toBe(false);
    expect(provinceStates(['48'], values, scale, null, NOW).get('48')?.stale).toBe(false);
  });
});

describe('staleHatchPattern', () => {
  it('is grey stripes over transparency, seamless when tiled', () => {
    const { width, data } = staleHatchPattern(24);
    const at = (x: number, y: number) => data[((y % 24) * width + (x % 24)) * 4 + 3];
    let opaque = 0;
    for (let i = 0; i < 24 * 24; i += 1) {
      const a = data[i * 4 + 3];
      expect([0, 255]).toContain(a);
      if (a === 255) {
        opaque += 1;
        expect([...data.slice(i * 4, i * 4 + 3)].map((c) => c.toString(16).padStart(2, '0')).join('')).toBe(STALE_STRIPE.slice(1));
      }
    }
    expect(opaque / (24 * 24)).toBeCloseTo(5 / 12, 5);
    // (x, y) and (x + 1, y + 1) lie on the same stripe, across the tile's edge too
    for (let y = 0; y < 24; y += 1) for (let x = 0; x < 24; x += 1) expect(at(x + 1, y + 1)).toBe(at(x, y));
  });
});
