import { z } from 'zod';
import type { AlertEvent } from '../alerts/alert';
import type { Localized } from '../i18n';
import type { ReportDelivery } from './reports';

/**
 * Contact points (docs/api.md "Contact points"): where an IOC's alerts and scheduled reports go — a signed webhook
 * (an SMS or messaging gateway) or e-mail to a few addresses, for the units within its scope.
 */
export const CONTACT_POINT_KINDS = ['webhook', 'email'] as const;
export type ContactPointKind = (typeof CONTACT_POINT_KINDS)[number];

/** At most this many addresses on one e-mail contact point (a duty roster, not a mailing list). */
export const MAX_EMAIL_ADDRESSES = 20;

interface ContactPointBase {
  id: string;
  name: string;
  scope: string;
  createdBy: string;
  createdAt: number;
}
export interface WebhookContactPoint extends ContactPointBase {
  kind: 'webhook';
  url: string;
}
export interface EmailContactPoint extends ContactPointBase {
  kind: 'email';
  addresses: string[];
}
/** A contact point as stored and answered (its webhook secret is kept apart and never listed). */
export type ContactPoint = WebhookContactPoint | EmailContactPoint;

/** Why a webhook URL is refused at save: each a 400 with code `bad_url` naming the field `url`. */
export interface UrlRule {
  /** Production without WEBHOOK_ALLOW_HTTP: only https. */
  httpsOnly: boolean;
}

/** The reason a webhook URL is refused, or undefined when it may be saved. */
export function webhookUrlProblem(raw: string, rule: UrlRule): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `scheme ${u.protocol.replace(/:$/, '')} is not http or https`;
  if (u.username !== '' || u.password !== '') return 'no credentials in the URL: the receiver checks the signature instead';
  if (u.hostname === '') return 'no host';
  if (rule.httpsOnly && u.protocol !== 'https:') return 'https only in production (WEBHOOK_ALLOW_HTTP=on allows http)';
  return undefined;
}

const base = {
  name: z.string().trim().min(1).max(100),
  scope: z.string().min(2).max(16),
};

/** POST /api/v1/contact-points. Without `kind` it is a webhook (the body of releases before e-mail delivery). */
export const contactPointInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('webhook'), url: z.string().trim().min(1).max(2000) }),
  z.object({
    ...base,
    kind: z.literal('email'),
    addresses: z
      .array(z.string().trim().toLowerCase().pipe(z.email('not an e-mail address')))
      .min(1, 'at least one address')
      .max(MAX_EMAIL_ADDRESSES, `at most ${MAX_EMAIL_ADDRESSES} addresses`)
      .transform((a) => [...new Set(a)]),
  }),
]);
export type ContactPointInput = z.infer<typeof contactPointInputSchema>;

/** The body as sent, with the webhook kind filled in where an older client left it out. */
export function withDefaultKind(body: unknown): unknown {
  return body && typeof body === 'object' && !('kind' in body) ? { ...body, kind: 'webhook' } : body;
}

/** What the alert notifications carry (the webhook's JSON body; the e-mail is written from it). */
export interface AlertNotification extends AlertEvent {
  type: `alert.${'fired' | 'escalated' | 'resolved'}`;
  time: string;
  unitName: Localized | null;
  indicatorName: Localized | null;
  /** Unit of measure of the value and threshold ("%", "hồ sơ"). */
  measure: Localized | null;
  /** The level crossed: the rule's warning or critical level (null for a no-data alert). */
  threshold: number | null;
  decimals: number;
  /** The alert on the dashboard (PUBLIC_URL). */
  link: string;
}

/** Everything the notify queue delivers: alert notifications and scheduled reports. */
export type NotifyBody = AlertNotification | ReportDelivery;
