import type { PeriodKind } from '../indicators/indicator';

/** Viet Nam keeps UTC+7 all year (Asia/Ho_Chi_Minh has no daylight saving). */
export const VN_OFFSET_MS = 7 * 3600_000;

const PATTERNS: Record<Exclude<PeriodKind, 'live'>, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** The kind of a period string, or undefined when it is none of `live`, `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY`. */
export function periodKindOf(period: string): PeriodKind | undefined {
  if (period === 'live') return 'live';
  for (const [kind, re] of Object.entries(PATTERNS) as [Exclude<PeriodKind, 'live'>, RegExp][]) {
    const m = re.exec(period);
    if (m && periodStartMs(period) !== undefined) return kind;
  }
  return undefined;
}

/** Start of a period in Viet Nam time, as epoch ms; undefined for `live` or an impossible date. */
export function periodStartMs(period: string): number | undefined {
  let y: number, mo = 1, d = 1;
  let m = PATTERNS.day.exec(period);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = PATTERNS.month.exec(period))) [y, mo] = [Number(m[1]), Number(m[2])];
  else if ((m = PATTERNS.quarter.exec(period))) [y, mo] = [Number(m[1]), (Number(m[2]) - 1) * 3 + 1];
  else if ((m = PATTERNS.year.exec(period))) y = Number(m[1]);
  else return undefined;
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return utc - VN_OFFSET_MS;
}

/** The period of the given kind that contains `nowMs`, in Viet Nam time. */
export function currentPeriod(kind: PeriodKind, nowMs: number): string {
  if (kind === 'live') return 'live';
  const t = new Date(nowMs + VN_OFFSET_MS);
  const y = t.getUTCFullYear();
  const mo = t.getUTCMonth() + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (kind) {
    case 'day':
      return `${y}-${pad(mo)}-${pad(t.getUTCDate())}`;
    case 'month':
      return `${y}-${pad(mo)}`;
    case 'quarter':
      return `${y}-Q${Math.floor((mo - 1) / 3) + 1}`;
    case 'year':
      return `${y}`;
  }
}

/** True when the period has not started yet at `nowMs` (Viet Nam time). */
export function isFuturePeriod(period: string, nowMs: number): boolean {
  const start = periodStartMs(period);
  return start !== undefined && start > nowMs;
}

/** The period just before this one (the same kind): the comparison base for "change since the previous period". */
export function previousPeriod(period: string): string | undefined {
  const kind = periodKindOf(period);
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = periodStartMs(period);
  if (kind === undefined || kind === 'live' || start === undefined) return undefined;
  const t = new Date(start + VN_OFFSET_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  switch (kind) {
    case 'day':
      return currentPeriod('day', start - 1);
    case 'month':
      return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
    }
    case 'year':
      return `${y - 1}`;
  }
}
