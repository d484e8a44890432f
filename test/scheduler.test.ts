/**
 * The rounds' scheduled work runs once however many servers run it. On PostgreSQL: two schedulers
 * (each with its own connection pool and pg-boss, on one database, as two app servers would) are
 * woken together through the pg-boss queue and then run the work again by hand, while the clock moves
 * past the self-assessment's opening, the reminder's day (3 days before it closes) and the next phase:
 * each opening, closing and reminder is recorded once, the reminder notified and mailed once per
 * unit and account. On SQLite: the in-process timer does the same, once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { MailMessage, Mailer } from '../src/modules/mail.js';
import { createScheduler, type Scheduler } from '../src/modules/scheduler.js';
import { NotificationList } from '../src/shared/api.js';
import { ok } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { jobsHarness, MAILBOX } from './helpers/jobs.js';

/** A mailer that keeps what it is given (SMTP itself is test/mail.test.ts's subject). */
function keepingMailer(): Mailer & { mails: MailMessage[] } {
  const mails: MailMessage[] = [];
  return {
    mails,
    stats: { sent: 0, failed: 0 },
    send(batch) {
      mails.push(...batch);
      this.stats.sent += batch.length;
      return Promise.resolve(batch.length);
    },
    close() {},
  };
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(ENGINES)('scheduled work, on %s', (kind) => {
  const h = jobsHarness(kind);
  const schedulers: Scheduler[] = [];
  const mailers = [keepingMailer(), keepingMailer()];
  let second: Database | null = null;

  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    await second?.close();
  });

  const runKeys = async () =>
    (await h.db.selectFrom('scheduled_runs').select('key').orderBy('key').execute()).map((r) => r.key);
  const hasRun = (prefix: string) => async () => (await runKeys()).some((k) => k.startsWith(prefix));
  const audits = (action: string) =>
    h.db
      .selectFrom('audit_log')
      .select(['entity_id', 'unit_id', 'old_value', 'new_value', 'username'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  const notices = (kindOf: string) =>
    h.db
      .selectFrom('notifications')
      .select(['unit_id', 'params'])
      .where('kind', '=', kindOf)
      .orderBy('unit_id')
      .execute();
  const allMails = () => mailers.flatMap((m) => m.mails);

  it('starts one scheduler per server', async () => {
    const config = { reminderDays: 3, intervalMs: 100, log: () => {} };
    if (kind === 'postgres') {
      second = await h.testDb.open();
      const a = createScheduler(
        { db: h.db, clock: h.clock, mailer: mailers[0] },
        { kind, address: h.testDb.address },
        config,
      );
      const b = createScheduler(
        { db: second.db, clock: h.clock, mailer: mailers[1] },
        { kind, address: h.testDb.address },
        config,
      );
      schedulers.push(a, b);
      await Promise.all([a.start(), b.start()]);
    } else {
      const only = createScheduler({ db: h.db, clock: h.clock, mailer: mailers[0] }, { kind }, config);
      schedulers.push(only);
      await only.start();
    }
  });

  it('records the self-assessment opening once and tells the units', async () => {
    // 2026-12-01, 10:00 in Vietnam: the first day of the self-assessment
    if (kind === 'postgres') await Promise.all(schedulers.map((s) => s.trigger()));
    await until('the opening', hasRun(`phase-opened:${h.fixture.roundId}:self:`));
    if (kind === 'postgres') await Promise.all(schedulers.map((s) => s.runOnce()));
    else await new Promise((r) => setTimeout(r, 500));

    const opened = await audits('round.phase_opened');
    expect(opened).toEqual([
      {
        entity_id: String(h.fixture.roundId),
        unit_id: null,
        old_value: null,
        new_value: 'self',
        username: 'scheduler',
      },
    ]);
    expect((await notices('phase-opened')).map((n) => n.unit_id)).toEqual(
      h.fixture.communes.map((c) => c.id).sort((x, y) => x - y),
    );
    // not yet the reminder's day (5 days left)
    expect(await notices('phase-closing')).toEqual([]);
  });

  it("reminds the units not submitted once on the reminder's day, however many times the work runs", async () => {
    h.setNow('2026-12-02T01:00:00.000Z');
    if (kind === 'postgres') {
      const runs = () => schedulers.reduce((n, s) => n + s.runs, 0);
      const before = runs();
      await Promise.all(schedulers.map((s) => s.trigger()));
      await until('the reminder', hasRun(`reminder:${h.fixture.roundId}:self:2026-12-05`));
      // nothing but the queue runs the work on PostgreSQL: a server's worker took the job
      expect(runs()).toBeGreaterThan(before);
      // a retry, and both servers at once
      await Promise.all([...schedulers, ...schedulers].map((s) => s.runOnce()));
    } else {
      await until('the reminder', hasRun(`reminder:${h.fixture.roundId}:self:2026-12-05`));
      await new Promise((r) => setTimeout(r, 500));
      expect(schedulers[0]!.runs).toBeGreaterThan(3);
    }

    const reminded = await notices('phase-closing');
    const notSubmitted = [h.unitA, h.unitB, h.fixture.communes[3]!.id].sort((x, y) => x - y);
    expect(reminded.map((n) => n.unit_id)).toEqual(notSubmitted);
    expect(JSON.parse(reminded[0]!.params)).toMatchObject({
      phase: 'self',
      closesOn: '2026-12-05',
      daysLeft: 3,
    });
    expect((await audits('round.reminder')).map((a) => a.unit_id).sort((x, y) => x! - y!)).toEqual(
      notSubmitted,
    );
    expect(
      allMails()
        .map((m) => m.to)
        .sort(),
    ).toEqual([MAILBOX.officerA, MAILBOX.assessorA, MAILBOX.officerB].sort());
    expect(allMails()[0]!.text).toContain('(còn 3 ngày); đơn vị chưa gửi kết quả tự đánh giá');

    await h.signInAgain();
    const seen = ok(await h.as('assessorA', { method: 'GET', url: '/api/notifications' }), NotificationList);
    expect(seen.items.map((n) => n.kind)).toEqual(['phase-closing', 'phase-opened']);
    expect(seen.items[1]!.text).toBe(
      'Đợt đánh giá «Đánh giá Chỉ số CCHC cấp xã năm 2026»: bắt đầu giai đoạn «Tự đánh giá», đến hết ngày 05/12/2026',
    );
  });

  it('records the self-assessment closing and the next opening once, telling no unit about an appraisal', async () => {
    h.setNow('2026-12-06T02:00:00.000Z');
    if (kind === 'postgres') {
      await Promise.all(schedulers.map((s) => s.trigger()));
      await until('the next phase', hasRun(`phase-opened:${h.fixture.roundId}:appraisal1:`));
      await Promise.all(schedulers.map((s) => s.runOnce()));
    } else {
      await until('the next phase', hasRun(`phase-opened:${h.fixture.roundId}:appraisal1:`));
      await new Promise((r) => setTimeout(r, 300));
    }
    expect((await audits('round.phase_opened')).map((a) => a.new_value)).toEqual(['self', 'appraisal1']);
    expect((await audits('round.phase_closed')).map((a) => a.old_value)).toEqual(['self']);
    expect((await notices('phase-opened')).length).toBe(h.fixture.communes.length);
    expect(await runKeys()).toEqual(
      [
        `phase-closed:${h.fixture.roundId}:self:2026-12-05`,
        `phase-opened:${h.fixture.roundId}:appraisal1:2026-12-06`,
        `phase-opened:${h.fixture.roundId}:self:2026-12-01`,
        `reminder:${h.fixture.roundId}:self:2026-12-05`,
      ].sort(),
    );
    expect(allMails()).toHaveLength(3);
  });
});
