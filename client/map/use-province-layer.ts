import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { computed, onBeforeUnmount, type Ref, ref, type ShallowRef, watch } from 'vue';
import type { MetricValue } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';
import type { Locale } from '../../core/i18n';
import { ArchipelagoLabels } from './archipelago.markers';
import { provinceStates, staleCodes } from './choropleth';
import type { ColorScale } from './color-scale';
import { CreditControl } from './credit.control';
import { loadLabels, loadManifest, loadNational, NATIONAL_URL, type ProvinceProperties } from './map-data';
import {
  applyProvinceStates,
  contextStates,
  countDrawnWithValue,
  drawnStaleProvinces,
  PROVINCE_SOURCE,
  type ProvinceState,
  readyProvinceLayers,
  setProvinceHatch,
  setProvinceStale,
} from './province.layer';

export interface ProvinceLayerOptions {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the map's style (with the province layers, `provinceStyle`) has loaded. */
  loaded: Ref<boolean>;
  locale: Ref<Locale>;
  values: Ref<ReadonlyMap<string, MetricValue>>;
  scale: Ref<ColorScale | null>;
  /** The map's indicator (its deadline says which values are stale) and the server-corrected now. */
  indicator: Ref<Pick<Indicator, 'staleAfterMs'> | null>;
  now: Ref<number>;
  /** The drilled province, or null for the nation: while one is drilled, every province is plain context land. */
  focus: Ref<string | null>;
  /** Called once the province layers exist (to bind the pointer and the PNG capture). */
  onReady(map: MapLibreMap): void;
}

/**
 * The national layer of the map: the provinces (fetched while the map starts, retried every 5 s on failure), the
 * archipelago labels and the data credit, their class colours in feature-state, and how many are drawn after idle.
 */
export function useProvinceLayer(o: ProvinceLayerOptions) {
  const codes = ref<string[]>([]);
  const names = new Map<string, ProvinceProperties>();
  const shapes = new Map<string, Geometry>();
  const ready = ref(false);
  const drawn = ref(0);
  /** The provinces drawn with the stale mark after the last idle, in code order. */
  const staleDrawn = ref<string[]>([]);
  const error = ref<string | null>(null);
  let labels: ArchipelagoLabels | null = null;
  let credit: CreditControl | null = null;
  let applied: ReadonlyMap<string, ProvinceState> = new Map();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failed = false;
  /** Boundaries are fetched while the map starts, not after its `load`: they are the long pole of the first render. */
  let pending = fetchMapData();

  function fetchMapData() {
    const national = loadNational().then((n) => {
      performance.mark('ioc:national-fetched');
      return n;
    });
    const all = Promise.all([national, loadLabels().catch(() => null), loadManifest().catch(() => null)]);
    all.catch(() => undefined); // handled where it is awaited, in load
    return all;
  }

  const states = computed(() =>
    o.focus.value
      ? contextStates(codes.value)
      : provinceStates(codes.value, o.values.value, o.scale.value, o.indicator.value, o.now.value),
  );
  /** The provinces whose shown value is stale (none while one is drilled: they are context land then). */
  const stale = computed(() => staleCodes(states.value));

  /** Only what changed is set, and setting it schedules the repaint: a tick that changes no colour draws no frame. */
  function applyStates(): void {
    const m = o.map.value;
    if (!m || codes.value.length === 0) return;
    applyProvinceStates(m, states.value, applied);
    applied = states.value;
    // while drilled the hatching keeps its visibility (a change would cut the national tiles again): contextStates
    // hide it feature by feature
    if (!o.focus.value) {
      setProvinceHatch(m, o.values.value.size > 0 && [...states.value.values()].some((s) => !s.hasValue));
      setProvinceStale(m, stale.value.length > 0);
    }
  }

  async function load(): Promise<void> {
    const m = o.map.value;
    if (!m) return;
    try {
      const [national, labelData, manifest] = await pending;
      if (o.map.value !== m) return;
      readyProvinceLayers(m, NATIONAL_URL, failed);
      failed = false;
      performance.mark('ioc:provinces-ready');
      names.clear();
      shapes.clear();
      for (const f of national.features) {
        if (!f.properties?.code) continue;
        names.set(f.properties.code, f.properties);
        shapes.set(f.properties.code, f.geometry);
      }
      applied = new Map();
      codes.value = [...names.keys()];
      labels?.remove();
      labels = labelData ? new ArchipelagoLabels(m, labelData, o.locale.value) : null;
      credit?.remove();
      credit = manifest ? new CreditControl(m, manifest) : null;
      credit?.setLocale(o.locale.value);
      m.on('idle', () => {
        drawn.value = countDrawnWithValue(m, PROVINCE_SOURCE);
        const nowStale = drawnStaleProvinces(m);
        if (nowStale.join() !== staleDrawn.value.join()) staleDrawn.value = nowStale;
        if (drawn.value > 0 && performance.getEntriesByName('ioc:first-drawn').length === 0) performance.mark('ioc:first-drawn');
      });
      error.value = null;
      applyStates();
      o.onReady(m);
      ready.value = true;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      failed = true;
      retryTimer = setTimeout(() => {
        pending = fetchMapData();
        void load();
      }, 5_000);
    }
  }

  watch(o.loaded, (isLoaded) => {
    if (isLoaded) void load();
  });
  // (the clock ticks every second: a new map of states, but only a changed look reaches the map)
  watch(states, applyStates);
  watch(o.locale, (l) => {
    labels?.setLocale(l);
    credit?.setLocale(l);
  });
  onBeforeUnmount(() => {
    if (retryTimer) clearTimeout(retryTimer);
  });

  return { codes, names, shapes, ready, drawn, stale, staleDrawn, error };
}
