import type { Localized } from '../i18n';
import { PRIORITY_DATABASES } from '../priority-databases/catalog';
import type { Indicator } from './indicator';

/**
 * Catalog rows with a dimension (§5.2: #3 per 766 group, #27 per priority database) become one indicator per value,
 * with the id `<row id>.<value>` (e.g. `dvc766_group_score.mdsh`), so that every figure still has one
 * (indicator, unit, period) and the whole pipeline stays one-dimensional.
 */
interface DimensionValue {
  code: string;
  name: Localized;
  /** The value's own maximum, where the row's range is the widest of its values (766 group maxima). */
  max?: number;
}

export const DVC766_GROUPS: readonly DimensionValue[] = [
  { code: 'ckmb', name: { vi: 'Công khai, minh bạch', en: 'Transparency' }, max: 18 },
  { code: 'tdgq', name: { vi: 'Tiến độ giải quyết', en: 'Processing progress' }, max: 20 },
  { code: 'dvctt', name: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, max: 12 },
  { code: 'tttt', name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' }, max: 10 },
  { code: 'mdhl', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, max: 18 },
  { code: 'mdsh', name: { vi: 'Số hóa hồ sơ', en: 'Dossier digitisation' }, max: 22 },
];

const DIMENSIONS: Readonly<Record<string, readonly DimensionValue[]>> = {
  dvc766_group_score: DVC766_GROUPS,
  priority_db_progress_pct: PRIORITY_DATABASES.map((db) => ({ code: db.id, name: db.name })),
};

export function variantId(rowId: string, code: string): string {
  return `${rowId}.${code}`;
}

/** The per-value indicators of the catalog rows that have a dimension. */
export function variantsOf(rows: readonly Indicator[]): Indicator[] {
  return rows.flatMap((row) =>
    (DIMENSIONS[row.id] ?? []).map((v) =>
      Object.freeze({
        ...row,
        id: variantId(row.id, v.code),
        name: { vi: `${row.name.vi} — ${v.name.vi}`, en: `${row.name.en} — ${v.name.en}` },
        range: { min: row.range.min, max: v.max ?? row.range.max },
        basis: `${row.basis} Variant of ${row.id} for ${v.code}.`,
      }),
    ),
  );
}
