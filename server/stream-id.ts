import { z } from 'zod';

/**
 * A Redis stream id as clients send it back (`since` of view:subscribe, `before` of the audit log): two decimal parts,
 * each a safe integer. Redis takes up to 2^64-1, but the ids it gives are milliseconds and counters, far below 2^53;
 * anything larger is not an id this server gave out, and would make Redis refuse the range.
 */
export function isStreamId(s: string): boolean {
  const m = /^(\d{1,16})-(\d{1,16})$/.exec(s);
  return m !== null && Number.isSafeInteger(Number(m[1])) && Number.isSafeInteger(Number(m[2]));
}

export const streamId = z.string().refine(isStreamId, 'a stream id <ms>-<seq>, two integers below 2^53');
