import type { FillLayerSpecification, GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { NO_DATA_COLOR } from './color-scale';
import { hatchPattern, staleHatchPattern } from './hatch';
import { lineScale, setLayerVisible } from './map-style';

export const PROVINCE_SOURCE = 'provinces';
export const PROVINCE_FILL = 'provinces-fill';
const FILL = PROVINCE_FILL;
const NO_DATA = 'provinces-nodata';
const STALE = 'provinces-stale';
const OUTLINE = 'provinces-outline';
/** The hatching image, shared with the commune layer. */
export const HATCH = 'nodata-hatch';
/** The stale mark's image, shared with the commune layer. */
export const STALE_HATCH = 'stale-hatch';
/** Provinces around a drilled one: plain land, no class colour (their figures are not in the drilled view). */
export const CONTEXT_COLOR = '#1a2638';
/** The class colour each province's feature-state carries (a fresh array each time: MapLibre keeps what it gets). */
function fillColor(): ['to-color', ['coalesce', ['feature-state', string], string]] {
  return ['to-color', ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR]];
}

/** A pattern over a source's units, shown where feature-state `state` is `shownWhen`; hidden until needed. */
function patternLayer(id: string, source: string, pattern: string, state: string, shownWhen: boolean): FillLayerSpecification {
  const [yes, no] = shownWhen ? [1, 0] : [0, 1];
  return {
    id,
    type: 'fill',
    source,
    layout: { visibility: 'none' },
    paint: {
      'fill-pattern': pattern,
      'fill-opacity': ['case', ['boolean', ['feature-state', state], false], yes, no],
      'fill-antialias': false,
    },
  };
}

/** The hatching of a source's units without a value; hidden until one is missing from the figures shown. */
export function hatchLayer(id: string, source: string): FillLayerSpecification {
  return patternLayer(id, source, HATCH, 'hasValue', false);
}

/**
 * The stale mark of a source's units whose value is past its deadline: grey stripes over the class colour, hidden
 * until one is stale. Paint data-driven as the no-data hatching's (a pattern, opacity by feature-state), so both share
 * one shader program: showing it compiles nothing new once either was drawn.
 */
export function staleLayer(id: string, source: string): FillLayerSpecification {
  return patternLayer(id, source, STALE_HATCH, 'stale', true);
}

/** What a unit shows: its class colour, or no value (grey, hatched); and whether that value is stale (grey stripes). */
export interface ProvinceState {
  color: string;
  hasValue: boolean;
  stale: boolean;
}

/** Whether a unit's look changed (what feature-state must be set again). */
export function sameLook(a: ProvinceState | undefined, b: ProvinceState): boolean {
  return a !== undefined && a.color === b.color && a.hasValue === b.hasValue && a.stale === b.stale;
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
      // hidden until a shown value is past its deadline (setProvinceStale)
      staleLayer(STALE, PROVINCE_SOURCE),
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
  if (!map.hasImage(STALE_HATCH)) map.addImage(STALE_HATCH, staleHatchPattern(), { pixelRatio: 1 });
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
    if (sameLook(previous.get(code), state)) continue;
    map.setFeatureState({ source: PROVINCE_SOURCE, id: code }, { color: state.color, hasValue: state.hasValue, stale: state.stale });
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
 * Units of a source drawn with the stale mark (call after `idle`): features in its loaded tiles whose feature-state
 * says stale, while the mark's layer is shown; in code order.
 */
export function drawnStale(map: MapLibreMap, source: string, layer: string): string[] {
  if (!map.getSource(source) || !map.getLayer(layer) || map.getLayoutProperty(layer, 'visibility') === 'none') return [];
  const seen = new Set<string>();
  for (const f of map.querySourceFeatures(source)) {
    const code = f.properties?.code;
    if (typeof code !== 'string' || seen.has(code)) continue;
    const state = map.getFeatureState({ source, id: code }) as { stale?: unknown } | undefined;
    if (state?.stale === true) seen.add(code);
  }
  return [...seen].sort();
}

/** The provinces drawn stale now (after `idle`). */
export function drawnStaleProvinces(map: MapLibreMap): string[] {
  return drawnStale(map, PROVINCE_SOURCE, STALE);
}

/**
 * What every province shows while one is drilled: plain context land without hatching (the drilled view holds no
 * figures for them). It goes through feature-state, never a new paint value: a paint, filter, layout or zoom-range
 * change makes MapLibre cut every tile of the source again, which on a wall PC without a GPU costs more than a drill.
 */
export function contextStates(codes: readonly string[]): Map<string, ProvinceState> {
  return new Map(codes.map((code) => [code, { color: CONTEXT_COLOR, hasValue: true, stale: false }]));
}

/** Whether some province's value is stale in the national figures (shows or hides the stale mark's layer). */
export function setProvinceStale(map: MapLibreMap, any: boolean): void {
  setLayerVisible(map, STALE, any);
}

/** Whether some province lacks a value in the national figures (none are known yet: false). */
export function setProvinceHatch(map: MapLibreMap, missing: boolean): void {
  setLayerVisible(map, NO_DATA, missing);
}
