import { createI18n } from 'vue-i18n';
import type { Locale } from '../../core/i18n';
import { en } from './en';
import { type MessageSchema, vi } from './vi';

const STORAGE_KEY = 'ioc.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/** `?lang=en` wins (a wall screen is configured by its URL), then the last choice on this browser, then Vietnamese. */
function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be disabled on kiosk browsers
  }
  return 'vi';
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
}
