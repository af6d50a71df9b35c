/**
 * Errors by who must act (STYLE §9). Pure: thrown by core, store, platform, workers and server alike; the server maps
 * them to HTTP answers and socket acks once (server/http-errors.ts). Anything that is neither is a bug: answered 500
 * `internal`, its message logged and never sent.
 */

/** The caller's mistake: a 4xx with a stable code; the message says what to fix. */
export class CallerError extends Error {
  override name = 'CallerError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
  }
}

/**
 * An operational failure: this system's store (Redis down, replicas behind: 503) or a remote system (502) does not
 * answer as it should. Nobody's input is wrong; trying again later may help, after `retryAfterS` when known.
 */
export class OperationalError extends Error {
  override name = 'OperationalError';
  constructor(
    /** The public code of the answer (`unavailable`, `upstream_failed`, …). */
    readonly publicCode: string,
    message: string,
    readonly status: 502 | 503 = 503,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}
