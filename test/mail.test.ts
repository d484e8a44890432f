/**
 * E-mail through a real SMTP server (smtp-server, started by the test on 127.0.0.1): the office's
 * reminder mails each account of each reminded unit that has an address, once, from the configured
 * sender, in plain text — Vietnamese, then English below; with the server down the reminder still
 * succeeds (in-app notifications written), the failures counted and logged.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, mailConfigFromEnv, type Mailer } from '../src/modules/mail.js';
import { NotificationList, ReminderResult } from '../src/shared/api.js';
import { ok } from './helpers/api-harness.js';
import { jobsHarness, MAILBOX } from './helpers/jobs.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A quoted-printable or plain body as text; encoded-word headers decoded. */
function decode(raw: string): { headers: string; body: string; subject: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const qp = /content-transfer-encoding:\s*quoted-printable/i.test(headers);
  const b64 = /content-transfer-encoding:\s*base64/i.test(headers);
  const bodyRaw = rest.join('\n\n');
  const body = b64
    ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
    : qp
      ? Buffer.from(
          bodyRaw
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : bodyRaw;
  const subjectLine = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
  return { headers, body, subject };
}

describe('mail through SMTP', () => {
  const received: Received[] = [];
  const logged: string[] = [];
  let server: SMTPServer;
  let port = 0;
  let mailer: Mailer;

  // before the harness's own: the app is built with the mailer
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}?tls=off`,
      from: 'ParIndex <parindex@sonoivu.example.vn>',
      log: (m) => logged.push(m),
      timeoutMs: 2000,
    });
  }, 60_000);
  const h = jobsHarness('sqlite', { mailer: () => mailer });

  afterAll(async () => {
    mailer?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('is configured only when both the server and the sender are given', () => {
    expect(mailConfigFromEnv({})).toBeNull();
    expect(mailConfigFromEnv({ PARINDEX_SMTP_URL: 'smtp://127.0.0.1:25' })).toBeNull();
    expect(mailConfigFromEnv({ PARINDEX_MAIL_FROM: 'a@b.vn' })).toBeNull();
    expect(
      mailConfigFromEnv({ PARINDEX_SMTP_URL: ' smtp://mail.example.vn:587 ', PARINDEX_MAIL_FROM: 'a@b.vn' }),
    ).toEqual({ smtpUrl: 'smtp://mail.example.vn:587', from: 'a@b.vn' });
  });

  it('mails the reminder to each account of each reminded unit, once, in Vietnamese then English', async () => {
    const result = ok(
      await h.as('office', {
        method: 'POST',
        url: `/api/rounds/${h.fixture.roundId}/reminders`,
        payload: {},
      }),
      ReminderResult,
    );
    // A (officer, assessor) and B have addresses; C has submitted; D has no account
    expect(result).toEqual({ notified: 3, emailed: 3 });
    expect(received.map((m) => m.to).sort()).toEqual(
      [[MAILBOX.assessorA], [MAILBOX.officerA], [MAILBOX.officerB]].sort(),
    );
    expect(received.every((m) => m.from === 'parindex@sonoivu.example.vn')).toBe(true);

    const toA = received.find((m) => m.to[0] === MAILBOX.officerA)!;
    const mail = decode(toA.raw);
    expect(mail.headers).toMatch(/content-type:\s*text\/plain;\s*charset=utf-8/i);
    expect(toA.raw).not.toMatch(/text\/html/i);
    expect(mail.subject).toBe('[ParIndex] Đánh giá Chỉ số CCHC cấp xã năm 2026: nhắc nhở');
    const body = mail.body.replace(/\r\n/g, '\n');
    expect(
      body.startsWith(
        'Kính gửi: Xã Nam Đà\n\nVăn phòng nhắc: đợt đánh giá «Đánh giá Chỉ số CCHC cấp xã năm 2026»',
      ),
    ).toBe(true);
    expect(body).toContain('hạn gửi: hết ngày 05/12/2026');
    const english = body.indexOf('To: Xã Nam Đà');
    expect(english).toBeGreaterThan(body.indexOf('Văn phòng nhắc'));
    expect(body.slice(english)).toContain(
      'Reminder from the office: round «Đánh giá Chỉ số CCHC cấp xã năm 2026»',
    );
    expect(mailer.stats).toEqual({ sent: 3, failed: 0 });
  });

  it('keeps the reminder when the SMTP server is down: notified, not mailed, the failures counted', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const before = received.length;
    const started = Date.now();
    const result = ok(
      await h.as('office', {
        method: 'POST',
        url: `/api/rounds/${h.fixture.roundId}/reminders`,
        payload: { unitIds: [h.unitB] },
      }),
      ReminderResult,
    );
    expect(result).toEqual({ notified: 1, emailed: 0 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(received.length).toBe(before);
    expect(mailer.stats).toEqual({ sent: 3, failed: 1 });
    expect(logged.some((l) => l.includes(MAILBOX.officerB!))).toBe(true);
    const b = ok(await h.as('officerB', { method: 'GET', url: '/api/notifications' }), NotificationList);
    expect(b.unread).toBe(2);
  });
});
