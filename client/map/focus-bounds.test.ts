import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { focusBounds, geometryBounds } from './focus-bounds';

const square = (x: number, y: number, size: number) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

// a mainland of 1°×1°, an island 0.5° off its coast and an archipelago 4° out to sea
const province: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [square(107, 15, 1), square(108.5, 15.2, 0.1), square(112, 16, 0.3)],
};

describe('focusBounds', () => {
  it('keeps the mainland and near islands and leaves far archipelagos out', () => {
    expect(focusBounds(province)).toEqual([
      [107, 15],
      [108.6, 16],
    ]);
    expect(geometryBounds(province)).toEqual([
      [107, 15],
      [112.3, 16.3],
    ]);
  });
  it('handles a plain polygon and nothing', () => {
    expect(focusBounds({ type: 'Polygon', coordinates: square(1, 2, 3) })).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(focusBounds({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
