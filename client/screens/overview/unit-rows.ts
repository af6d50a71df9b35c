import type { MetricValue } from '../../../core/contract/metrics';
import type { Indicator } from '../../../core/indicators/indicator';
import type { UnitRow } from '../../export/csv-rows';
import { freshness } from '../../display/kpi.model';

export interface UnitRowWithAge extends UnitRow {
  ageMs: number | null;
  /** The figure's source id (display/source-label.ts names it), null without a figure. */
  source: string | null;
}

/** One row per unit (with or without a value), for tables and their CSV: value, period, time, coverage, freshness. */
export function unitRows(
  list: ReadonlyArray<{ code: string; name: string }>,
  values: ReadonlyMap<string, MetricValue>,
  indicator: Pick<Indicator, 'staleAfterMs'>,
  now: number,
): UnitRowWithAge[] {
  return list.map(({ code, name }) => {
    const v = values.get(code);
    const fresh = freshness(indicator, v, now);
    return {
      code,
      name,
      value: v?.value ?? null,
      period: v?.period ?? null,
      observedAt: v?.observedAt ?? null,
      ...(v?.reporting !== undefined && v.expected !== undefined ? { reporting: v.reporting, expected: v.expected } : {}),
      stale: fresh.stale,
      ageMs: fresh.ageMs,
      source: v?.source ?? null,
    };
  });
}
