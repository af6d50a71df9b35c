import { createHmac } from 'node:crypto';
import type { NotifyBody, WebhookContactPoint } from '../../core/contract/contact-points';
import { httpOutcome } from '../../core/delivery/outcome';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureBase, signatureHeader } from '../../core/delivery/signature';
import { UnrecoverableError } from '../../platform/queues';

/** The X-IOC-Signature value for a body sent at `timestampS` (docs/api.md "Verifying a webhook"). */
export function signWebhook(secret: string, timestampS: number, body: string): string {
  return signatureHeader(createHmac('sha256', secret).update(signatureBase(timestampS, body)).digest('hex'));
}

/**
 * One signed POST with a timeout. A 2xx is done; a 4xx other than 408 and 429 fails the delivery at once
 * (UnrecoverableError: the receiver refuses this request and will again); a 5xx, 408, 429 or no answer throws so BullMQ
 * retries with backoff.
 */
export async function deliverWebhook(cp: WebhookContactPoint, secret: string, body: NotifyBody, deliveryId: string, nowMs = Date.now()): Promise<number> {
  const json = JSON.stringify(body);
  const ts = Math.floor(nowMs / 1000);
  const res = await fetch(cp.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'IOC-Live-webhook/1',
      [TIMESTAMP_HEADER]: String(ts),
      [SIGNATURE_HEADER]: signWebhook(secret, ts, json),
      'X-IOC-Delivery': deliveryId,
    },
    body: json,
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  const outcome = httpOutcome(res.status);
  if (outcome === 'give-up') throw new UnrecoverableError(`webhook answered ${res.status}: not retried`);
  if (outcome === 'retry') throw new Error(`webhook answered ${res.status}`);
  return res.status;
}
