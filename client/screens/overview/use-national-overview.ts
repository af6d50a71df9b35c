import { computed, onBeforeUnmount, watch } from 'vue';
import type { MetricValue, ViewRequest } from '../../../core/contract/metrics';
import type { Indicator } from '../../../core/indicators/indicator';
import { useStableScale } from '../../map/stable-scale';
import { showView } from '../../realtime/realtime';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { useMetricsStore } from '../../stores/metrics.store';
import { useSelectionStore } from '../../stores/selection.store';
import { useUnitsStore } from '../../stores/units.store';
import { pickKpis } from './overview.config';
import { useCatalog } from '../../composables/use-catalog';
import { childValuesOf, numbersOf } from './scope-values';
import { useDrillRoute } from '../../composables/use-drill-route';
import { useScopeTrends } from './use-scope-trends';
import type { HistoryRange } from '../../navigation/view-query';
import { isProvinceCode } from '../../../core/units/unit-code';

export const NATION = 'VN';

/**
 * The national overview's data, drilled or not: loads the catalog and units, picks the map indicator (URL
 * `?indicator=`) and the KPI tiles (URL `?kpis=a,b`), keeps the view `{ scope, indicators }` subscribed — the nation,
 * or the province in `?scope=` (the old scope is unsubscribed by the view sync) — and derives the map's values and
 * colour classes for the level shown. The screen component only lays it out.
 */
export function useNationalOverview() {
  const { route, query, go, linkTo, owns } = useDrillRoute();
  const indicators = useIndicatorsStore();
  const units = useUnitsStore();
  const metrics = useMetricsStore();
  const selection = useSelectionStore();
  const { loadError, mapChoices, mapIndicator, select } = useCatalog(query, go);
  let unmounted = false;

  /** The drilled province: a province code from the URL (until the registry is in, any two digits). */
  const scope = computed<string | null>(() => {
    const code = query.value.scope;
    if (!code) return null;
    const unit = units.get(code);
    return unit ? (unit.level === 'province' ? code : null) : isProvinceCode(code) ? code : null;
  });
  const scopeCode = computed(() => scope.value ?? NATION);
  watch(
    [scope, () => units.registry],
    ([code]) => {
      if (code) void units.ensureChildren(code).catch(() => undefined);
    },
    { immediate: true },
  );

  const kpiIndicators = computed(() => {
    const raw = route.query.kpis;
    const requested = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : undefined;
    return pickKpis(indicators.list, requested)
      .map((id) => indicators.get(id))
      .filter((i): i is Indicator => i !== undefined);
  });

  function viewOf(scopeCode: string): ViewRequest | null {
    const id = selection.indicatorId;
    if (!id) return null;
    return { scope: scopeCode, indicators: [...new Set([id, ...kpiIndicators.value.map((i) => i.id)])] };
  }
  const view = computed(() => viewOf(scopeCode.value));
  watch(view, (v) => showView(v), { immediate: true });

  /**
   * Drill into a province: with the click, the URL changes and the province's view is subscribed at once (its snapshot
   * is on the way while the map flies and the route changes; the route's own view is then the same and asks nothing
   * again). Once the navigation is over, the route's view is the one shown, whether it went there or not.
   */
  function drill(code: string, range: HistoryRange): void {
    const navigation = go({ scope: code, range });
    const next = viewOf(code);
    if (!navigation || !next) return;
    showView(next);
    void navigation.finally(() => {
      if (!unmounted) showView(view.value);
    });
  }

  function childValues(parent: string, level: 'province' | 'commune'): Map<string, MetricValue> {
    const id = selection.indicatorId;
    return id ? childValuesOf(metrics.scope, metrics.childValues(id), parent, level, units.get) : new Map();
  }

  /** Province code → value (the nation's view; empty while drilled). */
  const provinceValues = computed(() => (scope.value ? new Map<string, MetricValue>() : childValues(NATION, 'province')));
  /** Commune code → value (the drilled province's view). */
  const communeValues = computed(() => (scope.value ? childValues(scope.value, 'commune') : new Map<string, MetricValue>()));
  const shownPeriod = computed(() => (mapIndicator.value ? metrics.period(mapIndicator.value.id) : undefined));
  const scale = useStableScale(mapIndicator, shownPeriod, computed(() => numbersOf(provinceValues.value)));
  const communeScale = useStableScale(mapIndicator, shownPeriod, computed(() => numbersOf(communeValues.value)), scopeCode);
  const scopeValue = computed(() => (mapIndicator.value ? metrics.value(mapIndicator.value.id, scopeCode.value) : undefined));

  /** KPI and map-indicator trends of the scope: fetched when shown and refreshed every minute. */
  useScopeTrends(
    'national',
    scopeCode,
    computed(() => [...kpiIndicators.value.map((i) => i.id), ...(selection.indicatorId ? [selection.indicatorId] : [])]),
  );

  onBeforeUnmount(() => {
    unmounted = true;
    showView(null);
  });

  return {
    loadError,
    mapChoices,
    mapIndicator,
    kpiIndicators,
    scope,
    scopeCode,
    provinceValues,
    communeValues,
    shownPeriod,
    scale,
    communeScale,
    scopeValue,
    query,
    go,
    drill,
    linkTo,
    /** Whether this screen's URL is its own (false in a wall's rotation: a click there drills nowhere). */
    owns,
    select,
  };
}
