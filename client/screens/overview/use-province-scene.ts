import { computed, onBeforeUnmount, type Ref, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import type { MetricValue, ViewRequest } from '../../../core/contract/metrics';
import type { Indicator } from '../../../core/indicators/indicator';
import { useLocale } from '../../composables/use-locale';
import { useStableScale } from '../../map/stable-scale';
import { demandView } from '../../realtime/realtime';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { useMetricsStore } from '../../stores/metrics.store';
import { useSelectionStore } from '../../stores/selection.store';
import { useUnitsStore } from '../../stores/units.store';
import { MAX_KPIS, pickKpis } from './overview.config';
import { childValuesOf, numbersOf } from './scope-values';
import { type CommuneColumn, SORT_DEFAULT, SORT_VALUE } from './commune-table.model';
import { nextSort, type SortState, sortRows } from '../../display/table-sort';
import { unitRows } from './unit-rows';
import { useCatalog } from '../../composables/use-catalog';
import { useDrillRoute } from '../../composables/use-drill-route';
import { useScopeTrends } from './use-scope-trends';
import { isProvinceCode } from '../../../core/units/unit-code';

let scenes = 0;
/** KPI tiles in the province scene's row. */
const PROVINCE_KPIS = 4;

/**
 * The province scene (`/province/:code`): the view `{ scope: code, indicators }`, its communes' values and colour
 * classes, the province's own KPI figures, and the communes table's rows in the chosen order.
 */
export function useProvinceScene(now: { value: number }, codeProp: Ref<string | undefined>) {
  const route = useRoute();
  /** The province: the `code` prop (a wall screen's scene), else the route's `:code`. */
  const code = computed(() => codeProp.value ?? (typeof route.params.code === 'string' ? route.params.code : ''));
  const drill = useDrillRoute(computed(() => `/province/${code.value}`));
  const { query, go } = drill;
  const indicators = useIndicatorsStore();
  const units = useUnitsStore();
  const metrics = useMetricsStore();
  const selection = useSelectionStore();
  const locale = useLocale();
  const { loadError, mapChoices, mapIndicator, select } = useCatalog(query, go);

  /** Known province, unknown code, or not yet known (registry loading). */
  const status = computed<'ok' | 'unknown' | 'loading'>(() => {
    if (!units.registry) return 'loading';
    return units.get(code.value)?.level === 'province' ? 'ok' : 'unknown';
  });
  watch(
    [code, status],
    ([c, s]) => {
      if (s === 'ok') void units.ensureChildren(c).catch(() => undefined);
    },
    { immediate: true },
  );

  /** The KPI tiles: those of `?kpis=a,b` (a wall's display chooses them), else the default ones. */
  const kpiIndicators = computed(() => {
    const raw = route.query.kpis;
    const requested = typeof raw === 'string' ? raw.split(',').map((x) => x.trim()) : undefined;
    return pickKpis(indicators.list, requested)
      .map((id) => indicators.get(id))
      .filter((i): i is Indicator => i !== undefined && i.levels.includes('province'))
      .slice(0, requested ? MAX_KPIS : PROVINCE_KPIS);
  });
  const view = computed<ViewRequest | null>(() => {
    const id = selection.indicatorId;
    if (!id || status.value === 'unknown' || !isProvinceCode(code.value)) return null;
    return { scope: code.value, indicators: [...new Set([id, ...kpiIndicators.value.map((i) => i.id)])] };
  });
  // under a key of its own: on a wall it is kept alive beside the national scene (whose need is the page's 'main')
  const viewKey = `province-scene-${++scenes}`;
  watch(view, (v) => demandView(viewKey, v), { immediate: true });
  onBeforeUnmount(() => demandView(viewKey, null));
  // the KPI tiles' and the 24-hour panel's trends of the province (a wall shows both)
  useScopeTrends(
    viewKey,
    computed(() => (view.value ? code.value : null)),
    computed(() => view.value?.indicators ?? []),
  );

  const communeValues = computed<Map<string, MetricValue>>(() => {
    const id = selection.indicatorId;
    return id ? childValuesOf(metrics.scope, metrics.childValues(id), code.value, 'commune', units.get) : new Map();
  });
  const shownPeriod = computed(() => (mapIndicator.value ? metrics.period(mapIndicator.value.id) : undefined));
  const scale = useStableScale(mapIndicator, shownPeriod, computed(() => numbersOf(communeValues.value)), code);
  const provinceValue = computed(() => (mapIndicator.value ? metrics.value(mapIndicator.value.id, code.value) : undefined));

  const sort = ref<SortState<CommuneColumn>>({ key: 'name', dir: 'asc' });
  function sortBy(column: CommuneColumn): void {
    sort.value = nextSort(sort.value, column, SORT_DEFAULT[column]);
  }
  const communes = computed(() =>
    units.children(code.value, 'commune').map((u) => ({ code: u.code, name: u.name[locale.value] })),
  );
  /** Rows as on screen, in the chosen order; the CSV export writes the same. */
  const rows = computed(() => {
    const indicator = mapIndicator.value;
    if (!indicator) return [];
    const all = unitRows(communes.value, communeValues.value, indicator, now.value);
    return sortRows(all, SORT_VALUE[sort.value.key], sort.value.dir, locale.value);
  });

  return {
    ...drill,
    loadError,
    mapChoices,
    mapIndicator,
    select,
    code,
    status,
    kpiIndicators,
    communeValues,
    shownPeriod,
    scale,
    provinceValue,
    sort,
    sortBy,
    rows,
  };
}
