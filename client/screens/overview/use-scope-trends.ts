import { onBeforeUnmount, onMounted, type Ref, watch } from 'vue';
import { useSeriesStore } from '../../stores/series.store';

/** A shown trend is fetched again this often (the series store keeps each for SERIES_MAX_AGE_MS). */
const TREND_REFRESH_MS = 60_000;

/**
 * The 24-hour trends a scene shows for its scope (its KPIs and its map indicator): fetched when shown, refreshed every
 * minute, and kept under the scene's own name in the series store, so two scenes kept alive side by side on a wall (the
 * nation and a province) do not drop each other's trends. `unit` null: nothing to fetch yet.
 */
export function useScopeTrends(owner: string, unit: Readonly<Ref<string | null>>, indicators: Readonly<Ref<readonly string[]>>): void {
  const series = useSeriesStore();
  function refresh(): void {
    const code = unit.value;
    const keep = code ? [...new Set(indicators.value)].map((indicator) => ({ indicator, unit: code })) : [];
    series.retain(keep, owner);
    for (const k of keep) void series.ensure(k.indicator, k.unit);
  }
  watch([unit, () => indicators.value.join(',')], refresh);
  let timer: ReturnType<typeof setInterval> | null = null;
  onMounted(() => {
    refresh();
    timer = setInterval(refresh, TREND_REFRESH_MS);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
    series.retain([], owner);
  });
}
