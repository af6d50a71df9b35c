/**
 * Redis stream ids, "<ms>-<seq>": the change stream's ids are the sequence numbers clients resync from (docs/api.md).
 * The one comparison of them, used by the store (replay coverage), the server and the client (dropping stale
 * deltas). They compare numerically part by part: "1700000000000-10" is after "1700000000000-9", which a string
 * comparison gets wrong. A missing or unreadable part counts as 0 ("5" is "5-0").
 */
function parts(id: string): [number, number] {
  const dash = id.indexOf('-');
  const ms = Number(dash < 0 ? id : id.slice(0, dash));
  const seq = dash < 0 ? 0 : Number(id.slice(dash + 1));
  return [Number.isFinite(ms) ? ms : 0, Number.isFinite(seq) ? seq : 0];
}

/** Negative when a is before b, 0 when they are the same id, positive when a is after b. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  return am !== bm ? am - bm : as - bs;
}

/**
 * A stream id as a client sends it back: two decimal parts, each a safe integer. Redis takes up to 2^64-1, but the
 * ids it gives are milliseconds and counters, far below 2^53; anything larger is not an id this installation gave
 * out, and would make Redis refuse the range.
 */
export function isStreamId(s: string): boolean {
  const m = /^(\d{1,16})-(\d{1,16})$/.exec(s);
  return m !== null && Number.isSafeInteger(Number(m[1])) && Number.isSafeInteger(Number(m[2]));
}
