import type { EmailContactPoint, NotifyBody } from '../../core/contract/contact-points';
import { mailOf } from '../../core/delivery/mail-text';
import { smtpOutcome } from '../../core/delivery/outcome';
import { MailError, type Mailer } from '../../platform/mail';
import { UnrecoverableError } from '../../platform/queues';

/**
 * One e-mail to the contact point's addresses, written in Vietnamese from the notification. A permanent SMTP reply
 * (5xx, e.g. 550) fails the delivery at once; a 4xx reply or an unreachable server throws so BullMQ retries.
 */
export async function deliverEmail(mailer: Mailer | undefined, cp: EmailContactPoint, body: NotifyBody, deliveryId: string): Promise<{ rejected: string[] }> {
  if (!mailer) throw new UnrecoverableError('e-mail delivery is not configured (SMTP_URL, SMTP_FROM)');
  const mail = mailOf(body);
  try {
    return await mailer.send({ to: cp.addresses, ...mail, messageId: `<${deliveryId.replace(/[^A-Za-z0-9._-]/g, '-')}@ioc-live>` });
  } catch (err) {
    if (err instanceof MailError && smtpOutcome(err.replyCode) === 'give-up') throw new UnrecoverableError(`${err.message} (SMTP ${err.replyCode}: not retried)`);
    throw err;
  }
}
