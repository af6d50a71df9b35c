import type { Unit, UnitRegistryData } from '../core/units/unit';
import { agencyType, ministries, ministryType } from './ministries';
import type { GeometryRecord, ListProvince } from './source.read';

export const NATION_CODE = 'VN';

/** Upper-cases the first letter: the list writes "xã Bắc Sơn" (06325) where every other name starts with the type. */
export function normalizeFullName(fullName: string): string {
  return fullName.charAt(0).toLocaleUpperCase('vi') + fullName.slice(1);
}

/** Fails when the unit list and the GeoJSON disagree on which units exist or where a commune belongs. */
function checkAgainstGeometry(
  list: ListProvince[],
  geometry: { provinces: Map<string, GeometryRecord>; communes: Map<string, GeometryRecord> },
): void {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const province of list) {
    listed.add(province.Code);
    if (!geometry.provinces.has(province.Code)) problems.push(`province ${province.Code} has no geometry`);
    for (const ward of province.Wards) {
      listed.add(ward.Code);
      const record = geometry.communes.get(ward.Code);
      if (!record) problems.push(`commune ${ward.Code} has no geometry`);
      else if (record.province !== province.Code) problems.push(`commune ${ward.Code} is in ${province.Code} in the list, ${record.province} in the GeoJSON`);
      if (ward.ProvinceCode !== province.Code) problems.push(`commune ${ward.Code} lists ProvinceCode ${ward.ProvinceCode} under ${province.Code}`);
    }
  }
  for (const code of [...geometry.provinces.keys(), ...geometry.communes.keys()]) {
    if (!listed.has(code)) problems.push(`geometry ${code} is not in the unit list`);
  }
  if (problems.length > 0) {
    throw new Error(`unit list and GeoJSON disagree (${problems.length}): ${problems.slice(0, 10).join('; ')}`);
  }
}

/**
 * The unit registry: the nation, the provinces and communes of the official list (types, names and codes as listed,
 * areas from the GeoJSON), and the ministries and ministerial-level agencies.
 */
export function buildUnits(
  version: string,
  list: ListProvince[],
  geometry: { provinces: Map<string, GeometryRecord>; communes: Map<string, GeometryRecord> },
): UnitRegistryData {
  checkAgainstGeometry(list, geometry);
  const provinces: Unit[] = [];
  const communes: Unit[] = [];
  for (const p of list) {
    provinces.push({
      code: p.Code,
      level: 'province',
      type: { vi: p.AdministrativeUnitFullName, en: p.AdministrativeUnitFullNameEn },
      name: { vi: p.Name, en: p.NameEn },
      fullName: { vi: normalizeFullName(p.FullName), en: normalizeFullName(p.FullNameEn) },
      parent: NATION_CODE,
      areaKm2: geometry.provinces.get(p.Code)?.areaKm2 ?? null,
    });
    for (const w of p.Wards) {
      communes.push({
        code: w.Code,
        level: 'commune',
        type: { vi: w.AdministrativeUnitShortName, en: w.AdministrativeUnitShortNameEn },
        name: { vi: w.Name, en: w.NameEn },
        fullName: { vi: normalizeFullName(w.FullName), en: normalizeFullName(w.FullNameEn) },
        parent: p.Code,
        areaKm2: geometry.communes.get(w.Code)?.areaKm2 ?? null,
      });
    }
  }
  const areas = provinces.map((p) => p.areaKm2);
  const nation: Unit = {
    code: NATION_CODE,
    level: 'national',
    type: { vi: 'Quốc gia', en: 'Nation' },
    name: { vi: 'Việt Nam', en: 'Viet Nam' },
    fullName: { vi: 'Cả nước', en: 'Whole country' },
    parent: null,
    areaKm2: areas.every((a) => a !== null) ? Math.round(areas.reduce<number>((s, a) => s + (a ?? 0), 0) * 100) / 100 : null,
  };
  const ministryUnits: Unit[] = ministries.map((m) => ({
    code: m.code,
    level: 'ministry',
    type: m.agency ? agencyType : ministryType,
    name: m.name,
    fullName: m.fullName,
    parent: NATION_CODE,
    areaKm2: null,
  }));
  return { version, units: [nation, ...provinces, ...communes, ...ministryUnits] };
}
