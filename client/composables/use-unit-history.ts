import { computed, onBeforeUnmount, onMounted, type Ref, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import type { SeriesSource } from '../../core/contract/series';
import type { Indicator } from '../../core/indicators/indicator';
import {
  historyWindow,
  type HistoryPoint,
  type HistoryWindow,
  msSpec,
  previousWindow,
  seriesSpec,
  shiftOnto,
  windowMs,
} from '../charts/history.model';
import { useLocale } from './use-locale';
import { useHistoryStore } from '../stores/history.store';
import { useUnitsStore } from '../stores/units.store';
import { parseViewQuery, type HistoryRange } from '../navigation/view-query';

export interface HistoryRequest {
  indicator: Indicator;
  unit: string;
  /** The preset; a from–to span in the URL (`from=2026-11-01&to=2026-11-30`) wins over it. */
  range: HistoryRange;
  /** `prev`, another unit's code, or null. */
  compare: string | null;
}

export interface UnitHistory {
  main: readonly HistoryPoint[];
  compare: readonly HistoryPoint[] | null;
  mainName: string;
  compareName: string | null;
  /** The window drawn, [from, to]. */
  from: number;
  to: number;
  window: HistoryWindow;
  /** The server's bucket size for the main line (5 minutes or a day). */
  bucketMs: number;
  loading: boolean;
  /** Why a line is missing, already translated; null when both are there. */
  note: string | null;
  /** A simulated source feeds the unit (or the compared one): the chart says "Số liệu mô phỏng". */
  simulated: boolean;
  /** The sources feeding the unit, as the series answer names them (for "Nguồn: …"). */
  sources: readonly SeriesSource[];
}

const REFRESH_MS = 60_000;

/**
 * A unit's history and its comparison line for the detail panel (and its CSV): fetches what is shown from the history
 * store — the preset or the URL's from–to span, and the other unit over the same window, or the previous period of the
 * same length moved onto it — and refreshes it every minute.
 */
export function useUnitHistory(request: Ref<HistoryRequest | null>, clockOffsetMs: Ref<number>) {
  const { t } = useI18n();
  const locale = useLocale();
  const route = useRoute();
  const history = useHistoryStore();
  const units = useUnitsStore();
  /** The window's end: moved on each refresh, not every second, so the chart is not redrawn for nothing. */
  const windowEnd = ref(Date.now() + clockOffsetMs.value);
  let timer: ReturnType<typeof setInterval> | null = null;

  const shown = computed<HistoryWindow | null>(() => {
    const r = request.value;
    if (!r) return null;
    const q = parseViewQuery(route.query);
    return historyWindow({ range: r.range, from: q.from, to: q.to }, units.get(r.unit)?.level);
  });
  const span = computed(() => (shown.value ? windowMs(shown.value, windowEnd.value) : null));
  const prevSpec = computed(() => (span.value ? msSpec(previousWindow(span.value)) : ''));

  function refresh(): void {
    const r = request.value;
    if (!r || !shown.value) return;
    windowEnd.value = Date.now() + clockOffsetMs.value;
    void history.ensure(r.indicator.id, r.unit, seriesSpec(shown.value));
    if (r.compare === 'prev') void history.ensure(r.indicator.id, r.unit, prevSpec.value);
    else if (r.compare) void history.ensure(r.indicator.id, r.compare, seriesSpec(shown.value));
  }

  watch([request, shown], refresh, { immediate: true, deep: true });
  onMounted(() => {
    timer = setInterval(refresh, REFRESH_MS);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
  });

  const unitName = (code: string): string => units.name(code, locale.value) ?? (code === 'VN' ? t('drill.nation') : code);

  return computed<UnitHistory | null>(() => {
    const r = request.value;
    const w = shown.value;
    const s = span.value;
    if (!r || !w || !s) return null;
    const spec = seriesSpec(w);
    const own = history.get(r.indicator.id, r.unit, spec);
    const bucketMs = own?.bucketMs ?? 86400_000;
    const main = (own?.points ?? []).filter((p) => p.t > s.from - bucketMs && p.t < s.to + 1);
    let compare: readonly HistoryPoint[] | null = null;
    let compareName: string | null = null;
    let note: string | null = null;
    let simulated = own?.simulated ?? false;
    let loading = !own && !history.error(r.indicator.id, r.unit, spec);
    if (r.compare === 'prev') {
      const prev = history.get(r.indicator.id, r.unit, prevSpec.value);
      loading ||= !prev;
      const p = previousWindow(s);
      compare = prev ? shiftOnto(prev.points, s.from - p.from, s, prev.bucketMs) : [];
      compareName = t('history.comparePrev');
      if (prev && compare.length === 0) note = t('history.noPreviousData');
    } else if (r.compare) {
      const other = history.get(r.indicator.id, r.compare, spec);
      loading ||= !other;
      compare = other?.points ?? [];
      compareName = unitName(r.compare);
      simulated ||= other?.simulated ?? false;
    }
    if (own && main.every((p) => p.value === null)) note = t('history.noData');
    return { main, compare, mainName: unitName(r.unit), compareName, from: s.from, to: s.to, window: w, bucketMs, loading, note, simulated, sources: own?.sources ?? [] };
  });
}
