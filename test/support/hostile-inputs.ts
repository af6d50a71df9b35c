import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * fast-check arbitraries of hostile inputs for the boundary tests (test/integration/hostile-requests.redis.test.ts).
 * Bodies are built as a small JSON tree so that what JSON.stringify cannot write still goes on the wire: raw number
 * tokens (1e999, -0, 2^53+1 as digits) and own keys named __proto__ or constructor.
 */

/** A token written as it is into the JSON text (a number JSON.stringify would change or refuse). */
export class Raw {
  constructor(readonly text: string) {}
}
/** An object as its entries, in order, so `__proto__` is an own key of the text. */
export class Obj {
  constructor(readonly entries: readonly (readonly [string, Tree])[]) {}
}
export type Tree = Raw | Obj | readonly Tree[] | string | number | boolean | null;

export function jsonText(t: Tree): string {
  if (t instanceof Raw) return t.text;
  if (t instanceof Obj) return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  if (Array.isArray(t)) return `[${t.map(jsonText).join(',')}]`;
  return JSON.stringify(t) ?? 'null';
}

/** The same tree as a JavaScript value (for a socket payload): own keys via defineProperty, raw numbers read as JSON does. */
export function jsValue(t: Tree): unknown {
  if (t instanceof Raw) return JSON.parse(t.text) as unknown;
  if (t instanceof Obj) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of t.entries) Object.defineProperty(o, k, { value: jsValue(v), enumerable: true, configurable: true, writable: true });
    return o;
  }
  if (Array.isArray(t)) return t.map(jsValue);
  return t;
}

const RAW_NUMBERS = ['-0', '1e308', '-1e308', '1e999', '-1e999', '9007199254740993', '-9007199254740993', '8640000000000001', '1e16',
  '123456789012345678901234567890', '5e-324', '1e-400', '0.1', '-1', '0', '1E3', '2.5e+2'];
export const hostileNumber: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom(...RAW_NUMBERS).map((s) => new Raw(s)),
  fc.constantFrom(0, -1, 1, 2 ** 53 + 1, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', 'NaN', 'Infinity', '-0', '1e308', '12', 'null', 'true', '[]', '{}', 'Hà Nội',
    '𝕍ℕ', '０１', 'VN ', ' VN', 'vn', '../../etc/passwd', '%00', '<script>', "' OR 1=1 --", ...PROTO_KEYS),
  fc.constantFrom(2000, 10_000, 70_000).map((n) => 'x'.repeat(n)),
);
export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }));
const hostileScalar: fc.Arbitrary<Tree> = fc.oneof(hostileNumber, hostileString, fc.boolean(), fc.constant(null));

/** Any JSON tree of hostile scalars, keys and shapes (depth-bounded; deepNesting() is the deep one). */
export const hostileTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('tree'), { maxLength: 5 }),
    fc.array(fc.tuple(hostileKey, tie('tree')), { maxLength: 5 }).map((e) => new Obj(e)),
  ),
})).tree;

/** Arrays or objects nested `depth` deep, as text (JSON.stringify of such a value would itself overflow the stack). */
export const deepNesting = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A tree with one entry replaced by a hostile value, removed, or joined by a prototype key. */
export function mutated(base: Obj): fc.Arbitrary<Tree> {
  const n = base.entries.length;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(base) },
    { weight: 3, arbitrary: fc.tuple(fc.nat(n - 1), hostileTree).map(([i, v]) => new Obj(base.entries.map(([k, x], j) => [k, j === i ? v : x] as const))) },
    { weight: 1, arbitrary: fc.nat(n - 1).map((i) => new Obj(base.entries.filter((_, j) => j !== i))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS), hostileTree).map(([k, v]) => new Obj([...base.entries, [k, v]])) },
    { weight: 1, arbitrary: hostileTree },
  );
}

