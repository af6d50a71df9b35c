import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatDate, formatDateTime, formatTime, formatWeekdayDate } from './datetime';

// 2026-11-28 07:05:09 UTC is 14:05:09 in Hà Nội (UTC+7, no daylight saving).
const t = Date.UTC(2026, 10, 28, 7, 5, 9);

describe('formatDateTime', () => {
  it('writes Vietnam time as dd/mm/yyyy hh:mm', () => {
    expect(formatDateTime(t, 'vi')).toBe('28/11/2026 14:05');
    expect(formatDateTime(t, 'en')).toBe('28/11/2026 14:05');
  });

  it('rolls the date over at Vietnam midnight, not UTC midnight', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 28, 17, 30), 'vi')).toBe('29/11/2026 00:30');
  });

  it('shows a placeholder for a missing time', () => {
    expect(formatDateTime(null)).toBe('–');
    expect(formatDateTime(Number.NaN)).toBe('–');
  });
});

describe('formatDate and formatTime', () => {
  it('split the same instant', () => {
    expect(formatDate(t)).toBe('28/11/2026');
    expect(formatTime(t)).toBe('14:05:09');
  });
});

describe('formatAge', () => {
  it('uses the largest whole unit', () => {
    expect(formatAge(45_000)).toBe('vừa xong');
    expect(formatAge(5 * 60_000)).toBe('5 phút');
    expect(formatAge(3 * 3_600_000 + 59 * 60_000)).toBe('3 giờ');
    expect(formatAge(2 * 86_400_000)).toBe('2 ngày');
  });

  it('speaks English', () => {
    expect(formatAge(5 * 60_000, 'en')).toBe('5 min');
    expect(formatAge(3 * 3_600_000, 'en')).toBe('3 h');
    expect(formatAge(10_000, 'en')).toBe('just now');
  });

  it('treats clock skew as just now', () => {
    expect(formatAge(-5_000)).toBe('vừa xong');
  });
});

describe('formatWeekdayDate', () => {
  it('names the Vietnam weekday', () => {
    expect(formatWeekdayDate(t, 'vi')).toBe('Thứ Bảy, 28/11/2026');
    expect(formatWeekdayDate(t, 'en')).toBe('Saturday, 28/11/2026');
  });
});

describe('formatAgo', () => {
  it('says how long ago, or just now', () => {
    expect(formatAgo(20_000, 'vi')).toBe('vừa xong');
    expect(formatAgo(5 * 60_000, 'vi')).toBe('5 phút trước');
    expect(formatAgo(3 * 3_600_000, 'en')).toBe('3 h ago');
    expect(formatAgo(10_000, 'en')).toBe('just now');
  });
});
