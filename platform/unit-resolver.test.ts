import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DVCQG_PROVINCES } from '../core/units/dvcqg-codes';
import { UnitRegistry } from '../core/units/registry';
import type { Unit, UnitRegistryData } from '../core/units/unit';
import { createUnitResolver, type UnitAliasesData, type UnitMatch, type UnitResolver } from '../core/units/unit-resolver';
import { ensureMaps, mapsDistDir } from '../maps/ensure';
import { loadDomain } from './domain';

/**
 * core/units/unit-resolver.ts against the real registry and the real 1/7/2025 mapping (maps/dist). It lives here, not
 * beside the resolver, because core's tests may import only core and vitest (scripts/check-core-imports.ts).
 */

let registry: UnitRegistry;
let aliases: UnitAliasesData;
let units: UnitResolver;

beforeAll(async () => {
  const dist = await ensureMaps();
  const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(dist, name), 'utf8')) as T;
  registry = new UnitRegistry(read<UnitRegistryData>('units.json'));
  aliases = read<UnitAliasesData>('unit-aliases.json');
  units = createUnitResolver(registry, aliases);
}, 600_000);

/** Lower case, every mark stripped, đ as d: how a system without diacritics writes a name. */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const scopeOf = (unit: Unit) => (unit.level === 'commune' ? unit.parent! : unit.code);
const named = (fullName: string, within?: string) => {
  const found = registry.all().filter((u) => u.fullName.vi === fullName && (!within || registry.isWithin(u.code, within)));
  expect(found, fullName).toHaveLength(1);
  return found[0]!.code;
};
const okAs = (code: string, via: string) => ({ ok: true, code, via });
const failure = (match: UnitMatch) => (match.ok ? null : match);

/** Units whose full name, stripped of its marks, is another's in the same province ("Xã Văn Lang" / "Xã Văn Lăng"). */
function markTwins(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const unit of registry.all().filter((u) => u.level === 'province' || u.level === 'commune')) {
    const key = `${scopeOf(unit)} ${plain(unit.fullName.vi)}`;
    groups.set(key, [...(groups.get(key) ?? []), unit.code]);
  }
  const twins = new Map<string, string[]>();
  for (const codes of groups.values()) if (codes.length > 1) for (const code of codes) twins.set(code, codes);
  return twins;
}

describe('official codes', () => {
  it('resolves every unit by its code, ministries case-insensitively, with spaces around', () => {
    const wrong = registry.all().filter((u) => JSON.stringify(units.resolve(` ${u.code.toLowerCase()} `, 'code')) !== JSON.stringify(okAs(u.code, 'code')));
    expect(wrong.map((u) => u.code)).toEqual([]);
  });

  it('pads numbers that lost their leading zeros: 1–2 digits a province, 3–5 a commune, within a province its commune', () => {
    const provinces = registry.all('province').filter((u) => u.code.startsWith('0'));
    expect(provinces.length).toBeGreaterThanOrEqual(3);
    for (const p of provinces) expect(units.resolve(String(Number(p.code)), 'auto')).toEqual(okAs(p.code, 'code'));
    const communes = registry.all('commune').filter((u) => u.code.startsWith('0'));
    const wrong = communes.filter((u) => {
      const match = units.resolve(String(Number(u.code)), 'code', u.parent!);
      return !match.ok || match.code !== u.code;
    });
    expect(wrong.map((u) => u.code)).toEqual([]);
    expect(units.resolve('4', 'code')).toEqual(okAs('04', 'code')); // at VN, 1–2 digits are a province
    expect(units.resolve('25', 'code', '01')).toEqual(okAs('00025', 'code')); // within 01, its commune rather than province 25
    expect(units.resolve('25', 'code', '79')).toEqual(okAs('25', 'code')); // no 00025 within 79: the exact code
    expect(units.resolve('04', 'code', '01')).toEqual(okAs('04', 'code')); // a leading zero: nothing was lost
    expect(units.resolve('1', 'code', '01')).toEqual(okAs('01', 'code')); // the province itself
    expect(failure(units.resolve('7', 'code', '01'))?.reason).toMatch(/00007 within Thành phố Hà Nội/); // no 00007: not Hà Nội
    expect(units.resolve(String(Number(communes.find((u) => u.parent !== '01')!.code)), 'code', '01').ok).toBe(false); // a guess stays within
  });

  it('refuses codes no unit has', () => {
    for (const text of ['99999', '123456', 'XYZ', '000']) expect(units.resolve(text, 'code')).toMatchObject({ ok: false, code: 'unmapped_unit' });
  });
});

