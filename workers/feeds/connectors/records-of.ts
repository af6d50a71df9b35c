import type { ConnectorFormat } from '../../../core/connectors/definition';
import { fieldOf, type SourceRecord } from '../../../core/connectors/map-records';
import { readCsv, readXlsx, TabularError, type Table } from '../../../platform/tabular';
import { PullError } from './pull-error';
import { jsonOf, type RemoteAnswer } from './remote';

/** A table's rows as records, each with its file row. */
export function tableRecords(table: Table): SourceRecord[] {
  return table.rows.map((r) => ({ record: r.record, row: r.row }));
}

/**
 * The records of an answer in the connector's format: the array at the JSON path, or the rows of a CSV or of an
 * XLSX sheet under its header row. A broken file is `malformed`; a JSON answer without an array where the records
 * should be is a `mapping_mismatch` (the remote changed its shape).
 */
export async function recordsOf(answer: RemoteAnswer, format: ConnectorFormat): Promise<SourceRecord[]> {
  try {
    switch (format.type) {
      case 'json': {
        const json = jsonOf(answer);
        const at = format.records === '' ? json : fieldOf(json, format.records);
        if (!Array.isArray(at)) {
          const found = at === undefined ? 'nothing' : at === null ? 'null' : typeof at === 'object' ? 'an object' : typeof at;
          throw new PullError('mapping_mismatch', `the answer has no array of records at "${format.records || '(the answer itself)'}" (found ${found})`, false, answer.status);
        }
        return at.map((record) => ({ record }));
      }
      case 'csv':
        return tableRecords(readCsv(answer.body, { delimiter: format.delimiter }));
      case 'xlsx':
        return tableRecords(await readXlsx(answer.body, { sheet: format.sheet, headerRow: format.headerRow }));
    }
  } catch (err) {
    if (err instanceof TabularError) throw new PullError(err.code === 'too_large' ? 'too_large' : 'malformed', err.message, false, answer.status);
    throw err;
  }
}
