import type { LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';

/** Sea and the space around the country. */
export const SEA_COLOR = '#0a1422';

/** Mainland plus Hoàng Sa and Trường Sa (vn-provinces-db bounds: 102.14–117.83 E, 7.18–23.39 N). */
export const VN_BOUNDS: LngLatBoundsLike = [
  [102.0, 7.0],
  [118.0, 23.5],
];

/**
 * A fully offline style: a background layer and our own GeoJSON sources and layers (`base`: those the map starts
 * with), no tiles, no glyphs, no sprites; labels are HTML markers, so no glyph server is needed (STACK.md "glyph
 * gotcha").
 */
export function offlineStyle(base: Pick<StyleSpecification, 'sources' | 'layers'> = { sources: {}, layers: [] }): StyleSpecification {
  return {
    version: 8,
    name: 'ioc-live-offline',
    sources: base.sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': SEA_COLOR } }, ...base.layers],
  };
}

/**
 * Line widths are CSS pixels: on a 4K wall driven at 3840 px they would be half as thick to the eye as on a 1920 px
 * screen, so they grow with the viewport (read when the layers are added).
 */
export function lineScale(): number {
  return Math.max(1, Math.min(2.5, window.innerWidth / 1920));
}

/**
 * A paint value written as a feature-state expression even where it is constant. MapLibre compiles one shader
 * program per layer type and per set of data-driven properties; a wall PC without a GPU (software GL) spends a few
 * hundred milliseconds on each. With every line layer data-driven in the same properties, they all share one
 * program, and so do the fills: the first render and a drill compile nothing they need not.
 */
export function perFeature<T>(value: T): ['case', ['boolean', ['feature-state', 'hover'], false], T, T] {
  return ['case', ['boolean', ['feature-state', 'hover'], false], value, value];
}

/** Shows or hides a layer; a hidden layer is not drawn, so its shader program is not compiled until it is needed. */
export function setLayerVisible(map: Pick<MapLibreMap, 'getLayer' | 'getLayoutProperty' | 'setLayoutProperty'>, id: string, visible: boolean): void {
  if (!map.getLayer(id)) return;
  const value = visible ? 'visible' : 'none';
  if ((map.getLayoutProperty(id, 'visibility') ?? 'visible') !== value) map.setLayoutProperty(id, 'visibility', value);
}
