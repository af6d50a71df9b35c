import { inflateRawSync } from 'node:zlib';
import { csvDecimalMark } from '../../core/connectors/upload-template';
import { readCsv, readXlsx, TabularError, type Table } from '../../platform/tabular';
import { HttpError } from '../http-errors';

/**
 * An uploaded file's bytes → its table, or a clear 4xx: whatever the bytes are, never a 5xx. The type is what the
 * bytes are, read from their start (an XLSX is a ZIP archive: `PK`), within what the request says it sends.
 */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** An XLSX may inflate to this much XML at most: a small ZIP can hold gigabytes of it (a "zip bomb"). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

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

/**
 * Checks a ZIP archive before exceljs reads it: at most MAX_ZIP_ENTRIES entries, stored or deflated, whose content
 * inflates to at most MAX_INFLATED_BYTES in all. The sizes the archive declares can lie, so each entry is inflated
 * with a cap (zlib's maxOutputLength) rather than trusted.
 */
function checkZip(body: Buffer): void {
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
          throw new HttpError(413, 'too_large', `the XLSX file inflates to over ${MAX_INFLATED_BYTES / 1024 / 1024} MB of content: it is not a spreadsheet of figures`);
        }
        throw badFile('the XLSX file cannot be read: a part of it is damaged');
      }
    } else throw badFile(`the XLSX file cannot be read: a part is packed with an unknown method (${method})`);
    if (budget < 0) throw new HttpError(413, 'too_large', `the XLSX file inflates to over ${MAX_INFLATED_BYTES / 1024 / 1024} MB of content`);
  }
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
    checkZip(body);
    return { table: await readXlsx(body), decimal: '.' };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof TabularError) throw badFile(err.message);
    // a parser's own failure on hostile bytes is still the file's fault, not the server's
    throw badFile(`the ${format.toUpperCase()} file cannot be read (${String((err as Error)?.message ?? err).slice(0, 120)})`);
  }
}
