import { computed, type ComputedRef, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import type { Indicator } from '../../core/indicators/indicator';
import { useIndicatorsStore } from '../stores/indicators.store';
import { useSelectionStore } from '../stores/selection.store';
import { useUnitsStore } from '../stores/units.store';
import { mappable, pickMapIndicator } from '../screens/overview/overview.config';
import type { ViewQuery } from '../navigation/view-query';

/**
 * What every map scene needs first: the catalog and the unit registry (retried until they load), and the map's
 * indicator, which follows the URL (a link, Back) and is written into it once the catalog is in.
 */
export function useCatalog(query: ComputedRef<ViewQuery>, go: (patch: Partial<ViewQuery>, replace?: boolean) => void) {
  const indicators = useIndicatorsStore();
  const units = useUnitsStore();
  const selection = useSelectionStore();
  const loadError = ref<string | null>(null);
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    const [catalog] = await Promise.allSettled([indicators.load(), units.registry ? Promise.resolve() : units.load()]);
    if (catalog.status === 'rejected') {
      loadError.value = catalog.reason instanceof Error ? catalog.reason.message : String(catalog.reason);
      retryTimer = setTimeout(() => void load(), 5_000);
      return;
    }
    loadError.value = null;
  }

  const mapChoices = computed(() => mappable(indicators.list));
  const mapIndicator = computed<Indicator | null>(() =>
    selection.indicatorId ? (indicators.get(selection.indicatorId) ?? null) : null,
  );

  watch(
    [() => indicators.list, () => query.value.indicator],
    ([list, asked]) => {
      if (list.length === 0) return;
      const picked = pickMapIndicator(list, asked ?? selection.indicatorId);
      if (picked !== selection.indicatorId) selection.selectIndicator(picked);
      if (picked && asked !== picked) go({ indicator: picked }, true);
    },
    { immediate: true },
  );

  /** Another indicator replaces the URL's entry: Back leaves the place, not the last indicator tried. */
  function select(id: string): void {
    selection.selectIndicator(id);
    go({ indicator: id }, true);
  }

  onMounted(() => void load());
  onBeforeUnmount(() => {
    if (retryTimer) clearTimeout(retryTimer);
  });

  return { loadError, mapChoices, mapIndicator, select };
}
