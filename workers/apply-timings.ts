import { APPLY_SECONDS_BUCKETS, emptyCounts, observe, type BucketCounts } from '../core/ops/histogram';

/**
 * This worker process's apply durations since its last heartbeat (workers/heartbeat.ts adds them to Redis and starts
 * again): counting costs the apply no Redis call.
 */
let pending: BucketCounts = emptyCounts(APPLY_SECONDS_BUCKETS);

export function observeApply(seconds: number): void {
  observe(pending, APPLY_SECONDS_BUCKETS, seconds);
}

/** What was counted since the last take; counting starts again from zero. */
export function takeApplyTimings(): BucketCounts {
  const taken = pending;
  pending = emptyCounts(APPLY_SECONDS_BUCKETS);
  return taken;
}

/** Puts counts back that could not be written (Redis away): they go with the next heartbeat. */
export function restoreApplyTimings(h: BucketCounts): void {
  h.counts.forEach((n, i) => (pending.counts[i] = (pending.counts[i] ?? 0) + n));
  pending.sum += h.sum;
  pending.count += h.count;
}
