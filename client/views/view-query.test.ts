import { describe, expect, it } from 'vitest';
import { parseViewQuery, patchViewQuery, sameQuery } from './view-query';

describe('parseViewQuery', () => {
  it('reads scope, indicator, range, unit and compare', () => {
    expect(parseViewQuery({ scope: '48', indicator: 'dossier_on_time_rate', range: '7d', unit: '20194', compare: 'prev' })).toEqual({
      scope: '48',
      indicator: 'dossier_on_time_rate',
      range: '7d',
      unit: '20194',
      compare: 'prev',
    });
  });
  it('drops what is not a code, an id or a known range; VN is no drill', () => {
    expect(parseViewQuery({ scope: 'VN', indicator: 'Bad Id!', range: '2w', unit: '<x>', compare: 'next' })).toEqual({
      scope: null,
      indicator: null,
      range: null,
      unit: null,
      compare: null,
    });
    expect(parseViewQuery({ scope: ['01', '48'] }).scope).toBe('01');
  });
});

describe('patchViewQuery', () => {
  it('keeps keys it does not own and writes its own in a fixed order', () => {
    const next = patchViewQuery({ test: '1', indicator: 'x', lang: 'en' }, { scope: '48' });
    expect(next).toEqual({ test: '1', lang: 'en', scope: '48', indicator: 'x' });
    expect(Object.keys(next)).toEqual(['test', 'lang', 'scope', 'indicator']);
  });
  it('closes the detail panel when the scope changes, and the comparison when the unit changes', () => {
    const from = { scope: '48', unit: '20194', compare: 'prev', range: '7d' };
    expect(patchViewQuery(from, { scope: null })).toEqual({ range: '7d' });
    expect(patchViewQuery(from, { unit: '20200' })).toEqual({ scope: '48', range: '7d', unit: '20200' });
    expect(patchViewQuery(from, { scope: '01', unit: '00004' })).toEqual({ scope: '01', range: '7d', unit: '00004' });
  });
  it('removes a key set to null', () => {
    expect(patchViewQuery({ scope: '48', unit: '20194' }, { unit: null })).toEqual({ scope: '48' });
  });
});

describe('sameQuery', () => {
  it('ignores key order and empty keys', () => {
    expect(sameQuery({ a: '1', b: '2' }, { b: '2', a: '1', c: undefined })).toBe(true);
    expect(sameQuery({ a: '1' }, { a: '2' })).toBe(false);
  });
});
