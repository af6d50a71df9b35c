import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';

/** Sea and the space around the country. */
export const SEA_COLOR = '#0a1422';

/** Mainland plus Hoàng Sa and Trường Sa (vn-provinces-db bounds: 102.14–117.83 E, 7.18–23.39 N). */
export const VN_BOUNDS: LngLatBoundsLike = [
  [102.0, 7.0],
  [118.0, 23.5],
];

/**
 * A fully offline style: one background layer, no tiles, no glyphs, no sprites. Our GeoJSON sources are added on
 * `load`; labels are HTML markers, so no glyph server is needed (STACK.md "glyph gotcha").
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'ioc-live-offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': SEA_COLOR } }],
  };
}

/**
 * Line widths are CSS pixels: on a 4K wall driven at 3840 px they would be half as thick to the eye as on a 1920 px
 * screen, so they grow with the viewport (read when the layers are added).
 */
export function lineScale(): number {
  return Math.max(1, Math.min(2.5, window.innerWidth / 1920));
}
