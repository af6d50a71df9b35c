import { describe, expect, it } from 'vitest';
import { indicatorById } from '../indicators/catalog';
import type { UnitResolver } from '../units/unit-resolver';
import { recordMapping } from './definition';
import { mapRecords, MappingMismatch, numberOf } from './map-records';

// a pure-code test: a small resolver that knows two communes by code and one by name
const units: UnitResolver = {
  resolve(text) {
    if (text === '00004' || text === 'Phường Ba Đình') return { ok: true, code: '00004', via: 'code' };
    if (text === '00008') return { ok: true, code: '00008', via: 'code' };
    if (text === 'X') return { ok: false, code: 'ambiguous_unit', reason: 'X names 2 units' };
    return { ok: false, code: 'unmapped_unit', reason: `no unit '${text}'` };
  },
};
const NOW = Date.parse('2026-12-06T03:00:00Z');
const ctx = { units, indicator: indicatorById, nowMs: NOW };
const mapping = recordMapping.parse({
  unit: { field: 'ma' },
  observations: [
    { indicator: { const: 'dossier_on_time_rate' }, value: { num: 'dung_han', den: 'tiep_nhan' } },
    { indicator: { const: 'dossier_received_count' }, value: { value: 'tiep_nhan' } },
  ],
});

describe('mapRecords', () => {
  it('turns each record into push-shaped items, one per mapped indicator, with the pull time', () => {
    const out = mapRecords([{ record: { ma: '00004', dung_han: 90, tiep_nhan: '100' } }], mapping, ctx);
    expect(out.rejections).toEqual([]);
    expect(out.items).toEqual([
      { indicator: 'dossier_on_time_rate', unit: '00004', period: '2026-12-06', num: 90, den: 100, observedAt: NOW },
      { indicator: 'dossier_received_count', unit: '00004', period: '2026-12-06', value: 100, observedAt: NOW },
    ]);
    expect(out.itemRecord).toEqual([0, 0]);
  });

  it('refuses a record per reason and keeps the others', () => {
    const out = mapRecords(
      [
        { record: { ma: 'nowhere', dung_han: 1, tiep_nhan: 2 }, row: 2 },
        { record: { ma: 'X', dung_han: 1, tiep_nhan: 2 }, row: 3 },
        { record: { ma: '00008', dung_han: 'nhiều', tiep_nhan: 2 }, row: 4 },
        { record: { ma: '00008', dung_han: 1, tiep_nhan: 2 }, row: 5 },
      ],
      mapping,
      ctx,
    );
    expect(out.rejections.map((r) => [r.row, r.code])).toEqual([
      [2, 'unmapped_unit'],
      [3, 'ambiguous_unit'],
      [4, 'bad_number'],
    ]);
    expect(out.items).toHaveLength(2);
    expect(out.itemRow).toEqual([5, 5]);
  });

  it('an empty cell is no figure, never 0; half of a ratio is refused', () => {
    const out = mapRecords(
      [
        { record: { ma: '00004', dung_han: null, tiep_nhan: '' } },
        { record: { ma: '00008', dung_han: 5, tiep_nhan: null } },
      ],
      mapping,
      ctx,
    );
    expect(out.items).toEqual([]);
    expect(out.skipped[0]?.count).toBe(2);
    expect(out.rejections.map((r) => r.code)).toEqual(['missing_field']);
  });

  it('a field that no record has is a mapping mismatch (the remote renamed it)', () => {
    expect(() => mapRecords([{ record: { code: '00004', onTime: 1, received: 2 } }], mapping, ctx)).toThrow(MappingMismatch);
    expect(() => mapRecords([{ record: { code: '00004', onTime: 1, received: 2 } }], mapping, ctx)).toThrow(/"ma", "dung_han", "tiep_nhan"/);
  });

  it('reads a unit by name, an indicator and a period from fields, and nested JSON paths', () => {
    const m = recordMapping.parse({
      unit: { field: 'dept.name', naming: 'name' },
      period: { field: 'ky' },
      observedAt: { field: 'at' },
      observations: [{ indicator: { field: 'chi_tieu' }, value: { value: 'v' } }],
    });
    const out = mapRecords([{ record: { dept: { name: 'Phường Ba Đình' }, ky: '2026-11', chi_tieu: 'e_result_rate', v: 1, at: '2026-12-01T08:00:00+07:00' } }], m, ctx);
    expect(out.items).toEqual([{ indicator: 'e_result_rate', unit: '00004', period: '2026-11', value: 1, observedAt: '2026-12-01T08:00:00+07:00' }]);
  });
});

describe('numberOf', () => {
  it('reads numbers with either decimal mark, strictly', () => {
    expect(numberOf('1,234.5', '.')).toBe(1234.5);
    expect(numberOf('1.234,5', ',')).toBe(1234.5);
    expect(numberOf('1234,5', ',')).toBe(1234.5);
    expect(numberOf(' 12 ', '.')).toBe(12);
    expect(numberOf('1.234,5', '.')).toBeUndefined();
    expect(numberOf('12abc', '.')).toBeUndefined();
    expect(numberOf('1e9', '.')).toBeUndefined();
    expect(numberOf('', '.')).toBe('empty');
    expect(numberOf(null, '.')).toBe('empty');
    expect(numberOf(Number.NaN, '.')).toBeUndefined();
  });
});
