import type { MappedRecords, RecordRejection } from '../contract/connectors';
import type { Indicator } from '../indicators/indicator';
import { currentPeriod } from '../time/period';
import type { UnitResolver } from '../units/unit-resolver';
import type { RecordMapping, ValueMapping } from './definition';

/**
 * A connector's or an upload's records → observations shaped as a push sends them, so that they go through the
 * same validation (core/contract/validate-observation.ts) as any push. What only a record can get wrong is refused
 * here, per record: a missing field, a number that is not one, a unit that cannot be named. A field that NO record
 * has means the remote changed its field names: the whole pull is a mapping mismatch (`MappingMismatch`).
 */

export interface MapContext {
  units: UnitResolver;
  indicator(id: string): Indicator | undefined;
  /** The time of the pull or the upload: `pull` periods and observedAt. */
  nowMs: number;
}

export interface SourceRecord {
  record: unknown;
  /** The file row (CSV, XLSX), for people. */
  row?: number;
}

export class MappingMismatch extends Error {
  override readonly name = 'MappingMismatch';
}

/** A field of a record: an exact key first (headers may hold dots), else a dotted path into nested objects. */
export function fieldOf(record: unknown, path: string): unknown {
  if (typeof record !== 'object' || record === null) return undefined;
  const obj = record as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  let at: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const DOT_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/** A number as a cell or JSON gives it: a number, or text with the given decimal mark and optional grouping. */
export function numberOf(x: unknown, decimal: '.' | ','): number | 'empty' | undefined {
  if (x === null || x === undefined) return 'empty';
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined;
  if (typeof x !== 'string') return undefined;
  const t = x.replace(/[\s\u00a0]/g, '');
  if (t === '') return 'empty';
  if (decimal === '.') return DOT_NUMBER.test(t) ? Number(t.replace(/,/g, '')) : undefined;
  return COMMA_NUMBER.test(t) ? Number(t.replace(/\./g, '').replace(',', '.')) : undefined;
}

/** A period as a cell may hold it: text, a year as a number, or a date cell (read as midnight UTC) for a day. */
function periodText(x: unknown): string | undefined {
  if (typeof x === 'number' && Number.isInteger(x)) return String(x);
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  const midnight = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/.exec(t);
  return midnight ? midnight[1] : t;
}

function valueFields(v: ValueMapping): string[] {
  return 'num' in v ? [v.num, v.den] : 'weight' in v ? [v.value, v.weight] : [v.value];
}

/** Every field the mapping reads, for the mismatch check. */
function mappedFields(m: RecordMapping): string[] {
  const fields = new Set<string>([m.unit.field]);
  if (typeof m.period === 'object' && 'field' in m.period) fields.add(m.period.field);
  if (typeof m.observedAt === 'object') fields.add(m.observedAt.field);
  for (const o of m.observations) {
    if ('field' in o.indicator) fields.add(o.indicator.field);
    for (const f of valueFields(o.value)) fields.add(f);
  }
  return [...fields];
}

function clip(x: unknown): string {
  const s = typeof x === 'string' ? x : JSON.stringify(x) ?? String(x);
  return s.length > 48 ? `${s.slice(0, 48)}…` : s;
}

/** Throws MappingMismatch when a field the mapping reads is in no record at all (renamed or gone at the remote). */
export function checkFieldsPresent(records: readonly SourceRecord[], mapping: RecordMapping): void {
  if (records.length === 0) return;
  const missing = mappedFields(mapping).filter((f) => records.every((r) => fieldOf(r.record, f) === undefined));
  if (missing.length === 0) return;
  const first = records[0]!.record;
  const present = typeof first === 'object' && first !== null ? Object.keys(first).slice(0, 12).join(', ') : typeof first;
  throw new MappingMismatch(`no record has the field${missing.length > 1 ? 's' : ''} ${missing.map((f) => `"${f}"`).join(', ')} the mapping reads (the first record has: ${present})`);
}

export function mapRecords(records: readonly SourceRecord[], mapping: RecordMapping, ctx: MapContext): MappedRecords {
  checkFieldsPresent(records, mapping);
  const out: MappedRecords = { recordsRead: records.length, items: [], itemRecord: [], itemRow: [], rejections: [], skipped: [] };
  let empty = 0;
  records.forEach(({ record, row }, index) => {
    const reject = (code: RecordRejection['code'], reason: string): void => {
      out.rejections.push({ record: index, ...(row !== undefined ? { row } : {}), code, reason });
    };
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return reject('bad_record', 'a record must be an object of fields');

    const unitRaw = fieldOf(record, mapping.unit.field);
    if (unitRaw === undefined || unitRaw === null || unitRaw === '') return reject('missing_field', `the unit field "${mapping.unit.field}" is empty`);
    const unit = ctx.units.resolve(String(unitRaw), mapping.unit.naming, mapping.unit.within);
    if (!unit.ok) return reject(unit.code, unit.reason);

    let observedAt: unknown = ctx.nowMs;
    if (typeof mapping.observedAt === 'object') {
      observedAt = fieldOf(record, mapping.observedAt.field);
      if (observedAt === undefined || observedAt === null || observedAt === '') return reject('missing_field', `the observedAt field "${mapping.observedAt.field}" is empty`);
    }

    const items: Record<string, unknown>[] = [];
    for (const o of mapping.observations) {
      const indicatorId = 'const' in o.indicator ? o.indicator.const : fieldOf(record, o.indicator.field);
      if (typeof indicatorId !== 'string' || indicatorId.trim() === '') return reject('missing_field', `the indicator field "${'field' in o.indicator ? o.indicator.field : ''}" is empty`);
      const ind = ctx.indicator(indicatorId.trim());
      let period: unknown;
      if (mapping.period === 'pull') {
        // an unknown indicator is refused by the ordinary checks; its period does not matter then
        period = ind ? currentPeriod(ind.periodKind, ctx.nowMs) : 'live';
      } else if ('const' in mapping.period) period = mapping.period.const;
      else {
        period = periodText(fieldOf(record, mapping.period.field));
        if (period === undefined || period === '') return reject('missing_field', `the period field "${mapping.period.field}" is empty or not a period`);
      }
      const values: Record<string, number> = {};
      let blank = false;
      const names = 'num' in o.value ? (['num', 'den'] as const) : 'weight' in o.value ? (['value', 'weight'] as const) : (['value'] as const);
      const fields = valueFields(o.value);
      for (let i = 0; i < names.length; i++) {
        const raw = fieldOf(record, fields[i]!);
        const n = numberOf(raw, mapping.decimal);
        if (n === 'empty') {
          blank = true;
          continue;
        }
        if (n === undefined) return reject('bad_number', `"${fields[i]}" is not a number (${clip(raw)}; decimal mark "${mapping.decimal}")`);
        values[names[i]!] = n;
      }
      // an empty cell is no figure (never 0): the item is left out, and counted
      if (blank) {
        if (Object.keys(values).length > 0) return reject('missing_field', `${indicatorId}: ${fields.join(' and ')} must both be given or both be empty`);
        empty += 1;
        continue;
      }
      items.push({ indicator: indicatorId.trim(), unit: unit.code, period, ...values, observedAt });
    }
    for (const item of items) {
      out.items.push(item);
      out.itemRecord.push(index);
      if (row !== undefined) out.itemRow!.push(row);
    }
  });
  // file rows only where the records came from a file (a JSON record has an index, not a row)
  if (out.itemRow!.length !== out.items.length) delete out.itemRow;
  if (empty > 0) out.skipped.push({ count: empty, reason: 'empty values: not reported (an empty cell is no figure, never 0)' });
  return out;
}
