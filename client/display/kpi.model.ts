import type { MetricValue } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';

export type KpiStatus = 'ok' | 'warning' | 'critical' | 'none';

/** Threshold status of a value: compared in the bad direction (below when good is up, above when good is down). */
export function kpiStatus(indicator: Pick<Indicator, 'good' | 'thresholds'>, value: number | null | undefined): KpiStatus {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'none';
  const { warning, critical } = indicator.thresholds;
  if (indicator.good === 'up') {
    if (critical !== null && value < critical) return 'critical';
    if (warning !== null && value < warning) return 'warning';
    return 'ok';
  }
  if (indicator.good === 'down') {
    if (critical !== null && value > critical) return 'critical';
    if (warning !== null && value > warning) return 'warning';
    return 'ok';
  }
  return 'none';
}

/** Age of a value at `now` (server-corrected), and whether it is past its indicator's deadline. */
export function freshness(
  indicator: Pick<Indicator, 'staleAfterMs'>,
  value: Pick<MetricValue, 'observedAt'> | undefined,
  now: number,
): { ageMs: number | null; stale: boolean } {
  if (!value || !Number.isFinite(value.observedAt)) return { ageMs: null, stale: false };
  const ageMs = Math.max(0, now - value.observedAt);
  return { ageMs, stale: indicator.staleAfterMs > 0 && ageMs > indicator.staleAfterMs };
}
