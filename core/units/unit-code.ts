import type { UnitLevel } from './unit';

/**
 * The shape of a unit code (DESIGN §4), written once: `VN` the nation, 2 digits a province, 5 digits a commune, short
 * capitals a ministry (`BYT`). A shape says what a code could be, not that the unit exists: the registry says that.
 */
export const NATION_CODE = 'VN';
const PROVINCE = /^\d{2}$/;
const COMMUNE = /^\d{5}$/;
const MINISTRY = /^(?!VN$)[A-Z][A-Z0-9]{1,7}$/;

export function isProvinceCode(code: unknown): code is string {
  return typeof code === 'string' && PROVINCE.test(code);
}

export function isCommuneCode(code: unknown): code is string {
  return typeof code === 'string' && COMMUNE.test(code);
}

export function isMinistryCode(code: unknown): code is string {
  return typeof code === 'string' && MINISTRY.test(code);
}

/** `VN`, a province or a commune code (an administrative unit, not a ministry). */
export function isAdministrativeCode(code: unknown): code is string {
  return code === NATION_CODE || isProvinceCode(code) || isCommuneCode(code);
}

/** Any unit code: the nation, a province, a commune or a ministry. */
export function isUnitCode(code: unknown): code is string {
  return isAdministrativeCode(code) || isMinistryCode(code);
}

/** The level a code's shape names, or undefined when it is no unit code. */
export function levelOfCode(code: unknown): UnitLevel | undefined {
  if (code === NATION_CODE) return 'national';
  if (isProvinceCode(code)) return 'province';
  if (isCommuneCode(code)) return 'commune';
  return isMinistryCode(code) ? 'ministry' : undefined;
}
