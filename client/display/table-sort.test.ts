import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, sortRows } from './table-sort';

const rows = [
  { name: 'Hải Vân', v: 90 },
  { name: 'Ân Hạ', v: null },
  { name: 'An Khê', v: 70 },
  { name: 'Đà Sơn', v: 95 },
  { name: 'Bà Nà', v: 70 },
];

describe('sortRows', () => {
  it('orders names in Vietnamese collation (đ after d, not after z)', () => {
    const names = sortRows(rows, (r) => r.name, 'asc').map((r) => r.name);
    expect(names.indexOf('Đà Sơn')).toBeLessThan(names.indexOf('Hải Vân'));
    expect(names[0]).toBe('An Khê');
  });
  it('orders numbers, keeps ties stable and puts missing values last both ways', () => {
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.name)).toEqual(['An Khê', 'Bà Nà', 'Hải Vân', 'Đà Sơn', 'Ân Hạ']);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.name)).toEqual(['Đà Sơn', 'Hải Vân', 'An Khê', 'Bà Nà', 'Ân Hạ']);
  });
});

describe('nextSort and ariaSort', () => {
  it('flips the same column and starts another at its default', () => {
    const s = nextSort({ key: 'name', dir: 'asc' }, 'name', 'asc');
    expect(s).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort(s, 'value', 'desc')).toEqual({ key: 'value', dir: 'desc' });
    expect(ariaSort(s, 'name')).toBe('descending');
    expect(ariaSort(s, 'value')).toBe('none');
  });
});
