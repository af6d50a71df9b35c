import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { decide } from '../core/access/principal';
import { CallerError, OperationalError } from '../core/errors/who-acts';
import { ReplicasBehindError } from '../platform/queues';
import { BatchRefusedError } from '../store/apply-batch';
import { ConnectorConflictError } from '../store/connectors.repo';
import { PullError } from '../workers/feeds/connectors/pull-error';
import { AccessError, ackFor, answerFor, answerOrInternal, HttpError, refusedHandshake } from './http-errors';

/** A real zlib error, as body-parser hands it on: the same object with status 400 and expose set (http-errors). */
function zlibError(decode: (b: Buffer) => Buffer): unknown {
  try {
    decode(Buffer.from('not compressed at all'));
  } catch (err) {
    return Object.assign(err as object, { status: 400, statusCode: 400, expose: true });
  }
  throw new Error('decoded garbage');
}

describe('answerFor: every client error is a 4xx with a stable code', () => {
  it('keeps an HttpError as it is', () => {
    expect(answerFor(new HttpError(409, 'conflict', 'taken'))).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });
  it('maps body-parser types', () => {
    expect(answerFor({ type: 'entity.too.large', status: 413, limit: 4096 })).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    expect(answerFor({ type: 'entity.parse.failed', status: 400 })).toMatchObject({ status: 400, body: { error: { code: 'bad_json' } } });
    expect(answerFor({ type: 'encoding.unsupported', status: 415 })?.status).toBe(415);
    expect(answerFor({ type: 'charset.unsupported', status: 415 })?.status).toBe(415);
    expect(answerFor({ type: 'request.aborted', status: 400 })).toMatchObject({ status: 400, body: { error: { code: 'aborted' } } });
  });
  it('maps a corrupt gzip, deflate or br body to 400 bad_encoding', () => {
    for (const decode of [gunzipSync, inflateSync, brotliDecompressSync]) {
      expect(answerFor(zlibError(decode))).toMatchObject({ status: 400, body: { error: { code: 'bad_encoding' } } });
    }
  });
  it("maps any other 4xx by its status, the router's bad URI included", () => {
    expect(answerFor(Object.assign(new URIError('Failed to decode param'), { status: 400 }))).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(answerFor({ status: 416, expose: true, message: 'Range Not Satisfiable' })).toMatchObject({ status: 416, body: { error: { code: 'range_not_satisfiable' } } });
    expect(answerFor({ status: 404 })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
  it('leaves server faults to be a 500 (raw-body stream.encoding.set, a plain bug)', () => {
    expect(answerFor({ type: 'stream.encoding.set', status: 500, expose: false })).toBeUndefined();
    expect(answerFor(new TypeError('x is undefined'))).toBeUndefined();
    // a message that merely reads like a Redis outage is not one
    expect(answerFor(new Error('ECONNREFUSED'))).toBeUndefined();
  });
  it('maps a Redis that does not answer to 503, by ioredis class and socket code', async () => {
    // nothing listens on port 1: ioredis gives up the command with its MaxRetriesPerRequestError
    const redis = new Redis({ port: 1, maxRetriesPerRequest: 0, retryStrategy: () => 50, lazyConnect: false });
    redis.on('error', () => undefined);
    const err = await redis.get('x').catch((e: unknown) => e);
    redis.disconnect();
    expect(answerFor(err)).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
    expect(answerFor(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))?.status).toBe(503);
  });
});

describe('errors by who must act: each class maps to one status and code, for HTTP and socket acks alike', () => {
  const refusal = (d: ReturnType<typeof decide>) => {
    if (d.ok) throw new Error('expected a refusal');
    return new AccessError(d);
  };
  const within = (code: string, scope: string) => code === scope;

  it("answers the caller's mistakes with their 4xx and code", () => {
    expect(answerFor(new CallerError(422, 'batch_refused', 'out of bounds'))).toMatchObject({ status: 422, body: { error: { code: 'batch_refused', message: 'out of bounds' } } });
    expect(answerFor(new BatchRefusedError('x'))).toMatchObject({ status: 422, body: { error: { code: 'batch_refused' } } });
    expect(answerFor(new ConnectorConflictError('taken'))).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(answerFor(new HttpError(400, 'bad_request', 'bad', ['a: b'], { field: 'a' }))).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: 'bad', issues: ['a: b'] }, field: 'a' },
    });
  });
  it('answers an access refusal 401/403 with the public code and why as `access`', () => {
    expect(answerFor(refusal(decide({ kind: 'anonymous' }, 'read', '48', within, 'session_expired')))).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', access: 'session_expired' } },
    });
    const viewer = { kind: 'user', id: 'u', username: 'u', role: 'viewer', scope: '48' } as const;
    expect(answerFor(refusal(decide(viewer, 'read', '01', within)))).toMatchObject({ status: 403, body: { error: { code: 'forbidden', access: 'out_of_scope' } } });
    expect(ackFor(refusal(decide(viewer, 'admin', undefined, within)))).toMatchObject({ ok: false, error: { code: 'forbidden', access: 'role_required' } });
  });
  it('answers an operational failure 503/502 with a code and Retry-After', () => {
    expect(answerFor(new ReplicasBehindError(2, 1))).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } }, retryAfterS: 1 });
    expect(answerFor(new OperationalError('upstream_failed', 'the portal answered 500', 502))).toMatchObject({ status: 502, body: { error: { code: 'upstream_failed' } } });
    expect(answerFor(new PullError('http_error', 'HTTP 500', true, 500))).toMatchObject({ status: 502, body: { error: { code: 'upstream_failed' } } });
    expect(answerFor(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))?.retryAfterS).toBeGreaterThan(0);
    expect(ackFor(new ReplicasBehindError(2, 0))).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
  it('answers a bug 500 internal and never sends its message', () => {
    for (const bug of [new TypeError('secret path /etc/x is undefined'), new Error('SELECT * FROM users'), 'a string', null]) {
      expect(answerOrInternal(bug)).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error' } } });
      expect(ackFor(bug)).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    }
  });
  it('gives an ack the same code as the HTTP answer', () => {
    const errors = [new HttpError(404, 'not_found', 'unknown indicator'), new HttpError(400, 'bad_request', 'x', ['scope: y']), { type: 'entity.parse.failed', status: 400 }];
    for (const err of errors) expect(ackFor(err).error.code).toBe(answerFor(err)!.body.error.code);
    expect(ackFor(errors[1])).toEqual({ ok: false, error: { code: 'bad_request', message: 'x', issues: ['scope: y'] } });
  });
  it('refuses a socket handshake with the code in `data`', () => {
    expect(refusedHandshake('display_revoked', 'unknown or revoked display token').data).toEqual({ code: 'unauthorized', access: 'display_revoked' });
  });
});
