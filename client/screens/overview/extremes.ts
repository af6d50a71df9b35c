import type { GoodDirection } from '../../../core/indicators/indicator';

export interface RankedUnit {
  code: string;
  value: number;
  /** 1 = first in the order (the best where the indicator has a good direction, else the highest). */
  rank: number;
}

export interface Extremes {
  /** The best n (good up: highest; good down: lowest), best first; for band/context: the highest. */
  top: RankedUnit[];
  /** The worst n, worst first, none of them also in `top`; for band/context: the lowest. */
  bottom: RankedUnit[];
  /** Whether top/bottom mean better/worse or only higher/lower. */
  meaning: 'better' | 'higher';
  /** How many units had a value. */
  total: number;
}

/**
 * The top and bottom n of the units with a value, respecting the indicator's good direction. Ties are broken by
 * code so the lists do not shuffle between two identical snapshots.
 */
export function extremes(
  values: Iterable<{ unit: string; value: number | null }>,
  good: GoodDirection,
  n = 5,
): Extremes {
  const list: Array<{ code: string; value: number }> = [];
  for (const v of values) if (v.value !== null && Number.isFinite(v.value)) list.push({ code: v.unit, value: v.value });
  const lowIsBest = good === 'down';
  list.sort((a, b) => (lowIsBest ? a.value - b.value : b.value - a.value) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const ranked = list.map((x, i) => ({ ...x, rank: i + 1 }));
  const top = ranked.slice(0, n);
  const bottom = ranked.slice(Math.max(top.length, ranked.length - n)).reverse();
  return { top, bottom, meaning: good === 'up' || good === 'down' ? 'better' : 'higher', total: ranked.length };
}
