import { describe, expect, it } from 'vitest';
import { indicatorById } from '../indicators/catalog';
import type { Indicator } from '../indicators/indicator';
import { UnitRegistry } from '../units/registry';
import type { Unit, UnitLevel } from '../units/unit';
import type { UnitResolver } from '../units/unit-resolver';
import { mapRecords } from './map-records';
import { previewRows } from './upload-preview';
import {
  CODE_HEADER,
  csvDecimalMark,
  indicatorColumns,
  mappingFromHeaders,
  MAX_TEMPLATE_ROWS,
  PERIOD_HEADER,
  reportableWithin,
  templateGuide,
  TemplateError,
  uploadTemplate,
} from './upload-template';

const ind = (id: string): Indicator => {
  const found = indicatorById(id);
  if (!found) throw new Error(`no indicator ${id} in the catalog`);
  return found;
};
const unit = (code: string, level: UnitLevel, parent: string | null, name: string): Unit => ({
  code,
  level,
  parent,
  name: { vi: name, en: name },
  fullName: { vi: level === 'commune' ? `Phường ${name}` : name, en: name },
  type: { vi: '', en: '' },
  areaKm2: null,
});
/** Two provinces, three communes, a ministry: enough to see which rows a scope gets. */
const registry = new UnitRegistry({
  version: 'test',
  units: [
    unit('VN', 'national', null, 'Việt Nam'),
    unit('48', 'province', 'VN', 'Đà Nẵng'),
    unit('01', 'province', 'VN', 'Hà Nội'),
    unit('BYT', 'ministry', 'VN', 'Bộ Y tế'),
    unit('20200', 'commune', '48', 'Hải Châu'),
    unit('20194', 'commune', '48', 'Thanh Khê'),
    unit('00004', 'commune', '01', 'Ba Đình'),
  ],
});
// 14:00 on 6/12/2026 in Viet Nam
const NOW = Date.parse('2026-12-06T07:00:00Z');

