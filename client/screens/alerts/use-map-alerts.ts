import type { Map as MapLibreMap } from 'maplibre-gl';
import { computed, type Ref, type ShallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Severity } from '../../../core/alerts/rule';
import type { CommuneCollection } from '../../map/map-data';
import { useAlertLayer } from '../../map/use-alert-layer';
import { useAlertAreas } from './use-alert-areas';

export interface MapAlertNote {
  severity: Severity;
  text: string;
}

/**
 * The alerts of the map's indicator drawn on a map (outlines, badges; map/use-alert-layer.ts), and the words for a
 * unit's tooltip: "Nghiêm trọng · 12 xã, phường đang có cảnh báo".
 */
export function useMapAlerts(o: {
  map: ShallowRef<MapLibreMap | null>;
  ready: Ref<boolean>;
  focus: Ref<string | null>;
  communes: ShallowRef<CommuneCollection | null>;
  indicator: Ref<string | null>;
}) {
  const { t } = useI18n();
  const areas = useAlertAreas(o.indicator);

  function provinceText(severity: Severity, communes: number, own: Severity | null): string {
    const parts = [t(`alerts.severity.${severity}`)];
    if (own) parts.push(t('alerts.map.own'));
    if (communes > 0) parts.push(t('alerts.map.communes', { n: communes }, communes));
    return parts.join(' · ');
  }

  const layer = useAlertLayer({
    ...o,
    areas,
    badgeLabel: (code, s) => provinceText(s.severity, s.communes, areas.value.provinces.get(code)?.own ?? null),
  });

  /** The alert line of a unit's tooltip, if it is in alert. */
  function noteFor(kind: 'province' | 'commune', code: string): MapAlertNote | null {
    if (kind === 'commune') {
      const s = areas.value.communes.get(code);
      return s ? { severity: s, text: t('alerts.map.commune', { severity: t(`alerts.severity.${s}`) }) } : null;
    }
    const p = areas.value.provinces.get(code);
    return p ? { severity: p.worst, text: provinceText(p.worst, p.communes, p.own) } : null;
  }

  return { marked: layer.marked, areas: computed(() => areas.value), noteFor };
}
