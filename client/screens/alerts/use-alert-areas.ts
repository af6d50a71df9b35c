import { computed, type Ref } from 'vue';
import { alertsByArea } from '../../stores/alerts.merge';
import { useAlertsStore } from '../../stores/alerts.store';
import { useAlertLabels } from './use-alert-labels';

/**
 * The open alerts of one indicator (the map's) by province and by commune: which provinces to outline and badge,
 * how many of their communes are in alert, which communes to outline. The store holds every open alert (up to its
 * bound), so the counts are complete.
 */
export function useAlertAreas(indicator: Ref<string | null>) {
  const alerts = useAlertsStore();
  const labels = useAlertLabels();
  return computed(() => (indicator.value ? alertsByArea(alerts.open, indicator.value, labels.provinceOf) : { provinces: new Map(), communes: new Map() }));
}
