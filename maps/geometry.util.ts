import type { Geometry } from 'geojson';

/** Every [lon, lat] of a geometry. */
export function* positions(geometry: Geometry): Generator<[number, number]> {
  switch (geometry.type) {
    case 'Point':
      yield [geometry.coordinates[0] ?? NaN, geometry.coordinates[1] ?? NaN];
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of geometry.coordinates) yield [p[0] ?? NaN, p[1] ?? NaN];
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) for (const p of line) yield [p[0] ?? NaN, p[1] ?? NaN];
      return;
    case 'MultiPolygon':
      for (const poly of geometry.coordinates) for (const ring of poly) for (const p of ring) yield [p[0] ?? NaN, p[1] ?? NaN];
      return;
    case 'GeometryCollection':
      for (const g of geometry.geometries) yield* positions(g);
  }
}

/** [west, south, east, north] of a geometry. */
export function bbox(geometry: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of positions(geometry)) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}

/** True when any vertex of the geometry lies inside [west, south, east, north]. */
export function hasPositionInside(geometry: Geometry, box: readonly [number, number, number, number]): boolean {
  for (const [x, y] of positions(geometry)) {
    if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) return true;
  }
  return false;
}
