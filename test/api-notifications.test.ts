/**
 * Notifications and the office's reminders through the HTTP API, on both engines: a reminder reaches
 * the units that have not submitted and only them; every account of a reminded unit sees it, in its
 * language, with what is missing; no one else does; each account reads it for itself (one account's
 * "read" leaves the other's unread); read-all; the rights and refusals of the routes; the audit
 * entries. The route table's part of this file: test/helpers/route-table.ts (COVERS.notifications).
 */
import { describe, expect, it } from 'vitest';
import { NotificationList, ReminderResult, UnreadCount } from '../src/shared/api.js';
import { ok, expectError, MISSING } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { jobsHarness, type JobAccount } from './helpers/jobs.js';
import { expectExercised } from './helpers/route-table.js';
import { loadRound } from '../src/modules/round-context.js';

describe.each(ENGINES)('notifications and reminders, on %s', (kind) => {
  const h = jobsHarness(kind);
  const list = async (who: JobAccount, lang = 'vi') =>
    ok(
      await h.as(who, { method: 'GET', url: '/api/notifications', headers: { 'accept-language': lang } }),
      NotificationList,
    );
  const remind = (who: JobAccount, body: object = {}, roundId = h.fixture.roundId) =>
    h.as(who, { method: 'POST', url: `/api/rounds/${roundId}/reminders`, payload: body });

  it('starts with nothing to read', async () => {
    expect(await list('officerA')).toEqual({ items: [], unread: 0 });
  });

  it('refuses a reminder from an account that does not manage the round, changing nothing', async () => {
    const before = await databaseDigest(h.db);
    for (const who of ['officerA', 'assessorA', 'viewer'] as const) {
      expectError(await remind(who), 403, 'FORBIDDEN');
    }
    expect(await databaseDigest(h.db)).toBe(before);
  });

  it('reminds the units not submitted, each with what it is missing, and audits one entry per unit', async () => {
    // commune A has answered one leaf of those it scores itself
    const ctx = await loadRound(h.db, h.fixture.roundId, h.clock());
    const selfLeaves = ctx.criteria.filter((c) => c.rule !== null && c.scorer === 'self');
    await h.db
      .insertInto('assessment_answers')
      .values({
        round_id: h.fixture.roundId,
        unit_id: h.unitA,
        criterion_id: selfLeaves[0]!.id,
        answer: '{"kind":"manual","value":"0.5"}',
        score: '0.5',
        updated_at: h.clock().toISOString(),
        updated_by: 'jobs.officera',
      })
      .execute();

    const result = ok(await remind('office'), ReminderResult);
    // communes A, B, D; C has submitted
    expect(result).toEqual({ notified: 3, emailed: 0 });

    const a = await list('officerA');
    expect(a.unread).toBe(1);
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({
      kind: 'reminder',
      roundId: h.fixture.roundId,
      unitId: h.unitA,
      readAt: null,
    });
    const total = selfLeaves.length;
    expect(a.items[0]!.text).toBe(
      `Văn phòng nhắc: đợt đánh giá «Đánh giá Chỉ số CCHC cấp xã năm 2026» — đơn vị chưa gửi kết quả tự đánh giá; ` +
        `còn ${total - 1}/${total} tiêu chí chưa trả lời; hạn gửi: hết ngày 05/12/2026`,
    );
    const inEnglish = await list('assessorA', 'en');
    expect(inEnglish.items[0]!.text).toContain(
      `${total - 1} of ${total} criteria unanswered; due by the end of 2026-12-05`,
    );

    const b = await list('officerB');
    expect(b.items.map((n) => [n.unitId, n.text.includes(`còn ${total}/${total}`)])).toEqual([
      [h.unitB, true],
    ]);
    // the submitted commune and the province's viewer are not reminded
    expect(await list('officerC')).toEqual({ items: [], unread: 0 });
    expect(await list('viewer')).toEqual({ items: [], unread: 0 });
    expect(await list('office')).toEqual({ items: [], unread: 0 });

    const entries = await h.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'unit_id', 'field', 'new_value', 'username'])
      .where('action', '=', 'round.reminder')
      .orderBy('id')
      .execute();
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.unit_id).sort()).toEqual(
      [h.unitA, h.unitB, h.fixture.communes[3]!.id].sort(),
    );
    expect(entries.find((e) => e.unit_id === h.unitA)).toMatchObject({
      entity: 'round',
      entity_id: String(h.fixture.roundId),
      field: 'unanswered',
      new_value: String(total - 1),
      username: 'jobs.office',
    });
  });

  it('lets each account read a unit notification for itself', async () => {
    const [mine] = (await list('officerA')).items;
    // another unit's account does not see it, and may not mark it
    expectError(
      await h.as('officerB', { method: 'POST', url: `/api/notifications/${mine!.id}/read` }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await h.as('officerA', { method: 'POST', url: `/api/notifications/${MISSING}/read` }),
      404,
      'NOTIFICATION_NOT_FOUND',
    );
    expectError(
      await h.as('officerA', { method: 'POST', url: '/api/notifications/abc/read' }),
      400,
      'VALIDATION_FAILED',
    );
    const read = ok(
      await h.as('officerA', { method: 'POST', url: `/api/notifications/${mine!.id}/read` }),
      UnreadCount,
    );
    expect(read.unread).toBe(0);
    // twice is fine
    ok(await h.as('officerA', { method: 'POST', url: `/api/notifications/${mine!.id}/read` }), UnreadCount);
    expect((await list('officerA')).items[0]!.readAt).toBe(h.clock().toISOString());
    // the other account of the same unit has still not read it
    expect((await list('assessorA')).unread).toBe(1);
    expect((await list('officerB')).unread).toBe(1);
  });

  it('reminds the units asked for (those of them not submitted) and marks everything read at once', async () => {
    h.setNow('2026-12-03T04:00:00.000Z');
    await h.signInAgain();
    expect(ok(await remind('office', { unitIds: [h.unitA, h.unitC] }), ReminderResult)).toEqual({
      notified: 1,
      emailed: 0,
    });
    const a = await list('assessorA');
    expect(a.unread).toBe(2);
    expect(a.items.map((n) => n.createdAt)).toEqual(['2026-12-03T04:00:00.000Z', '2026-12-01T03:00:00.000Z']);
    expect((await list('officerB')).unread).toBe(1);
    expect(
      ok(await h.as('assessorA', { method: 'POST', url: '/api/notifications/read-all' }), UnreadCount),
    ).toEqual({
      unread: 0,
    });
    expect((await list('assessorA')).items.every((n) => n.readAt !== null)).toBe(true);
    expect((await list('officerA')).unread).toBe(1);
  });

  it('refuses what the schema or the round does not allow', async () => {
    expectError(await remind('office', { unitIds: [] }), 400, 'VALIDATION_FAILED');
    expectError(await remind('office', { unitIds: ['x'] }), 400, 'VALIDATION_FAILED');
    expectError(await remind('office', {}, MISSING), 404, 'ROUND_NOT_FOUND');
    expectError(await remind('office', { unitIds: [h.fixture.provinceId] }), 422, 'UNIT_NOT_IN_ROUND');
    expectError(await h.as(null, { method: 'GET', url: '/api/notifications' }), 401, 'UNAUTHENTICATED');
    // once published, a round is read-only: no more reminders
    const publication = h.fixture.calendar.find((p) => p.phase === 'publication')!;
    h.setNow(`${publication.opensOn}T03:00:00.000Z`);
    await h.signInAgain();
    expectError(await remind('office'), 409, 'ROUND_PUBLISHED');
  });

  it("exercises this file's part of the route table", () => {
    expectExercised(h.watch.hits, 'notifications');
  });
});
