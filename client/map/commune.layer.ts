import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { NO_DATA_COLOR } from './color-scale';
import { type CommuneCollection, provinceUrl } from './map-data';
import { lineScale, perFeature, setLayerVisible } from './map-style';
import { drawnStale, HATCH, hatchLayer, PROVINCE_SOURCE, type ProvinceState, sameLook, STALE_HATCH, staleLayer } from './province.layer';

/** ONE source for the communes of whichever province is drilled: its data is replaced with setData, never re-added. */
export const COMMUNE_SOURCE = 'communes';
export const COMMUNE_FILL = 'communes-fill';
const NO_DATA = 'communes-nodata';
const STALE = 'communes-stale';
const OUTLINE = 'communes-outline';
const SELECTED = 'communes-selected';
const FOCUS = 'provinces-focus';

const EMPTY: CommuneCollection = { type: 'FeatureCollection', features: [] };

/**
 * A line drawn only on the feature whose feature-state `key` is true (zero width and opacity elsewhere). An outline
 * that follows a choice is a feature-state, never a filter: a filter change makes MapLibre cut every tile of its source
 * again. Every part is feature-state driven, so it shares its program with the other line layers (perFeature).
 */
function flagged(key: string, on: number, off = 0): ExpressionSpecification {
  return ['case', ['boolean', ['feature-state', key], false], on, off];
}

/** A zoom no map reaches (MapLibre's largest): the commune layers start hidden below it (see setCommuneMinZoom). */
export const COMMUNE_HIDDEN_BELOW = 24;
const NEVER = COMMUNE_HIDDEN_BELOW;

/**
 * The commune source (empty) and its layers, above the provinces, declared once in the map's style: fill by
 * feature-state colour, hatching where there is no value, outlines (thicker on hover), the drilled province's border
 * and the selected commune's outline. Hidden at every zoom until a province is drilled (their source is empty: no
 * tiles to cut for nothing during the first render). Drilling then only calls setData and setFeatureState (STYLE §7),
 * and the zoom range of setCommuneMinZoom.
 */
export function communeStyle(): Pick<StyleSpecification, 'sources' | 'layers'> {
  const k = lineScale();
  const hidden = { minzoom: NEVER };
  return {
    // Commune layers are simplified already (maps/): a coarser tolerance and a smaller buffer keep tiling quick.
    sources: { [COMMUNE_SOURCE]: { type: 'geojson', data: EMPTY, promoteId: 'code', tolerance: 0.5, buffer: 64, maxzoom: 10 } },
    layers: [
      {
        id: COMMUNE_FILL,
        type: 'fill',
        source: COMMUNE_SOURCE,
        ...hidden,
        paint: { 'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]], 'fill-opacity': 1, 'fill-antialias': false },
      },
      // hidden until a commune shown lacks its value (setCommuneHatch), like the provinces' hatching
      { ...hatchLayer(NO_DATA, COMMUNE_SOURCE), ...hidden },
      // hidden until a commune shown is past its deadline (setCommuneStale)
      { ...staleLayer(STALE, COMMUNE_SOURCE), ...hidden },
      {
        id: OUTLINE,
        type: 'line',
        source: COMMUNE_SOURCE,
        ...hidden,
        paint: {
          'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#ffffff', '#0a1422'],
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3 * k, 0.8 * k],
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.7],
        },
      },
      {
        id: FOCUS,
        type: 'line',
        source: PROVINCE_SOURCE,
        paint: { 'line-color': perFeature('#f3f6fb'), 'line-width': flagged('focus', 2.5 * k), 'line-opacity': flagged('focus', 1) },
      },
      {
        id: SELECTED,
        type: 'line',
        source: COMMUNE_SOURCE,
        ...hidden,
        paint: { 'line-color': perFeature('#57d3ff'), 'line-width': flagged('selected', 4 * k), 'line-opacity': flagged('selected', 1) },
      },
    ],
  };
}

/**
 * Show the communes of this province (or none): new data for the one source, and no feature-state left from the last
 * province. The map's worker fetches the province's layer itself (from the HTTP cache once the page has it), so its
 * tiles are cut while the page is still busy with the flight.
 */
