import { describe, expect, it } from 'vitest';
import { checkRule, type RuleLevels } from './rule-check';

const below: RuleLevels = { bad: 'below', warning: 80, critical: 60, clear: 85, pendingMs: 0, noDataMs: 3_600_000 };
const above: RuleLevels = { bad: 'above', warning: 100, critical: 150, clear: 95, pendingMs: 300_000, noDataMs: null };
const codes = (r: RuleLevels) => checkRule(r).map((i) => `${i.field}:${i.code}`);

describe('rule check (the server and the editor both use it)', () => {
  it('accepts ordered levels with the clear level on the good side', () => {
    expect(checkRule(below)).toEqual([]);
    expect(checkRule(above)).toEqual([]);
    expect(checkRule({ ...below, critical: null, clear: null })).toEqual([]);
    expect(checkRule({ ...below, critical: 80 })).toEqual([]); // equal levels are allowed, as on the server
    expect(checkRule({ ...below, clear: 80 })).toEqual([]);
  });

  it('needs a level, in the bad direction', () => {
    expect(codes({ ...below, warning: null, critical: null })).toEqual(['warning:noLevel']);
    expect(checkRule({ ...below, critical: 90 })).toEqual([{ field: 'critical', code: 'order', edge: 80 }]);
    expect(codes({ ...above, critical: 90, clear: 85 })).toEqual(['critical:order']);
  });

  it('puts the clear level on the good side of the first level crossed (a real hysteresis band)', () => {
    expect(checkRule({ ...below, clear: 75 })).toEqual([{ field: 'clear', code: 'clearSide', edge: 80 }]);
    expect(checkRule({ ...above, clear: 120 })).toEqual([{ field: 'clear', code: 'clearSide', edge: 100 }]);
    expect(checkRule({ ...below, warning: null, clear: 55 })).toEqual([{ field: 'clear', code: 'clearSide', edge: 60 }]);
  });

  it('keeps durations within the server limits and levels finite', () => {
    expect(codes({ ...below, pendingMs: -1 })).toEqual(['pendingMs:range']);
    expect(codes({ ...below, pendingMs: 8 * 86400_000 })).toEqual(['pendingMs:range']);
    expect(codes({ ...below, noDataMs: 30_000 })).toEqual(['noDataMs:range']);
    expect(codes({ ...below, warning: Number.NaN })).toEqual(['warning:notNumber']);
  });
});

describe('rule check edge cases the server relies on', () => {
  it('refuses durations that are not whole milliseconds and keeps every issue of a rule', () => {
    expect(codes({ ...below, pendingMs: 1.5 })).toEqual(['pendingMs:range']);
    expect(codes({ ...below, critical: 90, clear: 70, noDataMs: 1 })).toEqual(['critical:order', 'clear:clearSide', 'noDataMs:range']);
    expect(codes({ ...above, clear: Number.POSITIVE_INFINITY })).toEqual(['clear:notNumber']);
  });
});
