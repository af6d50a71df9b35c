import { csvDecimalMark } from '../../core/connectors/upload-template';
import { readCsv, readXlsx, TabularError, type Table } from '../../platform/tabular';
import { HttpError } from '../http-errors';

/**
 * An uploaded file's bytes → its table, or a clear 4xx: whatever the bytes are, never a 5xx. The type is what the
 * bytes are, read from their start (an XLSX is a ZIP archive: `PK`), within what the request says it sends.
 */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What browsers and tools label a CSV as (Excel on Windows: application/vnd.ms-excel). */
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel']);
const UNLABELLED = new Set(['', 'application/octet-stream']);

export type UploadFormat = 'csv' | 'xlsx';

const badFile = (message: string) => new HttpError(400, 'bad_file', message);
const startsWith = (body: Buffer, bytes: readonly number[]) => bytes.every((b, i) => body[i] === b);

/** CSV or XLSX, from the bytes and the request's Content-Type. */
export function formatOf(body: Buffer, contentType: string | undefined): UploadFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (startsWith(body, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new HttpError(415, 'unsupported_type', 'an Excel 97–2003 workbook (.xls) is not read: save it as .xlsx or as CSV');
  }
  if (type !== XLSX_TYPE && !CSV_TYPES.has(type) && !UNLABELLED.has(type)) {
    throw new HttpError(415, 'unsupported_type', `a file of type '${type.slice(0, 80)}' is not read: send a CSV (text/csv) or an XLSX workbook (${XLSX_TYPE})`);
  }
  if (startsWith(body, [0x50, 0x4b])) return 'xlsx';
  if (type === XLSX_TYPE) throw badFile('the file is labelled XLSX but is not one (an XLSX is a ZIP archive: it starts with "PK")');
  return 'csv';
}

export interface UploadTable {
  table: Table;
  /** The decimal mark of numbers written as text. */
  decimal: '.' | ',';
}

/** The file's first sheet (XLSX) or its lines (CSV), keyed by its header row. */
export async function readUploadTable(body: Buffer, format: UploadFormat): Promise<UploadTable> {
  if (body.length === 0) throw badFile('the file is empty');
  try {
    if (format === 'csv') {
      const table = readCsv(body);
      return { table, decimal: csvDecimalMark(body.toString('utf8').replace(/^\uFEFF/, '')) };
    }
    return { table: await readXlsx(body), decimal: '.' };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof TabularError) throw err.code === 'too_large' ? new HttpError(413, 'too_large', err.message) : badFile(err.message);
    // a parser's own failure on hostile bytes is still the file's fault, not the server's
    throw badFile(`the ${format.toUpperCase()} file cannot be read (${String((err as Error)?.message ?? err).slice(0, 120)})`);
  }
}
