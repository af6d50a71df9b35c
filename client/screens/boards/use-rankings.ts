import { computed, onActivated, onBeforeUnmount, onDeactivated, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import type { ViewSnapshot } from '../../../core/contract/metrics';
import { DVC766_GROUPS, variantId } from '../../../core/indicators/variants';
import { buildRanking, type RankingRow } from '../../../core/rankings/dvc766';
import { previousPeriod } from '../../../core/time/period';
import type { Unit, UnitRegistryData } from '../../../core/units/unit';
import { getJson } from '../../api/http';
import type { Locale } from '../../../core/i18n';
import { demandView } from '../../realtime/realtime';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { useMetricsStore } from '../../stores/metrics.store';
import { freshness } from '../../display/kpi.model';

export const TOTAL_ID = 'dvc766_total_score';
export const GROUP_IDS = DVC766_GROUPS.map((g) => variantId('dvc766_group_score', g.code));
export type Peers = 'province' | 'ministry';
const NATION = 'VN';
const PREVIOUS_REFRESH_MS = 10 * 60_000;
const RETRY_MS = 5_000;

/** Age of a total at `now`, and whether it is past the indicator's deadline. */
export interface Freshness {
  ageMs: number | null;
  stale: boolean;
  /** The total's source id (display/source-label.ts names it). */
  source?: string;
}

/**
 * The 766 ranking's data: the provinces and ministries (GET /api/v1/units), the live totals and group scores of the
 * VN view (one socket subscription shared with whatever else watches VN), and the previous period's totals
 * (GET /api/v1/views?period=) for the change in points and places.
 */
export function useRankings(peers: Ref<Peers>, locale: Ref<Locale>, now: Ref<number>) {
  const indicators = useIndicatorsStore();
  const metrics = useMetricsStore();
  const units = shallowRef<Record<Peers, readonly Unit[]>>({ province: [], ministry: [] });
  const previous = shallowRef<ReadonlyMap<string, number | null>>(new Map());
  const loadError = ref<string | null>(null);
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let previousTimer: ReturnType<typeof setInterval> | null = null;
  let previousRetry: ReturnType<typeof setTimeout> | null = null;
  let previousFor: string | null = null;

  async function loadUnits(): Promise<void> {
    retryTimer = null;
    try {
      if (indicators.list.length === 0) void indicators.load().catch(() => undefined);
      const [p, m] = await Promise.all(
        (['province', 'ministry'] as const).map((level) => getJson<UnitRegistryData>(`/api/v1/units?level=${level}`)),
      );
      units.value = { province: p?.units ?? [], ministry: m?.units ?? [] };
      loadError.value = null;
    } catch (e) {
      loadError.value = e instanceof Error ? e.message : String(e);
      retryTimer = setTimeout(() => void loadUnits(), RETRY_MS);
    }
  }

  const shownPeriod = computed(() => metrics.period(TOTAL_ID));
  const comparedPeriod = computed(() => (shownPeriod.value ? previousPeriod(shownPeriod.value) : undefined));

  async function loadPrevious(force = false): Promise<void> {
    const period = comparedPeriod.value;
    if (!period || (!force && period === previousFor)) return;
    if (previousRetry) clearTimeout(previousRetry);
    previousRetry = null;
    try {
      const q = new URLSearchParams({ scope: NATION, indicators: TOTAL_ID, period });
      const snapshot = await getJson<ViewSnapshot>(`/api/v1/views?${q.toString()}`);
      previous.value = new Map(snapshot.values.filter((v) => v.indicator === TOTAL_ID).map((v) => [v.unit, v.value]));
      previousFor = period;
    } catch {
      // the change column stays empty until the retry, not until the 10-minute refresh
      if (previousTimer) previousRetry = setTimeout(() => void loadPrevious(true), RETRY_MS);
    }
  }
  watch(comparedPeriod, () => void loadPrevious());

  const totalIndicator = computed(() => indicators.get(TOTAL_ID));
  const staleAfterMs = computed(() => totalIndicator.value?.staleAfterMs ?? 26 * 3600_000);

  const rows = computed<RankingRow[]>(() => {
    const list = units.value[peers.value].map((u) => {
      const groups: Record<string, number | null> = {};
      DVC766_GROUPS.forEach((g, i) => {
        groups[g.code] = metrics.value(GROUP_IDS[i]!, u.code)?.value ?? null;
      });
      // "Bộ Y tế" reads well in Vietnamese; in English the short "Health" fits a row, under "Ministry or agency"
      const name = peers.value === 'ministry' && locale.value === 'vi' ? u.fullName.vi : u.name[locale.value];
      return { code: u.code, name, total: metrics.value(TOTAL_ID, u.code)?.value ?? null, groups };
    });
    return buildRanking(list, previous.value);
  });
  /** Kept apart from the rows so the clock's tick re-renders ages, not the ranking and its chart. */
  const freshnessByCode = computed(() => {
    const out = new Map<string, Freshness>();
    for (const row of rows.value) {
      const value = metrics.value(TOTAL_ID, row.code);
      out.set(row.code, { ...freshness({ staleAfterMs: staleAfterMs.value }, value, now.value), source: value?.source });
    }
    return out;
  });
  const counts = computed(() => ({ province: units.value.province.length, ministry: units.value.ministry.length }));

  function start(): void {
    demandView('rankings', { scope: NATION, indicators: [TOTAL_ID, ...GROUP_IDS] });
    if (units.value.province.length === 0 && !retryTimer) void loadUnits();
    void loadPrevious(true);
    if (!previousTimer) previousTimer = setInterval(() => void loadPrevious(true), PREVIOUS_REFRESH_MS);
  }
  function pause(): void {
    if (previousTimer) clearInterval(previousTimer);
    if (previousRetry) clearTimeout(previousRetry);
    previousTimer = null;
    previousRetry = null;
  }

  onMounted(start);
  onActivated(start);
  // Hidden on a wall: the subscription stays (the same VN view feeds the national scene), the timers stop.
  onDeactivated(pause);
  onBeforeUnmount(() => {
    pause();
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    demandView('rankings', null);
  });

  return { rows, freshnessByCode, counts, shownPeriod, comparedPeriod, totalIndicator, loadError };
}
