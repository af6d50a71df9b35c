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

/** The one mapper from errors to HTTP answers: `{ error: { code, message, issues? } }`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, issues: err.issues }, ...err.extra });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'request body is over 1 MB; split the batch' } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_json', message: `the body is not valid JSON: ${e.message}` } });
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res.status(415).json({ error: { code: 'unsupported', message: e.message } });
      return;
    }
    if (e.status === 404) {
      res.status(404).json({ error: { code: 'not_found', message: 'no such file' } });
      return;
    }
    const redisDown = /ECONNREFUSED|Connection is closed|MaxRetriesPerRequest/i.test(e.message ?? '');
    if (redisDown) {
      res.status(503).json({ error: { code: 'unavailable', message: 'the data store is not answering; try again shortly' } });
      return;
    }
    log.error({ err }, 'unhandled request error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
