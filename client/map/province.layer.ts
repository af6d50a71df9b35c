import type { FillLayerSpecification, GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { NO_DATA_COLOR } from './color-scale';
import { hatchPattern } from './hatch';
import { lineScale, setLayerVisible } from './map-style';

export const PROVINCE_SOURCE = 'provinces';
export const PROVINCE_FILL = 'provinces-fill';
const FILL = PROVINCE_FILL;
const NO_DATA = 'provinces-nodata';
const OUTLINE = 'provinces-outline';
/** The hatching image, shared with the commune layer. */
export const HATCH = 'nodata-hatch';
/** Provinces around a drilled one: plain land, no class colour (their figures are not in the drilled view). */
export const CONTEXT_COLOR = '#1a2638';
/** The class colour each province's feature-state carries (a fresh array each time: MapLibre keeps what it gets). */
function fillColor(): ['to-color', ['coalesce', ['feature-state', string], string]] {
  return ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]];
}

/** The hatching of a source's units without a value; hidden until one is missing from the figures shown. */
export function hatchLayer(id: string, source: string): FillLayerSpecification {
  return {
    id,
    type: 'fill',
    source,
    layout: { visibility: 'none' },
    paint: {
      'fill-pattern': HATCH,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hasValue'], false], 0, 1],
      'fill-antialias': false,
    },
  };
}

/** What a province shows: its class colour, or no value (grey, hatched). */
export interface ProvinceState {
  color: string;
  hasValue: boolean;
}

/**
 * The province source and its three layers (fill by feature-state colour, hatching where there is no value, outline
 * thicker on hover), written into the map's style at creation: the map's worker then fetches and tiles the national
 * layer while the page is still starting (its fetch, parse and tiling are the long pole of the first render on a wall
 * PC without a GPU: ~0.5 s there). Live data then only changes feature-state: layers are never re-created (STYLE §7).
 * The source is given the layer's URL: the worker fetches (from the HTTP cache) and parses it itself, rather than the
 * page copying the parsed layer across to it (~0.2 s of a software-GL wall PC's main thread).
 */
export function provinceStyle(url: string): Pick<StyleSpecification, 'sources' | 'layers'> {
  return {
    // The national layer is simplified to ~150 m (maps/): tiles beyond zoom 7 would add no detail, only tiling work
    // while the map flies into a province, so deeper zooms reuse the zoom-7 tiles.
    sources: { [PROVINCE_SOURCE]: { type: 'geojson', data: url, promoteId: 'code', maxzoom: 7 } },
    layers: [
      // no fill antialiasing: the outline layer draws every edge anyway, and it would cost a shader program of its own
      { id: FILL, type: 'fill', source: PROVINCE_SOURCE, paint: { 'fill-color': fillColor(), 'fill-opacity': 1, 'fill-antialias': false } },
      // hidden until a shown value is missing (see setProvinceHatch): before the first figures arrive nothing is "no data"
      hatchLayer(NO_DATA, PROVINCE_SOURCE),
      {
        id: OUTLINE,
        type: 'line',
        source: PROVINCE_SOURCE,
        paint: {
          'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#ffffff', '#c9d3e3'],
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 3 * lineScale(), 0.7 * lineScale()],
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.55],
        },
      },
    ],
  };
}

/**
 * Readies the province layers of a map created with `provinceStyle`: the hatching image they use, and a new load of
 * the national layer when asked (a retry after it failed to load: the worker may have failed on the same file).
 */
export function readyProvinceLayers(map: MapLibreMap, url: string, reload: boolean): void {
  if (!map.hasImage(HATCH)) map.addImage(HATCH, hatchPattern(), { pixelRatio: 2 });
  if (reload) (map.getSource(PROVINCE_SOURCE) as GeoJSONSource | undefined)?.setData(url);
}

/** Set the state of the provinces whose look changed; returns how many were touched. */
export function applyProvinceStates(
  map: MapLibreMap,
  next: ReadonlyMap<string, ProvinceState>,
  previous: ReadonlyMap<string, ProvinceState>,
): number {
  if (!map.getSource(PROVINCE_SOURCE)) return 0;
  let touched = 0;
  for (const [code, state] of next) {
    const before = previous.get(code);
    if (before && before.color === state.color && before.hasValue === state.hasValue) continue;
    map.setFeatureState({ source: PROVINCE_SOURCE, id: code }, { color: state.color, hasValue: state.hasValue });
    touched += 1;
  }
  return touched;
}

/**
 * Units of a source drawn with a value (call after `idle`): features in its loaded tiles whose feature-state says they
 * have one. A colour set on a unit whose shape never loaded counts for nothing.
 */
export function countDrawnWithValue(map: MapLibreMap, source: string): number {
  if (!map.getSource(source)) return 0;
  const seen = new Set<string>();
  for (const f of map.querySourceFeatures(source)) {
    const code = f.properties?.code;
    if (typeof code !== 'string' || seen.has(code)) continue;
    const state = map.getFeatureState({ source, id: code }) as { hasValue?: unknown } | undefined;
    if (state?.hasValue === true) seen.add(code);
  }
  return seen.size;
}

/**
 * What every province shows while one is drilled: plain context land without hatching (the drilled view holds no
 * figures for them). It goes through feature-state, never a new paint value: a paint, filter, layout or zoom-range
 * change makes MapLibre cut every tile of the source again, which on a wall PC without a GPU costs more than a drill.
 */
export function contextStates(codes: readonly string[]): Map<string, ProvinceState> {
  return new Map(codes.map((code) => [code, { color: CONTEXT_COLOR, hasValue: true }]));
}

/** Whether some province lacks a value in the national figures (none are known yet: false). */
export function setProvinceHatch(map: MapLibreMap, missing: boolean): void {
  setLayerVisible(map, NO_DATA, missing);
}
