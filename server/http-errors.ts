import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** An error that the caller must act on, with its HTTP status and a stable code. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
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
 * Codes of a Redis connection that is down: the socket's, ioredis's class for a command that gave up retrying, and
 * platform/queues.ts's REPLICAS_BEHIND (a batch no replica confirmed in time, REDIS_WAIT_REPLICAS).
 */
const STORE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTCONN', 'REPLICAS_BEHIND']);
const isStoreDown = (e: LibraryError): boolean =>
  e.name === 'MaxRetriesPerRequestError' || (typeof e.code === 'string' && STORE_DOWN_CODES.has(e.code));

/** The 4xx status an error carries (http-errors' `status` / `statusCode`, the router's `status` on a bad URI), if any. */
function clientStatus(e: LibraryError): number | undefined {
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; issues?: string[] } } & Record<string, unknown>;
}

/**
 * The one mapper from errors to HTTP answers: `{ error: { code, message, issues? } }`. Decided by class, `type`,
 * status and code, never by reading message text. Every client error is a 4xx; only the server's own faults are 500.
 */
export function answerFor(err: unknown): ErrorAnswer | undefined {
  if (err instanceof HttpError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, issues: err.issues }, ...err.extra } };
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
    return { status: 503, body: { error: { code: 'unavailable', message: 'the data store is not answering; try again shortly' } } };
  }
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    // an answer already under way (a client that left mid-response) can only be cut: Express's own handler does that
    if (res.headersSent) return next(err);
    const answer = answerFor(err);
    if (answer) {
      res.status(answer.status).json(answer.body);
      return;
    }
    log.error({ err }, 'unhandled request error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
