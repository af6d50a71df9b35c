import { describe, expect, it } from 'vitest';
import { formatPeriod } from './period';

describe('formatPeriod', () => {
  it('writes each period kind in Vietnamese', () => {
    expect(formatPeriod('live', 'vi')).toBe('Trực tiếp');
    expect(formatPeriod('2026-11-28', 'vi')).toBe('28/11/2026');
    expect(formatPeriod('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(formatPeriod('2026-03', 'vi')).toBe('Tháng 3/2026');
    expect(formatPeriod('2026-Q4', 'vi')).toBe('Quý IV/2026');
    expect(formatPeriod('2026-Q1', 'vi')).toBe('Quý I/2026');
    expect(formatPeriod('2026', 'vi')).toBe('Năm 2026');
  });

  it('writes each period kind in English', () => {
    expect(formatPeriod('live', 'en')).toBe('Live');
    expect(formatPeriod('2026-11-28', 'en')).toBe('28/11/2026');
    expect(formatPeriod('2026-11', 'en')).toBe('Nov 2026');
    expect(formatPeriod('2026-Q4', 'en')).toBe('Q4 2026');
    expect(formatPeriod('2026', 'en')).toBe('2026');
  });

  it('defaults to Vietnamese and passes unknown shapes through', () => {
    expect(formatPeriod('2026-11')).toBe('Tháng 11/2026');
    expect(formatPeriod('2026-13')).toBe('2026-13');
    expect(formatPeriod('week-48')).toBe('week-48');
  });
});
