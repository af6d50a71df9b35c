import type { MetricValue, ViewSnapshot } from '../../core/contract/metrics';

/**
 * The figures of one view, immutable: each change returns a new state, so Vue sees one replacement per delta.
 * Bounded by construction: per indicator, the shown period's values and at most one newer period's.
 */
export interface MetricsState {
  scope: string | null;
  /** The period shown per indicator (the snapshot's, later a newer one once it has enough reports). */
  periods: Readonly<Record<string, string>>;
  /** key `${indicator}|${unit}` → the value for the shown period. */
  shown: ReadonlyMap<string, MetricValue>;
  /** indicator → { period, unit → value } for a period newer than the shown one, until it takes over. */
  pending: ReadonlyMap<string, { period: string; values: ReadonlyMap<string, MetricValue> }>;
}

/** Never hold more than this many values, whatever a server sends. */
export const MAX_VALUES = 20_000;

export const emptyMetrics: MetricsState = { scope: null, periods: {}, shown: new Map(), pending: new Map() };

export function metricKey(indicator: string, unit: string): string {
  return `${indicator}|${unit}`;
}

/** Periods of one kind order as strings: 2026-11-28 < 2026-11-29, 2026-Q3 < 2026-Q4. */
function isNewer(period: string, than: string): boolean {
  return period.length === than.length && period > than;
}

export function fromSnapshot(snapshot: ViewSnapshot): MetricsState {
  const periods: Record<string, string> = { ...snapshot.periods };
  for (const v of snapshot.values) {
    const current = periods[v.indicator];
    if (current === undefined || isNewer(v.period, current)) periods[v.indicator] = v.period;
  }
  const shown = new Map<string, MetricValue>();
  for (const v of snapshot.values) {
    if (v.period === periods[v.indicator] && shown.size < MAX_VALUES) shown.set(metricKey(v.indicator, v.unit), v);
  }
  return { scope: snapshot.scope, periods, shown, pending: new Map() };
}

function valueCount(values: Iterable<MetricValue>): number {
  let n = 0;
  for (const v of values) if (v.value !== null) n += 1;
  return n;
}

/**
 * Merge changed figures. A value for the shown period replaces the old one; an older period is ignored; a newer
 * period is held aside and takes over once it has at least half as many values as the shown one (counting the scope
 * itself), so the map does not go grey just after midnight nor stay on yesterday all day, and a figure only the
 * nation reports (an official national CPI) moves to its new period at once.
 */
export function mergeValues(state: MetricsState, values: readonly MetricValue[]): MetricsState {
  if (values.length === 0) return state;
  const periods: Record<string, string> = { ...state.periods };
  const shown = new Map(state.shown);
  const pending = new Map(state.pending);
  const touched = new Set<string>();
  for (const v of values) {
    const current = periods[v.indicator];
    if (current === undefined) periods[v.indicator] = v.period;
    const period = periods[v.indicator] ?? v.period;
    const key = metricKey(v.indicator, v.unit);
    if (v.period === period) {
      if (shown.has(key) || shown.size < MAX_VALUES) shown.set(key, v);
    } else if (isNewer(v.period, period)) {
      const held = pending.get(v.indicator);
      const base = held && held.period === v.period ? new Map(held.values) : held && isNewer(held.period, v.period) ? null : new Map<string, MetricValue>();
      if (!base) continue; // an even newer period is already pending
      base.set(v.unit, v);
      pending.set(v.indicator, { period: v.period, values: base });
      touched.add(v.indicator);
    }
  }
  for (const indicator of touched) {
    const held = pending.get(indicator);
    if (!held) continue;
    let shownCount = 0;
    for (const [key, v] of shown) if (key.startsWith(`${indicator}|`) && v.value !== null) shownCount += 1;
    if (valueCount(held.values.values()) >= Math.max(1, Math.ceil(shownCount / 2))) {
      for (const key of [...shown.keys()]) if (key.startsWith(`${indicator}|`)) shown.delete(key);
      for (const v of held.values.values()) shown.set(metricKey(indicator, v.unit), v);
      periods[indicator] = held.period;
      pending.delete(indicator);
    }
  }
  return { scope: state.scope, periods, shown, pending };
}
