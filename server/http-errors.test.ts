import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { answerFor, HttpError } from './http-errors';

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
