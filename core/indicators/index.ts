/** The indicator catalog (domain/indicators.md §5.2) and its types. */
export type * from './indicator';
export { ALL_INDICATORS, INDICATORS, INDICATORS_BY_ID, indicatorById } from './catalog';
export { DVC766_GROUPS, variantId, variantsOf } from './variants';
export type { IndicatorDomain, Measure } from './catalog.define';
export {
  INDICATOR_DOMAINS,
  MEASURES,
  PERIOD_KIND_OF_CADENCE,
  STALE_AFTER_MS,
  STALE_DAILY_MS,
  STALE_MONTHLY_MS,
  STALE_QUARTERLY_MS,
  STALE_REALTIME_MS,
  STALE_WEEKLY_MS,
  STALE_YEARLY_MS,
} from './catalog.define';
