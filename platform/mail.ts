import nodemailer from 'nodemailer';
import type { Config } from './config';

/**
 * The only module that imports nodemailer: e-mail through the SMTP server of SMTP_URL (`smtp://` with STARTTLS when
 * the server offers it, `smtps://` for TLS from the start), from SMTP_FROM. Headers with diacritics are encoded as
 * RFC 2047 UTF-8 words, bodies as UTF-8 quoted-printable.
 */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** A stable id for the message (the delivery's), so a resend of the same delivery is recognisable. */
  messageId?: string;
}

/** An SMTP send that failed: `replyCode` is the server's reply (550 …), undefined when none came (unreachable). */
export class MailError extends Error {
  override name = 'MailError';
  constructor(
    readonly code: 'smtp_refused' | 'smtp_unavailable',
    readonly replyCode: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** Sends one mail; the addresses the server refused while accepting others are returned. */
  send(mail: OutgoingMail): Promise<{ rejected: string[] }>;
  close(): void;
}

const address = (a: unknown): string => (typeof a === 'string' ? a : String((a as { address?: string })?.address ?? a));

/** A mailer for SMTP_URL and SMTP_FROM, or undefined when e-mail delivery is not configured. */
export function openMailer(cfg: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>): Mailer | undefined {
  if (!cfg.SMTP_URL || !cfg.SMTP_FROM) return undefined;
  const transport = nodemailer.createTransport(
    { url: cfg.SMTP_URL, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: cfg.SMTP_FROM },
  );
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(mail.messageId ? { messageId: mail.messageId } : {}) });
        return { rejected: (info.rejected ?? []).map(address) };
      } catch (err) {
        const e = err as { responseCode?: unknown; message?: string };
        const replyCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        throw new MailError(replyCode === undefined ? 'smtp_unavailable' : 'smtp_refused', replyCode, `SMTP: ${e.message ?? String(err)}`);
      }
    },
    close: () => transport.close(),
  };
}
