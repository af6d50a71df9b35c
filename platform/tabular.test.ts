import { describe, expect, it } from 'vitest';
import { zipOf } from '../test/support/zip-of';
import { readCsv, readXlsx, TabularError, writeXlsx } from './tabular';

describe('tabular files', () => {
  it('reads back the XLSX it writes, codes as text keeping their zeros', async () => {
    const file = await writeXlsx([{ name: 'Số liệu', rows: [['Mã', 'Giá trị'], ['00004', 12.5]], textColumns: [1] }]);
    const t = await readXlsx(file, { sheet: 'Số liệu' });
    expect(t.headers).toEqual(['Mã', 'Giá trị']);
    expect(t.rows).toEqual([{ row: 2, record: { Mã: '00004', 'Giá trị': 12.5 } }]);
  });

  it('refuses a zip bomb before it is inflated, and broken archives, as a reason not a crash', async () => {
    const bomb = readXlsx(zipOf('xl/worksheets/sheet1.xml', 100 * 1024 * 1024));
    await expect(bomb).rejects.toBeInstanceOf(TabularError);
    await expect(readXlsx(zipOf('xl/worksheets/sheet1.xml', 100 * 1024 * 1024))).rejects.toMatchObject({ code: 'too_large' });
    await expect(readXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toMatchObject({ code: 'malformed' });
    await expect(readXlsx(Buffer.alloc(0))).rejects.toMatchObject({ code: 'malformed' });
  });

  it('reads CSV with either separator and refuses binary and ragged files', () => {
    expect(readCsv('\uFEFFa;b\r\n1;2,5\r\n').rows[0]!.record).toEqual({ a: '1', b: '2,5' });
    expect(readCsv('a,b\n1,2\n').rows[0]!.record).toEqual({ a: '1', b: '2' });
    expect(() => readCsv(Buffer.from([0x50, 0x4b, 0, 1]))).toThrow(TabularError);
    expect(() => readCsv('a,b\n1,2,3\n')).toThrow(/more fields/);
  });
});
