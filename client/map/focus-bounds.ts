import type { Geometry, Position } from 'geojson';

/** [[west, south], [east, north]] in degrees. */
export type Bounds = [[number, number], [number, number]];

/** Parts further than this from a province's main land are left out of the view it flies to. */
export const FAR_PART_DEG = 2;

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

function ringBounds(ring: readonly Position[]): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of ring) {
    if (typeof x !== 'number' || typeof y !== 'number') continue;
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

/** Planar area of a ring in square degrees (enough to find the largest part). */
function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    sum += ((b[0] ?? 0) - (a[0] ?? 0)) * ((b[1] ?? 0) + (a[1] ?? 0));
  }
  return Math.abs(sum / 2);
}

function union(a: Bounds, b: Bounds): Bounds {
  return [
    [Math.min(a[0][0], b[0][0]), Math.min(a[0][1], b[0][1])],
    [Math.max(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])],
  ];
}

/** Gap between two boxes along the worse axis (0 when they touch or overlap). */
function gap(a: Bounds, b: Bounds): number {
  const dx = Math.max(0, b[0][0] - a[1][0], a[0][0] - b[1][0]);
  const dy = Math.max(0, b[0][1] - a[1][1], a[0][1] - b[1][1]);
  return Math.max(dx, dy);
}

/** The bounding box of every part. */
export function geometryBounds(geometry: Geometry): Bounds | null {
  let out: Bounds | null = null;
  for (const polygon of polygonsOf(geometry)) {
    const b = polygon[0] ? ringBounds(polygon[0]) : null;
    if (b) out = out ? union(out, b) : b;
  }
  return out;
}

/**
 * What a drill-down flies to: the province's largest part and the parts near it (coastal islands, Côn Đảo), without
 * far archipelagos (Hoàng Sa under Đà Nẵng, Trường Sa under Khánh Hoà) that would shrink the mainland to a sliver.
 * The far parts are still drawn; they are only outside the first view.
 */
export function focusBounds(geometry: Geometry, farDeg = FAR_PART_DEG): Bounds | null {
  const parts = polygonsOf(geometry)
    .map((polygon) => ({ box: polygon[0] ? ringBounds(polygon[0]) : null, area: polygon[0] ? ringArea(polygon[0]) : 0 }))
    .filter((p): p is { box: Bounds; area: number } => p.box !== null);
  if (parts.length === 0) return null;
  const main = parts.reduce((a, b) => (b.area > a.area ? b : a));
  let out = main.box;
  for (const p of parts) if (gap(main.box, p.box) <= farDeg) out = union(out, p.box);
  return out;
}
