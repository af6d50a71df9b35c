import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * The only module that imports csv-parse and exceljs: reads CSV and XLSX files into records keyed by their header
 * row (pulls and uploads), and writes the XLSX upload template. CSV is written by core/format/csv.ts, the one CSV
 * writer.
 */

/** The most rows a file may hold (a province has at most a few hundred communes; a year of days is 366). */
export const MAX_TABLE_ROWS = 50_000;

export type TabularErrorCode = 'malformed' | 'empty' | 'no_sheet' | 'too_many_rows';

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

/** One sheet of an XLSX workbook, by name or 1-based position, with its header row. */
export async function readXlsx(data: Buffer, options: { sheet?: string | number; headerRow?: number } = {}): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
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
  const workbook = new ExcelJS.Workbook();
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
