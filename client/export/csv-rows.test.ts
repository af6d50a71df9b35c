import { describe, expect, it } from 'vitest';
import { seriesCsv, unitRowsCsv } from './csv-rows';

const labels = {
  code: 'Mã',
  name: 'Tên',
  value: 'Giá trị (%)',
  period: 'Kỳ',
  observedAt: 'Thời điểm số liệu',
  coverage: 'Đã báo cáo',
  status: 'Tình trạng',
  fresh: 'Mới',
  stale: 'Cũ',
  noData: 'Chưa có số liệu',
};
const at = Date.UTC(2026, 10, 28, 7, 5); // 14:05 in Viet Nam

describe('unitRowsCsv', () => {
  it('writes one row per unit in the given order, numbers with a decimal comma in Vietnamese', () => {
    const rows = unitRowsCsv(
      [
        { code: '20194', name: 'Hải Vân', value: 1234.56, period: '2026-11-28', observedAt: at, stale: false },
        { code: '20200', name: 'Hòa Khánh', value: null, period: null, observedAt: null, stale: false },
      ],
      labels,
      1,
      'vi',
    );
    expect(rows).toEqual([
      ['Mã', 'Tên', 'Giá trị (%)', 'Kỳ', 'Thời điểm số liệu', 'Tình trạng'],
      ['20194', 'Hải Vân', '1234,6', '28/11/2026', '28/11/2026 14:05', 'Mới'],
      ['20200', 'Hòa Khánh', '', '', '', 'Chưa có số liệu'],
    ]);
  });
  it('adds a coverage column where a row has one', () => {
    const rows = unitRowsCsv(
      [{ code: '48', name: 'Đà Nẵng', value: 90, period: '2026-11', observedAt: at, reporting: 90, expected: 94, stale: true }],
      labels,
      0,
      'en',
    );
    expect(rows[0]).toContain('Đã báo cáo');
    expect(rows[1]).toEqual(['48', 'Đà Nẵng', '90', 'Nov 2026', '28/11/2026 14:05', '90/94', 'Cũ']);
  });
});

describe('seriesCsv', () => {
  it('puts both lines side by side by time', () => {
    const rows = seriesCsv(
      [
        { t: at, value: 1.5 },
        { t: at + 86_400_000, value: 2 },
      ],
      [{ t: at, value: 1 }],
      { time: 'Thời gian', main: 'Hải Vân', compare: 'Kỳ trước' },
      1,
      'vi',
    );
    expect(rows).toEqual([
      ['Thời gian', 'Hải Vân', 'Kỳ trước'],
      ['28/11/2026 14:05', '1,5', '1,0'],
      ['29/11/2026 14:05', '2,0', ''],
    ]);
  });
});