describe('template columns', () => {
  it('one column for a value kind, two for a ratio (tử số, mẫu số) and a wmean (giá trị, trọng số), each with its key', () => {
    expect(indicatorColumns(ind('dossier_received_count')).map((c) => c.header)).toEqual(['Số hồ sơ TTHC tiếp nhận [dossier_received_count]']);
    expect(indicatorColumns(ind('dossier_on_time_rate')).map((c) => [c.header, c.part])).toEqual([
      ['Tỷ lệ hồ sơ giải quyết trước/đúng hạn (gồm đang xử lý trong hạn) — tử số [dossier_on_time_rate.num]', 'num'],
      ['Tỷ lệ hồ sơ giải quyết trước/đúng hạn (gồm đang xử lý trong hạn) — mẫu số [dossier_on_time_rate.den]', 'den'],
    ]);
    expect(indicatorColumns(ind('avg_processing_days')).map((c) => c.header.split(' — ')[1])).toEqual(['giá trị [avg_processing_days.value]', 'trọng số [avg_processing_days.weight]']);
  });

  it('a province operator gets its communes (commune-level figures), with the current period prefilled', () => {
    const t = uploadTemplate([ind('dossier_on_time_rate'), ind('dossier_received_count')], '48', registry, NOW);
    expect(t.headers.slice(0, 3)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Kỳ']);
    expect(t.headers).toHaveLength(6);
    expect(t.rows).toEqual([
      ['20194', 'Phường Thanh Khê', '2026-12-06', '', '', ''],
      ['20200', 'Phường Hải Châu', '2026-12-06', '', '', ''],
    ]);
    expect(t.periodKind).toBe('day');
  });

  it('an official figure is reported at every level: the province itself comes first; the nation also lists its ministries', () => {
    const t = uploadTemplate([ind('dvc766_total_score')], '48', registry, NOW);
    expect(t.rows.map((r) => r[0])).toEqual(['48', '20194', '20200']);
    const national = uploadTemplate([ind('dossier_on_time_rate')], 'VN', registry, NOW);
    // a ratio is reported by communes and ministries; the nation and provinces are derived
    expect(national.rows.map((r) => r[0])).toEqual(['00004', '20194', '20200', 'BYT']);
  });

  it('refuses indicators of different period kinds, naming them', () => {
    const err = (() => {
      try {
        uploadTemplate([ind('dossier_on_time_rate'), ind('criminal_cases')], '48', registry, NOW);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).code).toBe('mixed_periods');
    expect((err as TemplateError).message).toContain('criminal_cases');
    expect(uploadTemplate([ind('criminal_cases')], '48', registry, NOW).period).toBe('2026-12');
  });

  it('refuses an indicator reported at no level within the scope (a commune operator and a province-only figure)', () => {
    expect(reportableWithin(ind('hospital_bed_occupancy'), 'commune')).toBe(false);
    expect(reportableWithin(ind('hospital_bed_occupancy'), 'province')).toBe(true);
    expect(() => uploadTemplate([ind('hospital_bed_occupancy')], '20200', registry, NOW)).toThrow(/not reported at any level within 20200/);
    expect(() => uploadTemplate([], '48', registry, NOW)).toThrow(TemplateError);
  });

  it(`stops past ${MAX_TEMPLATE_ROWS} rows, asking for a narrower scope`, () => {
    const many = new UnitRegistry({
      version: 'big',
      units: [
        unit('VN', 'national', null, 'Việt Nam'),
        unit('48', 'province', 'VN', 'Đà Nẵng'),
        ...Array.from({ length: MAX_TEMPLATE_ROWS + 1 }, (_, i) => unit(String(30000 + i), 'commune', '48', `X${i}`)),
      ],
    });
    expect(() => uploadTemplate([ind('dossier_received_count')], 'VN', many, NOW)).toThrow(/narrower scope/);
  });

  it('writes a guide line per column, in Vietnamese', () => {
    const inds = [ind('dossier_on_time_rate')];
    const t = uploadTemplate(inds, '48', registry, NOW);
    const guide = templateGuide(inds, t, 5);
    for (const h of t.headers) expect(guide.map((r) => r[0])).toContain(h);
    expect(guide.find((r) => r[0] === 'Kỳ')?.[1]).toContain('2026-12-06');
    expect(guide.flat().join(' ')).toContain('5 MB');
  });
});

describe('from headers back to a mapping', () => {
  const lookup = (id: string) => indicatorById(id);

  it('reads the template\'s own headers, and headers reworded around the same keys', () => {
    const t = uploadTemplate([ind('dossier_on_time_rate'), ind('dossier_received_count')], '48', registry, NOW);
    const m = mappingFromHeaders(t.headers, lookup, { decimal: '.', within: '48' });
    expect(m.warnings).toEqual([]);
    expect(m.indicators).toEqual(['dossier_on_time_rate', 'dossier_received_count']);
    expect(m.mapping).toMatchObject({ unit: { field: CODE_HEADER, naming: 'auto', within: '48' }, period: { field: PERIOD_HEADER }, observedAt: 'pull' });
    const reworded = mappingFromHeaders(['Mã đơn vị', 'đúng hạn [dossier_on_time_rate.num]', 'tổng [dossier_on_time_rate.den]'], lookup, { decimal: ',' });
    expect(reworded.mapping.observations).toEqual([{ indicator: { const: 'dossier_on_time_rate' }, value: { num: 'đúng hạn [dossier_on_time_rate.num]', den: 'tổng [dossier_on_time_rate.den]' } }]);
    // no period column: the current period of each indicator
    expect(reworded.mapping.period).toBe('pull');
  });

  it('takes an id that holds a dot as a whole (dvc766_group_score.ckmb) before reading a part', () => {
    const m = mappingFromHeaders(['Mã đơn vị', 'Điểm [dvc766_group_score.ckmb]'], lookup, { decimal: '.' });
    expect(m.mapping.observations).toEqual([{ indicator: { const: 'dvc766_group_score.ckmb' }, value: { value: 'Điểm [dvc766_group_score.ckmb]' } }]);
  });

  it('ignores, with a warning each, columns without a key, unknown keys, a ratio missing its denominator and a wrong part', () => {
    const m = mappingFromHeaders(
      ['Mã đơn vị', 'Tên đơn vị', 'Ghi chú', 'X [no_such_indicator]', 'A [dossier_on_time_rate.num]', 'B [dossier_received_count.den]', 'C [dossier_received_count]'],
      lookup,
      { decimal: '.' },
    );
    expect(m.indicators).toEqual(['dossier_received_count']);
    expect(m.warnings).toHaveLength(4);
    expect(m.warnings.join('\n')).toMatch(/"Ghi chú" is ignored/);
    expect(m.warnings.join('\n')).toMatch(/unknown indicator 'no_such_indicator'/);
    expect(m.warnings.join('\n')).toMatch(/dossier_on_time_rate is ignored: the file has no column \[dossier_on_time_rate.den\]/);
    expect(m.warnings.join('\n')).toMatch(/"B \[dossier_received_count.den\]" is ignored: dossier_received_count is a sum indicator/);
  });

  it('a file without the code column or without any indicator column is not an upload', () => {
    expect(() => mappingFromHeaders(['Mã', 'A [dossier_received_count]'], lookup, { decimal: '.' })).toThrow(/no "Mã đơn vị" column/);
    expect(() => mappingFromHeaders(['Mã đơn vị', 'Tên đơn vị', 'Kỳ'], lookup, { decimal: '.' })).toThrow(/no indicator column/);
  });

  it('the decimal mark follows the CSV separator', () => {
    expect(csvDecimalMark('Mã đơn vị;Kỳ\r\n1;2')).toBe(',');
    expect(csvDecimalMark('Mã đơn vị,Kỳ\n1,2')).toBe('.');
    expect(csvDecimalMark('Mã đơn vị,Kỳ')).toBe('.');
  });
});

describe('preview rows', () => {
  const units: UnitResolver = {
    resolve(text) {
      return registry.has(text) ? { ok: true, code: text, via: 'code' } : { ok: false, code: 'unmapped_unit', reason: `no unit '${text}'` };
    },
  };

  it('puts mapping and item rejections back on their rows; a row with one refused figure writes none', () => {
    const headers = ['Mã đơn vị', 'Kỳ', 'a [dossier_on_time_rate.num]', 'b [dossier_on_time_rate.den]', 'c [dossier_received_count]'];
    const { mapping } = mappingFromHeaders(headers, indicatorById, { decimal: ',' });
    const rec = (code: string, num: unknown, den: unknown, count: unknown) => ({ 'Mã đơn vị': code, Kỳ: '2026-12-06', [headers[2]!]: num, [headers[3]!]: den, [headers[4]!]: count });
    const records = [
      { row: 2, record: rec('20200', 9, 10, '1.234') },
      { row: 3, record: rec('99999', 1, 2, 3) },
      { row: 4, record: rec('20194', 'chín', 10, 4) },
      { row: 5, record: rec('00004', 1, 2, 3) },
    ];
    const mapped = mapRecords(records, mapping, { units, indicator: indicatorById, nowMs: NOW });
    expect(mapped.items).toHaveLength(4);
    // the dry run refused the second figure of row 5 (its unit is outside the scope): the row's first goes too
    const last = mapped.items.findIndex((i) => i.unit === '00004' && i.indicator === 'dossier_received_count');
    const preview = previewRows(records, mapped, [{ index: last, code: 'unit_out_of_scope', reason: "unit '00004' is outside this source's scope (48)" }], {
      unitField: 'Mã đơn vị',
      periodField: 'Kỳ',
      unitName: (c) => registry.get(c)?.fullName.vi,
      resolveUnit: (t) => (registry.has(t) ? t : undefined),
    });
    expect(preview.rows.map((r) => [r.row, r.unit, r.unitName, r.status, r.figures, r.reasons.map((x) => x.code)])).toEqual([
      [2, '20200', 'Phường Hải Châu', 'accepted', 2, []],
      [3, '99999', null, 'rejected', 0, ['unmapped_unit']],
      [4, '20194', 'Phường Thanh Khê', 'rejected', 0, ['bad_number']],
      [5, '00004', 'Phường Ba Đình', 'rejected', 0, ['unit_out_of_scope']],
    ]);
    expect(preview.rows[3]!.reasons[0]!.indicator).toBe('dossier_received_count');
    expect(preview.rows.every((r) => r.period === '2026-12-06')).toBe(true);
    // only row 2's figures are committed, the count read with the decimal comma's grouping
    expect(preview.items).toEqual([
      expect.objectContaining({ indicator: 'dossier_on_time_rate', unit: '20200', num: 9, den: 10 }),
      expect.objectContaining({ indicator: 'dossier_received_count', unit: '20200', value: 1234 }),
    ]);
    expect(preview.itemRows).toEqual([2, 2]);
  });
});
