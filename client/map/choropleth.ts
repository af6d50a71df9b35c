import type { MetricValue } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';
import { freshness } from '../display/kpi.model';
import { type ColorScale, colorOf, NO_DATA_COLOR } from './color-scale';
import type { ProvinceState } from './province.layer';

/**
 * Each unit's look for the current indicator: its class colour, or grey when it has no value; and whether its value is
 * past the indicator's deadline at `now` (the one freshness rule of the tiles and tables: display/kpi.model.ts).
 */
export function provinceStates(
  codes: readonly string[],
  values: ReadonlyMap<string, MetricValue>,
  scale: ColorScale | null,
  indicator: Pick<Indicator, 'staleAfterMs'> | null = null,
  now = 0,
): Map<string, ProvinceState> {
  const states = new Map<string, ProvinceState>();
  for (const code of codes) {
    const v = values.get(code);
    const value = v?.value;
    const hasValue = scale !== null && value !== null && value !== undefined && Number.isFinite(value);
    const stale = hasValue && indicator !== null && freshness(indicator, v, now).stale;
    states.set(code, { color: hasValue ? colorOf(scale, value) : NO_DATA_COLOR, hasValue, stale });
  }
  return states;
}

/** The codes of the units drawn stale, in code order. */
export function staleCodes(states: ReadonlyMap<string, ProvinceState>): string[] {
  return [...states].filter(([, s]) => s.stale).map(([code]) => code).sort();
}
