/**
 * Sequence numbers are Redis stream ids, "<ms>-<n>" (docs/api.md), compared numerically part by part by the one
 * comparison of core/contract/stream-id.ts.
 */
import { compareStreamIds } from '../../core/contract/stream-id';

/** Negative when a is before b, 0 when equal, positive when a is after b. */
export const compareSeq = compareStreamIds;

/** True when `seq` is strictly after `last` (anything is after "nothing applied yet"). */
export function isAfter(seq: string, last: string | null): boolean {
  return last === null || compareSeq(seq, last) > 0;
}
