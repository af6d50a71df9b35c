import { describe, expect, it } from 'vitest';
import { authorityDecided, authorityOver, overlapsOf, scopeOverlap, settleAuthority, type AuthorityScope } from './source-authority';

/** A tiny tree: VN › 48 › 48001, 48002; VN › 01 › 01001. */
const PARENT: Record<string, string> = { '48': 'VN', '01': 'VN', '48001': '48', '48002': '48', '01001': '01' };
const isWithin = (code: string, scope: string): boolean => {
  for (let c: string | undefined = code; c; c = PARENT[c]) if (c === scope) return true;
  return false;
};
const src = (id: string, units: string[], indicators: string[] | '*', yieldsTo?: string[]): AuthorityScope => ({ id, units, indicators, ...(yieldsTo ? { yieldsTo } : {}) });

describe('scopeOverlap', () => {
  it('shares the narrower unit of a nested pair and the common indicators', () => {
    expect(scopeOverlap(src('a', ['48'], ['x', 'y']), src('b', ['48001', '01001'], ['y', 'z']), isWithin)).toEqual({ indicators: ['y'], units: ['48001'] });
  });
  it("treats '*' as every indicator", () => {
    expect(scopeOverlap(src('a', ['VN'], '*'), src('b', ['48'], '*'), isWithin)).toEqual({ indicators: '*', units: ['48'] });
    expect(scopeOverlap(src('a', ['48'], '*'), src('b', ['48'], ['x']), isWithin)).toEqual({ indicators: ['x'], units: ['48'] });
  });
  it('is nothing for sibling units or disjoint indicators', () => {
    expect(scopeOverlap(src('a', ['48'], '*'), src('b', ['01'], '*'), isWithin)).toBeUndefined();
    expect(scopeOverlap(src('a', ['48001'], '*'), src('b', ['48002'], '*'), isWithin)).toBeUndefined();
    expect(scopeOverlap(src('a', ['48'], ['x']), src('b', ['48'], ['y']), isWithin)).toBeUndefined();
  });
});

describe('overlapsOf', () => {
  const others = [src('b', ['48'], ['x']), src('c', ['01'], '*'), src('d', ['48002'], '*', ['a'])];
  it('lists every overlapping source but itself', () => {
    expect(overlapsOf(src('a', ['48'], '*'), [...others, src('a', ['48'], '*')], isWithin).map((c) => c.source)).toEqual(['b', 'd']);
  });
  it('with undecided, leaves out pairs an admin already settled either way', () => {
    expect(overlapsOf(src('a', ['48'], '*'), others, isWithin, true).map((c) => c.source)).toEqual(['b']);
    expect(overlapsOf(src('a', ['48'], '*', ['b']), others, isWithin, true)).toEqual([]);
  });
});

describe('settleAuthority', () => {
  it('wins: each overlapped source yields to the saved one, which yields to none of them', () => {
    const changed = settleAuthority(src('a', ['48'], '*', ['b']), [src('b', ['48'], '*'), src('c', ['48'], '*', ['a'])], 'wins');
    expect(Object.fromEntries(changed)).toEqual({ b: ['a'], a: [] });
  });
  it('yields: the saved source yields to each, and a reverse decision is dropped', () => {
    const changed = settleAuthority(src('a', ['48'], '*'), [src('b', ['48'], '*', ['a', 'z']), src('c', ['48'], '*')], 'yields');
    expect(Object.fromEntries(changed)).toEqual({ b: ['z'], a: ['b', 'c'] });
  });
  it('changes nothing when the decision already stands', () => {
    expect(settleAuthority(src('a', ['48'], '*'), [src('b', ['48'], '*', ['a'])], 'wins').size).toBe(0);
  });
  it('makes the pair decided', () => {
    const a = src('a', ['48'], '*');
    const b = src('b', ['48'], '*');
    expect(authorityDecided(a, b)).toBe(false);
    const changed = settleAuthority(a, [b], 'yields');
    expect(authorityDecided({ ...a, yieldsTo: changed.get('a') }, b)).toBe(true);
  });
});

describe('authorityOver', () => {
  const winners = [src('w', ['48001'], ['x']), src('v', ['01'], '*')];
  it('names the winner whose scope covers the item', () => {
    expect(authorityOver('x', '48001', winners, isWithin)).toBe('w');
    expect(authorityOver('y', '01001', winners, isWithin)).toBe('v');
  });
  it('is undefined outside every winner’s scope', () => {
    expect(authorityOver('y', '48001', winners, isWithin)).toBeUndefined();
    expect(authorityOver('x', '48002', winners, isWithin)).toBeUndefined();
  });
});
