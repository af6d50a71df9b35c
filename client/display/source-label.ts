import type { UnitLevel } from '../../core/units/unit';

/** The figure's source id that a derived parent carries (core/contract/metrics.ts). */
export const ROLLUP_SOURCE = 'rollup';

/** The i18n keys a source's label is made of (client/i18n/fresh.*.ts, `source.*`). */
export type SourceLabelKey = 'source.rollupCommunes' | 'source.rollupProvinces' | 'source.rollup' | 'source.upload' | 'source.viaLink' | 'source.unknown';

/**
 * A figure's source as a person reads it: the feed's name from the feeds board (`names`: source id → name), "Tổng hợp
 * từ xã, phường" for a province's rollup ("… tỉnh, thành phố" for the nation's), a file upload, or a figure forwarded
 * by a lower IOC's link (`<link id>/<instance>:<source>…`: the origin's source, "qua" the link's name). An id the board
 * does not list (a source outside the reader's scope, a deleted one) is shown as it is. Pure: `t` translates.
 */
export function sourceLabel(
  source: string | null | undefined,
  names: ReadonlyMap<string, string>,
  t: (key: SourceLabelKey, params?: Record<string, string>) => string,
  level?: UnitLevel,
): string {
  if (!source) return t('source.unknown');
  if (source === ROLLUP_SOURCE) {
    if (level === 'national') return t('source.rollupProvinces');
    if (level === 'province') return t('source.rollupCommunes');
    return t('source.rollup');
  }
  const named = names.get(source);
  if (named) return named;
  const slash = source.indexOf('/');
  if (slash > 0) {
    const link = source.slice(0, slash);
    const lastHop = source.slice(slash + 1).split('/').pop() ?? '';
    const origin = lastHop.includes(':') ? lastHop.slice(lastHop.indexOf(':') + 1) : lastHop;
    return t('source.viaLink', { origin: origin || lastHop, link: names.get(link) ?? link });
  }
  if (source.startsWith('upload-')) return t('source.upload');
  return source;
}
