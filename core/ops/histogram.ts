/**
 * A fixed-bucket histogram as plain counts, for figures one process measures and another exposes (the workers'
 * apply durations reach /metrics through Redis: docs/operations.md). Counts per bucket are not cumulative here;
 * `cumulative` turns them into Prometheus's `le` buckets.
 */

/** Upper bounds (seconds) of the apply script's duration buckets. */
export const APPLY_SECONDS_BUCKETS: readonly number[] = Object.freeze([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

export interface BucketCounts {
  /** counts[i]: observations ≤ bounds[i] and > bounds[i-1]; counts[bounds.length]: above the last bound (+Inf). */
  counts: number[];
  sum: number;
  count: number;
}

export function emptyCounts(bounds: readonly number[]): BucketCounts {
  return { counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
}

export function observe(h: BucketCounts, bounds: readonly number[], value: number): void {
  let i = bounds.findIndex((b) => value <= b);
  if (i < 0) i = bounds.length;
  h.counts[i] = (h.counts[i] ?? 0) + 1;
  h.sum += value;
  h.count += 1;
}

/** Prometheus buckets: for each bound (and `+Inf`), the observations at or below it. */
export function cumulative(h: BucketCounts, bounds: readonly number[]): { le: string; count: number }[] {
  let running = 0;
  return [...bounds.map(String), '+Inf'].map((le, i) => {
    running += h.counts[i] ?? 0;
    return { le, count: running };
  });
}
