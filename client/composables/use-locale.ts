import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../../core/i18n';

/** The page's current language as the product's Locale type. */
export function useLocale(): ComputedRef<Locale> {
  const { locale } = useI18n();
  return computed<Locale>(() => (locale.value === 'en' ? 'en' : 'vi'));
}
