import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvNumber, parseCsv, toCsv } from './csv';

describe('csvNumber', () => {
  it('writes the locale decimal mark and no grouping', () => {
    expect(csvNumber(1234.56, 1, 'vi')).toBe('1234,6');
    expect(csvNumber(1234.56, 1, 'en')).toBe('1234.6');
    expect(csvNumber(1_234_567, 0, 'vi')).toBe('1234567');
    expect(csvNumber(-0.04, 1, 'vi')).toBe('0,0');
  });
  it('leaves a missing value empty, never 0', () => {
    expect(csvNumber(null, 1)).toBe('');
    expect(csvNumber(Number.NaN, 1)).toBe('');
  });
});

describe('toCsv', () => {
  it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
    const text = toCsv([
      ['Tên', 'Giá trị'],
      ['Phường Hải Châu', '96,5'],
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe(`${CSV_BOM}Tên;Giá trị\r\nPhường Hải Châu;96,5\r\n`);
  });
  it('quotes fields with the separator, quotes or line breaks and defuses formulas', () => {
    const text = toCsv([['a;b', 'say "hi"', 'two\nlines', '=1+1', '', null]]);
    expect(text).toBe(`${CSV_BOM}"a;b";"say ""hi""";"two\nlines";'=1+1;;\r\n`);
  });
  it('round-trips through parseCsv', () => {
    const rows = [
      ['Đặc khu Hoàng Sa', '1234,5', 'x;y'],
      ['Xã Ếch "Ộp"', '', '28/11/2026 14:05'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
