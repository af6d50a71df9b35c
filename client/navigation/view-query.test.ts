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
      from: null,
      to: null,
    });
  });
  it('drops what is not a code, an id or a known range; VN is no drill', () => {
    expect(parseViewQuery({ scope: 'VN', indicator: 'Bad Id!', range: '2w', unit: '<x>', compare: 'next' })).toEqual({
      scope: null,
      indicator: null,
      range: null,
      unit: null,
      compare: null,
      from: null,
      to: null,
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

describe('from–to history windows', () => {
  it('reads two Vietnam dates in order, or neither', () => {
    expect(parseViewQuery({ from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(parseViewQuery({ from: '2026-11-01', to: '2026-11-01' })).toMatchObject({ from: '2026-11-01', to: '2026-11-01' });
    for (const q of [{ from: '2026-11-30', to: '2026-11-01' }, { from: '2026-11-01' }, { from: '2026-02-30', to: '2026-03-02' }, { from: '1796490000000', to: '2026-11-30' }]) {
      expect(parseViewQuery(q)).toMatchObject({ from: null, to: null });
    }
  });
  it('keeps the window in the URL after range, and a preset chosen removes it', () => {
    const withSpan = patchViewQuery({ unit: '48', range: '7d' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(withSpan).toEqual({ range: '7d', from: '2026-11-01', to: '2026-11-30', unit: '48' });
    expect(patchViewQuery(withSpan, { range: '30d' })).toEqual({ range: '30d', unit: '48' });
    expect(patchViewQuery(withSpan, { range: '7d', from: null, to: null })).toEqual({ range: '7d', unit: '48' });
    expect(patchViewQuery(withSpan, { unit: '01', range: '7d' })).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    // another unit keeps the window (comparing units over the same days)
    expect(patchViewQuery(withSpan, { unit: '01' })).toMatchObject({ from: '2026-11-01', to: '2026-11-30', unit: '01' });
  });
});
