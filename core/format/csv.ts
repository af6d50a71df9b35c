import type { Locale } from '../i18n';

/**
 * CSV for spreadsheets, as the exports write it: UTF-8 with a byte-order mark (so Excel reads Vietnamese diacritics),
 * `;` between fields (Vietnamese and most European spreadsheets use `,` as the decimal mark, so `,` cannot separate
 * fields), CRLF line ends, fields quoted only when they must be. Numbers carry the page language's decimal mark and
 * no thousands grouping: vi "1234,5", en "1234.5".
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

/** A number for a spreadsheet cell: fixed decimals, no grouping, the locale's decimal mark; empty when missing. */
export function csvNumber(value: number | null | undefined, decimals: number, locale: Locale = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const places = Math.max(0, Math.min(6, Math.trunc(decimals)));
  const factor = 10 ** places;
  const rounded = Math.round(value * factor) / factor;
  const text = (rounded === 0 ? 0 : rounded).toFixed(places);
  return locale === 'vi' ? text.replace('.', ',') : text;
}

/** A text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function defuse(text: string): string {
  return /^[=+@\t\r]/.test(text) ? `'${text}` : text;
}

function field(cell: CsvCell, separator: string): string {
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : defuse(cell ?? '');
  const mustQuote = text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim();
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, one line per row, CRLF after every line. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, separator = CSV_SEPARATOR): string {
  return CSV_BOM + rows.map((row) => row.map((cell) => field(cell, separator)).join(separator)).join('\r\n') + '\r\n';
}

/** Reads a file written by toCsv back into rows (for tests and round trips): quotes, doubled quotes, CRLF. */
export function parseCsv(text: string, separator = CSV_SEPARATOR): string[][] {
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
