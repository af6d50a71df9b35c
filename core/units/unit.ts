import type { Localized } from '../i18n';

/** Where a unit sits. Ministries form a second tree directly under the nation. */
export type UnitLevel = 'national' | 'province' | 'commune' | 'ministry';

/** An administrative unit or a ministry, as built into maps/dist/units.json from the official unit list. */
export interface Unit {
  /** Official code: `VN`, 2 digits for a province, 5 digits for a commune; short letters for a ministry (`BYT`). */
  code: string;
  level: UnitLevel;
  /** e.g. Tỉnh / Thành phố trực thuộc trung ương / Xã / Phường / Đặc khu / Bộ / Cơ quan ngang bộ. */
  type: Localized;
  /** Short name without the type: "Hà Nội", "Ba Đình". */
  name: Localized;
  /** Full name with the type: "Thành phố Hà Nội", "Phường Ba Đình". */
  fullName: Localized;
  /** Parent code; `null` only for `VN`. Provinces and ministries have `VN`. */
  parent: string | null;
  /** Official area in km², where the unit list gives one. */
  areaKm2: number | null;
}

/** The file maps/dist/units.json. */
export interface UnitRegistryData {
  /** Which unit list it was built from, e.g. "vn-provinces-db 2026-07-25". */
  version: string;
  units: Unit[];
}
