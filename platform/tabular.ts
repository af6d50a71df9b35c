import { parse as parseCsv } from 'csv-parse/sync';
import { inflateRawSync } from 'node:zlib';
import type ExcelJS from 'exceljs';

/**
 * The only module that imports csv-parse and exceljs: reads CSV and XLSX files into records keyed by their header
 * row (pulls and uploads), and writes the XLSX upload template. CSV is written by core/format/csv.ts, the one CSV
 * writer.
 */

/** exceljs, loaded at the first XLSX read or written, not when a process starts (it is a large module). */
async function exceljs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** The most rows a file may hold (a province has at most a few hundred communes; a year of days is 366). */
export const MAX_TABLE_ROWS = 50_000;

export type TabularErrorCode = 'malformed' | 'empty' | 'no_sheet' | 'too_many_rows' | 'too_large';

export class TabularError extends Error {
  override readonly name = 'TabularError';
  constructor(
    readonly code: TabularErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A cell as read: text, a number, or empty (null). Dates come as ISO 8601 text. */
export type TableCell = string | number | null;

export interface TableRow {
  /** Its row number in the file, 1-based, header rows counted (what a spreadsheet shows). */
  row: number;
  record: Record<string, TableCell>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

function headersOf(cells: readonly TableCell[], where: string): string[] {
  const headers = cells.map((c) => (c === null ? '' : String(c).replace(/^\uFEFF/, '').trim()));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0) throw new TabularError('empty', `${where} has no header row`);
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (h === '') throw new TabularError('malformed', `${where}: column ${i + 1} has no header`);
    if (seen.has(h)) throw new TabularError('malformed', `${where}: the header "${h}" appears twice`);
    seen.add(h);
  });
  return headers;
}

function tableOf(headers: string[], body: { row: number; cells: readonly TableCell[] }[], where: string): Table {
  if (body.length > MAX_TABLE_ROWS) throw new TabularError('too_many_rows', `${where} has ${body.length} rows, over ${MAX_TABLE_ROWS}`);
  const rows: TableRow[] = [];
  for (const { row, cells } of body) {
    if (cells.every((c) => c === null || c === '')) continue;
    if (cells.slice(headers.length).some((c) => c !== null && c !== '')) {
      throw new TabularError('malformed', `${where}: row ${row} has more fields than the ${headers.length} headers`);
    }
    const record: Record<string, TableCell> = {};
    headers.forEach((h, i) => {
      const c = cells[i];
      record[h] = c === undefined || c === '' ? null : c;
    });
    rows.push({ row, record });
  }
  return { headers, rows };
}

/** `auto`: `;` when the header line holds one (a spreadsheet in a Vietnamese locale), else `,`. */
function delimiterOf(text: string, delimiter: string): string {
  if (delimiter !== 'auto') return delimiter;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes(';') ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** A CSV file (UTF-8, with or without a byte-order mark) with a header row. */
export function readCsv(data: Buffer | string, options: { delimiter?: string } = {}): Table {
  const text = (typeof data === 'string' ? data : data.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new TabularError('malformed', 'the file is not text (it holds NUL bytes): is it an XLSX sent as CSV?');
  const delimiter = delimiterOf(text, options.delimiter ?? 'auto');
  let lines: string[][];
  try {
    lines = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, trim: true, max_record_size: 1 << 20 }) as string[][];
  } catch (err) {
    throw new TabularError('malformed', `the CSV cannot be read: ${(err as Error).message}`);
  }
  if (lines.length === 0) throw new TabularError('empty', 'the CSV file is empty');
  const headers = headersOf(lines[0]!, 'the CSV file');
  return tableOf(
    headers,
    lines.slice(1).map((cells, i) => ({ row: i + 2, cells })),
    'the CSV file',
  );
}

/** A cell's value as text or number: formulas give their result, rich text its text, dates ISO 8601. */
function cellOf(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text).trim();
    if ('error' in value) return null;
  }
  return String(value);
}

/** An XLSX may inflate to this much XML at most: a small ZIP can hold gigabytes of it (a "zip bomb"). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

/**
 * Checks a ZIP archive before exceljs reads it: at most MAX_ZIP_ENTRIES entries, stored or deflated, whose content
 * inflates to at most MAX_INFLATED_BYTES in all. The sizes the archive declares can lie, so each entry is inflated
 * with a cap (zlib's maxOutputLength) rather than trusted.
 */
