import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR } from './color-scale';
import { HATCH_STRIPE, hatchPattern } from './hatch';

const hex = (d: Uint8Array, i: number) => `#${[...d.slice(i * 4, i * 4 + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

describe('hatchPattern', () => {
  it('is opaque stripes over the no-data grey, a quarter of the pixels, along the rising diagonal', () => {
    const { width, height, data } = hatchPattern(16);
    expect([width, height, data.length]).toEqual([16, 16, 16 * 16 * 4]);
    const colours = Array.from({ length: 256 }, (_, i) => hex(data, i));
    expect(new Set(colours)).toEqual(new Set([NO_DATA_COLOR.toLowerCase(), HATCH_STRIPE]));
    expect(colours.filter((c) => c === HATCH_STRIPE).length).toBe(64);
    for (let i = 0; i < 256; i += 1) expect(data[i * 4 + 3]).toBe(255);
    // (x, y) and (x + 1, y - 1) lie on the same stripe
    expect(hex(data, 5 * 16 + 3)).toBe(hex(data, 4 * 16 + 4));
  });

  it('tiles without a seam: the last column continues into the first', () => {
    const { data } = hatchPattern(16);
    for (let y = 0; y < 16; y += 1) expect(hex(data, y * 16 + 15) === HATCH_STRIPE).toBe((15 + y) % 8 < 2);
    expect(hex(data, 0)).toBe(HATCH_STRIPE);
    expect(hex(data, 1 * 16 + 15)).toBe(HATCH_STRIPE); // (15 + 1) % 8 = 0: the stripe wraps to (0, 0) of the next tile
  });
});
