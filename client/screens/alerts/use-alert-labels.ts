import { useI18n } from 'vue-i18n';
import type { AlertRecord } from '../../../core/alerts/alert';
import { LINK_ALERT_INDICATOR } from '../../../core/federation/link-state';
import { formatNumber } from '../../../core/format';
import { useScopeNames } from '../../access/use-scope-names';
import { useLocale } from '../../composables/use-locale';
import { useIndicatorsStore } from '../../stores/indicators.store';
import { isCommuneCode, isProvinceCode } from '../../../core/units/unit-code';

/**
 * Words for an alert: its unit ("Phường Hải Châu, Đà Nẵng"), its indicator's name and its value with the measure, in
 * the page's language. Loads the catalog when no screen has yet (the alerts pages, a wall starting on its alerts).
 */
export function useAlertLabels() {
  const { t } = useI18n();
  const locale = useLocale();
  const indicators = useIndicatorsStore();
  const scopes = useScopeNames();
  if (indicators.list.length === 0 && !indicators.loading) void indicators.load().catch(() => undefined);

  function unit(code: string): string {
    return scopes.label(code);
  }

  function indicator(id: string): string {
    if (id === LINK_ALERT_INDICATOR) return t('links.alertName');
    return indicators.get(id)?.name[locale.value] ?? id;
  }

  function value(a: Pick<AlertRecord, 'indicator' | 'value' | 'severity'>): string {
    if (a.value === null) return t('alerts.noValue');
    if (a.indicator === LINK_ALERT_INDICATOR) return t('links.alertValue', { n: formatNumber(a.value, 0, locale.value) });
    const ind = indicators.get(a.indicator);
    const n = formatNumber(a.value, ind?.decimals ?? 1, locale.value);
    return ind ? `${n} ${ind.measure[locale.value]}` : n;
  }

  /** The province a unit belongs to (itself for a province); undefined while a commune's list is not loaded. */
  function provinceOf(code: string): string | undefined {
    if (isProvinceCode(code)) return code;
    const u = scopes.unit(code);
    if (!u) {
      if (isCommuneCode(code)) scopes.label(code); // loads the communes' list, once
      return undefined;
    }
    return u.level === 'commune' ? (u.parent ?? undefined) : undefined;
  }

  return { locale, unit, indicator, value, provinceOf };
}
