import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook';

/** The receiver's code as docs/api.md "Verifying a webhook" gives it, run as written. */
function documentedVerifier(): (secret: string, headers: Record<string, string>, raw: Buffer, nowS?: number) => boolean {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('#### Verifying a webhook'));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1]!.replace(/^import .*$/m, '');
  return new Function('createHmac', 'timingSafeEqual', 'Buffer', `${code}\nreturn verifyIocWebhook;`)(createHmac, timingSafeEqual, Buffer);
}

describe('signWebhook', () => {
  const body = JSON.stringify({ type: 'alert.fired', unitName: { vi: 'Phường Hải Châu' } });

  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret', () => {
    const expected = createHmac('sha256', 'whsec_test').update(Buffer.from(`1765100000.${body}`, 'utf8')).digest('hex');
    expect(signWebhook('whsec_test', 1765100000, body)).toBe(`v1=${expected}`);
    expect(signWebhook('whsec_other', 1765100000, body)).not.toBe(`v1=${expected}`);
    expect(signWebhook('whsec_test', 1765100001, body)).not.toBe(`v1=${expected}`);
  });

  it('passes the receiver code of docs/api.md, which refuses another secret, a changed body and a stale timestamp', () => {
    const verify = documentedVerifier();
    const ts = 1765100000;
    const headers = { 'x-ioc-timestamp': String(ts), 'x-ioc-signature': signWebhook('whsec_test', ts, body) };
    const raw = Buffer.from(body, 'utf8');
    expect(verify('whsec_test', headers, raw, ts + 10)).toBe(true);
    expect(verify('whsec_other', headers, raw, ts + 10)).toBe(false);
    expect(verify('whsec_test', headers, Buffer.from(body.replace('Hải', 'Hai')), ts + 10)).toBe(false);
    expect(verify('whsec_test', headers, raw, ts + 301)).toBe(false);
    expect(verify('whsec_test', { ...headers, 'x-ioc-signature': `v1=abc, ${headers['x-ioc-signature']}` }, raw, ts)).toBe(true);
  });
});
