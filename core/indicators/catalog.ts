/**
 * The indicator catalog: all 59 rows of domain/indicators.md §5.2, transcribed by these rules.
 *
 * - id and catalogNo exactly as the `id` and `#` columns; names from Tên (VI) / Name (EN), with dimension notes
 *   (`dim group ∈ …`, `dim db ∈ …`, `dim quốc tế/nội địa`) moved to `basis` — the Indicator type has no dimension.
 * - domain: the first domain of the Domain column (a second one, e.g. "health / data", is kept in basis).
 * - kind from the Roll-up column: SUM → sum; RATIO → ratio; WMEAN (rows whose formula reads "WMEAN:", #9 and #25,
 *   although their roll-up column says RATIO) → wmean, num = value × weight, den = the weight; MAX → max; MIN → min;
 *   OFFICIAL (and "OFFICIAL (or RESCORE)") → official. DISTINCT (#4, #12: a ratio over the shared procedure catalogue,
 *   recomputed on the union, so not derivable by summing children) → official, each level reports its own; basis says so.
 *   vn_aqi → max; priority_db_progress_pct → official.
 * - scale: 100 for a ratio measured in %, else 1 (official percentages are reported already scaled).
 * - levels from the Levels column, C commune, P province, M ministry, N national; levels in parentheses ("P for local
 *   parts", "C by residence", "C for sites") are included, since those units do report, and noted in basis.
 * - cadence: RT realtime, D daily, W weekly, M monthly, Q quarterly, Y yearly; "RT/D", "D/M", "M (D …)": the first.
 *   periodKind: realtime live, daily and weekly day, monthly month, quarterly quarter, yearly year.
 *   staleAfterMs: realtime 15 min, daily 26 h, weekly 8 d, monthly 35 d, quarterly 100 d, yearly 400 d
 *   (STALE_*_MS in catalog.define.ts).
 * - good: ↑ up, ↓ down, band band, context context.
 * - thresholds: fixed numbers where Warn / Crit is a number ("<95 / <90" → 95, 90; ">24 / >72" → 24, 72; "≥101 / ≥151"
 *   → 101, 151, inclusive, said in the note); a relative or conditional rule ("+20 % vs prior period", "y/y < −10 %",
 *   "< target −1 pp", "< 70 % of max", "no increase in 30 d") → null with a `note` {vi, en} stating it. Where only one
 *   side is fixed (">0 / >0.5 % of in-progress") the fixed one is kept and the note states the other. For `band`
 *   the numbers are the upper bounds and the note gives the lower side.
 * - range from the Range column where numeric; where it is "—" or not a range, a range chosen for the unit at
 *   province level, said in basis ("Range chosen …").
 * - decimals: % 1, counts 0, scores (điểm) 2, money 1, hours / days 1; rank and the integer VN_AQI 0.
 * - basis: the Basis column (S / S-3p / P and the source code named), plus any choice made above.
 */
import type { Indicator } from './indicator';
import { variantsOf } from './variants';
import { CITIZEN_FEEDBACK_INDICATORS } from './catalog.citizen-feedback';
import { DATA_INDICATORS } from './catalog.data';
import { PUBLIC_SERVICE_INDICATORS } from './catalog.public-service';
import { SECTOR_INDICATORS } from './catalog.sectors';
import { SOCIO_ECONOMIC_INDICATORS } from './catalog.socio-economic';

export const INDICATORS: readonly Indicator[] = Object.freeze(
  [
    ...PUBLIC_SERVICE_INDICATORS,
    ...CITIZEN_FEEDBACK_INDICATORS,
    ...DATA_INDICATORS,
    ...SOCIO_ECONOMIC_INDICATORS,
    ...SECTOR_INDICATORS,
  ].sort((a, b) => a.catalogNo - b.catalogNo),
);

function indexById(indicators: readonly Indicator[]): ReadonlyMap<string, Indicator> {
  const byId = new Map<string, Indicator>();
  for (const indicator of indicators) {
    if (byId.has(indicator.id)) throw new Error(`duplicate indicator id ${indicator.id}`);
    byId.set(indicator.id, indicator);
  }
  return byId;
}

/** The catalog rows and, for rows with a dimension, one indicator per value (variants.ts). */
export const ALL_INDICATORS: readonly Indicator[] = Object.freeze([...INDICATORS, ...variantsOf(INDICATORS)]);

export const INDICATORS_BY_ID: ReadonlyMap<string, Indicator> = indexById(ALL_INDICATORS);

export function indicatorById(id: string): Indicator | undefined {
  return INDICATORS_BY_ID.get(id);
}
