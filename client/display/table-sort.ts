import type { Locale } from '../../core/i18n';
import { LOCALE_TAG } from '../../core/format';

export type SortDir = 'asc' | 'desc';

export interface SortState<K extends string = string> {
  key: K;
  dir: SortDir;
}

export type SortValue = string | number | null | undefined;

const collators = new Map<Locale, Intl.Collator>();
function collator(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    // Vietnamese order (a ă â b c d đ e ê …) in both languages' tables: the names are Vietnamese.
    c = new Intl.Collator(LOCALE_TAG[locale === 'en' ? 'vi' : locale], { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

function missing(v: SortValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));
}

/**
 * Rows ordered by one column: numbers numerically, texts in Vietnamese collation; rows without a value always last,
 * whichever the direction (an empty value is neither the best nor the worst); ties keep their order.
 */
export function sortRows<T>(rows: readonly T[], get: (row: T) => SortValue, dir: SortDir, locale: Locale = 'vi'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const c = collator(locale);
  return rows
    .map((row, index) => ({ row, index, v: get(row) }))
    .sort((a, b) => {
      const ma = missing(a.v);
      const mb = missing(b.v);
      if (ma || mb) return ma === mb ? a.index - b.index : ma ? 1 : -1;
      const d = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : c.compare(String(a.v), String(b.v));
      return d !== 0 ? sign * d : a.index - b.index;
    })
    .map((x) => x.row);
}

/** A click on a column header: the same column flips its direction, another one starts at its own default. */
export function nextSort<K extends string>(current: SortState<K>, key: K, defaultDir: SortDir): SortState<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: defaultDir };
}

/** The `aria-sort` of a column header. */
export function ariaSort(state: SortState, key: string): 'ascending' | 'descending' | 'none' {
  if (state.key !== key) return 'none';
  return state.dir === 'asc' ? 'ascending' : 'descending';
}
