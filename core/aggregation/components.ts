import type { AggregationKind } from '../indicators/indicator';

/**
 * What is stored for one (indicator, unit, period), per kind (DESIGN §4, core/contract MetricValue):
 * - sum: num = value, den = null.
 * - ratio: num, den as reported (value = scale × num / den).
 * - wmean: num = value × weight, den = weight (value = num / den).
 * - max / min / official: num = value, den = null.
 * Both are IEEE-754 doubles: counts are exact up to 2^53, money and weighted products are not (see rollup.ts).
 */
export interface Components {
  num: number;
  den: number | null;
}

export interface ComponentsInput {
  value?: number;
  num?: number;
  den?: number;
  weight?: number;
}

/** A programming or boundary error: the input does not fit the kind. Validation should have caught it first. */
export class ComponentsError extends Error {
  override name = 'ComponentsError';
}

function required(kind: AggregationKind, input: ComponentsInput, field: keyof ComponentsInput): number {
  const x = input[field];
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new ComponentsError(`${kind}: ${field} must be a finite number, got ${String(x)}`);
  }
  return x;
}

function nonNegative(kind: AggregationKind, field: string, x: number): number {
  if (x < 0) throw new ComponentsError(`${kind}: ${field} must not be negative, got ${x}`);
  return x;
}

/**
 * Components from an observation's figures. ratio takes {num, den}; wmean takes {value, weight} (or, as forwarded
 * by a federated IOC, its already-multiplied {num, den}); the other kinds take {value}. A denominator or weight of 0
 * is allowed (it yields no value); a negative one is not.
 */
export function toComponents(kind: AggregationKind, input: ComponentsInput): Components {
  switch (kind) {
    case 'ratio':
      return { num: required(kind, input, 'num'), den: nonNegative(kind, 'den', required(kind, input, 'den')) };
    case 'wmean': {
      if (input.value === undefined && input.weight === undefined && input.num !== undefined) {
        return { num: required(kind, input, 'num'), den: nonNegative(kind, 'den', required(kind, input, 'den')) };
      }
      const value = required(kind, input, 'value');
      const weight = nonNegative(kind, 'weight', required(kind, input, 'weight'));
      return { num: value * weight, den: weight };
    }
    case 'sum':
    case 'max':
    case 'official':
      return { num: required(kind, input, 'value'), den: null };
  }
}

/**
 * The displayable value. ratio: scale × num / den, and null when den is 0 (never 0 %); wmean: num / den, null when
 * den is 0; the other kinds: num.
 */
export function valueOf(kind: AggregationKind, scale: number, c: Components): number | null {
  switch (kind) {
    case 'ratio':
      return c.den === null || c.den === 0 ? null : (scale * c.num) / c.den;
    case 'wmean':
      return c.den === null || c.den === 0 ? null : c.num / c.den;
    case 'sum':
    case 'max':
    case 'official':
      return c.num;
  }
}
