import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { z } from 'zod';

const UNIT_LIST_HINT =
  'Get it from the public repository https://github.com/thanglequoc/vietnamese-provinces-database ' +
  '(the files listed in ../shared/maps-src/vn-provinces-db/SOURCE.md: the unit list ' +
  'json/full_json_generated_data_vn_units_<date>__<time>.json, the province GeoJSON json/geojson/<code>_<name>/*.geojson ' +
  'and the commune GeoJSON json/geojson/<code>_<name>/wards/*.geojson, each commune given a provinceCode property) ' +
  'and lay it out like ../shared/maps-src: vn-provinces-db/full_json_generated_data_vn_units_<date>__<time>.json, ' +
  'vn-provinces-db/provinces-34.geojson and vn-provinces-db/wards-by-province/<code>_<name>.geojson.gz. ' +
  'Set MAPS_SRC to a folder laid out like ../shared/maps-src to use another copy.';

const MAPPING_HINT =
  'Get mapping/splits.json from the public repository https://github.com/dvhcvn/20250701 (the 1/7/2025 old → new ' +
  'unit mapping, as ../shared/maps-src/dvhcvn-20250701/SOURCE.md describes it) and put it at ' +
  'dvhcvn-20250701/mapping/splits.json. Set MAPS_SRC to a folder laid out like ../shared/maps-src to use another copy.';

/** Thrown when the boundary source data is not where the pipeline looks for it. */
export class MissingMapsSourceError extends Error {
  override name = 'MissingMapsSourceError';
  constructor(src: string, missing: string, where: string = UNIT_LIST_HINT) {
    super(`Boundary source data not found: ${missing} is missing under ${src}. ${where}`);
  }
}

/** Where each source file is. */
export interface MapsSource {
  dir: string;
  unitListPath: string;
  /** The date in the unit list's file name, e.g. "2026-07-25". */
  unitListDate: string;
  provincesPath: string;
  /** One gzipped FeatureCollection of communes per province. */
  wardFiles: string[];
  sourceMdPath: string;
}

const DATASET = 'vn-provinces-db';
const UNIT_LIST = /^full_json_generated_data_vn_units_(\d{4}-\d{2}-\d{2})__.*\.json$/;

/** Finds the source files under `src`, or throws MissingMapsSourceError naming what is missing. */
export function locateSource(src: string): MapsSource {
  const dir = path.join(src, DATASET);
  if (!fs.existsSync(dir)) throw new MissingMapsSourceError(src, `${DATASET}/`);
  const names = fs.readdirSync(dir).filter((n) => UNIT_LIST.test(n)).sort();
  const unitListName = names.at(-1);
  if (!unitListName) throw new MissingMapsSourceError(src, `${DATASET}/full_json_generated_data_vn_units_*.json`);
  const provincesPath = path.join(dir, 'provinces-34.geojson');
  if (!fs.existsSync(provincesPath)) throw new MissingMapsSourceError(src, `${DATASET}/provinces-34.geojson`);
  const wardsDir = path.join(dir, 'wards-by-province');
  const wardFiles = fs.existsSync(wardsDir)
    ? fs.readdirSync(wardsDir).filter((n) => n.endsWith('.geojson.gz')).sort().map((n) => path.join(wardsDir, n))
    : [];
  if (wardFiles.length === 0) throw new MissingMapsSourceError(src, `${DATASET}/wards-by-province/*.geojson.gz`);
  return {
    dir,
    unitListPath: path.join(dir, unitListName),
    unitListDate: UNIT_LIST.exec(unitListName)?.[1] ?? 'unknown',
    provincesPath,
    wardFiles,
    sourceMdPath: path.join(dir, 'SOURCE.md'),
  };
}

/** The version string written to units.json and manifest.json, e.g. "vn-provinces-db 2026-07-25". */
export function sourceVersion(source: MapsSource): string {
  return `${DATASET} ${source.unitListDate}`;
}

/** The upstream commit SOURCE.md names as the snapshot, if it names one. */
export function readSnapshotCommit(source: Pick<MapsSource, 'sourceMdPath'>): string | null {
  if (!fs.existsSync(source.sourceMdPath)) return null;
  const text = fs.readFileSync(source.sourceMdPath, 'utf8');
  return /Snapshot HEAD:\s*`([0-9a-f]{40})`/.exec(text)?.[1] ?? null;
}

