import type { Localized } from '../i18n';

/**
 * How a parent's value follows from its children's (DESIGN §4).
 * - sum: Σ values. - ratio: Σnum / Σden (× scale), never the mean of the children's ratios.
 * - wmean: Σ(value·weight) / Σweight. - max: the worst (largest) child. - official: each level reports its own.
 * (A `min` kind had no indicator in the catalog and left the code; a "lowest child" figure is a max of its complement.)
 */
export type AggregationKind = 'sum' | 'ratio' | 'wmean' | 'max' | 'official';

/** Levels that report or show an indicator: C commune, P province, M ministry, N national. */
export type ReportLevel = 'commune' | 'province' | 'ministry' | 'national';

export type Cadence = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** The period a figure is for: `live`, a day `2026-11-28`, a month `2026-11`, a quarter `2026-Q4`, a year `2026`. */
export type PeriodKind = 'live' | 'day' | 'month' | 'quarter' | 'year';

/** Which way is good: up (higher is better), down, band (a range is good), context (no good direction). */
export type GoodDirection = 'up' | 'down' | 'band' | 'context';

export interface Thresholds {
  /** Warning level, compared in the bad direction (below it when good is up, above it when good is down). */
  warning: number | null;
  critical: number | null;
  /** Where the catalog states a relative or conditional rule that a fixed level cannot express. */
  note?: Localized;
}

export interface Indicator {
  /** Id as in domain/indicators.md §5.2, e.g. `dossier_on_time_rate`. */
  id: string;
  /** Row number in domain/indicators.md §5.2. */
  catalogNo: number;
  name: Localized;
  domain: string;
  /** Unit of measure shown beside values: "%", "hồ sơ" / "dossiers", "tỷ đồng" / "VND bn". */
  measure: Localized;
  kind: AggregationKind;
  /** For ratio kinds: value = scale × num / den (100 for percentages). 1 otherwise. */
  scale: number;
  /**
   * The figures count things (sum: the value; ratio: num and den): whole numbers within MAX_COUNT, exact in every
   * rollup (core/aggregation/limits.ts). False for amounts (tỷ đồng), scores, levels and wmean parts.
   */
  counts: boolean;
  /** For ratio and wmean: what num and den (or value and weight) count. */
  numerator?: Localized;
  denominator?: Localized;
  levels: ReportLevel[];
  cadence: Cadence;
  periodKind: PeriodKind;
  /** A value older than this is stale (greyed with its age); a feed older than this is late. */
  staleAfterMs: number;
  good: GoodDirection;
  thresholds: Thresholds;
  /** Typical range, for legends and simulator realism. */
  range: { min: number; max: number };
  /** Decimals to show. */
  decimals: number;
  /** S (sourced) / P (proposal) / S-3p, and the source named in the catalog. */
  basis: string;
}
