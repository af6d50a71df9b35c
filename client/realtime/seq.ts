/**
 * Sequence numbers are Redis stream ids, "<ms>-<n>" (docs/api.md). They are compared numerically part by part:
 * "1700000000000-10" is after "1700000000000-9", which a string comparison gets wrong.
 */
function parts(seq: string): [number, number] {
  const [ms = '0', n = '0'] = seq.split('-');
  const a = Number(ms);
  const b = Number(n);
  return [Number.isFinite(a) ? a : 0, Number.isFinite(b) ? b : 0];
}

/** Negative when a is before b, 0 when equal, positive when a is after b. */
export function compareSeq(a: string, b: string): number {
  const [am, an] = parts(a);
  const [bm, bn] = parts(b);
  return am !== bm ? am - bm : an - bn;
}

/** True when `seq` is strictly after `last` (anything is after "nothing applied yet"). */
export function isAfter(seq: string, last: string | null): boolean {
  return last === null || compareSeq(seq, last) > 0;
}
