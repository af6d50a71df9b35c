import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MetricsDelta } from '../../core/contract/events';
import type { MetricValue, ViewSnapshot } from '../../core/contract/metrics';
import { emptyMetrics, fromSnapshot, mergeValues, metricKey, type MetricsState } from './metrics.merge';

/** The figures of the subscribed view: values by indicator and unit, the period shown per indicator, the last seq. */
export const useMetricsStore = defineStore('metrics', () => {
  const state = shallowRef<MetricsState>(emptyMetrics);
  const seq = ref<string | null>(null);
  /** Server time of the last snapshot, for clock-skew correction. */
  const serverTime = ref<number | null>(null);

  const scope = computed(() => state.value.scope);
  const periods = computed(() => state.value.periods);

  function value(indicator: string, unit: string): MetricValue | undefined {
    return state.value.shown.get(metricKey(indicator, unit));
  }

  function period(indicator: string): string | undefined {
    return state.value.periods[indicator];
  }

  /** The values of one indicator for the children of the scope (the provinces of VN). */
  function childValues(indicator: string): MetricValue[] {
    const out: MetricValue[] = [];
    const prefix = `${indicator}|`;
    for (const [key, v] of state.value.shown) {
      if (key.startsWith(prefix) && v.unit !== state.value.scope) out.push(v);
    }
    return out;
  }

  function applySnapshot(snapshot: ViewSnapshot): void {
    // the first snapshot is a step of the first render (bench:screens); later ones are not marked (marks are kept)
    if (performance.getEntriesByName('ioc:snapshot').length === 0) performance.mark('ioc:snapshot', { detail: snapshot.scope });
    state.value = fromSnapshot(snapshot);
    seq.value = snapshot.seq;
    serverTime.value = snapshot.serverTime;
  }

  function applyDelta(delta: MetricsDelta): void {
    if (delta.scope !== state.value.scope) return;
    state.value = mergeValues(state.value, delta.values);
    seq.value = delta.seq;
  }

  function reset(): void {
    state.value = emptyMetrics;
    seq.value = null;
  }

  return { state, seq, serverTime, scope, periods, value, period, childValues, applySnapshot, applyDelta, reset };
});
