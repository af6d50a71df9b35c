import { computed, type Ref, watch } from 'vue';
import { alertsByArea } from '../../stores/alerts.merge';
import { useAlertsStore } from '../../stores/alerts.store';
import { useAlertLabels } from './use-alert-labels';

/**
 * The open alerts of one indicator (the map's) by province and by commune: which provinces to outline and badge,
 * how many of their communes are in alert, which communes to outline. The store fetches that indicator's open alerts
 * on their own, so the counts do not depend on the newest thousand of all alerts.
 */
export function useAlertAreas(indicator: Ref<string | null>) {
  const alerts = useAlertsStore();
  const labels = useAlertLabels();
  watch(
    indicator,
    (id) => {
      if (id) void alerts.watchIndicator(id);
    },
    { immediate: true },
  );
  return computed(() => (indicator.value ? alertsByArea(alerts.open, indicator.value, labels.provinceOf) : { provinces: new Map(), communes: new Map() }));
}
