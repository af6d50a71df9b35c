import type { SortDir, SortValue } from '../../display/table-sort';
import type { UnitRowWithAge } from './unit-rows';

/** The columns of the communes table: name, value, observed time, freshness, source. */
export type CommuneColumn = 'name' | 'value' | 'observed' | 'freshness' | 'source';

export type CommuneTableRow = Pick<UnitRowWithAge, 'code' | 'name' | 'value' | 'observedAt' | 'ageMs' | 'stale'> &
  Partial<Pick<UnitRowWithAge, 'source'>>;

/** The direction a column starts in: names A→Z, the highest value and the newest figure first, the freshest first. */
export const SORT_DEFAULT: Record<CommuneColumn, SortDir> = { name: 'asc', value: 'desc', observed: 'desc', freshness: 'asc', source: 'asc' };

export const SORT_VALUE: Record<CommuneColumn, (r: CommuneTableRow) => SortValue> = {
  name: (r) => r.name,
  value: (r) => r.value,
  observed: (r) => r.observedAt,
  freshness: (r) => (r.value === null ? null : r.ageMs),
  source: (r) => r.source ?? null,
};
