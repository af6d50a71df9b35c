import type { MetricValue } from '../../core/contract/metrics';
import { type ColorScale, colorOf, NO_DATA_COLOR } from './color-scale';
import type { ProvinceState } from './province.layer';

/** Each province's look for the current indicator: its class colour, or grey when it has no value. */
export function provinceStates(
  codes: readonly string[],
  values: ReadonlyMap<string, MetricValue>,
  scale: ColorScale | null,
): Map<string, ProvinceState> {
  const states = new Map<string, ProvinceState>();
  for (const code of codes) {
    const value = values.get(code)?.value;
    const hasValue = scale !== null && value !== null && value !== undefined && Number.isFinite(value);
    states.set(code, { color: hasValue ? colorOf(scale, value) : NO_DATA_COLOR, hasValue });
  }
  return states;
}