describe('portal codes (dvcqg)', () => {
  it('sends each of the 34 H-codes to a distinct province', () => {
    const codes = Object.keys(DVCQG_PROVINCES).map((h) => units.resolve(h, 'dvcqg'));
    expect(codes.filter((m) => !m.ok)).toEqual([]);
    const provinces = new Set(codes.map((m) => (m.ok ? m.code : '')));
    expect(provinces.size).toBe(34);
    expect([...provinces].filter((c) => registry.get(c)?.level !== 'province')).toEqual([]);
    expect(units.resolve('H26')).toEqual(okAs(named('Thành phố Hà Nội'), 'dvcqg'));
    expect(units.resolve('h32')).toEqual(okAs(named('Tỉnh Khánh Hoà'), 'dvcqg')); // the table writes "Khánh Hòa"
    expect(units.resolve('H1', 'dvcqg')).toEqual(units.resolve('H01', 'dvcqg'));
  });

  it('refuses the portal child codes and unknown H-codes, saying which', () => {
    expect(failure(units.resolve('H44.100'))).toMatchObject({ code: 'unmapped_unit', reason: expect.stringMatching(/below Tỉnh Phú Thọ.*not an administrative unit/) });
    expect(failure(units.resolve('H02', 'dvcqg'))?.reason).toMatch(/not one of the portal's 34 province codes/);
    expect(failure(units.resolve('Hà Nội', 'dvcqg'))?.reason).toMatch(/not one of the national portal's province codes/);
  });
});

describe('pre-2025 codes (legacy)', () => {
  it('converts every one-to-one old unit, and auto does when the code is not a current one', () => {
    const single = aliases.legacy.filter((u) => u.targets.length === 1);
    expect(single.length).toBeGreaterThan(9000);
    const wrong = single.filter((u) => JSON.stringify(units.resolve(u.code, 'legacy')) !== JSON.stringify(okAs(u.targets[0]!, 'legacy')));
    expect(wrong.map((u) => u.code)).toEqual([]);
    const old = single.find((u) => u.level === 'commune' && !registry.has(u.code) && u.targets[0] !== u.code)!;
    expect(units.resolve(old.code)).toEqual(okAs(old.targets[0]!, 'legacy'));
    expect(units.resolve('02')).toEqual(okAs(named('Tỉnh Tuyên Quang'), 'legacy')); // Hà Giang
    const current = single.find((u) => u.level === 'commune' && registry.has(u.code) && u.targets[0] !== u.code)!;
    expect(units.resolve(current.code)).toEqual(okAs(current.code, 'code')); // a current code wins over an old one
  });

  it('refuses every split old unit, naming each of its targets', () => {
    const split = aliases.legacy.filter((u) => u.targets.length > 1);
    expect(split.length).toBeGreaterThan(400);
    const wrong = split.filter((u) => {
      const match = failure(units.resolve(u.code, 'legacy'));
      return match?.code !== 'split_unit' || !match.reason.includes(`(${u.code})`) || !u.targets.every((t) => match.reason.includes(`(${t}`));
    });
    expect(wrong.map((u) => u.code)).toEqual([]);
    const old = split.find((u) => !registry.has(u.code))!;
    expect(failure(units.resolve(old.code))?.reason).toMatch(/was split on 1\/7\/2025 into .*; name the new unit/);
  });

  it('refuses codes that are not in the mapping', () => {
    expect(units.resolve('99999', 'legacy')).toMatchObject({ ok: false, code: 'unmapped_unit' });
    expect(failure(units.resolve('Hà Giang', 'legacy'))?.reason).toMatch(/not a pre-2025 code/);
  });
});

describe('names', () => {
  it('finds every province and commune by its full name without marks within its province; twins by marks are ambiguous', () => {
    const twins = markTwins();
    expect(twins.size).toBeGreaterThan(0);
    expect(twins.size).toBeLessThan(40);
    const wrong: string[] = [];
    for (const unit of registry.all().filter((u) => u.level === 'province' || u.level === 'commune')) {
      const match = units.resolve(plain(unit.fullName.vi), 'name', scopeOf(unit));
      const twin = twins.get(unit.code);
      const right = twin
        ? match.ok === false && match.code === 'ambiguous_unit' && twin.every((c) => match.reason.includes(`(${c}`))
        : match.ok && match.code === unit.code;
      const exact = units.resolve(unit.fullName.vi, 'name', scopeOf(unit));
      if (!right || !exact.ok || exact.code !== unit.code) wrong.push(`${unit.code} ${unit.fullName.vi}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads case, marks, type words and their abbreviations', () => {
    const baDinh = named('Phường Ba Đình', '01');
    for (const text of ['phuong ba dinh', 'Phường Ba Đình', 'PHƯỜNG BA ĐÌNH', 'Ba Đình', 'P. Ba Đình', 'UBND phường Ba Đình', 'Ủy ban nhân dân Phường Ba Đình', 'Ba Dinh Ward', '  phường   ba-đình ']) {
      expect(units.resolve(text, 'name', '01'), text).toEqual(okAs(baDinh, 'name'));
    }
    const hcm = named('Thành phố Hồ Chí Minh');
    for (const text of ['TP. Hồ Chí Minh', 'TP Hồ Chí Minh', 'tp.ho chi minh', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh', 'Ho Chi Minh City']) {
      expect(units.resolve(text), text).toEqual(okAs(hcm, 'name'));
    }
    expect(units.resolve('T. Lào Cai')).toEqual(okAs(named('Tỉnh Lào Cai'), 'name'));
    expect(units.resolve('Tỉnh Lào Cai')).toEqual(okAs(named('Tỉnh Lào Cai'), 'name'));
    expect(units.resolve('Hà Nội')).toEqual(okAs(named('Thành phố Hà Nội'), 'name'));
    expect(units.resolve('Hanoi')).toEqual(okAs(named('Thành phố Hà Nội'), 'name'));
  });

  it('treats the old and new tone placements alike', () => {
    const khanhHoa = named('Tỉnh Khánh Hoà');
    for (const text of ['Khánh Hòa', 'Khánh Hoà', 'Tỉnh Khánh Hòa', 'khanh hoa']) expect(units.resolve(text), text).toEqual(okAs(khanhHoa, 'name'));
    expect(units.resolve('Thanh Hóa')).toEqual(okAs(named('Tỉnh Thanh Hoá'), 'name'));
  });

  it('finds ministries by their Vietnamese and English names', () => {
    for (const text of ['Bộ Y tế', 'bo y te', 'Ministry of Health', 'Y tế']) expect(units.resolve(text), text).toEqual(okAs('BYT', 'name'));
    expect(units.resolve('Bộ Văn hóa, Thể thao và Du lịch')).toEqual(okAs('BVHTTDL', 'name'));
  });

  it('narrows by a trailing province qualifier, as the portal writes it', () => {
    const phuTho = named('Tỉnh Phú Thọ');
    const lamThao = named('Xã Lâm Thao', phuTho);
    for (const text of ['UBND xã Lâm Thao - Tỉnh Phú Thọ', 'xã Lâm Thao, tỉnh Phú Thọ', 'Lâm Thao (Phú Thọ)', 'xa lam thao - tinh phu tho']) {
      expect(units.resolve(text), text).toEqual(okAs(lamThao, 'name'));
    }
    const hcmWard = named('Phường Phú Thọ', named('Thành phố Hồ Chí Minh'));
    expect(units.resolve('Phường Phú Thọ, TP. Hồ Chí Minh')).toEqual(okAs(hcmWard, 'name'));
    expect(failure(units.resolve('Phường Phú Thọ - Tỉnh Phú Thọ', 'name', '01'))?.reason).toMatch(/outside Thành phố Hà Nội/);
    // a dash inside a name is not a qualifier
    expect(units.resolve('Phường Lâm Viên - Đà Lạt')).toEqual(okAs(named('Phường Lâm Viên - Đà Lạt'), 'name'));
  });

  it('ranks a full name over a short one, marks as written, then the units directly below `within`', () => {
    const province = named('Tỉnh Phú Thọ');
    const ward = named('Phường Phú Thọ', province);
    expect(units.resolve('Phú Thọ')).toEqual(okAs(province, 'name'));
    expect(units.resolve('Phú Thọ', 'name', province)).toEqual(okAs(ward, 'name'));
    expect(units.resolve('Tỉnh Phú Thọ', 'name', province)).toEqual(okAs(province, 'name'));
    expect(units.resolve('Phường Phú Thọ', 'name', province)).toEqual(okAs(ward, 'name'));
    const tayNinh = named('Tỉnh Tây Ninh');
    expect(units.resolve('Xã Tân Thạnh', 'name', tayNinh)).toEqual(okAs(named('Xã Tân Thạnh', tayNinh), 'name'));
    expect(units.resolve('Xã Tân Thành', 'name', tayNinh)).toEqual(okAs(named('Xã Tân Thành', tayNinh), 'name'));
    expect(failure(units.resolve('xa tan thanh', 'name', tayNinh))?.code).toBe('ambiguous_unit');
  });

  it('finds a unit by its short name after a type word of the wrong kind (Đồng Nai communes that became wards)', () => {
    const dongNai = named('Thành phố Đồng Nai');
    expect(units.resolve('Xã Nhơn Trạch', 'name', dongNai)).toEqual(okAs(named('Phường Nhơn Trạch', dongNai), 'name'));
    expect(units.resolve('UBND thành phố Quảng Ninh')).toEqual(okAs(named('Tỉnh Quảng Ninh'), 'name')); // as the portal writes it
  });

  it('is ambiguous at VN for every full name that repeats across provinces, and lists the candidates with codes', () => {
    const byName = new Map<string, Unit[]>();
    for (const u of registry.all('commune')) byName.set(u.fullName.vi, [...(byName.get(u.fullName.vi) ?? []), u]);
    const repeated = [...byName].filter(([, list]) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(100);
    const wrong = repeated.filter(([name, list]) => {
      const match = failure(units.resolve(name));
      if (match?.code !== 'ambiguous_unit') return true;
      return list.length <= 5 ? !list.every((u) => match.reason.includes(`(${u.code}`)) : !match.reason.includes(`names ${list.length} units`);
    });
    expect(wrong.map(([name]) => name)).toEqual([]);
    const [name, list] = repeated.find(([, l]) => l.length === 2)!;
    for (const u of list) expect(units.resolve(name, 'auto', u.parent!)).toEqual(okAs(u.code, 'name'));
  });

  it('converts old province names to their successors, by full and short name', () => {
    const provinces = aliases.legacy.filter((u) => u.level === 'province');
    const wrong = provinces.filter((u) => {
      const short = u.name.replace(/^(Tỉnh|Thành phố) /u, '');
      return [u.name, short, plain(short)].some((text) => JSON.stringify(units.resolve(text)) !== JSON.stringify(okAs(u.targets[0]!, 'name')));
    });
    expect(wrong.map((u) => u.name)).toEqual([]);
    expect(units.resolve('Hà Giang')).toEqual(okAs(named('Tỉnh Tuyên Quang'), 'name'));
    expect(units.resolve('Tỉnh Bà Rịa - Vũng Tàu')).toEqual(okAs(named('Thành phố Hồ Chí Minh'), 'name'));
  });

  it('does not take old commune names', () => {
    const current = new Set(registry.all('commune').map((c) => plain(c.name.vi)));
    const gone = aliases.legacy.filter((u) => u.level === 'commune' && !current.has(plain(u.name.replace(/^(Xã|Phường|Thị trấn) /u, ''))));
    expect(gone.length).toBeGreaterThan(1000);
    expect(gone.slice(0, 200).filter((u) => units.resolve(u.name).ok).map((u) => u.name)).toEqual([]);
  });

  it('refuses garbage, naming what was tried and clipping the text', () => {
    for (const text of ['garbage', 'Phường Không Tồn Tại', 'x', '#', '   ']) expect(units.resolve(text), text).toMatchObject({ ok: false, code: 'unmapped_unit' });
    const long = `Phường ${'A'.repeat(200)}`;
    const reason = failure(units.resolve(long))!.reason;
    expect(reason).toMatch(/tried full and short names/);
    expect(reason).not.toContain('A'.repeat(64));
    expect(units.resolve('Hà Nội', 'name', 'ZZ')).toMatchObject({ ok: false, code: 'unmapped_unit' });
  });

  it('resolves any full name with random case and random marks stripped within its province (property)', () => {
    const all = registry.all().filter((u) => u.level === 'province' || u.level === 'commune');
    const twins = markTwins();
    const written = fc.record({
      unit: fc.constantFrom(...all),
      keep: fc.infiniteStream(fc.boolean()),
      upper: fc.infiniteStream(fc.boolean()),
      nfd: fc.boolean(),
    });
    fc.assert(
      fc.property(written, ({ unit, keep, upper, nfd }) => {
        const keeps = keep[Symbol.iterator]();
        const uppers = upper[Symbol.iterator]();
        let text = '';
        for (const ch of unit.fullName.vi.normalize('NFD')) {
          const stripped = /\p{M}/u.test(ch) ? (keeps.next().value ? ch : '') : ch === 'đ' || ch === 'Đ' ? (keeps.next().value ? ch : 'd') : ch;
          text += uppers.next().value ? stripped.toUpperCase() : stripped.toLowerCase();
        }
        if (!nfd) text = text.normalize('NFC');
        const match = units.resolve(text, 'auto', scopeOf(unit));
        const twin = twins.get(unit.code);
        if (twin) return match.ok ? twin.includes(match.code) : match.code === 'ambiguous_unit' && match.reason.includes(`(${unit.code}`);
        return match.ok && match.code === unit.code;
      }),
      { numRuns: 2000, seed: Number(process.env.PROPERTY_SEED ?? 20261207) },
    );
  });
});

describe('auto', () => {
  it('tries code, portal code, old code, then name, and reports the most informative failure', () => {
    expect(units.resolve('01')).toEqual(okAs('01', 'code'));
    expect(units.resolve('H26')).toEqual(okAs('01', 'dvcqg'));
    expect(units.resolve('Hà Nội')).toEqual(okAs('01', 'name'));
    const split = aliases.legacy.find((u) => u.targets.length > 1 && !registry.has(u.code))!;
    expect(units.resolve(split.code)).toMatchObject({ ok: false, code: 'split_unit' });
    expect(units.resolve('Tân Thành')).toMatchObject({ ok: false, code: 'ambiguous_unit' });
    expect(failure(units.resolve('99999'))?.reason).toMatch(/no unit has the code "99999"; "99999" is not a pre-2025 code/);
  });
});

describe('the domain', () => {
  it('loads the same resolver beside the registry', () => {
    const domain = loadDomain();
    expect(domain.units.resolve('UBND xã Lâm Thao - Tỉnh Phú Thọ')).toEqual(units.resolve('UBND xã Lâm Thao - Tỉnh Phú Thọ'));
    expect(domain.units.resolve('H44')).toEqual(okAs(named('Tỉnh Phú Thọ'), 'dvcqg'));
  });

  it('says how to build the files when unit-aliases.json is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-no-aliases-'));
    try {
      fs.copyFileSync(path.join(mapsDistDir, 'units.json'), path.join(dir, 'units.json'));
      expect(() => loadDomain(dir)).toThrow(/cannot read the unit aliases .*unit-aliases\.json: run `npm run maps` first/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
