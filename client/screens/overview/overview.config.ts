import type { Indicator } from '../../../core/indicators/indicator';

/** The map's default indicator (the on-time dossier rate, the figure leaders ask for first). */
export const DEFAULT_MAP_INDICATOR = 'dossier_on_time_rate';

/** National KPI tiles in order of preference; those the catalog has are shown, up to MAX_KPIS. */
export const PREFERRED_KPIS = [
  'dossier_on_time_rate',
  'dossier_received_count',
  'dossier_overdue_open_count',
  'online_submission_rate',
  'avg_processing_days',
  'field_report_count',
  'full_online_dossier_rate',
  'dvc766_total_score',
  'vn_aqi',
] as const;

export const MIN_KPIS = 4;
export const MAX_KPIS = 6;

/** Indicators that can colour the national map: reported by or rolled up to provinces. */
export function mappable(indicators: readonly Indicator[]): Indicator[] {
  return indicators.filter((i) => i.levels.includes('province'));
}

/**
 * The map's indicator: the one asked for (URL) when it can be mapped, else the default, else the first ratio
 * indicator, else the first mappable one.
 */
export function pickMapIndicator(indicators: readonly Indicator[], requested?: string | null): string | null {
  const candidates = mappable(indicators);
  const ids = new Set(candidates.map((i) => i.id));
  if (requested && ids.has(requested)) return requested;
  if (ids.has(DEFAULT_MAP_INDICATOR)) return DEFAULT_MAP_INDICATOR;
  return candidates.find((i) => i.kind === 'ratio')?.id ?? candidates[0]?.id ?? null;
}

/**
 * The KPI tiles: the ids asked for (URL `kpis=a,b`) that exist, else the preferred ones the catalog has, topped up
 * with other national indicators to at least MIN_KPIS; at most MAX_KPIS.
 */
export function pickKpis(indicators: readonly Indicator[], requested?: readonly string[]): string[] {
  const national = indicators.filter((i) => i.levels.includes('national'));
  const known = new Set(national.map((i) => i.id));
  const asked = (requested ?? []).filter((id) => known.has(id));
  if (asked.length > 0) return [...new Set(asked)].slice(0, MAX_KPIS);
  const chosen: string[] = PREFERRED_KPIS.filter((id) => known.has(id));
  for (const i of national) {
    if (chosen.length >= MIN_KPIS) break;
    if (!chosen.includes(i.id)) chosen.push(i.id);
  }
  return chosen.slice(0, MAX_KPIS);
}
