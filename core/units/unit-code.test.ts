import { describe, expect, it } from 'vitest';
import { isAdministrativeCode, isCommuneCode, isMinistryCode, isProvinceCode, isUnitCode, levelOfCode } from './unit-code';

describe('unit codes by shape', () => {
  it('tells provinces, communes, ministries and the nation apart', () => {
    expect(['01', '48', '79'].every(isProvinceCode)).toBe(true);
    expect(['00004', '20194'].every(isCommuneCode)).toBe(true);
    expect(['BYT', 'BVHTTDL', 'NHNN'].every(isMinistryCode)).toBe(true);
    expect(levelOfCode('VN')).toBe('national');
    expect(levelOfCode('48')).toBe('province');
    expect(levelOfCode('00004')).toBe('commune');
    expect(levelOfCode('BCA')).toBe('ministry');
  });
  it('refuses what only looks close', () => {
    for (const bad of ['1', '001', '4 8', ' 48', '48\n', '٤٨', '0004', '000040', 'VN', 'vn', 'B', 'byt', 'BYT-1', 'ABCDEFGHI', '', null, 48, undefined]) {
      expect(isProvinceCode(bad) || isCommuneCode(bad) || isMinistryCode(bad), String(bad)).toBe(false);
    }
    expect(isAdministrativeCode('VN')).toBe(true);
    expect(isAdministrativeCode('BYT')).toBe(false);
    expect(isUnitCode('BYT')).toBe(true);
    expect(levelOfCode('x1')).toBeUndefined();
  });
});
