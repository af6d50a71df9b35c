import type { Localized } from '../i18n';
import type { Cadence, Indicator, PeriodKind, ReportLevel, Thresholds } from './indicator';

/** Building blocks of the catalog files: the rule-derived fields (scale, period kind, staleness) live here, once. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const STALE_REALTIME_MS = 15 * MINUTE_MS;
export const STALE_DAILY_MS = 26 * HOUR_MS;
export const STALE_WEEKLY_MS = 8 * DAY_MS;
export const STALE_MONTHLY_MS = 35 * DAY_MS;
export const STALE_QUARTERLY_MS = 100 * DAY_MS;
export const STALE_YEARLY_MS = 400 * DAY_MS;

export const STALE_AFTER_MS: Readonly<Record<Cadence, number>> = Object.freeze({
  realtime: STALE_REALTIME_MS,
  daily: STALE_DAILY_MS,
  weekly: STALE_WEEKLY_MS,
  monthly: STALE_MONTHLY_MS,
  quarterly: STALE_QUARTERLY_MS,
  yearly: STALE_YEARLY_MS,
});

/** Weekly figures are dated by a day (the day the week's figure is for), so they use day periods. */
export const PERIOD_KIND_OF_CADENCE: Readonly<Record<Cadence, PeriodKind>> = Object.freeze({
  realtime: 'live',
  daily: 'day',
  weekly: 'day',
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
});

/** Domains of §5.2 (the first one named where a row names two; the second is kept in `basis`). */
export const INDICATOR_DOMAINS = [
  'public_service',
  'citizen_feedback',
  'data',
  'ioc_ops',
  'economy',
  'finance',
  'health',
  'education',
  'social',
  'environment',
  'traffic',
  'security',
  'tourism',
  'gov_ops',
] as const;
export type IndicatorDomain = (typeof INDICATOR_DOMAINS)[number];

export interface Measure {
  label: Localized;
  /** Default decimals: % 1, counts 0, scores 2, money 1, hours/days 1. */
  decimals: number;
}

const measure = (vi: string, en: string, decimals: number): Measure => ({ label: { vi, en }, decimals });

export const MEASURES = {
  percent: measure('%', '%', 1),
  points: measure('điểm', 'points', 2),
  rank: measure('hạng', 'rank', 0),
  aqi: measure('VN_AQI', 'VN_AQI', 0),
  days: measure('ngày', 'days', 1),
  hours: measure('giờ', 'hours', 1),
  vndBillion: measure('tỷ đồng', 'VND billion', 1),
  usdMillion: measure('triệu USD', 'USD million', 1),
  dossiers: measure('hồ sơ', 'dossiers', 0),
  reports: measure('phản ánh', 'reports', 0),
  databases: measure('CSDL', 'databases', 0),
  records: measure('bản ghi', 'records', 0),
  transactions: measure('giao dịch', 'transactions', 0),
  enterprises: measure('doanh nghiệp', 'enterprises', 0),
  people: measure('người', 'people', 0),
  cases: measure('vụ', 'cases', 0),
  arrivals: measure('lượt khách', 'arrivals', 0),
  tasks: measure('nhiệm vụ', 'tasks', 0),
} as const satisfies Record<string, Measure>;

const LEVEL_OF_CODE = { C: 'commune', P: 'province', M: 'ministry', N: 'national' } as const satisfies Record<
  string,
  ReportLevel
>;
type LevelCode = keyof typeof LEVEL_OF_CODE;
const LEVEL_ORDER: readonly ReportLevel[] = ['commune', 'province', 'ministry', 'national'];

/** The Levels column as written in §5.2: `levels('C', 'P', 'N')`. Returned in the order C, P, M, N. */
export function levels(...codes: LevelCode[]): ReportLevel[] {
  const wanted = new Set(codes.map((code) => LEVEL_OF_CODE[code]));
  return LEVEL_ORDER.filter((level) => wanted.has(level));
}

/** Fixed warning / critical levels (either may be null where only the other is fixed; say why in `note`). */
export function fixed(warning: number | null, critical: number | null, note?: Localized): Thresholds {
  return note ? { warning, critical, note } : { warning, critical };
}

/** A relative or conditional rule (vs prior period, vs target, share of max …) that a fixed level cannot express. */
export function rule(vi: string, en: string): Thresholds {
  return { warning: null, critical: null, note: { vi, en } };
}

type SpecBase = Omit<
  Indicator,
  'domain' | 'measure' | 'scale' | 'periodKind' | 'staleAfterMs' | 'decimals' | 'numerator' | 'denominator' | 'kind' | 'counts'
> & {
  domain: IndicatorDomain;
  measure: Measure;
  /** Overrides the measure's default decimals. */
  decimals?: number;
  /** Overrides the period kind of the cadence: a running count of the day updated live is `realtime` with `day` periods. */
  periodKind?: PeriodKind;
  /** A ratio of amounts (money), not of counts: its num and den may have decimals. */
  amounts?: true;
};

/** ratio and wmean must say what num and den count; the other kinds must not. */
export type IndicatorSpec =
  | (SpecBase & { kind: 'ratio' | 'wmean'; numerator: Localized; denominator: Localized })
  | (SpecBase & { kind: 'sum' | 'max' | 'official'; numerator?: never; denominator?: never });

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A complete, frozen Indicator: scale, periodKind and staleAfterMs follow from kind, measure and cadence. */
export function defineIndicator(spec: IndicatorSpec): Indicator {
  const { measure: unit, decimals, numerator, denominator, periodKind, amounts, ...rest } = spec;
  const indicator: Indicator = {
    ...rest,
    measure: { ...unit.label },
    counts: (spec.kind === 'sum' && unit.decimals === 0) || (spec.kind === 'ratio' && !amounts),
    scale: spec.kind === 'ratio' && unit.label.en === '%' ? 100 : 1,
    periodKind: periodKind ?? PERIOD_KIND_OF_CADENCE[spec.cadence],
    staleAfterMs: STALE_AFTER_MS[spec.cadence],
    decimals: decimals ?? unit.decimals,
    thresholds: { ...spec.thresholds },
    range: { ...spec.range },
    ...(numerator && denominator ? { numerator, denominator } : {}),
  };
  return deepFreeze(indicator);
}
