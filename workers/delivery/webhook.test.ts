import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './webhook';

describe('signWebhook', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret, as docs/api.md tells receivers', () => {
    const body = JSON.stringify({ type: 'alert.fired', unitName: { vi: 'Phường Hải Châu' } });
    const expected = createHmac('sha256', 'whsec_test').update(Buffer.from(`1765100000.${body}`, 'utf8')).digest('hex');
    expect(signWebhook('whsec_test', 1765100000, body)).toBe(`v1=${expected}`);
    expect(signWebhook('whsec_other', 1765100000, body)).not.toBe(`v1=${expected}`);
    expect(signWebhook('whsec_test', 1765100001, body)).not.toBe(`v1=${expected}`);
  });
});
