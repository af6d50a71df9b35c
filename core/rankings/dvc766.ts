/**
 * The Decision 766 ranking (shared/domain/indicators.md §1.4): rank by total descending with competition ranking
 * (1-2-2-4), and the bands Xuất sắc ≥ 90, Tốt 80–<90, Khá 70–<80, Trung bình 50–<70, Yếu < 50.
 */
export type Dvc766Band = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

/** Lower bound of each band, best first. */
export const DVC766_BANDS: readonly { band: Dvc766Band; min: number }[] = Object.freeze([
  { band: 'excellent', min: 90 },
  { band: 'good', min: 80 },
  { band: 'fair', min: 70 },
  { band: 'average', min: 50 },
  { band: 'weak', min: Number.NEGATIVE_INFINITY },
]);

/** Totals are published with two decimals: compare and band them as shown, so 89,999 is not "Tốt" beside "90,00". */
export function roundScore(total: number): number {
  return Math.round(total * 100) / 100;
}

/** The band of a total; undefined when there is no total. */
export function dvc766Band(total: number | null | undefined): Dvc766Band | undefined {
  if (total === null || total === undefined || !Number.isFinite(total)) return undefined;
  const t = roundScore(total);
  return DVC766_BANDS.find((b) => t >= b.min)!.band;
}

export interface RankInput {
  code: string;
  /** Name for ties: equal totals share a rank and are listed by name. */
  name: string;
  total: number | null;
}

/**
 * Competition ranking by total, highest first: equal totals (to two decimals) share a rank and the next rank skips
 * (1, 2, 2, 4). Units without a total get no rank. Returns code → rank.
 */
export function competitionRanks(entries: readonly RankInput[]): Map<string, number> {
  const ranked = entries
    .filter((e): e is RankInput & { total: number } => e.total !== null && Number.isFinite(e.total))
    .map((e) => ({ code: e.code, score: roundScore(e.total) }))
    .sort((a, b) => b.score - a.score);
  const out = new Map<string, number>();
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    out.set(e.code, prev && prev.score === e.score ? out.get(prev.code)! : i + 1);
  });
  return out;
}

export interface RankingRow<G extends string = string> {
  code: string;
  name: string;
  rank: number | null;
  total: number | null;
  band: Dvc766Band | undefined;
  groups: Partial<Record<G, number | null>>;
  /** Total now minus total in the previous period; null when either is missing. */
  deltaPoints: number | null;
  /** Places gained since the previous period (previous rank − rank: positive is up); null when either is missing. */
  deltaRank: number | null;
}

export interface RankingUnit<G extends string = string> extends RankInput {
  groups: Partial<Record<G, number | null>>;
}

const collator = new Intl.Collator('vi');

/**
 * The ranking table: every unit, ranked ones first by rank (ties by name), then unranked ones by name, with the
 * change since the previous period computed against the previous period's ranking of the same peers.
 */
export function buildRanking<G extends string>(
  units: readonly RankingUnit<G>[],
  previousTotals: ReadonlyMap<string, number | null>,
): RankingRow<G>[] {
  const ranks = competitionRanks(units);
  const previousRanks = competitionRanks(units.map((u) => ({ code: u.code, name: u.name, total: previousTotals.get(u.code) ?? null })));
  const rows = units.map((u): RankingRow<G> => {
    const rank = ranks.get(u.code) ?? null;
    const before = previousTotals.get(u.code) ?? null;
    const previousRank = previousRanks.get(u.code) ?? null;
    const total = u.total !== null && Number.isFinite(u.total) ? u.total : null;
    return {
      code: u.code,
      name: u.name,
      rank,
      total,
      band: dvc766Band(total),
      groups: u.groups,
      deltaPoints: total !== null && before !== null && Number.isFinite(before) ? roundScore(roundScore(total) - roundScore(before)) : null,
      deltaRank: rank !== null && previousRank !== null ? previousRank - rank : null,
    };
  });
  return rows.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank;
    return collator.compare(a.name, b.name);
  });
}

/** Share of a group's maximum, for colouring a group score (≥ 70 % fine, < 50 % critical, as the catalog's rule). */
export function groupLevel(score: number | null | undefined, max: number): 'ok' | 'warning' | 'critical' | 'none' {
  if (score === null || score === undefined || !Number.isFinite(score) || max <= 0) return 'none';
  const share = score / max;
  return share < 0.5 ? 'critical' : share < 0.7 ? 'warning' : 'ok';
}
