import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import mapshaper from 'mapshaper';

/** Simplification settings; the province files and national.geojson must each stay ≤ 400 kB gzipped. */
export const simplification = {
  /** Visvalingam interval for the commune layers (metres). */
  communesIntervalM: 40,
  /** Coordinate rounding of the commune layers (degrees; 0.00001° ≈ 1.1 m). */
  communesPrecision: 0.00001,
  /** Interval for the national layer, applied to the same arcs after the commune output (metres). */
  nationalIntervalM: 150,
  /** Coordinate rounding of the national layer and labels (degrees; 0.0001° ≈ 11 m). */
  nationalPrecision: 0.0001,
} as const;

export type PolygonCollection<P> = FeatureCollection<Polygon | MultiPolygon, P>;

/** What mapshaper produces: geometry keyed by official code, before the names are attached. */
export interface RawLayers {
  /** All 3,321 communes: properties code, provinceCode. */
  communes: PolygonCollection<{ code: string; provinceCode: string }>;
  /** The communes dissolved by province: properties provinceCode. */
  national: PolygonCollection<{ provinceCode: string }>;
  /** One point inside each national feature: properties provinceCode. */
  provinceLabels: FeatureCollection<Point, { provinceCode: string }>;
}

/**
 * One mapshaper run over all the commune files, so that every border is one shared arc:
 * - snap on import and -clean (gaps and overlaps between neighbouring communes in the source become shared borders);
 * - -explode into single parts, then dissolve back to communes (by code) and to provinces (by provinceCode), all three
 *   layers on the same arcs. keep-shapes protects only the largest ring of each feature of each layer, so the
 *   exploded layer makes it protect every island, the Hoàng Sa and Trường Sa reefs included;
 * - simplify at the commune interval and write the communes, then simplify the same arcs further for the national
 *   layer, so province borders in national.geojson are the commune borders, generalised.
 */
export async function buildRawLayers(wardFiles: string[]): Promise<RawLayers> {
  const s = simplification;
  const out = await mapshaper.applyCommands([
    '-i', ...wardFiles, 'combine-files', 'snap',
    '-merge-layers', 'force', 'name=parts',
    '-clean',
    '-filter-fields', 'code,provinceCode',
    '-explode',
    '-dissolve', 'code', 'copy-fields=provinceCode', '+', 'name=communes',
    '-dissolve', 'provinceCode', 'target=parts', '+', 'name=national',
    '-simplify', `interval=${s.communesIntervalM}`, 'keep-shapes',
    '-o', 'communes.json', 'format=geojson', `precision=${s.communesPrecision}`, 'target=communes',
    '-simplify', `interval=${s.nationalIntervalM}`, 'keep-shapes',
    '-o', 'national.json', 'format=geojson', `precision=${s.nationalPrecision}`, 'target=national',
    '-points', 'inner', 'target=national', '+', 'name=labels',
    '-o', 'labels.json', 'format=geojson', `precision=${s.nationalPrecision}`, 'target=labels',
    '-quiet',
  ]);
  const read = <T>(name: string): T => {
    const content = out[name];
    if (content === undefined) throw new Error(`mapshaper produced no ${name}`);
    return JSON.parse(content.toString()) as T;
  };
  return {
    communes: read('communes.json'),
    national: read('national.json'),
    provinceLabels: read('labels.json'),
  };
}
