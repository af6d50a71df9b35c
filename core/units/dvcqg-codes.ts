/**
 * The province codes of the national public service portal (Cổng Dịch vụ công quốc gia, dichvucong.gov.vn), `H01` …
 * `H61`: the portal names each province's people's committee by one (`departmentCode`) in its reporting answers.
 *
 * Provenance: a public capture of the portal's `evaluation/service-results` answer, ChippedTopaz/qd766,
 * data/config/provinces.json (generated 2026-10-01, 34 provinces; departmentName "UBND tỉnh An Giang" → H01 …).
 *
 * Each code maps to the province's short name as the registry writes it, never to a unit code: the resolver finds the
 * code through the registry's names when it is created (core/units/unit-resolver.ts), with the same normalisation as
 * names, so "Khánh Hòa" here matches the registry's "Khánh Hoà". A name that finds no province, or several, stops the
 * resolver's creation: the table must then follow the registry. The portal's child codes (`H44.100`) name agencies and
 * communes' committees below a province in its own tree; they are not in this table and resolve to nothing.
 */
export const DVCQG_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  H01: 'An Giang',
  H05: 'Bắc Ninh',
  H12: 'Cà Mau',
  H13: 'Cần Thơ',
  H14: 'Cao Bằng',
  H15: 'Đắk Lắk',
  H17: 'Đà Nẵng',
  H18: 'Điện Biên',
  H19: 'Đồng Nai',
  H20: 'Đồng Tháp',
  H21: 'Gia Lai',
  H24: 'Hải Phòng',
  H26: 'Hà Nội',
  H27: 'Hà Tĩnh',
  H29: 'Hồ Chí Minh',
  H31: 'Hưng Yên',
  H32: 'Khánh Hòa',
  H35: 'Lai Châu',
  H36: 'Lâm Đồng',
  H37: 'Lạng Sơn',
  H38: 'Lào Cai',
  H41: 'Nghệ An',
  H42: 'Ninh Bình',
  H44: 'Phú Thọ',
  H48: 'Quảng Ngãi',
  H49: 'Quảng Ninh',
  H50: 'Quảng Trị',
  H52: 'Sơn La',
  H53: 'Tây Ninh',
  H55: 'Thái Nguyên',
  H56: 'Thanh Hóa',
  H57: 'Huế',
  H60: 'Tuyên Quang',
  H61: 'Vĩnh Long',
});