const listWard = z.object({
  Code: z.string().regex(/^\d{5}$/),
  Name: z.string().min(1),
  NameEn: z.string().min(1),
  FullName: z.string().min(1),
  FullNameEn: z.string().min(1),
  ProvinceCode: z.string().regex(/^\d{2}$/),
  AdministrativeUnitShortName: z.string().min(1),
  AdministrativeUnitShortNameEn: z.string().min(1),
});
const listProvince = z.object({
  Code: z.string().regex(/^\d{2}$/),
  Name: z.string().min(1),
  NameEn: z.string().min(1),
  FullName: z.string().min(1),
  FullNameEn: z.string().min(1),
  AdministrativeUnitFullName: z.string().min(1),
  AdministrativeUnitFullNameEn: z.string().min(1),
  Wards: z.array(listWard),
});
export type ListProvince = z.infer<typeof listProvince>;
export type ListWard = z.infer<typeof listWard>;

/** The official unit list (full_json…json): provinces, each with its communes ("Wards"). */
export function readUnitList(source: MapsSource): ListProvince[] {
  return z.array(listProvince).parse(JSON.parse(fs.readFileSync(source.unitListPath, 'utf8')));
}

const areaFeature = z.object({
  properties: z.object({ code: z.string(), areaKm2: z.number().nullable().optional(), provinceCode: z.string().optional() }),
});
const areaCollection = z.object({ features: z.array(areaFeature) });

/** What the GeoJSON says of one unit: its official area and, for a commune, its province. */
export interface GeometryRecord {
  areaKm2: number | null;
  province: string | null;
}

/** Official areas (properties.areaKm2) of the provinces and communes, read from the source GeoJSON. */
export function readGeometryRecords(source: MapsSource): { provinces: Map<string, GeometryRecord>; communes: Map<string, GeometryRecord> } {
  const toMap = (text: string) => {
    const map = new Map<string, GeometryRecord>();
    for (const { properties: p } of areaCollection.parse(JSON.parse(text)).features) {
      if (map.has(p.code)) throw new Error(`duplicate code ${p.code} in the source GeoJSON`);
      map.set(p.code, { areaKm2: p.areaKm2 ?? null, province: p.provinceCode ?? null });
    }
    return map;
  };
  const provinces = toMap(fs.readFileSync(source.provincesPath, 'utf8'));
  const communes = new Map<string, GeometryRecord>();
  for (const file of source.wardFiles) {
    for (const [code, record] of toMap(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'))) {
      if (communes.has(code)) throw new Error(`commune ${code} appears in two ward files (second: ${file})`);
      communes.set(code, record);
    }
  }
  return { provinces, communes };
}

const MAPPING = 'dvhcvn-20250701';

/** The 1/7/2025 mapping of old units to new ones (dvhcvn/20250701): its splits.json (old → new) and SOURCE.md. */
export interface MappingSource {
  /** e.g. "dvhcvn-20250701". */
  dataset: string;
  splitsPath: string;
  sourceMdPath: string;
}

/** Finds the mapping under `src`, or throws MissingMapsSourceError naming what is missing. */
export function locateMapping(src: string): MappingSource {
  const dir = path.join(src, MAPPING);
  const splitsPath = path.join(dir, 'mapping', 'splits.json');
  if (!fs.existsSync(splitsPath)) throw new MissingMapsSourceError(src, `${MAPPING}/mapping/splits.json`, MAPPING_HINT);
  return { dataset: MAPPING, splitsPath, sourceMdPath: path.join(dir, 'SOURCE.md') };
}

const splitTarget = z.object({ new_id: z.string().regex(/^\d{2}$|^\d{5}$/), name: z.string().min(1) });
const splitProvince = z.object({
  level1_id: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  splits: z.array(splitTarget).min(1),
  level3s: z.array(z.object({ level3_id: z.string().regex(/^\d{5}$/), name: z.string().min(1), splits: z.array(splitTarget).min(1) })),
});
export type SplitProvince = z.infer<typeof splitProvince>;
export type SplitTarget = z.infer<typeof splitTarget>;

/** splits.json: each old province (level1) with the new province(s) it went into, and its old communes (level3s) with theirs. */
export function readSplits(mapping: MappingSource): SplitProvince[] {
  return z.object({ data: z.array(splitProvince) }).parse(JSON.parse(fs.readFileSync(mapping.splitsPath, 'utf8'))).data;
}
