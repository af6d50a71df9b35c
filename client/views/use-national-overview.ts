import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { MetricValue, ViewRequest } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';
import { useStableScale } from '../map/stable-scale';
import { showView } from '../realtime/realtime';
import { useIndicatorsStore } from '../stores/indicators.store';
import { useMetricsStore } from '../stores/metrics.store';
import { useSelectionStore } from '../stores/selection.store';
import { useSeriesStore } from '../stores/series.store';
import { useUnitsStore } from '../stores/units.store';
import { mappable, pickKpis, pickMapIndicator } from './overview.config';

export const NATION = 'VN';
const TREND_REFRESH_MS = 60_000;

/**
 * The national overview's data: loads the catalog and units, picks the map indicator (URL `?indicator=`) and the KPI
 * tiles (URL `?kpis=a,b`), keeps the view `{ scope: 'VN', indicators }` subscribed, and derives the map's values
 * and colour classes. The screen component only lays it out.
 */
export function useNationalOverview() {
  const route = useRoute();
  const router = useRouter();
  const indicators = useIndicatorsStore();
  const units = useUnitsStore();
  const metrics = useMetricsStore();
  const selection = useSelectionStore();
  const series = useSeriesStore();
  const loadError = ref<string | null>(null);
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let trendTimer: ReturnType<typeof setInterval> | null = null;

  function queryString(name: string): string | null {
    const v = route.query[name];
    return typeof v === 'string' ? v : null;
  }

  async function loadCatalog(): Promise<void> {
    const [catalog] = await Promise.allSettled([indicators.load(), units.registry ? Promise.resolve() : units.load()]);
    if (catalog.status === 'rejected') {
      loadError.value = catalog.reason instanceof Error ? catalog.reason.message : String(catalog.reason);
      retryTimer = setTimeout(() => void loadCatalog(), 5_000);
      return;
    }
    loadError.value = null;
  }

  const mapChoices = computed(() => mappable(indicators.list));
  const mapIndicator = computed<Indicator | null>(() =>
    selection.indicatorId ? (indicators.get(selection.indicatorId) ?? null) : null,
  );
  const kpiIndicators = computed(() => {
    const requested = queryString('kpis')?.split(',').map((s) => s.trim());
    return pickKpis(indicators.list, requested)
      .map((id) => indicators.get(id))
      .filter((i): i is Indicator => i !== undefined);
  });

  watch(
    () => indicators.list,
    (list) => {
      if (selection.indicatorId && indicators.get(selection.indicatorId)) return;
      selection.selectIndicator(pickMapIndicator(list, queryString('indicator')));
    },
    { immediate: true },
  );

  const view = computed<ViewRequest | null>(() => {
    const id = selection.indicatorId;
    if (!id) return null;
    return { scope: NATION, indicators: [...new Set([id, ...kpiIndicators.value.map((i) => i.id)])] };
  });
  watch(view, (v) => showView(v), { immediate: true });

  /** A province of the nation (the view also carries the ministries, which report under VN but are not on the map). */
  function isProvince(code: string): boolean {
    const unit = units.get(code);
    return unit ? unit.level === 'province' : /^\d{2}$/.test(code);
  }

  /** Province code → value of the map's indicator. */
  const provinceValues = computed(() => {
    const out = new Map<string, MetricValue>();
    const id = selection.indicatorId;
    if (id) for (const v of metrics.childValues(id)) if (isProvince(v.unit)) out.set(v.unit, v);
    return out;
  });
  const provinceNumbers = computed(() => {
    const values: number[] = [];
    for (const v of provinceValues.value.values()) if (v.value !== null) values.push(v.value);
    return values;
  });
  const shownPeriod = computed(() => (mapIndicator.value ? metrics.period(mapIndicator.value.id) : undefined));
  const scale = useStableScale(mapIndicator, shownPeriod, provinceNumbers);
  const nationalValue = computed(() =>
    mapIndicator.value ? metrics.value(mapIndicator.value.id, NATION) : undefined,
  );

  /** KPI trends: fetched when shown and refreshed every minute (each tile appends its live value). */
  function refreshTrends(): void {
    const keep = kpiIndicators.value.map((i) => ({ indicator: i.id, unit: NATION }));
    series.retain(keep);
    for (const k of keep) void series.ensure(k.indicator, k.unit);
  }
  watch(kpiIndicators, refreshTrends);

  function select(id: string): void {
    selection.selectIndicator(id);
    void router.replace({ query: { ...route.query, indicator: id } });
  }

  onMounted(() => {
    void loadCatalog();
    trendTimer = setInterval(refreshTrends, TREND_REFRESH_MS);
  });
  onBeforeUnmount(() => {
    if (retryTimer) clearTimeout(retryTimer);
    if (trendTimer) clearInterval(trendTimer);
    showView(null);
  });

  return { loadError, mapChoices, mapIndicator, kpiIndicators, provinceValues, shownPeriod, scale, nationalValue, select };
}