export function setCommuneData(map: MapLibreMap, province: string | null): void {
  const source = map.getSource(COMMUNE_SOURCE) as GeoJSONSource | undefined;
  if (!source) return;
  // emptying an empty source would still queue work in the map's worker, ahead of the communes about to come
  if ((shown.get(map) ?? null) === province) return;
  shown.set(map, province);
  map.removeFeatureState({ source: COMMUNE_SOURCE });
  focused.get(map)?.delete(COMMUNE_SOURCE);
  dataLoaded.set(
    map,
    new Promise<void>((resolve) => {
      const done = (e: { sourceId?: string; sourceDataType?: string }) => {
        if (e.sourceId !== COMMUNE_SOURCE || e.sourceDataType !== 'content') return;
        map.off('sourcedata', done);
        resolve();
      };
      map.on('sourcedata', done);
    }),
  );
  source.setData(province ? provinceUrl(province) : EMPTY);
}
/** Each map's commune data as last set: settled once the map's worker has it (its `content` data event). */
const dataLoaded = new WeakMap<MapLibreMap, Promise<void>>();
/**
 * Resolves once the map's worker holds the commune data last set. A zoom-range change of the commune layers before
 * then has their tiles cut twice: once for the reload it asks, again when the new data's `content` event reloads.
 */
export function communeDataLoaded(map: MapLibreMap): Promise<void> {
  return dataLoaded.get(map) ?? Promise.resolve();
}
/** Which province's communes each map's source holds now (null: none). */
const shown = new WeakMap<MapLibreMap, string | null>();
/** The zoom below which each map's commune layers are hidden now (see setCommuneMinZoom). */
const floors = new WeakMap<MapLibreMap, number | null>();

/**
 * Hides the commune layers below `zoom` (0: shown at every zoom; null: hidden at every zoom). The map's worker cuts
 * tiles only for the sources a shown layer uses, at the zoom of each frame. With no province drilled the layers are
 * hidden (their source is empty: no tiles to cut for nothing during the first render). While the map flies into a
 * province they are hidden below the tile zoom it arrives at, so their tiles are cut once, at that zoom, instead of
 * at every zoom the flight passes through (tiles no frame would draw, that kept the worker busy when the
 * last ones were asked for).
 */
export function setCommuneMinZoom(map: MapLibreMap, zoom: number | null): void {
  floors.set(map, zoom);
  holdCommuneLayers(map);
}

/**
 * Gives every layer drawn from the commune source (the alert outlines too) the zoom range set last. A layer shown at
 * another zoom would have the map cut commune tiles there.
 */
function holdCommuneLayers(map: MapLibreMap): void {
  const floor = floors.get(map) ?? NEVER;
  for (const id of map.getLayersOrder()) {
    const layer = map.getLayer(id);
    if (layer?.source === COMMUNE_SOURCE) map.setLayerZoomRange(id, floor, layer.maxzoom);
  }
}

/** Whether a commune shown lacks its value (false while the province's figures are not known yet). */
export function setCommuneHatch(map: MapLibreMap, missing: boolean): void {
  setLayerVisible(map, NO_DATA, missing);
}

/** Whether a commune shown is stale (shows or hides the stale mark's layer). */
export function setCommuneStale(map: MapLibreMap, any: boolean): void {
  setLayerVisible(map, STALE, any);
}

/** The communes drawn stale now (after `idle`). */
export function drawnStaleCommunes(map: MapLibreMap): string[] {
  return drawnStale(map, COMMUNE_SOURCE, STALE);
}

/** Outline the drilled province and the selected commune (null: none), through feature-state. */
export function setCommuneFocus(map: MapLibreMap, province: string | null, selected: string | null): void {
  if (!map.getLayer(FOCUS)) return;
  flag(map, PROVINCE_SOURCE, 'focus', province);
  flag(map, COMMUNE_SOURCE, 'selected', selected);
}

/** Per map and source, the feature flagged now. */
const focused = new WeakMap<MapLibreMap, Map<string, string>>();
function flag(map: MapLibreMap, source: string, key: string, code: string | null): void {
  let now = focused.get(map);
  if (!now) focused.set(map, (now = new Map()));
  const before = now.get(source);
  if (before === code) return;
  if (before !== undefined) map.setFeatureState({ source, id: before }, { [key]: false });
  if (code === null) now.delete(source);
  else {
    map.setFeatureState({ source, id: code }, { [key]: true });
    now.set(source, code);
  }
}

/** Set the state of the communes whose look changed; returns how many were touched. */
export function applyCommuneStates(
  map: MapLibreMap,
  next: ReadonlyMap<string, ProvinceState>,
  previous: ReadonlyMap<string, ProvinceState>,
): number {
  if (!map.getSource(COMMUNE_SOURCE)) return 0;
  let touched = 0;
  for (const [code, state] of next) {
    if (sameLook(previous.get(code), state)) continue;
    map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { color: state.color, hasValue: state.hasValue, stale: state.stale });
    touched += 1;
  }
  return touched;
}

