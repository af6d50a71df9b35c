/**
 * The magnitude limits of stored figures (docs/api.md, "Limits"). They are what makes a rollup exact and its running
 * sums unable to overflow, whatever the order and the corrections of the observations:
 *
 * - A count (a sum of things, a ratio's num and den where the indicator counts things) is a whole number in
 *   0 … MAX_COUNT. MAX_COUNT × MAX_LEAVES = 2^53, so the national total of every commune stays an exact integer in
 *   IEEE-754 doubles, and adding then removing a child's figure leaves no residue.
 * - Any other component (an amount in tỷ đồng, a wmean's value or weight, a max or an official value) is a finite number
 *   with |x| ≤ MAX_MAGNITUDE, so that value × weight ≤ 2^82 and a sum of MAX_LEAVES of them ≤ 2^94: far from overflow.
 *
 * The ingest boundary (core/contract/validate-observation.ts) refuses an item outside them with its reason; the apply
 * script (store/lua/apply-batch.lua) checks the same bounds again before its first write and refuses the whole batch.
 */

/** Leaf units a national total may add up: the 3,321 communes of 2025 rounded up to a power of two, with room. */
export const MAX_LEAVES = 4096;

/** 2^41 = 2,199,023,255,552: the largest count one unit may report (2^53 / MAX_LEAVES). */
export const MAX_COUNT = 2 ** 53 / MAX_LEAVES;

/** The largest |component| of a figure that is not a count (the same 2^41, about 2.2 × 10^12). */
export const MAX_MAGNITUDE = 2 ** 41;

/** The earliest observedAt accepted: 2000-01-01T00:00:00Z. Older instants are typing errors (seconds for ms, 1970). */
export const MIN_OBSERVED_AT_MS = Date.UTC(2000, 0, 1);

/** How far an observedAt may run ahead of this server's clock (clock skew between systems), not more. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Why a component is out of bounds, or undefined when it is within them. */
export function componentOutOfBounds(name: string, x: number, count: boolean): string | undefined {
  if (count) {
    if (!Number.isInteger(x)) return `${name} must be a whole number (a count), got ${x}`;
    if (x > MAX_COUNT) return `${name} ${x} is over the limit for a count (${MAX_COUNT})`;
    return undefined;
  }
  if (Math.abs(x) > MAX_MAGNITUDE) return `${name} ${x} is over the magnitude limit (±${MAX_MAGNITUDE})`;
  return undefined;
}