/** What goes on the wire: headers and the body's bytes. */
export interface WireBody {
  headers: Record<string, string>;
  body: Buffer;
  /** A short human description for a failure report. */
  note: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const OVER_A_MEGABYTE = Buffer.from(`{"batchId":"big","observations":[],"pad":"${'x'.repeat(1100 * 1024)}"}`);
const compressors = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;
type Coding = keyof typeof compressors;
const coding = fc.constantFrom<Coding>('gzip', 'deflate', 'br');

/**
 * A JSON text sent every way a client can get it wrong: as it is, compressed right, compressed and then corrupted, cut
 * short or labelled with another coding, random bytes under a coding, unknown codings, wrong Content-Type or charset,
 * deep nesting, random bytes, an empty body, and a body over 1 MB.
 */
export function wireBody(text: fc.Arbitrary<string>): fc.Arbitrary<WireBody> {
  const plain = text.map((t): WireBody => ({ headers: { ...JSON_TYPE }, body: Buffer.from(t), note: 'json' }));
  const compressed = fc.tuple(text, coding).map(([t, c]): WireBody => ({ headers: { ...JSON_TYPE, 'content-encoding': c }, body: compressors[c](Buffer.from(t)), note: `json ${c}` }));
  const corrupt = fc
    .tuple(text, coding, fc.constantFrom('flip', 'cut', 'mislabel', 'random', 'empty', 'appended'), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 256 }))
    .map(([t, c, how, at, bytes]): WireBody => {
      let body = compressors[c](Buffer.from(t));
      let label: string = c;
      if (how === 'flip') {
        body = Buffer.from(body);
        const i = at % body.length;
        body[i] = body[i]! ^ 0xff;
      } else if (how === 'cut') body = body.subarray(0, at % Math.max(1, body.length - 1));
      else if (how === 'mislabel') label = c === 'gzip' ? 'br' : c === 'br' ? 'deflate' : 'gzip';
      else if (how === 'random') body = Buffer.from(bytes);
      else if (how === 'empty') body = Buffer.alloc(0);
      else body = Buffer.concat([body, Buffer.from(bytes)]);
      return { headers: { ...JSON_TYPE, 'content-encoding': label }, body, note: `corrupt ${c} (${how}) as ${label}` };
    });
  const oddCoding = fc
    .tuple(text, fc.constantFrom('compress', 'zstd', 'x-gzip', 'gzip, br', 'GZIP', 'identity', 'Identity', 'gzip;q=1', '', ' '))
    .map(([t, c]): WireBody => ({ headers: { ...JSON_TYPE, 'content-encoding': c }, body: Buffer.from(t), note: `coding '${c}'` }));
  const oddType = fc
    .tuple(text, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-7',
      'application/json; charset=latin1', 'application/json; charset=utf-99', 'application/json; charset=utf-16', 'application/json; charset="', 'application/*', 'json', ';;;', 'application/json; charset=UTF-8'))
    .map(([t, type]): WireBody => ({ headers: { 'content-type': type }, body: Buffer.from(t), note: `type '${type}'` }));
  const noType = text.map((t): WireBody => ({ headers: {}, body: Buffer.from(t), note: 'no content-type' }));
  const deep = fc
    .tuple(fc.constantFrom(1000, 100_000, 400_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
    .map(([d, k]): WireBody => ({ headers: { ...JSON_TYPE }, body: Buffer.from(deepNesting(d, k)), note: `${k}s ${d} deep` }));
  const deepGzip = fc.constantFrom(200_000).map((d): WireBody => ({ headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync(deepNesting(d, 'array')), note: `gzip of arrays ${d} deep` }));
  const bytes = fc.uint8Array({ maxLength: 512 }).map((b): WireBody => ({ headers: { ...JSON_TYPE }, body: Buffer.from(b), note: 'random bytes' }));
  const big = fc.constantFrom('identity', 'gzip').map((c): WireBody =>
    c === 'gzip'
      ? { headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync(OVER_A_MEGABYTE), note: 'gzip of 1.1 MB' }
      : { headers: { ...JSON_TYPE }, body: OVER_A_MEGABYTE, note: '1.1 MB' },
  );
  return fc.oneof(
    { weight: 12, arbitrary: plain },
    { weight: 2, arbitrary: compressed },
    { weight: 5, arbitrary: corrupt },
    { weight: 1, arbitrary: oddCoding },
    { weight: 2, arbitrary: oddType },
    { weight: 1, arbitrary: noType },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: deepGzip },
    { weight: 2, arbitrary: bytes },
    { weight: 1, arbitrary: big },
  );
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate goes as U+FFFD; encodeURIComponent would throw). */
const pct = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');

/**
 * A query string from entries: known names, bracketed names (`indicators[x]`), prototype names and random ones,
 * repeated names, hostile values, sometimes broken percent-encoding; never over 8 KB (Node answers longer URLs 431
 * before Express sees them).
 */
export function queryString(names: readonly string[], values: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => `${n}[x]`) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => `${n}[]`) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const known = (n: string) => (Object.hasOwn(values, n) ? values[n]! : hostileString);
  const value = (n: string) => fc.oneof({ weight: 3, arbitrary: known(n.replace(/\[.*$/, '')) }, { weight: 2, arbitrary: hostileString });
  const pair = name.chain((n) =>
    fc.tuple(fc.constant(n), value(n), fc.constantFrom('encoded', 'encoded', 'encoded', 'raw', 'broken')).map(([k, v, how]) => {
      const vv = v.length > 3000 ? v.slice(0, 3000) : v;
      if (how === 'raw') return `${k}=${vv}`.replace(/[#&\s]/g, '');
      if (how === 'broken') return `${pct(k)}=${pct(vv)}${['%', '%zz', '%E0%A4', '%FF', '%u1234'][vv.length % 5]}`;
      return `${pct(k)}=${pct(vv)}`;
    }),
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => {
    let q = pairs.join('&');
    while (q.length > 8000) q = q.slice(0, q.lastIndexOf('&') > 0 ? q.lastIndexOf('&') : 8000);
    return q;
  });
}

/** Stream ids as a client could send them back: good ones, overflowing parts, signs, exponents, other digits. */
export const hostileStreamId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('99999999999999999999999-1', '1-99999999999999999999999', '18446744073709551615-18446744073709551615', '18446744073709551616-0',
    '9007199254740992-0', '9007199254740991-9007199254740991', '0-0', '1-1', '-1-1', '1--1', '1e3-1', ' 1-1', '1-1 ', '١-١', '1-', '-1', '',
    '+', '-', '1.5-0', '0x10-0', '00000000000000000001-0'),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}-${b}`),
  fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 2n ** 70n })).map(([a, b]) => `${a}-${b}`),
  hostileString,
);
