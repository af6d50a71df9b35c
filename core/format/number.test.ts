import { describe, expect, it } from 'vitest';
import { formatCoverage, formatNumber } from './number';

describe('formatNumber', () => {
  it('writes Vietnamese thousands and decimals', () => {
    expect(formatNumber(1234.5, 1, 'vi')).toBe('1.234,5');
    expect(formatNumber(1234567, 0, 'vi')).toBe('1.234.567');
    expect(formatNumber(97.456, 2, 'vi')).toBe('97,46');
  });

  it('writes English thousands and decimals', () => {
    expect(formatNumber(1234.5, 1, 'en')).toBe('1,234.5');
  });

  it('pads to the requested decimals', () => {
    expect(formatNumber(95, 1, 'vi')).toBe('95,0');
  });

  it('never shows a missing value as a number, nor a negative zero', () => {
    expect(formatNumber(null, 1, 'vi')).toBe('–');
    expect(formatNumber(Number.NaN, 1, 'vi')).toBe('–');
    expect(formatNumber(Number.POSITIVE_INFINITY, 0, 'vi')).toBe('–');
    expect(formatNumber(-0.04, 1, 'vi')).toBe('0,0');
  });

  it('defaults to Vietnamese and no decimals', () => {
    expect(formatNumber(12345.6)).toBe('12.346');
  });
});

describe('formatCoverage', () => {
  it('writes reporting over expected', () => {
    expect(formatCoverage(31, 34)).toBe('31/34');
  });
});
