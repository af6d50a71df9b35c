import type { Locale } from '../i18n';

/** Every time on screen is Vietnam time, whatever the browser's or server's own zone. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Part = 'day' | 'month' | 'year' | 'hour' | 'minute' | 'second';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(ms: number): Record<Part, string> {
  const out: Record<Part, string> = { day: '', month: '', year: '', hour: '', minute: '', second: '' };
  for (const part of partsFormat.formatToParts(ms)) {
    if (part.type in out) out[part.type as Part] = part.value;
  }
  return out;
}

function valid(ms: number | null | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms);
}

/** "28/11/2026 14:05" in Vietnam time (both locales write day/month/year on this product). */
export function formatDateTime(ms: number | null | undefined, _locale: Locale = 'vi'): string {
  if (!valid(ms)) return '–';
  const p = parts(ms);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "28/11/2026" in Vietnam time. */
export function formatDate(ms: number | null | undefined): string {
  if (!valid(ms)) return '–';
  const p = parts(ms);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "14:05:09" in Vietnam time. */
export function formatTime(ms: number | null | undefined): string {
  if (!valid(ms)) return '–';
  const p = parts(ms);
  return `${p.hour}:${p.minute}:${p.second}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const AGE_WORDS: Record<Locale, { now: string; min: string; hour: string; day: string }> = {
  vi: { now: 'vừa xong', min: 'phút', hour: 'giờ', day: 'ngày' },
  en: { now: 'just now', min: 'min', hour: 'h', day: 'd' },
};

/**
 * How old a value is, in the largest whole unit: 45 s → "vừa xong", 5 min → "5 phút", 3 h → "3 giờ", 2 d → "2 ngày";
 * in English "5 min", "3 h", "2 d". Negative ages (clock skew) count as "just now".
 */
export function formatAge(ms: number, locale: Locale = 'vi'): string {
  const words = AGE_WORDS[locale];
  if (!Number.isFinite(ms) || ms < MINUTE) return words.now;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} ${words.min}`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} ${words.hour}`;
  return `${Math.floor(ms / DAY)} ${words.day}`;
}

const AGO_WORDS: Record<Locale, { now: string; ago: (age: string) => string }> = {
  vi: { now: 'vừa xong', ago: (age) => `${age} trước` },
  en: { now: 'just now', ago: (age) => `${age} ago` },
};

/** "vừa xong" / "5 phút trước" / "3 giờ trước"; in English "just now" / "5 min ago". */
export function formatAgo(ms: number, locale: Locale = 'vi'): string {
  const words = AGO_WORDS[locale];
  if (!Number.isFinite(ms) || ms < MINUTE) return words.now;
  return words.ago(formatAge(ms, locale));
}

const weekdayFormats: Record<Locale, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: VN_TIME_ZONE, weekday: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: VN_TIME_ZONE, weekday: 'long' }),
};

/** "Thứ Bảy, 28/11/2026" / "Saturday, 28/11/2026" in Vietnam time, for the header clock. */
export function formatWeekdayDate(ms: number | null | undefined, locale: Locale = 'vi'): string {
  if (!valid(ms)) return '–';
  const weekday = weekdayFormats[locale].format(ms);
  const capitalised = weekday.charAt(0).toLocaleUpperCase(locale) + weekday.slice(1);
  return `${capitalised}, ${formatDate(ms)}`;
}
