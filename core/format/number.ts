import type { Locale } from '../i18n';

/** BCP 47 tags for the product's locales. Vietnamese uses "." for thousands and "," for decimals. */
export const LOCALE_TAG: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, decimals: number): Intl.NumberFormat {
  const key = `${locale}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAG[locale], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number with a fixed count of decimals: `formatNumber(1234.5, 1, 'vi')` → "1.234,5", in English "1,234.5".
 * `null`, NaN and ±Infinity give the placeholder "–" (a missing value is never shown as 0).
 */
export function formatNumber(value: number | null | undefined, decimals = 0, locale: Locale = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const places = Math.max(0, Math.min(6, Math.trunc(decimals)));
  const factor = 10 ** places;
  const rounded = Math.round(value * factor) / factor;
  // -0.04 rounded to one decimal is -0: show "0,0", not "-0,0".
  return numberFormat(locale, places).format(rounded === 0 ? 0 : rounded);
}

/** "31/34" — how many children of a parent have reported. */
export function formatCoverage(reporting: number, expected: number): string {
  return `${Math.max(0, Math.trunc(reporting))}/${Math.max(0, Math.trunc(expected))}`;
}
