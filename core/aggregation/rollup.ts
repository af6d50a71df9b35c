import type { Localized } from '../i18n';
import type { Indicator } from '../indicators/indicator';
import type { Components } from './components';
import { valueOf } from './components';

/**
 * The reference rollup of one parent from its children (DESIGN §4). The Redis Lua script keeps the same figures
 * incrementally (applyDelta) and is golden-tested against this file.
 *
 * Floating point: num and den are sums of IEEE-754 doubles, added in child order. Counts (dossiers, people) are
 * exact: each is a whole number ≤ 2^41 (core/aggregation/limits.ts), so a national total stays below 2^53. Money
 * (tỷ đồng with decimals) and wmean products (value × weight) carry rounding; the store keeps its running sums in
 * double-double, so after any sequence of corrections its total is the exact sum of the current children rounded
 * once, and this reference (which rounds at every addition) agrees with it to ~1e-12 of the magnitudes summed.
 */
export interface Rollup {
  /** sum: Σ num; ratio / wmean: Σ num; max: the worst child's num; 0 when no child reports. */
  num: number;
  /** ratio / wmean: Σ den (0 when no child reports); other kinds: null. */
  den: number | null;
  /** As valueOf gives it; null when no child reports or the total denominator is 0. */
  value: number | null;
  /** Children that have reported (not undefined). */
  reporting: number;
  /** Children expected to report. */
  expected: number;
}

/**
 * Rolls up children: sum → Σnum; ratio and wmean → Σnum / Σden through valueOf (never the mean of the children's
 * values); max → the largest child (the worst one for lags, AQI); official → null, since
 * every level reports its own figure. `undefined` marks a child that has not reported; `expected` defaults to the
 * number of children passed.
 */
export function rollup(
  indicator: Pick<Indicator, 'kind' | 'scale'>,
  children: ReadonlyArray<Components | undefined>,
  expected: number = children.length,
): Rollup | null {
  const { kind, scale } = indicator;
  if (kind === 'official') return null;

  const reported = children.filter((c): c is Components => c !== undefined);
  const reporting = reported.length;
  const hasDen = kind === 'ratio' || kind === 'wmean';
  if (reporting === 0) return { num: 0, den: hasDen ? 0 : null, value: null, reporting, expected };

  let num: number;
  let den: number | null = null;
  if (kind === 'max') {
    num = reported.reduce((worst, c) => Math.max(worst, c.num), -Infinity);
  } else {
    num = 0;
    let denSum = 0;
    for (const c of reported) {
      num += c.num;
      denSum += c.den ?? 0;
    }
    if (hasDen) den = denSum;
  }
  return { num, den, value: valueOf(kind, scale, { num, den }), reporting, expected };
}

/** What a parent's children are called in a coverage label, by the parent's level. */
export const COVERAGE_NOUNS = {
  /** Children of the nation in the locality tree. */
  provinces: { vi: 'tỉnh, thành phố', en: 'provinces' },
  /** Children of a province: its communes (xã, phường, đặc khu) and, for dossier figures, its agencies. */
  communes: { vi: 'xã, phường, đặc khu', en: 'communes' },
  /** Children of the nation in the ministry tree. */
  ministries: { vi: 'bộ, ngành', en: 'ministries' },
  /** Any reporting unit, where the children are mixed. */
  units: { vi: 'đơn vị', en: 'units' },
} as const satisfies Record<string, Localized>;

function groupDigits(n: number, separator: string): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * "31/34 tỉnh, thành phố đã báo cáo" / "31/34 provinces reported". Numbers are grouped the way each language writes
 * them (3.321 in Vietnamese, 3,321 in English), without relying on the runtime's Intl data.
 */
export function coverageLabel(r: Pick<Rollup, 'reporting' | 'expected'>, childNoun: Localized): Localized {
  const vi = `${groupDigits(r.reporting, '.')}/${groupDigits(r.expected, '.')}`;
  const en = `${groupDigits(r.reporting, ',')}/${groupDigits(r.expected, ',')}`;
  return { vi: `${vi} ${childNoun.vi} đã báo cáo`, en: `${en} ${childNoun.en} reported` };
}

/**
 * The incremental form used by the store for sum, ratio and wmean: agg + (new − old), num and den alike, computed
 * exactly as `agg.num + (newC.num - oldNum)` so that a Lua port gives the same doubles. `oldC` undefined means the
 * child had not reported before. den stays null only when the aggregate and both child figures have none (sum).
 * Not for max (a changed worst child needs the other children: the store keeps a sorted set) nor official.
 * The reporting count is kept apart by the caller (+1 when oldC is undefined).
 */
export function applyDelta(
  agg: { num: number; den: number | null },
  oldC: Components | undefined,
  newC: Components,
): { num: number; den: number | null } {
  const num = agg.num + (newC.num - (oldC?.num ?? 0));
  const oldDen = oldC?.den ?? null;
  if (agg.den === null && newC.den === null && oldDen === null) return { num, den: null };
  const den = (agg.den ?? 0) + ((newC.den ?? 0) - (oldDen ?? 0));
  return { num, den };
}
