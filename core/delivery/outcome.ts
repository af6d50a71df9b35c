/**
 * Whether a failed delivery is tried again. A receiver that refuses the request (4xx) will refuse it again: given up at
 * once, except 408 (timeout) and 429 (slow down). 5xx and no answer at all are retried with backoff. For SMTP, a
 * permanent reply (5xx: 550 no such mailbox, 554 refused) is given up; 4xx (try later) and no connection are retried.
 */
export type Outcome = 'done' | 'retry' | 'give-up';

export function httpOutcome(status: number): Outcome {
  if (status >= 200 && status < 300) return 'done';
  if (status === 408 || status === 429) return 'retry';
  if (status >= 400 && status < 500) return 'give-up';
  return 'retry';
}

/** An SMTP failure by its reply code (undefined: no reply, e.g. the server is unreachable). */
export function smtpOutcome(replyCode: number | undefined): Exclude<Outcome, 'done'> {
  return replyCode !== undefined && replyCode >= 500 && replyCode < 600 ? 'give-up' : 'retry';
}
