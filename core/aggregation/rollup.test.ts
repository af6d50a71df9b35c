import { describe, expect, it } from 'vitest';
import type { AggregationKind } from '../indicators/indicator';
import type { Components } from './components';
import { ComponentsError, toComponents, valueOf } from './components';
import { ROLLUP_GOLDEN_CASES } from './golden';
import { mulberry32, randomInt } from './prng';
import { applyDelta, COVERAGE_NOUNS, coverageLabel, rollup } from './rollup';

const RATIO_PCT = { kind: 'ratio', scale: 100 } as const;

describe('golden rollups', () => {
  it.each(ROLLUP_GOLDEN_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(rollup(c.indicator, c.children, c.expected)).toEqual(c.want);
  });
});

describe('rollup', () => {
  it('gives a ratio parent Σnum / Σden, which differs from the mean of the children’s ratios', () => {
    const children = [toComponents('ratio', { num: 1, den: 1 }), toComponents('ratio', { num: 10, den: 100 })];
    const parent = rollup(RATIO_PCT, children);
    const meanOfRates = children.reduce((s, c) => s + (valueOf('ratio', 100, c) ?? 0), 0) / children.length;
    expect(parent?.value).toBeCloseTo(10.891, 3);
    expect(meanOfRates).toBe(55);
    expect(parent?.value).not.toBeCloseTo(meanOfRates, 0);
  });

  it('gives null, not 0, for a zero total denominator', () => {
    const parent = rollup(RATIO_PCT, [{ num: 0, den: 0 }]);
    expect(parent?.value).toBeNull();
    expect(parent?.value).not.toBe(0);
  });

  it('never rolls up an official indicator, whatever its children', () => {
    expect(rollup({ kind: 'official', scale: 1 }, [{ num: 80, den: null }])).toBeNull();
    expect(rollup({ kind: 'official', scale: 100 }, [])).toBeNull();
  });

  it('weights a wmean by its weights: 2 days over 10 dossiers and 5 days over 30 → 4.25 days', () => {
    const parent = rollup({ kind: 'wmean', scale: 1 }, [
      toComponents('wmean', { value: 2, weight: 10 }),
      toComponents('wmean', { value: 5, weight: 30 }),
    ]);
    expect(parent).toEqual({ num: 170, den: 40, value: 4.25, reporting: 2, expected: 2 });
  });

  it('picks the worst child for max, skipping those that have not reported', () => {
    const aqi = [{ num: 45, den: null }, undefined, { num: 160, den: null }];
    expect(rollup({ kind: 'max', scale: 1 }, aqi)?.value).toBe(160);
  });

  it('counts reporting and expected children (31/34 when 3 provinces have not reported)', () => {
    const children = Array.from({ length: 34 }, (_, i) => (i < 3 ? undefined : { num: 1, den: 2 }));
    const parent = rollup(RATIO_PCT, children);
    expect(parent).toMatchObject({ reporting: 31, expected: 34, num: 31, den: 62, value: 50 });
  });

  it('with no child reporting gives no value and reporting 0', () => {
    expect(rollup({ kind: 'sum', scale: 1 }, [undefined, undefined])).toEqual({
      num: 0, den: null, value: null, reporting: 0, expected: 2,
    });
    expect(rollup({ kind: 'max', scale: 1 }, [], 34)).toMatchObject({ value: null, reporting: 0, expected: 34 });
  });

  it('adds num and den as floats (0.1 + 0.2 is 0.30000000000000004): compare with a tolerance', () => {
    const parent = rollup({ kind: 'sum', scale: 1 }, [{ num: 0.1, den: null }, { num: 0.2, den: null }]);
    expect(parent?.num).toBe(0.1 + 0.2);
    expect(parent?.num).not.toBe(0.3);
    expect(parent?.num).toBeCloseTo(0.3, 12);
  });
});

describe('coverageLabel', () => {
  it('says how many children have reported, in both languages', () => {
    expect(coverageLabel({ reporting: 31, expected: 34 }, COVERAGE_NOUNS.provinces)).toEqual({
      vi: '31/34 tỉnh, thành phố đã báo cáo',
      en: '31/34 provinces reported',
    });
  });

  it('groups thousands as each language writes them', () => {
    expect(coverageLabel({ reporting: 3280, expected: 3321 }, COVERAGE_NOUNS.communes)).toEqual({
      vi: '3.280/3.321 xã, phường, đặc khu đã báo cáo',
      en: '3,280/3,321 communes reported',
    });
  });
});

