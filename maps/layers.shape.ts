import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Unit, UnitRegistryData } from '../core/units/unit';
import { archipelagos } from './archipelagos';
import { bbox, hasPositionInside } from './geometry.util';
import type { PolygonCollection, RawLayers } from './layers.build';

/** properties of a national.geojson feature (feature id = code). */
export interface ProvinceShapeProps {
  code: string;
  name: string;
  nameEn: string;
}

/** properties of a provinces/<code>.geojson feature (feature id = code). */
export interface CommuneShapeProps {
  code: string;
  name: string;
  nameEn: string;
  province: string;
}

/** properties of a labels.geojson point: a province's label, or an archipelago's (code = its commune). */
export interface LabelProps {
  code: string;
  name: string;
  nameEn: string;
  province: string;
  kind: 'province' | 'archipelago';
}

export interface ShapedLayers {
  national: PolygonCollection<ProvinceShapeProps>;
  /** Commune layers by province code. */
  provinces: Map<string, PolygonCollection<CommuneShapeProps>>;
  labels: FeatureCollection<Point, LabelProps>;
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

function sameCodes(what: string, actual: string[], expected: string[]): void {
  const a = new Set(actual);
  const e = new Set(expected);
  const missing = expected.filter((c) => !a.has(c));
  const extra = actual.filter((c) => !e.has(c));
  if (missing.length || extra.length || a.size !== actual.length) {
    throw new Error(`${what}: missing [${missing.slice(0, 10)}] extra [${extra.slice(0, 10)}] (${actual.length} features, ${a.size} codes)`);
  }
}

/** Attaches official names to mapshaper's layers, splits the communes by province and adds the archipelago labels. */
export function shapeLayers(raw: RawLayers, registry: UnitRegistryData): ShapedLayers {
  const units = new Map<string, Unit>(registry.units.map((u) => [u.code, u]));
  const unit = (code: string): Unit => {
    const found = units.get(code);
    if (!found) throw new Error(`no unit ${code} in the registry`);
    return found;
  };
  const provinceCodes = registry.units.filter((u) => u.level === 'province').map((u) => u.code);
  const communeCodes = registry.units.filter((u) => u.level === 'commune').map((u) => u.code);

  const nationalFeatures = raw.national.features.map((f): Feature<Polygon | MultiPolygon, ProvinceShapeProps> => {
    const u = unit(f.properties.provinceCode);
    return { type: 'Feature', id: u.code, geometry: f.geometry, properties: { code: u.code, name: u.name.vi, nameEn: u.name.en } };
  });
  sameCodes('national layer', nationalFeatures.map((f) => f.properties.code), provinceCodes);
  nationalFeatures.sort((a, b) => byCode(a.properties, b.properties));

  const provinces = new Map<string, PolygonCollection<CommuneShapeProps>>(
    [...provinceCodes].sort().map((code) => [code, { type: 'FeatureCollection', features: [] }]),
  );
  for (const f of raw.communes.features) {
    const u = unit(f.properties.code);
    if (u.level !== 'commune' || u.parent !== f.properties.provinceCode) {
      throw new Error(`commune layer feature ${u.code} is not a commune of ${f.properties.provinceCode}`);
    }
    provinces.get(u.parent)?.features.push({
      type: 'Feature',
      id: u.code,
      geometry: f.geometry,
      properties: { code: u.code, name: u.name.vi, nameEn: u.name.en, province: u.parent },
    });
  }
  sameCodes('commune layers', [...provinces.values()].flatMap((c) => c.features.map((f) => f.properties.code)), communeCodes);
  for (const collection of provinces.values()) collection.features.sort((a, b) => byCode(a.properties, b.properties));

  const labels: Feature<Point, LabelProps>[] = raw.provinceLabels.features.map((f) => {
    const u = unit(f.properties.provinceCode);
    return {
      type: 'Feature',
      geometry: f.geometry,
      properties: { code: u.code, name: u.name.vi, nameEn: u.name.en, province: u.code, kind: 'province' },
    };
  });
  sameCodes('province labels', labels.map((f) => f.properties.code), provinceCodes);
  labels.sort((a, b) => byCode(a.properties, b.properties));

  for (const a of archipelagos) {
    const commune = provinces.get(a.province)?.features.find((f) => f.properties.code === a.commune);
    if (!commune) throw new Error(`archipelago commune ${a.commune} is not in province ${a.province}`);
    const box = bbox(commune.geometry);
    const province = nationalFeatures.find((f) => f.properties.code === a.province);
    if (!province || !hasPositionInside(province.geometry, box)) {
      throw new Error(`national feature ${a.province} lost the ${a.name.en} (simplification dropped its islands)`);
    }
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    labels.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round((box[0] + box[2]) / 2), round((box[1] + box[3]) / 2)] },
      properties: { code: a.commune, name: a.name.vi, nameEn: a.name.en, province: a.province, kind: 'archipelago' },
    });
  }

  return {
    national: { type: 'FeatureCollection', features: nationalFeatures },
    provinces,
    labels: { type: 'FeatureCollection', features: labels },
  };
}
