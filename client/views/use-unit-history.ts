import { computed, onBeforeUnmount, onMounted, type Ref, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Indicator } from '../../core/indicators/indicator';
import { bucketMs, type HistoryPoint, previousPeriod, previousPlan, RANGE_MS } from '../charts/history.model';
import { useLocale } from '../composables/use-locale';
import { useHistoryStore } from '../stores/history.store';
import { useUnitsStore } from '../stores/units.store';
import type { HistoryRange } from './view-query';

export interface HistoryRequest {
  indicator: Indicator;
  unit: string;
  range: HistoryRange;
  /** `prev`, another unit's code, or null. */
  compare: string | null;
}

export interface UnitHistory {
  main: readonly HistoryPoint[];
  compare: readonly HistoryPoint[] | null;
  mainName: string;
  compareName: string | null;
  from: number;
  to: number;
  loading: boolean;
  /** Why a line is missing, already translated; null when both are there. */
  note: string | null;
}

const REFRESH_MS = 60_000;

/**
 * A unit's history and its comparison line for the detail panel (and its CSV): fetches what is shown from the history
 * store, refreshes it every minute, and shapes the previous period over the current window.
 */
export function useUnitHistory(request: Ref<HistoryRequest | null>, clockOffsetMs: Ref<number>) {
  const { t } = useI18n();
  const locale = useLocale();
  const history = useHistoryStore();
  const units = useUnitsStore();
  /** The window's end: moved on each refresh, not every second, so the chart is not redrawn for nothing. */
  const windowEnd = ref(Date.now() + clockOffsetMs.value);
  let timer: ReturnType<typeof setInterval> | null = null;

  function refresh(): void {
    const r = request.value;
    if (!r) return;
    windowEnd.value = Date.now() + clockOffsetMs.value;
    void history.ensure(r.indicator.id, r.unit, r.range);
    if (r.compare === 'prev') {
      const plan = previousPlan(r.range);
      if (plan) void history.ensure(r.indicator.id, r.unit, plan.fetch);
    } else if (r.compare) void history.ensure(r.indicator.id, r.compare, r.range);
  }

  watch(request, refresh, { immediate: true, deep: true });
  onMounted(() => {
    timer = setInterval(refresh, REFRESH_MS);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
  });

  const unitName = (code: string): string => units.name(code, locale.value) ?? (code === 'VN' ? t('drill.nation') : code);

  return computed<UnitHistory | null>(() => {
    const r = request.value;
    if (!r) return null;
    const to = windowEnd.value;
    const from = to - RANGE_MS[r.range];
    const own = history.get(r.indicator.id, r.unit, r.range);
    const main = (own?.points ?? []).filter((p) => p.t >= from - bucketMs(r.range));
    let compare: readonly HistoryPoint[] | null = null;
    let compareName: string | null = null;
    let note: string | null = null;
    let loading = !own && !history.error(r.indicator.id, r.unit, r.range);
    if (r.compare === 'prev') {
      const plan = previousPlan(r.range);
      if (!plan) note = t('history.noPrevious');
      else {
        const wider = history.get(r.indicator.id, r.unit, plan.fetch);
        loading ||= !wider;
        compare = wider ? previousPeriod(wider.points, r.range, to) : [];
        compareName = bucketMs(plan.fetch) > bucketMs(r.range) ? t('history.comparePrevDaily') : t('history.comparePrev');
        if (wider && compare.length === 0) note = t('history.noPreviousData');
      }
    } else if (r.compare) {
      const other = history.get(r.indicator.id, r.compare, r.range);
      loading ||= !other;
      compare = other?.points ?? [];
      compareName = unitName(r.compare);
    }
    if (own && main.every((p) => p.value === null)) note = t('history.noData');
    return { main, compare, mainName: unitName(r.unit), compareName, from, to, loading, note };
  });
}
