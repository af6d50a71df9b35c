import type { MappedRecords } from '../contract/connectors';
import type { RejectedItem } from '../contract/observation';
import type { UploadReason, UploadRow } from '../contract/uploads';
import { fieldOf } from './map-records';

/**
 * An upload's rows as its preview shows them: what the file's mapping refused (core/connectors/map-records.ts) and
 * what the ordinary item checks refused (a dry run of store/submit-batch.ts) are put back on the row they came from.
 * A row is all or nothing: one refused figure refuses its row, and only the accepted rows' figures are committed —
 * nothing of a rejected row is written.
 */

export interface PreviewRecord {
  /** The file's row number. */
  row: number;
  record: Record<string, unknown>;
}

export interface PreviewContext {
  /** The header of the unit code column, and of the period column when the file has one. */
  unitField: string;
  periodField?: string;
  /** A unit's full name by its official code. */
  unitName(code: string): string | undefined;
  /** The official code a code cell names, when it names one. */
  resolveUnit(text: string): string | undefined;
}

export interface Preview {
  rows: UploadRow[];
  /** The figures of the accepted rows, as push items: the one batch a commit submits. */
  items: Record<string, unknown>[];
  /** For each item, the file row it came from. */
  itemRows: number[];
}

const text = (x: unknown): string => (x === null || x === undefined ? '' : String(x).trim());

/** `records` are those given to mapRecords (in order); `rejected` the dry run's rejections of `mapped.items`. */
export function previewRows(records: readonly PreviewRecord[], mapped: MappedRecords, rejected: readonly RejectedItem[], ctx: PreviewContext): Preview {
  const reasons: UploadReason[][] = records.map(() => []);
  for (const r of mapped.rejections) reasons[r.record]?.push({ code: r.code, message: r.reason });
  for (const r of rejected) {
    const record = mapped.itemRecord[r.index];
    const item = mapped.items[r.index];
    if (record === undefined) continue;
    reasons[record]?.push({ code: r.code, ...(typeof item?.indicator === 'string' ? { indicator: item.indicator } : {}), message: r.reason });
  }
  const itemsOf: number[][] = records.map(() => []);
  mapped.itemRecord.forEach((record, index) => itemsOf[record]?.push(index));

  const items: Record<string, unknown>[] = [];
  const itemRows: number[] = [];
  const rows = records.map(({ row, record }, i): UploadRow => {
    const mine = itemsOf[i]!.map((k) => mapped.items[k]!);
    const first = mine[0];
    const raw = text(fieldOf(record, ctx.unitField));
    const unit = typeof first?.unit === 'string' ? first.unit : (ctx.resolveUnit(raw) ?? raw);
    const period = typeof first?.period === 'string' ? first.period : ctx.periodField ? text(fieldOf(record, ctx.periodField)) || null : null;
    const refused = reasons[i]!.length > 0;
    if (!refused) {
      items.push(...mine);
      itemRows.push(...mine.map(() => row));
    }
    return {
      row,
      unit,
      unitName: ctx.unitName(unit) ?? null,
      period,
      status: refused ? 'rejected' : 'accepted',
      reasons: reasons[i]!,
      figures: refused ? 0 : mine.length,
    };
  });
  return { rows, items, itemRows };
}
