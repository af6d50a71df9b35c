import { valueOf } from '../core/aggregation/components';
import type { MetricValue } from '../core/contract/metrics';
import type { Indicator } from '../core/indicators/indicator';

/**
 * A latest value as stored in a `latest` hash field: "num|den|observedAt|source|reporting" (den and reporting may be
 * empty). store/lua/apply-batch.lua writes the same encoding.
 */
export function decodeValue(
  indicator: Indicator,
  unit: string,
  period: string,
  encoded: string,
): MetricValue | undefined {
  const [num, den, at, source, n] = encoded.split('|');
  if (num === undefined || at === undefined || source === undefined) return undefined;
  const c = { num: Number(num), den: den ? Number(den) : null };
  const value: MetricValue = {
    indicator: indicator.id,
    unit,
    period,
    value: valueOf(indicator.kind, indicator.scale, c),
    num: c.num,
    den: c.den,
    observedAt: Number(at),
    source,
  };
  if (n) value.reporting = Number(n);
  return value;
}

/** The observedAt of an encoded latest value (its third field). */
export function storedAt(encoded: string): number {
  const a = encoded.indexOf('|');
  const b = encoded.indexOf('|', a + 1);
  const c = encoded.indexOf('|', b + 1);
  return Number(encoded.slice(b + 1, c));
}
