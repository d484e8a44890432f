/**
 * E-mail through SMTP (nodemailer), only when the installation says where: PARINDEX_SMTP_URL
 * (smtp://host:port, or smtps://user:password@host:465) and PARINDEX_MAIL_FROM. Without both there is
 * no mailer and nothing is ever sent. Mail is a courtesy beside the in-app notification: a failure is
 * logged and counted, never failing the action that sent it. Plain text only (Vietnamese, then
 * English below): nothing a user typed is ever sent as HTML.
 */
import nodemailer from 'nodemailer';
import type { Lang } from '../core/findings.js';
import { render, type NotificationMessage } from '../core/messages.js';

export interface MailMessage {
  /** one recipient per mail: the addresses of one unit's accounts are not shown to each other */
  to: string;
  subject: string;
  text: string;
}

export interface MailStats {
  sent: number;
  failed: number;
}

export interface Mailer {
  /** sends each mail; resolves with how many were accepted by the server, never rejects */
  send(mails: readonly MailMessage[]): Promise<number>;
  readonly stats: MailStats;
  close(): void;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** where failures are reported (default: console.warn) */
  log?: (message: string) => void;
  /** a connection that does not answer is given up after this long (default 10 s) */
  timeoutMs?: number;
}

/** The configuration from the environment, or null when mail is not configured. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const smtpUrl = env.PARINDEX_SMTP_URL?.trim();
  const from = env.PARINDEX_MAIL_FROM?.trim();
  if (!smtpUrl || !from) return null;
  return { smtpUrl, from };
}

export function createMailer(config: MailConfig): Mailer {
  const url = new URL(config.smtpUrl);
  const timeout = config.timeoutMs ?? 10_000;
  const log = config.log ?? ((m: string) => console.warn(m));
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // plain SMTP on a local relay (smtp://127.0.0.1:25) does not ask for STARTTLS; a real one offers it
    ignoreTLS: url.searchParams.get('tls') === 'off',
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  const stats: MailStats = { sent: 0, failed: 0 };
  return {
    stats,
    async send(mails) {
      const results = await Promise.allSettled(
        mails.map((m) =>
          transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text }),
        ),
      );
      let accepted = 0;
      for (const [i, r] of results.entries()) {
        if (r.status === 'fulfilled') {
          accepted += 1;
          stats.sent += 1;
        } else {
          stats.failed += 1;
          const reason = r.reason instanceof Error ? r.reason.message : String(r.reason);
          log(`Không gửi được thư tới ${mails[i]!.to}: ${reason}`);
        }
      }
      return accepted;
    },
    close() {
      transport.close();
    },
  };
}

/** A notification as a mail to one address: the subject and the text in Vietnamese, English below. */
export function notificationMail(to: string, unitName: string, message: NotificationMessage): MailMessage {
  const part = (lang: Lang) =>
    [
      render('notification.mailTo', { unit: unitName }, lang),
      '',
      render(`notification.${message.kind}`, message.params as never, lang),
      '',
      render('notification.mailFooter', {}, lang),
    ].join('\n');
  return {
    to,
    subject: render('notification.subject', { round: message.params.round, kind: message.kind }, 'vi'),
    text: `${part('vi')}\n\n----------------------------------------\n\n${part('en')}\n`,
  };
}
