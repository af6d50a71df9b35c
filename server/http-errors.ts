import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AccessCode, Decision } from '../core/access/principal';
import type { AckError } from '../core/contract/events';
import { CallerError, OperationalError } from '../core/errors/who-acts';

/** An error that the caller must act on, with its HTTP status and a stable code (a CallerError the server throws). */
export class HttpError extends CallerError {
  override name = 'HttpError';
  constructor(
    status: number,
    code: string,
    message: string,
    issues?: string[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(status, code, message, issues);
  }
}

/** Access refused (core/access decide): 401 `unauthorized` or 403 `forbidden`, and why as `access`. */
export class AccessError extends HttpError {
  override name = 'AccessError';
  readonly access: AccessCode;
  constructor(refusal: Extract<Decision, { ok: false }>) {
    super(refusal.status, refusal.status === 401 ? 'unauthorized' : 'forbidden', refusal.reason);
    this.access = refusal.code;
  }
}

export const badRequest = (message: string, issues?: string[]) => new HttpError(400, 'bad_request', message, issues);

/** The shape of the errors of body-parser / raw-body (http-errors), zlib, the router and ioredis, as far as read here. */
interface LibraryError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  code?: unknown;
  name?: unknown;
  limit?: unknown;
  message?: unknown;
}

/** body-parser / raw-body error types that are the client's doing, by `type` (the server's own faults are not here). */
const BODY_ERRORS: Record<string, { status: number; code: string; message: (e: LibraryError) => string }> = {
  'entity.too.large': {
    status: 413,
    code: 'too_large',
    message: (e) => `request body is over ${typeof e.limit === 'number' ? `${e.limit} bytes` : 'the limit'}; split the batch`,
  },
  'entity.parse.failed': { status: 400, code: 'bad_json', message: (e) => `the body is not valid JSON: ${String(e.message)}` },
  'encoding.unsupported': { status: 415, code: 'unsupported', message: () => 'unsupported Content-Encoding (identity, gzip, deflate or br)' },
  'charset.unsupported': { status: 415, code: 'unsupported', message: () => 'unsupported charset (send UTF-8)' },
  'request.aborted': { status: 400, code: 'aborted', message: () => 'the request was aborted before its body was read' },
  'request.size.invalid': { status: 400, code: 'bad_request', message: () => 'the body is not as long as its Content-Length says' },
};

/** Stable codes of the other client errors, by status (a status not listed here is answered as it came, 'bad_request'). */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  412: 'precondition_failed',
  413: 'too_large',
  415: 'unsupported',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  431: 'too_large',
};

/** Codes zlib gives a body that is not what its Content-Encoding says: Z_DATA_ERROR, Z_BUF_ERROR (cut short), brotli's. */
const isZlibCode = (code: unknown): boolean => typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_'));

/**
 * Codes of a Redis connection that is down: the socket's, and ioredis's class for a command that gave up retrying.
 * (platform/queues.ts's ReplicasBehindError, a batch no replica confirmed in time, is an OperationalError.)
 */
const STORE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN']);
/** Seconds a client is asked to wait (Retry-After) when the data store does not answer. */
export const STORE_RETRY_AFTER_S = 5;
const isStoreDown = (e: LibraryError): boolean =>
  e.name === 'MaxRetriesPerRequestError' || (typeof e.code === 'string' && STORE_DOWN_CODES.has(e.code));

/** The 4xx status an error carries (http-errors' `status` / `statusCode`, the router's `status` on a bad URI), if any. */
function clientStatus(e: LibraryError): number | undefined {
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; issues?: string[]; access?: AccessCode } } & Record<string, unknown>;
  /** Seconds to wait before trying again (the Retry-After header), for an operational failure. */
  retryAfterS?: number;
}

const INTERNAL: ErrorAnswer = { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };

/**
 * The one mapper from errors to HTTP answers: `{ error: { code, message, issues?, access? } }`, by who must act.
 * The caller's mistake (a CallerError, a library's client error) is a 4xx with its code; an operational failure (an
 * OperationalError, a Redis that does not answer) is a 503 or 502 with a code and Retry-After; anything else is a
 * bug: `undefined` here, answered 500 `internal` without its message. Decided by class, `type`, status and code,
 * never by reading message text.
 */
export function answerFor(err: unknown): ErrorAnswer | undefined {
  if (err instanceof CallerError) {
    const extra = err instanceof HttpError ? err.extra : undefined;
    const access = err instanceof AccessError ? { access: err.access } : {};
    return { status: err.status, body: { error: { code: err.code, message: err.message, issues: err.issues, ...access }, ...extra } };
  }
  if (err instanceof OperationalError) {
    return { status: err.status, body: { error: { code: err.publicCode, message: err.message } }, retryAfterS: err.retryAfterS };
  }
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as LibraryError;
  const known = typeof e.type === 'string' && Object.hasOwn(BODY_ERRORS, e.type) ? BODY_ERRORS[e.type] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message(e) } } };
  const status = clientStatus(e);
  if (status !== undefined) {
    if (isZlibCode(e.code)) {
      return { status: 400, body: { error: { code: 'bad_encoding', message: 'the body is not what its Content-Encoding says (corrupt or cut short)' } } };
    }
    if (status === 404) return { status, body: { error: { code: 'not_found', message: 'no such file' } } };
    const message = e.expose === true && typeof e.message === 'string' ? e.message : 'bad request';
    return { status, body: { error: { code: STATUS_CODES[status] ?? 'bad_request', message } } };
  }
  if (isStoreDown(e)) {
    return {
      status: 503,
      body: { error: { code: 'unavailable', message: 'the data store is not answering; try again shortly' } },
      retryAfterS: STORE_RETRY_AFTER_S,
    };
  }
  return undefined;
}

/** The answer to send for any error: answerFor's, or 500 `internal` for a bug (its message is never sent). */
export function answerOrInternal(err: unknown): ErrorAnswer {
  return answerFor(err) ?? INTERNAL;
}

/**
 * A socket handshake refused for a credential that is not valid: socket.io hands `data` to the client's
 * `connect_error` (`error.data.code` 'unauthorized', `error.data.access` why).
 */
export function refusedHandshake(access: AccessCode, message: string): Error & { data: { code: string; access: AccessCode } } {
  return Object.assign(new Error(message), { data: { code: 'unauthorized', access } });
}

/** The one mapper from errors to socket acks: the same code as the HTTP answer, `{ ok: false, error }`. */
export function ackFor(err: unknown): { ok: false; error: AckError } {
  const { code, message, issues, access } = answerOrInternal(err).body.error;
  return { ok: false, error: { code, message, ...(issues ? { issues } : {}), ...(access ? { access } : {}) } };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    // an answer already under way (a client that left mid-response) can only be cut: Express's own handler does that
    if (res.headersSent) return next(err);
    const answer = answerOrInternal(err);
    // a bug is logged with its detail; an operational failure is told by the store's watch (socket-server.ts), once
    if (answer === INTERNAL) log.error({ err }, 'unhandled request error');
    if (answer.retryAfterS !== undefined) res.set('Retry-After', String(answer.retryAfterS));
    res.status(answer.status).json(answer.body);
  };
}
