import type { LngLatBoundsLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { computed, onBeforeUnmount, type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue';
import type { MetricValue } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';
import { provinceStates, staleCodes } from './choropleth';
import type { ColorScale } from './color-scale';
import {
  applyCommuneStates,
  COMMUNE_SOURCE,
  communeDataLoaded,
  drawnStaleCommunes,
  setCommuneData,
  setCommuneFocus,
  setCommuneHatch,
  setCommuneMinZoom,
  setCommuneStale,
} from './commune.layer';
import { type DrillEffect, type DrillEvent, type DrillState, drillStart, stepDrill } from './drill-machine';
import type { Bounds } from './focus-bounds';
import { type CommuneCollection, loadProvince } from './map-data';
import { VN_BOUNDS } from './map-style';
import { countDrawnWithValue, PROVINCE_SOURCE, type ProvinceState } from './province.layer';
import { budgetOf, flyMs } from './render-budget';
import { holdTiles } from './tile-hold';

/** Provinces' commune layers kept in memory, so Back and forth between a few provinces fetches nothing again. */
const CACHED_PROVINCES = 4;
/** How long a clicked province's route may take to follow the click before the map goes back where it was. */
const APPROACH_WAIT_MS = 3_000;

export interface CommuneLayerOptions {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the province layers are ready (the national layer is in): the drill may start. */
  ready: Ref<boolean>;
  /** The drilled province, or null for the nation. */
  focus: Ref<string | null>;
  /** The commune (or province) whose detail is open, outlined. */
  selected: Ref<string | null>;
  /** Commune code → value, and the colour classes, for the drilled province. */
  values: Ref<ReadonlyMap<string, MetricValue>>;
  scale: Ref<ColorScale | null>;
  /** The map's indicator (its deadline says which values are stale) and the server-corrected now. */
  indicator: Ref<Pick<Indicator, 'staleAfterMs'> | null>;
  now: Ref<number>;
  boundsOf(code: string): Bounds | null;
  padding(): PaddingOptions;
  setHome(bounds: LngLatBoundsLike, padding: number | PaddingOptions, duration?: number): void;
}

/**
 * The drill-down on one map: its states and transitions are drill-machine.ts's; this composable feeds it the route's,
 * the pointer's and the map's events and carries out its effects (the flight, the commune data, the holds of
 * render-budget.ts). It also fetches the drilled province's communes for the view, keeps their colours in
 * feature-state, and counts what was drawn after idle.
 */
export function useCommuneLayer(o: CommuneLayerOptions) {
  const features = shallowRef<CommuneCollection | null>(null);
  const drawn = ref(0);
  /** The communes drawn with the stale mark after the last idle, in code order. */
  const staleDrawn = ref<string[]>([]);
  const error = ref<string | null>(null);
  const cache = new Map<string, CommuneCollection>();
  const inflight = new Map<string, Promise<CommuneCollection | undefined>>();
  let controller: AbortController | null = null;
  let applied: ReadonlyMap<string, ProvinceState> = new Map();
  let boundMap: MapLibreMap | null = null;
  let drill: DrillState | null = null;
  let approachTimer: ReturnType<typeof setTimeout> | null = null;
  /** Ends the hold on the national layer's tiles (holdProvinceTiles). */
  let releaseProvinces: () => void = () => undefined;
  const codes = computed(() => features.value?.features.map((f) => f.properties.code) ?? []);
  const states = computed(() => provinceStates(codes.value, o.values.value, o.scale.value, o.indicator.value, o.now.value));
  const stale = computed(() => staleCodes(states.value));

  function remember(code: string, collection: CommuneCollection): void {
    cache.delete(code);
    cache.set(code, collection);
    while (cache.size > CACHED_PROVINCES) cache.delete(cache.keys().next().value as string);
  }

  function applyStates(): void {
    const m = o.map.value;
    if (!m || !features.value) return;
    applyCommuneStates(m, states.value, applied);
    applied = states.value;
    setCommuneHatch(m, o.values.value.size > 0 && [...states.value.values()].some((s) => !s.hasValue));
    setCommuneStale(m, stale.value.length > 0);
  }

  function onIdle(): void {
    const m = o.map.value;
    const on = m && o.focus.value && features.value;
    drawn.value = on ? countDrawnWithValue(m, COMMUNE_SOURCE) : 0;
    const nowStale = on ? drawnStaleCommunes(m) : [];
    if (nowStale.join() !== staleDrawn.value.join()) staleDrawn.value = nowStale;
  }

  /** Fetch a province's layer ahead of a click (the pointer rests on it): the drill then starts from that fetch. */
  function prefetch(code: string): void {
    if (cache.has(code) || inflight.has(code) || o.focus.value === code) return;
    const p = loadProvince(code)
      .then((collection) => {
        remember(code, collection);
        return collection;
      })
      .catch(() => undefined)
      .finally(() => inflight.delete(code));
    inflight.set(code, p);
  }

  /** The map the drill runs on, once its layers are ready (its machine starts then, with the map's render budget). */
  function ready(): MapLibreMap | null {
    const m = o.map.value;
    if (!m || !o.ready.value) return null;
    if (boundMap !== m) {
      boundMap?.off('idle', onIdle);
      m.on('idle', onIdle);
      boundMap = m;
      drill = drillStart(budgetOf(m).holdTiles);
    }
    return m;
  }

  /** One event into the machine, its effects carried out in order (they may feed further events at once). */
  function dispatch(m: MapLibreMap, event: DrillEvent): void {
    if (!drill || boundMap !== m || o.map.value !== m) return;
    const step = stepDrill(drill, event);
    drill = step.state;
    for (const effect of step.effects) perform(m, effect);
  }

  function perform(m: MapLibreMap, e: DrillEffect): void {
    switch (e.type) {
      case 'stopWaiting':
        if (approachTimer) clearTimeout(approachTimer);
        approachTimer = null;
        return;
      case 'waitForRoute':
        if (approachTimer) clearTimeout(approachTimer);
        approachTimer = setTimeout(() => {
          approachTimer = null;
          dispatch(m, { type: 'approachTimeout' });
        }, APPROACH_WAIT_MS);
        return;
      case 'clearView':
        controller?.abort();
        controller = null;
        features.value = null;
        setCommuneFocus(m, e.province, o.selected.value);
        setCommuneHatch(m, false);
        setCommuneStale(m, false);
        applied = new Map();
        drawn.value = 0;
        staleDrawn.value = [];
        return;
      case 'setData':
        setCommuneData(m, e.province);
        return;
      case 'fly':
        return fly(m, e.province, e.animate ? flyMs() : 0, e.fromNation);
      case 'load':
        void load(m, e.province);
        return;
      case 'setFloor':
        setCommuneMinZoom(m, e.zoom);
        return;
      case 'holdProvinceTiles':
        releaseProvinces();
        releaseProvinces = holdTiles(m, PROVINCE_SOURCE);
        return;
      case 'releaseProvinceTiles':
        releaseProvinces();
        releaseProvinces = () => undefined;
        return;
      case 'awaitCommuneData': {
        const flight = e.flight;
        void communeDataLoaded(m).then(() => dispatch(m, { type: 'communeData', flight }));
        return;
      }
      case 'awaitMoveEnd': {
        const flight = e.flight;
        m.once('moveend', () => dispatch(m, { type: 'moveEnd', flight }));
        return;
      }
      case 'awaitMoveStart': {
        const flight = e.flight;
        m.once('movestart', () => dispatch(m, { type: 'moveStart', flight }));
      }
    }
  }

  /** Flies (or jumps, with 0) to a province or the nation, then tells the machine where the flight arrives. */
  function fly(m: MapLibreMap, province: string | null, duration: number, fromNation: boolean): void {
    const bounds = province ? o.boundsOf(province) : (VN_BOUNDS as Bounds);
    if (!bounds) return;
    const padding = province ? o.padding() : 24;
    const arrival = duration > 0 ? m.cameraForBounds(bounds, { padding })?.zoom : undefined;
    const from = m.getZoom();
    o.setHome(bounds, padding, duration);
    dispatch(m, { type: 'flightBegun', province, fromNation, arrival: arrival !== undefined && m.isMoving() ? arrival : null, from });
  }

  /** The drilled province's communes for the view (names, colours, counts): from the cache, a prefetch, or fetched. */
  async function load(m: MapLibreMap, code: string): Promise<void> {
    let collection = cache.get(code) ?? (await inflight.get(code));
    if (!collection) {
      const c = new AbortController();
      controller = c;
      try {
        collection = await loadProvince(code, c.signal);
      } catch (e) {
        if (!c.signal.aborted) error.value = e instanceof Error ? e.message : String(e);
        return;
      }
    }
    remember(code, collection);
    if (o.focus.value !== code || o.map.value !== m) return;
    error.value = null;
    features.value = collection;
    applyStates();
  }

  /**
   * A click on a province: start the flight, and the map's worker on its communes, now, while its route changes (the
   * route then finds both under way). Should the route not follow (refused, or left at once), the map goes back.
   */
  function approach(code: string): void {
    prefetch(code);
    const m = ready();
    if (m && o.boundsOf(code)) dispatch(m, { type: 'click', province: code });
  }

  function show(code: string | null): void {
    const m = ready();
    if (m) dispatch(m, { type: 'route', province: code });
  }

  watch([o.ready, o.focus], () => show(o.focus.value));
  watch(states, applyStates);
  watch(o.selected, (selected) => {
    if (o.map.value && o.ready.value) setCommuneFocus(o.map.value, o.focus.value, selected);
  });
  onBeforeUnmount(() => {
    if (approachTimer) clearTimeout(approachTimer);
    releaseProvinces();
    controller?.abort();
    boundMap?.off('idle', onIdle);
    boundMap = null;
    drill = null;
  });

  return { features, drawn, stale, staleDrawn, error, prefetch, approach };
}
