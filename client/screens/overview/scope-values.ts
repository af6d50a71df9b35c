import type { MetricValue } from '../../../core/contract/metrics';
import type { Unit } from '../../../core/units/unit';

/**
 * The values of one indicator for the children of `parent` at `level` (the view of `parent` also holds the parent's
 * own value, and the nation's holds the ministries): empty until the view shown is that parent's.
 */
export function childValuesOf(
  shownScope: string | null,
  values: readonly MetricValue[],
  parent: string,
  level: 'province' | 'commune',
  unitOf: (code: string) => Unit | undefined,
): Map<string, MetricValue> {
  const out = new Map<string, MetricValue>();
  if (shownScope !== parent) return out;
  const digits = level === 'province' ? 2 : 5;
  for (const v of values) {
    const unit = unitOf(v.unit);
    if (unit ? unit.level === level : v.unit.length === digits && /^\d+$/.test(v.unit)) out.set(v.unit, v);
  }
  return out;
}

export function numbersOf(values: ReadonlyMap<string, MetricValue>): number[] {
  const out: number[] = [];
  for (const v of values.values()) if (v.value !== null && Number.isFinite(v.value)) out.push(v.value);
  return out;
}
