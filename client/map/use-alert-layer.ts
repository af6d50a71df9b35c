import type { Map as MapLibreMap } from 'maplibre-gl';
import { onBeforeUnmount, type Ref, ref, type ShallowRef, watch } from 'vue';
import type { Severity } from '../../core/alerts/rule';
import type { ProvinceAlerts } from '../stores/alerts.merge';
import '../styles/alert-badges.css';
import { applyAlertStates, setAlertOutlinesVisible } from './alert.layer';
import { AlertBadges, type BadgeState } from './alert.markers';
import { COMMUNE_SOURCE } from './commune.layer';
import { type CommuneCollection, loadLabels } from './map-data';
import { PROVINCE_SOURCE } from './province.layer';

export interface AlertLayerOptions {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the province layers exist. */
  ready: Ref<boolean>;
  /** The drilled province (its communes are marked), or null for the nation (provinces are marked). */
  focus: Ref<string | null>;
  /** The communes drawn now: their feature-state is wiped when another province's are drawn. */
  communes: ShallowRef<CommuneCollection | null>;
  areas: Ref<{ provinces: ReadonlyMap<string, ProvinceAlerts>; communes: ReadonlyMap<string, Severity> }>;
  /** The badge's text for assistive tools and its tooltip. */
  badgeLabel(code: string, state: BadgeState): string;
}

/**
 * Alerts on the map: a province whose own value is in alert gets a thick outline in the severity's colour and pattern;
 * a province with open alerts (its own or its communes') gets a badge with the worst severity's icon and the number
 * of its communes in alert; when a province is drilled, its communes in alert get the outline. The layers are in the
 * map's style (map-layers.ts); alert changes only set feature-state, show outline layers and move badges.
 */
export function useAlertLayer(o: AlertLayerOptions) {
  const marked = ref(0);
  let badges: AlertBadges | null = null;
  let provincesApplied: ReadonlyMap<string, Severity> = new Map();
  let communesApplied: ReadonlyMap<string, Severity> = new Map();
  let boundMap: MapLibreMap | null = null;

  /** Outlined: the provinces whose own value is in alert (their communes' alerts are counted on the badge). */
  function provinceStates(): Map<string, Severity> {
    const out = new Map<string, Severity>();
    for (const [code, p] of o.areas.value.provinces) if (p.own) out.set(code, p.own);
    return out;
  }
  function badgeStates(): Map<string, BadgeState> {
    return new Map([...o.areas.value.provinces].map(([code, p]) => [code, { severity: p.worst, communes: p.communes }]));
  }

  function apply(): void {
    const m = o.map.value;
    if (!m || !o.ready.value) return;
    if (boundMap !== m) {
      boundMap = m;
      provincesApplied = new Map();
      communesApplied = new Map();
      badges?.remove();
      badges = null;
      void loadLabels()
        .then((labels) => {
          if (o.map.value !== m) return;
          badges = new AlertBadges(m, labels);
          badges.setVisible(o.focus.value === null);
          badges.update(badgeStates(), o.badgeLabel);
        })
        .catch(() => undefined);
    }
    const drilled = o.focus.value !== null;
    badges?.setVisible(!drilled);
    // Which outline layers are shown follows the severities present in the whole country, not the drill: showing or
    // hiding a layer makes MapLibre cut every tile of its source again. A drill only changes feature-state.
    const national = provinceStates();
    setAlertOutlinesVisible(m, PROVINCE_SOURCE, true, new Set(national.values()));
    const provinces = drilled ? new Map<string, Severity>() : national;
    applyAlertStates(m, PROVINCE_SOURCE, provinces, provincesApplied);
    provincesApplied = provinces;
    badges?.update(badgeStates(), o.badgeLabel);
    setAlertOutlinesVisible(m, COMMUNE_SOURCE, true, new Set(o.areas.value.communes.values()));
    const shown = new Set(o.communes.value?.features.map((f) => f.properties.code) ?? []);
    const communes = new Map([...o.areas.value.communes].filter(([code]) => drilled && shown.has(code)));
    applyAlertStates(m, COMMUNE_SOURCE, communes, communesApplied);
    communesApplied = communes;
    marked.value = drilled ? communes.size : o.areas.value.provinces.size;
  }

  watch([o.ready, o.focus, o.areas], apply);
  watch(o.communes, () => {
    communesApplied = new Map(); // setCommuneData removed every commune's feature-state
    apply();
  });
  onBeforeUnmount(() => badges?.remove());

  return { marked };
}
