import { NO_DATA_COLOR } from './color-scale';

/** The hatching's stripe colour, over NO_DATA_COLOR. */
export const HATCH_STRIPE = '#8a93a3';
export const HATCH_SIZE = 16;

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Diagonal hatching for units without data, as raw RGBA pixels: stripes 2 px wide every 8 px, rising to the right,
 * seamless when tiled. Computed, not drawn on a canvas: reading a canvas back costs a software-GL wall PC ~0.4 s.
 */
export function hatchPattern(size = HATCH_SIZE): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const ground = rgb(NO_DATA_COLOR);
  const stripe = rgb(HATCH_STRIPE);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const c = (x + y) % 8 < 2 ? stripe : ground;
      data.set([...c, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/** The stale mark's stripe colour: a mid grey that shows on the darkest and the lightest class colour alike. */
export const STALE_STRIPE = '#9aa3b2';
export const STALE_HATCH_SIZE = 24;

/**
 * The mark of a stale unit, drawn over its class colour: grey stripes 5 px wide every 12 px, falling to the right (the
 * no-data hatching rises), transparent between them so the class colour stays recognisable. At 1 px per pixel and
 * this wide it reads across a room, and from afar the unit looks greyed. Computed as pixels, like hatchPattern.
 */
export function staleHatchPattern(size = STALE_HATCH_SIZE): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4); // transparent
  const stripe = rgb(STALE_STRIPE);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if ((x - y + size) % 12 < 5) data.set([...stripe, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
