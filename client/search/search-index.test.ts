import { describe, expect, it } from 'vitest';
import { loadDomain } from '../../platform/domain';
import { fold, stripType } from './fold';
import { searchEntries } from './search-entries';
import { MATCH, SearchIndex } from './search-index';

const domain = loadDomain();
const provinces = domain.registry.all('province');
const communes = domain.registry.all('commune');
const national = new SearchIndex(searchEntries(provinces, communes, domain.indicators, 'VN'));

describe('fold', () => {
  it('drops diacritics, đ and Đ included, and lower-cases', () => {
    expect(fold('Phường Ba Đình')).toBe('phuong ba dinh');
    expect(fold('ĐẮK LẮK')).toBe('dak lak');
    expect(fold('đ')).toBe(fold('d'));
    expect(fold('TP. Hồ Chí Minh')).toBe('tp ho chi minh');
    expect(fold('  Thừa   Thiên–Huế ')).toBe('thua thien hue');
  });

  it('ignores the unit type in front, but not a name that is only one', () => {
    expect(stripType('phuong ba dinh')).toBe('ba dinh');
    expect(stripType('thanh pho ha noi')).toBe('ha noi');
    expect(stripType('dac khu con dao')).toBe('con dao');
    expect(stripType('tinh gia lai')).toBe('gia lai');
    expect(stripType('xa')).toBe('xa');
  });
});

describe('SearchIndex over the real unit list', () => {
  it('"ba dinh" finds Phường Ba Đình of Hà Nội first, with its province', () => {
    const [first] = national.search('ba dinh');
    expect(first?.entry).toMatchObject({ kind: 'commune', label: { vi: 'Phường Ba Đình' }, context: { vi: 'Hà Nội' }, parent: '01' });
    expect(first?.match).toBe(MATCH.exact);
    // the same with diacritics, with the type, or upper-case
    for (const q of ['Ba Đình', 'phường ba đình', 'BA DINH']) expect(national.search(q)[0]?.entry.code).toBe(first?.entry.code);
  });

  it('"ba dinh ha noi" reads the province after the name', () => {
    expect(national.search('ba dinh ha noi')[0]?.entry).toMatchObject({ label: { vi: 'Phường Ba Đình' }, parent: '01' });
  });

  it('"ho chi minh" finds the city first', () => {
    const [first] = national.search('ho chi minh');
    expect(first?.entry).toMatchObject({ kind: 'province', code: '79' });
    expect(national.search('tp ho chi minh')[0]?.entry.code).toBe('79');
  });

  it('"dak lak" finds Đắk Lắk; "đà nẵng" and "da nang" alike', () => {
    expect(national.search('dak lak')[0]?.entry).toMatchObject({ kind: 'province', label: { vi: expect.stringContaining('Đắk Lắk') } });
    const withD = national.search('đà nẵng').map((h) => h.entry.code);
    expect(withD[0]).toBe('48');
    expect(national.search('da nang').map((h) => h.entry.code)).toEqual(withD);
    expect(national.search('Đ').length).toBeGreaterThan(0);
    expect(national.search('Đ').map((h) => h.entry.code)).toEqual(national.search('d').map((h) => h.entry.code));
  });

  it('ranks exact > prefix > word prefix > substring, then provinces before communes, then the shorter name', () => {
    const unit = (kind: 'province' | 'commune', code: string, vi: string) => ({ kind, code, label: { vi, en: vi } });
    const index = new SearchIndex([
      unit('commune', '00009', 'Xã Lạng'),
      unit('commune', '00007', 'Xã Tân An'),
      unit('commune', '00005', 'Phường An Phú'),
      unit('commune', '00003', 'Xã An'),
      unit('province', '99', 'Tỉnh An Giang Mới'),
      unit('commune', '00001', 'Xã An Lạc'),
    ]);
    const hits = index.search('an', 10);
    expect(hits.map((h) => h.entry.label.vi)).toEqual(['Xã An', 'Tỉnh An Giang Mới', 'Xã An Lạc', 'Phường An Phú', 'Xã Tân An', 'Xã Lạng']);
    expect(hits.map((h) => h.match)).toEqual([MATCH.exact, MATCH.prefix, MATCH.prefix, MATCH.prefix, MATCH.wordPrefix, MATCH.substring]);
    // and over the real list, in that order too
    const real = national.search('an', 200).map((h) => h.match);
    expect(real).toEqual([...real].sort((a, b) => a - b));
  });

  it('finds indicators by name, without diacritics', () => {
    const rate = domain.indicators.find((i) => i.id === 'dossier_on_time_rate')!;
    const q = fold(rate.name.vi).split(' ').slice(0, 4).join(' ');
    expect(national.search(q, 50).some((h) => h.entry.kind === 'indicator' && h.entry.code === rate.id)).toBe(true);
  });

  it('finds nothing for an empty or punctuation-only query', () => {
    expect(national.search('')).toEqual([]);
    expect(national.search(' .,- ')).toEqual([]);
  });

  it("keeps a province reader to its province: no other province's commune", () => {
    const danang = new SearchIndex(searchEntries(provinces, communes, [], '48'));
    expect(danang.search('ba dinh')).toEqual([]);
    expect(danang.search('ha noi')).toEqual([]);
    const hai = danang.search('hai chau');
    expect(hai[0]?.entry).toMatchObject({ kind: 'commune', parent: '48', context: { vi: 'Đà Nẵng' } });
    expect(danang.search('da nang')[0]?.entry).toMatchObject({ kind: 'province', code: '48' });
    expect(danang.size).toBe(1 + domain.registry.children('48', 'commune').length);
  });
});
