import type { Logger } from 'pino';
import type { Mailer } from '../../platform/mail';
import type { NotifyRun } from '../../platform/queues';
import type { RedisClient } from '../../platform/redis';
import { getContactPoint, webhookSecret } from '../../store/contact-points.repo';
import type { Keys } from '../../store/keys';
import { deliverEmail } from './email';
import { deliverWebhook } from './webhook';

export interface DeliveryContext {
  redis: RedisClient;
  keys: Keys;
  mailer: Mailer | undefined;
  log: Logger;
}

/**
 * The notify worker's processor: reads the contact point as it is now and sends by its kind. A contact point deleted
 * since the delivery was queued is skipped (nothing to send to).
 */
export function deliverer(ctx: DeliveryContext) {
  return async (run: NotifyRun): Promise<string> => {
    const cp = await getContactPoint(ctx.redis, ctx.keys, run.data.contactPoint);
    if (!cp) return 'contact point deleted';
    if (cp.kind === 'webhook') {
      const status = await deliverWebhook(cp, await webhookSecret(ctx.redis, ctx.keys, cp.id), run.data.body, run.id);
      return `webhook ${status}`;
    }
    const { rejected } = await deliverEmail(ctx.mailer, cp, run.data.body, run.id);
    if (rejected.length > 0) ctx.log.warn({ contactPoint: cp.id, rejected }, 'the SMTP server refused some addresses');
    return `e-mail to ${cp.addresses.length - rejected.length} of ${cp.addresses.length}`;
  };
}