describe('toComponents and valueOf', () => {
  it('stores each kind as DESIGN §4 says', () => {
    expect(toComponents('sum', { value: 12 })).toEqual({ num: 12, den: null });
    expect(toComponents('ratio', { num: 9, den: 10 })).toEqual({ num: 9, den: 10 });
    expect(toComponents('wmean', { value: 2.5, weight: 4 })).toEqual({ num: 10, den: 4 });
    expect(toComponents('wmean', { num: 10, den: 4 })).toEqual({ num: 10, den: 4 });
    expect(toComponents('max', { value: 152 })).toEqual({ num: 152, den: null });
    expect(toComponents('official', { value: 83.47 })).toEqual({ num: 83.47, den: null });
  });

  it('refuses figures that do not fit the kind', () => {
    expect(() => toComponents('ratio', { value: 95 })).toThrow(ComponentsError);
    expect(() => toComponents('wmean', { value: 3 })).toThrow(/weight/);
    expect(() => toComponents('sum', { value: Number.NaN })).toThrow(/finite/);
    expect(() => toComponents('ratio', { num: 1, den: -2 })).toThrow(/negative/);
    expect(() => toComponents('wmean', { value: 3, weight: -1 })).toThrow(/negative/);
  });

  it('gives a value per kind, and null (never 0) for a zero denominator', () => {
    expect(valueOf('ratio', 100, { num: 1, den: 4 })).toBe(25);
    expect(valueOf('ratio', 1, { num: 1, den: 4 })).toBe(0.25);
    expect(valueOf('ratio', 100, { num: 0, den: 0 })).toBeNull();
    expect(valueOf('wmean', 1, { num: 10, den: 4 })).toBe(2.5);
    expect(valueOf('wmean', 1, { num: 0, den: 0 })).toBeNull();
    expect(valueOf('sum', 1, { num: 0, den: null })).toBe(0);
    expect(valueOf('max', 1, { num: -2, den: null })).toBe(-2);
  });
});

const RELATIVE_TOLERANCE = 1e-9;
const close = (a: number, b: number): boolean => Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

function randomComponents(next: () => number, kind: AggregationKind): Components {
  switch (kind) {
    case 'ratio': {
      const den = randomInt(next, 0, 5_000);
      return toComponents(kind, { num: randomInt(next, 0, den), den });
    }
    case 'wmean': // e.g. mean processing days (2 decimals) over completed dossiers
      return toComponents(kind, { value: randomInt(next, 0, 3_000) / 100, weight: randomInt(next, 0, 400) });
    default: // money-like: tỷ đồng with decimals
      return toComponents(kind, { value: randomInt(next, 0, 10_000_000) / 100 });
  }
}

describe('applyDelta', () => {
  it('applies a corrected value as agg + (new − old)', () => {
    const before = [{ num: 9, den: 10 }, { num: 40, den: 50 }];
    const agg = rollup(RATIO_PCT, before);
    if (!agg) throw new Error('no rollup');
    const corrected = { num: 45, den: 50 };
    const next = applyDelta(agg, before[1], corrected);
    expect(next).toEqual({ num: 54, den: 60 });
    expect(next).toEqual({ num: rollup(RATIO_PCT, [before[0], corrected])?.num, den: 60 });
  });

  it('adds a first report (old undefined) and keeps den null for sums', () => {
    expect(applyDelta({ num: 7, den: null }, undefined, { num: 3, den: null })).toEqual({ num: 10, den: null });
    expect(applyDelta({ num: 0, den: 0 }, undefined, { num: 3, den: 4 })).toEqual({ num: 3, den: 4 });
  });

  it('equals a full recomputation over 200 seeded random cases of reports and corrections', () => {
    const next = mulberry32(0x10c_214);
    const kinds = ['sum', 'ratio', 'wmean'] as const;
    for (let caseNo = 0; caseNo < 200; caseNo++) {
      const kind = kinds[caseNo % kinds.length] as (typeof kinds)[number];
      const indicator = { kind, scale: kind === 'ratio' ? 100 : 1 };
      const children: Array<Components | undefined> = Array.from({ length: randomInt(next, 1, 40) }, () => undefined);
      let agg: { num: number; den: number | null } = { num: 0, den: kind === 'sum' ? null : 0 };
      const updates = randomInt(next, 1, 60);
      for (let u = 0; u < updates; u++) {
        const i = randomInt(next, 0, children.length - 1);
        const fresh = randomComponents(next, kind);
        agg = applyDelta(agg, children[i], fresh);
        children[i] = fresh;
      }
      const full = rollup(indicator, children);
      if (!full) throw new Error('no rollup');
      const context = `case ${caseNo} (${kind}, ${children.length} children, ${updates} updates)`;
      expect(close(agg.num, full.num), `${context}: num ${agg.num} vs ${full.num}`).toBe(true);
      if (full.den === null) expect(agg.den, context).toBeNull();
      else expect(close(agg.den ?? Number.NaN, full.den), `${context}: den ${agg.den} vs ${full.den}`).toBe(true);
      const incremental = full.reporting === 0 ? null : valueOf(kind, indicator.scale, agg);
      if (full.value === null || incremental === null) expect(incremental, context).toBe(full.value);
      else expect(close(incremental, full.value), `${context}: value ${incremental} vs ${full.value}`).toBe(true);
    }
  });
});

describe('mulberry32', () => {
  it('replays the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBe(5);
  });
});
