import type { LngLatBoundsLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { computed, onBeforeUnmount, type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue';
import type { MetricValue } from '../../core/contract/metrics';
import type { Indicator } from '../../core/indicators/indicator';
import { provinceStates, staleCodes } from './choropleth';
import type { ColorScale } from './color-scale';
import {
  addCommuneLayers,
  applyCommuneStates,
  COMMUNE_SOURCE,
  communeProvince,
  drawnStaleCommunes,
  setCommuneData,
  setCommuneHatch,
  setCommuneFocus,
  communeDataLoaded,
  setCommuneMinZoom,
  setCommuneStale,
} from './commune.layer';
import type { Bounds } from './focus-bounds';
import { type CommuneCollection, loadProvince } from './map-data';
import { VN_BOUNDS } from './map-style';
import { countDrawnWithValue, PROVINCE_SOURCE, type ProvinceState } from './province.layer';
import { holdTiles } from './tile-hold';

/** Provinces' commune layers kept in memory, so Back and forth between a few provinces fetches nothing again. */
const CACHED_PROVINCES = 4;
/** How long a clicked province's route may take to follow the click before the map goes back where it was. */
const APPROACH_WAIT_MS = 3_000;
/** How long the map flies to a drilled province: short, so the communes are drawn within the 500 ms budget. */
export const FLY_MS = 300;
/**
 * How many zooms deeper than their own the national layer's tiles may be drawn: a tile's coordinates are 1/8192 of
 * its width, which 3 zooms deeper is under 1 px of a 512 px tile (2^3 / 16 = 0.5 px, 1 px at the next whole zoom).
 */
const HELD_OVERZOOM = 3;

/** No flight for people who asked their system for less motion. */
function flyMs(): number {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : FLY_MS;
}

export interface CommuneLayerOptions {
  map: ShallowRef<MapLibreMap | null>;
  /** True once the province layers exist (the commune layers go on top of them). */
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
 * The drill-down on one map: flies to the drilled province while only that province's layer is fetched, puts its
 * communes into the one commune source, keeps their colours in feature-state, and counts what was drawn after idle.
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
  let animate = false;
  let boundMap: MapLibreMap | null = null;
  let approachTimer: ReturnType<typeof setTimeout> | null = null;
  /** The commune layers are hidden below the zoom of a flight under way (see flyTo). */
  let holding = false;
  /** Ends the hold on the national layer's tiles of a flight from the nation (see flyTo). */
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
  const pendingFetch = (code: string) => inflight.get(code);

  /**
   * A click on a province: start the flight, and the map's worker on its communes, now, while its route changes (the
   * route then finds both under way). Should the route not follow (refused, or left at once), the map goes back.
   */
  function approach(code: string): void {
    prefetch(code);
    const m = o.map.value;
    const bounds = o.boundsOf(code);
    if (!m || !o.ready.value || !bounds) return;
    addLayersOnce(m);
    const fromNation = communeProvince(m) === null;
    setCommuneData(m, code);
    flyTo(m, bounds, flyMs(), fromNation);
    if (approachTimer) clearTimeout(approachTimer);
    approachTimer = setTimeout(() => {
      approachTimer = null;
      if (o.focus.value !== code && o.map.value === m) void show(o.focus.value);
    }, APPROACH_WAIT_MS);
  }

  /**
   * Flies (or jumps, with 0) to a province. While it flies, the commune layers are hidden below the tile zoom it
   * arrives at (setCommuneMinZoom), and on a flight from the nation the national layer keeps the tiles it has, which
   * cover the whole country (holdTiles): the map's worker then cuts only the communes' tiles, at the arrival's zoom,
   * instead of national and commune tiles at every zoom the flight passes through (tiles no frame would draw, that
   * kept the worker busy when the communes' tiles were asked for). Both holds end when the map next moves after the
   * flight (or the layers are hidden again, should the map have gone back to the nation meanwhile). The national
   * layer's held tiles are drawn up to HELD_OVERZOOM zooms deeper than their own; a province that the map shows deeper
   * (a small one) gets the national layer's own tiles at the flight's end, after its communes' tiles.
   */
  /** Counts flights begun: a hold asked for by an earlier flight is not applied once a later one began. */
  let flights = 0;
  function flyTo(m: MapLibreMap, bounds: Bounds, duration: number, fromNation: boolean): void {
    const padding = o.padding();
    const arrival = duration > 0 ? m.cameraForBounds(bounds, { padding })?.zoom : undefined;
    const from = m.getZoom();
    o.setHome(bounds, padding, duration);
    if (holding) return; // already flying there
    if (arrival === undefined || !m.isMoving()) {
      setCommuneMinZoom(m, 0);
      return;
    }
    holding = true;
    // the tiles of every zoom from the whole number below the arrival's up are the arrival's own (a frame of zoom z
    // asks for tiles of zoom ⌊z⌋): a frame of the flight that gets there asks for them already. Not before the map's
    // worker has the new communes: the zoom range's reload and the data's would each cut the tiles
    const flight = ++flights;
    void communeDataLoaded(m).then(() => {
      if (holding && flight === flights) setCommuneMinZoom(m, Math.floor(arrival));
    });
    if (fromNation) releaseProvinces = holdTiles(m, PROVINCE_SOURCE);
    const deep = Math.floor(arrival) - Math.floor(from) > HELD_OVERZOOM;
    m.once('moveend', () => {
      if (deep) releaseProvinces();
      m.once('movestart', () => endHolds(m));
    });
  }

  function endHolds(m: MapLibreMap): void {
    holding = false;
    releaseProvinces();
    releaseProvinces = () => undefined;
    setCommuneMinZoom(m, o.focus.value ? 0 : null);
  }

  function addLayersOnce(m: MapLibreMap): void {
    if (boundMap === m) return;
    addCommuneLayers(m);
    m.on('idle', onIdle);
    boundMap = m;
  }

  async function show(code: string | null): Promise<void> {
    const m = o.map.value;
    if (!m || !o.ready.value) return;
    addLayersOnce(m);
    if (approachTimer) clearTimeout(approachTimer);
    approachTimer = null;
    controller?.abort();
    controller = null;
    const duration = animate ? flyMs() : 0;
    animate = true;
    const fromNation = communeProvince(m) === null;
    features.value = null;
    setCommuneData(m, code);
    setCommuneFocus(m, code, o.selected.value);
    setCommuneHatch(m, false);
    setCommuneStale(m, false);
    applied = new Map();
    drawn.value = 0;
    staleDrawn.value = [];
    if (!code) {
      o.setHome(VN_BOUNDS, 24, duration);
      endHolds(m); // after the flight home has started: a flight's pending hold is over by then
      return;
    }
    const bounds = o.boundsOf(code);
    if (bounds) flyTo(m, bounds, duration, fromNation);
    let collection = cache.get(code) ?? (await pendingFetch(code));
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

  watch([o.ready, o.focus], () => void show(o.focus.value));
  watch(states, applyStates);
  watch(o.selected, (selected) => {
    if (o.map.value && o.ready.value) setCommuneFocus(o.map.value, o.focus.value, selected);
  });
  onBeforeUnmount(() => {
    if (approachTimer) clearTimeout(approachTimer);
    releaseProvinces();
    controller?.abort();
    boundMap?.off('idle', onIdle);
  });

  return { features, drawn, stale, staleDrawn, error, prefetch, approach };
}
