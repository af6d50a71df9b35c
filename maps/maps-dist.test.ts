import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FeatureCollection, Geometry } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitRegistry } from '../core/units/registry';
import type { UnitRegistryData } from '../core/units/unit';
import { levelOfCode } from '../core/units/unit-code';
import type { UnitAliasesData } from '../core/units/unit-resolver';
import { ensureMaps } from './ensure';
import { hasPositionInside } from './geometry.util';
import type { MapsManifest } from './manifest';
import { locateSource, MissingMapsSourceError } from './source.read';

type Box = [number, number, number, number];
const HOANG_SA: Box = [111.185, 15.693, 112.736, 17.12];
const TRUONG_SA: Box = [109.473, 7.184, 117.828, 11.534];
const BUDGET = 400 * 1024;

let dist = '';
let data: UnitRegistryData;
let registry: UnitRegistry;
let national: FeatureCollection<Geometry, Record<string, unknown>>;
let labels: FeatureCollection<Geometry, Record<string, unknown>>;
let manifest: MapsManifest;
let aliases: UnitAliasesData;

const readText = (name: string) => fs.readFileSync(path.join(dist, name), 'utf8');
const readJson = <T>(name: string): T => JSON.parse(readText(name)) as T;
/** What the server sends: the gzip copy the build wrote beside the file. */
const gzipSize = (name: string) => fs.statSync(path.join(dist, `${name}.gz`)).size;
const sorted = (codes: Iterable<unknown>) => [...codes].map(String).sort();

beforeAll(async () => {
  dist = await ensureMaps();
  data = readJson('units.json');
  registry = new UnitRegistry(data); // throws on duplicate codes and unknown parents
  national = readJson('national.geojson');
  labels = readJson('labels.geojson');
  manifest = readJson('manifest.json');
  aliases = readJson('unit-aliases.json');
}, 600_000);

describe('units.json', () => {
  it('names its source version', () => {
    expect(data.version).toMatch(/^vn-provinces-db \d{4}-\d{2}-\d{2}$/);
  });

  it('holds one nation, 34 provinces, 3,321 communes and 17 ministries, with unique codes', () => {
    expect(new Set(data.units.map((u) => u.code)).size).toBe(data.units.length);
    expect(registry.all('national').map((u) => u.code)).toEqual(['VN']);
    expect(registry.all('province')).toHaveLength(34);
    expect(registry.all('commune')).toHaveLength(3321);
    expect(registry.all('ministry')).toHaveLength(17);
  });

  it('uses 2-digit province codes and 5-digit commune codes', () => {
    expect(registry.all('province').filter((u) => !/^\d{2}$/.test(u.code))).toEqual([]);
    expect(registry.all('commune').filter((u) => !/^\d{5}$/.test(u.code))).toEqual([]);
    expect(registry.all('ministry').filter((u) => !/^[A-Z]{2,8}$/.test(u.code))).toEqual([]);
    // and core/units/unit-code.ts, which every screen and route asks, reads each code as the level it is
    expect(data.units.filter((u) => levelOfCode(u.code) !== u.level).map((u) => u.code)).toEqual([]);
  });

  it('hangs every commune under a province, and provinces and ministries under VN', () => {
    const badCommunes = registry.all('commune').filter((u) => registry.get(u.parent ?? '')?.level !== 'province');
    expect(badCommunes.map((u) => u.code)).toEqual([]);
    expect(registry.children('VN', 'province')).toHaveLength(34);
    expect(registry.children('VN', 'ministry')).toHaveLength(17);
    expect(registry.get('VN')?.parent).toBeNull();
  });

  it('gives every unit one of the expected types', () => {
    const types = (level: 'province' | 'commune' | 'ministry') => sorted(new Set(registry.all(level).map((u) => `${u.type.vi}|${u.type.en}`)));
    expect(types('province')).toEqual(['Thành phố trực thuộc trung ương|Municipality', 'Tỉnh|Province']);
    expect(types('commune')).toEqual(['Phường|Ward', 'Xã|Commune', 'Đặc khu|Special administrative region']);
    expect(types('ministry')).toEqual(['Bộ|Ministry', 'Cơ quan ngang bộ|Ministerial-level agency']);
    expect(registry.all('ministry').filter((u) => u.type.vi === 'Cơ quan ngang bộ').map((u) => u.code).sort()).toEqual(['NHNN', 'TTCP', 'VPCP']);
  });

  it('has ASCII ministry codes, official areas and capitalised full names', () => {
    expect(registry.has('BGDDT')).toBe(true);
    expect(registry.get('06325')?.fullName.vi).toBe('Xã Bắc Sơn');
    expect(data.units.filter((u) => u.fullName.vi.charAt(0) !== u.fullName.vi.charAt(0).toLocaleUpperCase('vi'))).toEqual([]);
    const missingArea = data.units.filter((u) => (u.level === 'province' || u.level === 'commune') && !(u.areaKm2 && u.areaKm2 > 0));
    expect(missingArea.map((u) => u.code)).toEqual([]);
    const sum = registry.all('province').reduce((s, u) => s + (u.areaKm2 ?? 0), 0);
    expect(registry.get('VN')?.areaKm2).toBeCloseTo(sum, 1);
  });
});

