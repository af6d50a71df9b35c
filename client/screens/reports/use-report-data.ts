import { computed, ref, shallowRef } from 'vue';
import type { AlertRecord } from '../../../core/alerts/alert';
import { fetchPages, type PageAnswer } from '../../stores/alerts.pages';
import type { FeedRow, FeedsAnswer } from '../../../core/contract/boards';
import type { MetricValue, ViewSnapshot } from '../../../core/contract/metrics';
import type { ReportKind } from '../../../core/contract/reports';
import type { Indicator } from '../../../core/indicators/indicator';
import type { Unit } from '../../../core/units/unit';
import { getJson } from '../../api/http';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { useMetricsStore } from '../../stores/metrics.store';
import { useUnitsStore } from '../../stores/units.store';
import { pickKpis, pickMapIndicator } from '../overview/overview.config';
import { childValuesOf } from '../overview/scope-values';
import { lateFeeds, yesterdayOf } from './report.model';
import { isProvinceCode } from '../../../core/units/unit-code';

export interface ReportParams {
  kind: ReportKind;
  scope: string;
  indicator: string | null;
}

/** Open alerts listed on paper at most (the count says how many more). */
export const ALERTS_ON_PAPER = 8;
/** Late feeds listed on paper at most. */
export const FEEDS_ON_PAPER = 8;

/**
 * Everything a report shows, read once over HTTP (a report is a snapshot, not a live screen): the catalog and units,
 * the scope's view now (into the metrics store, as the overview's tiles read it) and for the day before, the map's
 * view (a commune's report maps its province), the open alerts and the feeds. Rejects with the first failure.
 */
export function useReportData(params: () => ReportParams) {
  const indicators = useIndicatorsStore();
  const units = useUnitsStore();
  const metrics = useMetricsStore();
  const mapIndicator = ref<Indicator | null>(null);
  const kpiIndicators = shallowRef<Indicator[]>([]);
  const yesterday = shallowRef<ViewSnapshot | null>(null);
  const mapValues = shallowRef<Map<string, MetricValue>>(new Map());
  const mapScope = ref<string>('VN');
  const alerts = shallowRef<AlertRecord[]>([]);
  const feeds = shallowRef<FeedRow[]>([]);
  const serverTime = ref<number>(Date.now());
  const scopeUnit = shallowRef<Unit | undefined>(undefined);

  const view = (scope: string, ids: readonly string[], period?: string) =>
    getJson<ViewSnapshot>(`/api/v1/views?scope=${encodeURIComponent(scope)}&indicators=${ids.map(encodeURIComponent).join(',')}${period ? `&period=${period}` : ''}`);

  async function unitOf(code: string): Promise<Unit | undefined> {
    if (units.get(code) || code.length !== 5) return units.get(code);
    // a commune: its province's communes are loaded once its province is known
    const all = await getJson<{ units: Unit[] }>('/api/v1/units?level=commune');
    const parent = all.units.find((u) => u.code === code)?.parent;
    if (parent) await units.ensureChildren(parent);
    return units.get(code);
  }

  /** The catalog and the registry, whoever started loading them (a store's load() returns at once while one runs). */
  async function ready(): Promise<void> {
    for (let i = 0; !indicators.list.length || !units.registry; i += 1) {
      if (i > 300) throw new Error(indicators.error ?? units.error ?? 'the catalog or the unit list did not load');
      if (!indicators.list.length && !indicators.loading) await indicators.load();
      if (!units.registry && !units.loading) await units.load();
      if (!indicators.list.length || !units.registry) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function load(): Promise<void> {
    const p = params();
    await ready();
    const unit = await unitOf(p.scope);
    if (!unit) throw new Error(`unknown unit ${p.scope}`);
    scopeUnit.value = unit;
    const mapId = pickMapIndicator(indicators.list, p.indicator);
    mapIndicator.value = mapId ? (indicators.get(mapId) ?? null) : null;
    kpiIndicators.value = pickKpis(indicators.list).map((id) => indicators.get(id)).filter((i): i is Indicator => i !== undefined);
    const ids = [...new Set([...(mapId ? [mapId] : []), ...kpiIndicators.value.map((i) => i.id)])];
    // the map shows the scope's children: the provinces of the nation, a province's communes, a commune among its siblings
    mapScope.value = unit.level === 'commune' && unit.parent ? unit.parent : unit.level === 'province' || unit.level === 'national' ? unit.code : 'VN';
    if (isProvinceCode(mapScope.value)) await units.ensureChildren(mapScope.value);
    const now = await view(p.scope, ids);
    metrics.applySnapshot(now);
    serverTime.value = now.serverTime;
    const before = yesterdayOf(now.periods);
    const childLevel = mapScope.value === 'VN' ? 'province' : 'commune';
    const [prev, mapView, alertList, feedList] = await Promise.all([
      before ? view(p.scope, ids, before) : Promise.resolve(null),
      mapScope.value === p.scope || !mapId ? Promise.resolve(now) : view(mapScope.value, [mapId]),
      p.kind === 'briefing'
        ? fetchPages((url) => getJson<PageAnswer<AlertRecord>>(url), `/api/v1/alerts?unit=${encodeURIComponent(p.scope)}&state=firing&limit=1000`, 5000)
        : Promise.resolve({ items: [] as AlertRecord[] }),
      p.kind === 'briefing' ? getJson<FeedsAnswer>('/api/v1/feeds') : Promise.resolve({ serverTime: now.serverTime, feeds: [] }),
    ]);
    yesterday.value = prev;
    mapValues.value = mapId
      ? childValuesOf(mapView.scope, mapView.values.filter((v) => v.indicator === mapId), mapScope.value, childLevel, units.get)
      : new Map();
    alerts.value = alertList.items.filter((a) => a.phase === 'firing');
    feeds.value = lateFeeds(feedList.feeds);
  }

  const childLevel = computed(() => (mapScope.value === 'VN' ? 'province' : 'commune') as 'province' | 'commune');
  /** The day-before value of an indicator for the scope, and the period it is of. */
  function before(indicator: string): { value: MetricValue | undefined; period: string | undefined } {
    const y = yesterday.value;
    if (!y) return { value: undefined, period: undefined };
    return { value: y.values.find((v) => v.indicator === indicator && v.unit === y.scope), period: y.periods[indicator] };
  }

  return { load, mapIndicator, kpiIndicators, mapValues, mapScope, childLevel, alerts, feeds, serverTime, scopeUnit, before };
}
