import type { Locale } from '../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WORDS: Record<Locale, { min: string; hour: string; day: string }> = {
  vi: { min: 'phút', hour: 'giờ', day: 'ngày' },
  en: { min: 'min', hour: 'h', day: 'd' },
};

/**
 * An interval as set (a feed's expected cadence), in the largest unit that divides it exactly: 15 min → "15 phút",
 * 26 h → "26 giờ" (not "1 ngày"), 8 d → "8 ngày"; in English "15 min", "26 h", "8 d". Under a minute: seconds.
 */
export function formatInterval(ms: number, locale: Locale = 'vi'): string {
  const w = WORDS[locale];
  if (!Number.isFinite(ms) || ms <= 0) return '–';
  if (ms < MINUTE) return `${Math.round(ms / 1000)} ${locale === 'vi' ? 'giây' : 's'}`;
  if (ms % DAY === 0) return `${ms / DAY} ${w.day}`;
  if (ms % HOUR === 0) return `${ms / HOUR} ${w.hour}`;
  return `${Math.round(ms / MINUTE)} ${w.min}`;
}