describe('unit-aliases.json', () => {
  it('names the mapping and the registry it was built for', () => {
    expect(aliases.version).toMatch(/^dvhcvn-20250701 [0-9a-f]{7} for /);
    expect(aliases.version.endsWith(data.version)).toBe(true);
  });

  it('holds the 63 old provinces and the old communes, once each, with 2- and 5-digit codes', () => {
    const provinces = aliases.legacy.filter((u) => u.level === 'province');
    const communes = aliases.legacy.filter((u) => u.level === 'commune');
    expect(provinces).toHaveLength(63);
    expect(provinces.filter((u) => !/^\d{2}$/.test(u.code))).toEqual([]);
    expect(communes.length).toBeGreaterThan(10_000);
    expect(communes.filter((u) => !/^\d{5}$/.test(u.code))).toEqual([]);
    expect(new Set(aliases.legacy.map((u) => u.code)).size).toBe(aliases.legacy.length);
  });

  it('sends every old unit into registry units of its level, without repeats', () => {
    const wrong = aliases.legacy.filter(
      (u) => u.targets.length === 0 || new Set(u.targets).size !== u.targets.length || u.targets.some((t) => registry.get(t)?.level !== u.level),
    );
    expect(wrong.map((u) => u.code)).toEqual([]);
    expect(aliases.legacy.filter((u) => u.targets.length > 1).length).toBeGreaterThan(400);
    expect(aliases.legacy.find((u) => u.code === '02')?.targets).toEqual(registry.all('province').filter((u) => u.name.vi === 'Tuyên Quang').map((u) => u.code));
  });

  it('places the targets the registry renumbered (Xã Ba Chẽ, Xã Ia Mơ) by their names', () => {
    const named = (province: string, fullName: string) => registry.children(province, 'commune').filter((u) => u.fullName.vi === fullName).map((u) => u.code);
    const baChe = named('22', 'Xã Ba Chẽ');
    const iaMo = named('52', 'Xã Ia Mơ');
    expect(baChe).toHaveLength(1);
    expect(iaMo).toHaveLength(1);
    for (const old of ['06886', '06970', '06973', '06982', '06988']) expect(aliases.legacy.find((u) => u.code === old)?.targets).toContain(baChe[0]);
    expect(aliases.legacy.find((u) => u.code === '23938')?.targets).toEqual(iaMo);
  });
});