function checkZip(body: Buffer): void {
  const badFile = (message: string) => new TabularError('malformed', message);
  // the end-of-central-directory record: 22 bytes and a comment of up to 64 kB, at the end
  let eocd = -1;
  for (let i = body.length - 22; i >= Math.max(0, body.length - 22 - 0xffff); i -= 1) {
    if (body.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badFile('the XLSX file cannot be read: it is not a complete ZIP archive (cut short?)');
  const entries = body.readUInt16LE(eocd + 10);
  let at = body.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES) throw badFile(`the XLSX file holds ${entries} parts, over ${MAX_ZIP_ENTRIES}: it is not a spreadsheet of figures`);
  let budget = MAX_INFLATED_BYTES;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > body.length || body.readUInt32LE(at) !== 0x02014b50) throw badFile('the XLSX file cannot be read: its ZIP directory is damaged');
    const method = body.readUInt16LE(at + 10);
    const compressed = body.readUInt32LE(at + 20);
    const local = body.readUInt32LE(at + 42);
    at += 46 + body.readUInt16LE(at + 28) + body.readUInt16LE(at + 30) + body.readUInt16LE(at + 32);
    if (local + 30 > body.length || body.readUInt32LE(local) !== 0x04034b50) throw badFile('the XLSX file cannot be read: a part of it is missing');
    const start = local + 30 + body.readUInt16LE(local + 26) + body.readUInt16LE(local + 28);
    if (start + compressed > body.length) throw badFile('the XLSX file cannot be read: a part of it is cut short');
    const data = body.subarray(start, start + compressed);
    if (method === 0) budget -= data.length;
    else if (method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new TabularError('too_large', `the XLSX file inflates to over ${MAX_INFLATED_BYTES / 1024 / 1024} MB of content: it is not a spreadsheet of figures`);
        }
        throw badFile('the XLSX file cannot be read: a part of it is damaged');
      }
    } else throw badFile(`the XLSX file cannot be read: a part is packed with an unknown method (${method})`);
    if (budget < 0) throw new TabularError('too_large', `the XLSX file inflates to over ${MAX_INFLATED_BYTES / 1024 / 1024} MB of content`);
  }
}

/** One sheet of an XLSX workbook, by name or 1-based position, with its header row. */
export async function readXlsx(data: Buffer, options: { sheet?: string | number; headerRow?: number } = {}): Promise<Table> {
  // every XLSX, uploaded or pulled, is checked before exceljs inflates it
  checkZip(data);
  const workbook = new (await exceljs()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new TabularError('malformed', `the XLSX file cannot be read (${(err as Error).message.slice(0, 120)})`);
  }
  const want = options.sheet ?? 1;
  const sheet = typeof want === 'number' ? workbook.worksheets[want - 1] : workbook.getWorksheet(want);
  if (!sheet) {
    const names = workbook.worksheets.map((s) => `"${s.name}"`).join(', ') || 'none';
    throw new TabularError('no_sheet', `the workbook has no sheet ${typeof want === 'number' ? `#${want}` : `"${want}"`} (sheets: ${names})`);
  }
  const where = `sheet "${sheet.name}"`;
  if (sheet.rowCount > MAX_TABLE_ROWS + 10) throw new TabularError('too_many_rows', `${where} has ${sheet.rowCount} rows, over ${MAX_TABLE_ROWS}`);
  const headerRow = options.headerRow ?? 1;
  const cellsOf = (r: ExcelJS.Row): TableCell[] => {
    const out: TableCell[] = [];
    for (let c = 1; c <= r.cellCount; c++) out.push(cellOf(r.getCell(c).value));
    return out;
  };
  if (sheet.rowCount < headerRow) throw new TabularError('empty', `${where} has no row ${headerRow} for the headers`);
  const headers = headersOf(cellsOf(sheet.getRow(headerRow)), where);
  const body: { row: number; cells: TableCell[] }[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) body.push({ row: r, cells: cellsOf(sheet.getRow(r)) });
  return tableOf(headers, body, where);
}

export interface SheetSpec {
  name: string;
  rows: TableCell[][];
  /** Column widths in characters. */
  widths?: number[];
  /** Rows (1-based) written in bold: headers. */
  boldRows?: number[];
  /** Columns (1-based) locked as text, so a code like 00004 keeps its zeros. */
  textColumns?: number[];
}

/** An XLSX workbook (the upload template): one sheet per spec, in order. */
export async function writeXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const workbook = new (await exceljs()).Workbook();
  workbook.creator = 'IOC Live';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
    for (const c of spec.textColumns ?? []) sheet.getColumn(c).numFmt = '@';
    spec.rows.forEach((cells) => sheet.addRow(cells));
    spec.widths?.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    for (const r of spec.boldRows ?? []) sheet.getRow(r).font = { bold: true };
    if ((spec.boldRows ?? []).includes(1)) sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
