import type { Indicator } from '../indicators/indicator';
import type { Components } from './components';
import type { Rollup } from './rollup';

/**
 * Golden rollups: hand-checked parents for small sets of children. rollup.test.ts checks rollup() against them;
 * test/integration/rollup-property.redis.test.ts applies them through the store's Lua script, and checks the script
 * against rollup() on generated batches (`undefined` children are those that have not reported). Expected values are
 * written as the very double operations that produce them ((100 × 11) / 101), so they compare exactly.
 */
export interface RollupGoldenCase {
  name: string;
  indicator: Pick<Indicator, 'kind' | 'scale'>;
  children: ReadonlyArray<Components | undefined>;
  /** Passed to rollup() when set; otherwise the number of children. */
  expected?: number;
  want: Rollup | null;
}

const PERCENT_RATIO = { kind: 'ratio', scale: 100 } as const;
const missing = undefined;
const value = (v: number): Components => ({ num: v, den: null });

/** 34 provinces, 3 of which (the 5th, 17th and 30th) have not reported: 31 × 10 dossiers each. */
const PROVINCES_31_OF_34: ReadonlyArray<Components | undefined> = Array.from({ length: 34 }, (_, i) =>
  i === 4 || i === 16 || i === 29 ? missing : value(10),
);

export const ROLLUP_GOLDEN_CASES: readonly RollupGoldenCase[] = [
  {
    name: 'ratio: Σnum / Σden, not the mean of the children’s rates (1/1 and 10/100 → 11/101 = 10.89 %, not 55 %)',
    indicator: PERCENT_RATIO,
    children: [{ num: 1, den: 1 }, { num: 10, den: 100 }],
    want: { num: 11, den: 101, value: (100 * 11) / 101, reporting: 2, expected: 2 },
  },
  {
    name: 'ratio: a zero total denominator gives no value, never 0 %',
    indicator: PERCENT_RATIO,
    children: [{ num: 0, den: 0 }, { num: 0, den: 0 }],
    want: { num: 0, den: 0, value: null, reporting: 2, expected: 2 },
  },
  {
    name: 'ratio: a child with den 0 still counts as reporting and adds nothing',
    indicator: PERCENT_RATIO,
    children: [{ num: 45, den: 50 }, { num: 0, den: 0 }, missing],
    want: { num: 45, den: 50, value: (100 * 45) / 50, reporting: 2, expected: 3 },
  },
  {
    name: 'ratio with scale 1 (a plain ratio, not a percentage)',
    indicator: { kind: 'ratio', scale: 1 },
    children: [{ num: 3, den: 4 }, { num: 1, den: 4 }],
    want: { num: 4, den: 8, value: 0.5, reporting: 2, expected: 2 },
  },
  {
    name: 'wmean: average processing days weighted by completed dossiers (2 d × 10, 5 d × 30 → 4.25 d, not 3.5 d)',
    indicator: { kind: 'wmean', scale: 1 },
    children: [{ num: 2 * 10, den: 10 }, { num: 5 * 30, den: 30 }],
    want: { num: 170, den: 40, value: 170 / 40, reporting: 2, expected: 2 },
  },
  {
    name: 'wmean: no completed dossiers anywhere gives no value',
    indicator: { kind: 'wmean', scale: 1 },
    children: [{ num: 0, den: 0 }, missing],
    want: { num: 0, den: 0, value: null, reporting: 1, expected: 2 },
  },
  {
    name: 'sum: Σ of the children that reported',
    indicator: { kind: 'sum', scale: 1 },
    children: [value(3), missing, value(4)],
    want: { num: 7, den: null, value: 7, reporting: 2, expected: 3 },
  },
  {
    name: 'sum: coverage 31/34 when 3 provinces have not reported',
    indicator: { kind: 'sum', scale: 1 },
    children: PROVINCES_31_OF_34,
    want: { num: 310, den: null, value: 310, reporting: 31, expected: 34 },
  },
  {
    name: 'max: the worst VN_AQI (45, 160, 80 → 160)',
    indicator: { kind: 'max', scale: 1 },
    children: [value(45), value(160), missing, value(80)],
    want: { num: 160, den: null, value: 160, reporting: 3, expected: 4 },
  },
  {
    name: 'max of negative values is not clipped at 0',
    indicator: { kind: 'max', scale: 1 },
    children: [value(-3), value(-1.5)],
    want: { num: -1.5, den: null, value: -1.5, reporting: 2, expected: 2 },
  },
  {
    name: 'official: never rolls up',
    indicator: { kind: 'official', scale: 1 },
    children: [value(83.47), value(79.1)],
    want: null,
  },
  {
    name: 'no child reporting: no value, reporting 0',
    indicator: PERCENT_RATIO,
    children: [missing, missing],
    want: { num: 0, den: 0, value: null, reporting: 0, expected: 2 },
  },
  {
    name: 'no child reporting (sum): no value, not 0',
    indicator: { kind: 'sum', scale: 1 },
    children: [],
    expected: 168,
    want: { num: 0, den: null, value: null, reporting: 0, expected: 168 },
  },
  {
    name: 'expected given apart: only reported children passed (2 of 34)',
    indicator: PERCENT_RATIO,
    children: [{ num: 9, den: 10 }, { num: 19, den: 20 }],
    expected: 34,
    want: { num: 28, den: 30, value: (100 * 28) / 30, reporting: 2, expected: 34 },
  },
];