describe('national.geojson', () => {
  it('has exactly the 34 provinces of the registry, keyed by id and properties.code', () => {
    expect(national.features).toHaveLength(34);
    expect(sorted(national.features.map((f) => f.properties.code))).toEqual(sorted(registry.all('province').map((u) => u.code)));
    expect(national.features.filter((f) => f.id !== f.properties.code)).toEqual([]);
    expect(national.features.filter((f) => f.properties.name !== registry.get(String(f.properties.code))?.name.vi)).toEqual([]);
  });

  it('keeps the Hoàng Sa islands in Đà Nẵng (48) and the Trường Sa islands in Khánh Hòa (56)', () => {
    const feature = (code: string) => national.features.find((f) => f.properties.code === code);
    expect(hasPositionInside(feature('48')!.geometry, HOANG_SA)).toBe(true);
    expect(hasPositionInside(feature('56')!.geometry, TRUONG_SA)).toBe(true);
  });

  it('stays within 400 kB gzipped, and its gzip copy is the same file', () => {
    expect(gzipSize('national.geojson')).toBeLessThanOrEqual(BUDGET);
    expect(manifest.files['national.geojson']?.gzipBytes).toBe(gzipSize('national.geojson'));
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dist, 'national.geojson.gz'))).equals(fs.readFileSync(path.join(dist, 'national.geojson')))).toBe(true);
  });
});

describe('provinces/<code>.geojson', () => {
  it('holds, for each province, exactly its communes of the registry', () => {
    const mismatched: string[] = [];
    for (const province of registry.all('province')) {
      const layer = readJson<FeatureCollection<Geometry, Record<string, unknown>>>(`provinces/${province.code}.geojson`);
      const codes = sorted(layer.features.map((f) => f.properties.code));
      const expected = sorted(registry.children(province.code, 'commune').map((u) => u.code));
      const wrongProps = layer.features.filter((f) => f.id !== f.properties.code || f.properties.province !== province.code);
      if (codes.join() !== expected.join() || wrongProps.length > 0 || codes.length === 0) mismatched.push(province.code);
    }
    expect(mismatched).toEqual([]);
  });

  it('stay within 400 kB gzipped each', () => {
    const over = registry.all('province').map((u) => `provinces/${u.code}.geojson`).filter((name) => gzipSize(name) > BUDGET);
    expect(over).toEqual([]);
  });
});

describe('labels.geojson', () => {
  it('has one point per province and the two archipelagos inside their bounding boxes', () => {
    const provinces = labels.features.filter((f) => f.properties.kind === 'province');
    expect(sorted(provinces.map((f) => f.properties.code))).toEqual(sorted(registry.all('province').map((u) => u.code)));
    expect(labels.features.filter((f) => f.geometry.type !== 'Point')).toEqual([]);
    const archipelago = (province: string) => labels.features.find((f) => f.properties.kind === 'archipelago' && f.properties.province === province);
    expect(archipelago('48')?.properties.name).toBe('Quần đảo Hoàng Sa');
    expect(hasPositionInside(archipelago('48')!.geometry, HOANG_SA)).toBe(true);
    expect(archipelago('56')?.properties.name).toBe('Quần đảo Trường Sa');
    expect(hasPositionInside(archipelago('56')!.geometry, TRUONG_SA)).toBe(true);
  });
});

describe('manifest.json', () => {
  it('credits the publisher and the repository, in both languages', () => {
    for (const text of [manifest.credit.vi, manifest.credit.en]) {
      expect(text).toContain('sapnhap.bando.com.vn');
      expect(text).toContain('thanglequoc');
    }
  });

  it('lists every layer with its size, matching the files', () => {
    expect(manifest.version).toBe(data.version);
    const names = ['national.geojson', 'labels.geojson', 'units.json', 'unit-aliases.json', ...registry.all('province').map((u) => `provinces/${u.code}.geojson`)];
    const wrong = names.filter((name) => manifest.files[name]?.bytes !== fs.statSync(path.join(dist, name)).size);
    expect(wrong).toEqual([]);
  });
});

describe('a missing source folder', () => {
  it('fails with where to get the data and how to point MAPS_SRC at it', () => {
    const attempt = () => locateSource(path.join(dist, 'no-such-source'));
    expect(attempt).toThrow(MissingMapsSourceError);
    expect(attempt).toThrow(/github\.com\/thanglequoc\/vietnamese-provinces-database/);
    expect(attempt).toThrow(/MAPS_SRC/);
  });
});
