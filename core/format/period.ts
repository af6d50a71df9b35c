import type { Locale } from '../i18n';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * The period a figure is for, as people read it:
 * `live` → "Trực tiếp" / "Live"; `2026-11-28` → "28/11/2026"; `2026-11` → "Tháng 11/2026" / "Nov 2026";
 * `2026-Q4` → "Quý IV/2026" / "Q4 2026"; `2026` → "Năm 2026" / "2026". Anything else is returned unchanged.
 */
export function formatPeriod(period: string, locale: Locale = 'vi'): string {
  if (period === 'live') return locale === 'vi' ? 'Trực tiếp' : 'Live';
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) {
      return locale === 'vi' ? `Tháng ${month}/${m[1]}` : `${MONTHS_EN[month - 1]} ${m[1]}`;
    }
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const q = Number(m[2]);
    return locale === 'vi' ? `Quý ${ROMAN[q - 1]}/${m[1]}` : `Q${q} ${m[1]}`;
  }
  if (/^\d{4}$/.test(period)) return locale === 'vi' ? `Năm ${period}` : period;
  return period;
}
