/**
 * The HTTP API through app.inject() on both engines: follow-up rules, self-lockout, archiving and
 * deleting plans. Each route's happy path, a request its schema refuses (400 VALIDATION_FAILED) and
 * the thing it names missing (404 / 410), as the route table (test/helpers/route-table.ts) gives
 * this file. One fresh database per engine for this file (test/helpers/api-harness.ts), so it
 * depends on no other file's edits; the tests of a block run in order within it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ImportPreview, Me, PlanListItem, PlanView, UnitNode } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { ENGINES } from './helpers/databases.js';
import { countRows } from './helpers/db-state.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedText, setSeedCell, toBytes } from './helpers/seed-edit.js';
import { apiHarness, DISTRICT, MISSING, ADMIN, expectError, ok, rowOf } from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';

describe.each(ENGINES)('HTTP API, lifecycle, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, getPlan, patchItem, patchTask, upload, confirm, clock } = api;

  describe('follow-up rules, self-lockout, archiving and deleting plans', () => {
    const Done = z.object({ ok: z.literal(true) });
    const lastAudit = (action: string) =>
      api.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();

    it('progress on a task not started moves it to in progress, 100 % to done (audited)', async () => {
      const view = await getPlan(api.districtId);
      const row = view.rows.find(
        (r) => r.task !== null && r.task.status === 'not_started' && r.task.progress === 0,
      )!;
      const code = row.code;
      const started = rowOf(
        ok(
          await patchTask(api.districtId, row.itemId, { version: row.task!.version, progress: 30 }),
          PlanView,
        ),
        code,
      ).task!;
      expect(started).toMatchObject({ status: 'in_progress', progress: 30 });
      const trail = await api.db
        .selectFrom('audit_log')
        .select(['field', 'old_value', 'new_value'])
        .where('action', '=', 'task.update')
        .where('entity_id', '=', String(started.id))
        .orderBy('id')
        .execute();
      expect(trail.slice(-2)).toEqual(
        expect.arrayContaining([
          { field: 'status', old_value: 'not_started', new_value: 'in_progress' },
          { field: 'progress', old_value: '0', new_value: '30' },
        ]),
      );
      const done = rowOf(
        ok(
          await patchTask(api.districtId, row.itemId, { version: started.version, progress: 100 }),
          PlanView,
        ),
        code,
      ).task!;
      expect(done).toMatchObject({ status: 'done', progress: 100 });
      // a status the officer chooses in the same change is kept
      const chosen = rowOf(
        ok(
          await patchTask(api.districtId, row.itemId, {
            version: done.version,
            status: 'not_started',
            progress: 20,
          }),
          PlanView,
        ),
        code,
      ).task!;
      expect(chosen).toMatchObject({ status: 'not_started', progress: 20 });
      // a deadline outside the plan's year is accepted (the page asks first)
      const later = rowOf(
        ok(
          await patchTask(api.districtId, row.itemId, {
            version: chosen.version,
            deadline: `${view.year + 1}-03-31`,
          }),
          PlanView,
        ),
        code,
      ).task!;
      expect(later.deadline).toBe(`${view.year + 1}-03-31`);
    });

    it('an administrator cannot disable its own account nor remove its own last administrator role', async () => {
      const me = ok(await call({ method: 'GET', url: '/api/auth/me' }), Me);
      const before = await countRows(api.db);
      const disable = expectError(
        await call({ method: 'PATCH', url: `/api/users/${me.user.id}`, payload: { disabled: true } }),
        403,
        'SELF_LOCKOUT',
      );
      expect(disable.message).toBe(
        'Không thể tự khóa tài khoản của mình: nhờ một quản trị viên khác làm việc này',
      );
      const only = me.grants[0]!;
      const revoke = (grantId: number) =>
        call({ method: 'DELETE', url: `/api/users/${me.user.id}/grants/${grantId}` });
      const refused = expectError(await revoke(only.id), 403, 'SELF_LOCKOUT');
      expect(refused.message).toContain('vai trò quản trị cuối cùng');
      const en = await call({
        method: 'DELETE',
        url: `/api/users/${me.user.id}/grants/${only.id}`,
        headers: { 'accept-language': 'en' },
      });
      expect(ApiError.parse(en.json()).error.message).toBe(
        'You cannot remove your own last administrator role: ask another administrator',
      );
      expect(await countRows(api.db)).toEqual(before);
      const stillMe = ok(await call({ method: 'GET', url: '/api/auth/me' }), Me);
      expect(stillMe.grants).toEqual(me.grants);

      // with a second administrator role, one of them may go
      const province = (await getPlan(api.provinceId)).subject.id;
      ok(
        await call({
          method: 'POST',
          url: `/api/users/${me.user.id}/grants`,
          payload: { role: 'admin', unitId: province },
        }),
        Done,
      );
      const second = ok(await call({ method: 'GET', url: '/api/auth/me' }), Me).grants.find(
        (g) => g.unitId === province,
      )!;
      ok(await revoke(second.id), Done);
      expect(ok(await call({ method: 'GET', url: '/api/auth/me' }), Me).grants).toEqual(me.grants);
    });

    it('PATCH /api/plans/:id archives a plan: read-only, out of the list unless asked for, audited', async () => {
      const archive = (id: number | string, payload: object) =>
        call({ method: 'PATCH', url: `/api/plans/${id}`, payload });
      expectError(await archive(api.districtId, { archived: 'yes' }), 400, 'VALIDATION_FAILED');
      expectError(await archive(MISSING, { archived: true }), 404, 'PLAN_NOT_FOUND');
      const before = await getPlan(api.districtId);
      expect(before.archived).toBe(false);
      const archived = ok(await archive(api.districtId, { archived: true }), PlanView);
      expect(archived.archived).toBe(true);
      expect(archived.version).toBe(before.version + 1);
      expect(archived.access).toMatchObject({
        editScores: false,
        editTasks: false,
        editLeadUnits: false,
        archive: true,
        delete: true,
      });
      expect(await lastAudit('plan.archive')).toMatchObject({
        plan_id: api.districtId,
        field: 'archived',
        old_value: '0',
        new_value: '1',
      });

      const listed = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
      expect(listed.map((p) => p.id)).toContain(api.provinceId);
      expect(listed.map((p) => p.id)).not.toContain(api.districtId);
      const all = ok(await call({ method: 'GET', url: '/api/plans?archived=1' }), PlanListItem.array());
      expect(all.map((p) => p.id).sort()).toEqual([...listed.map((p) => p.id), api.districtId].sort());
      expect(all.filter((p) => p.archived).map((p) => p.id)).toEqual([api.districtId]);
      expectError(await call({ method: 'GET', url: '/api/plans?archived=maybe' }), 400, 'VALIDATION_FAILED');

      // every edit is refused and nothing changes
      const leaf = before.rows.find(
        (r) => r.task !== null && !before.rows.some((c) => c.parentCode === r.code),
      )!;
      const counts = await countRows(api.db);
      const refused = expectError(
        await patchItem(api.districtId, leaf.itemId, { version: leaf.version, target: leaf.target }),
        409,
        'PLAN_ARCHIVED',
      );
      expect(refused.message).toBe('Kế hoạch đã lưu trữ chỉ để xem; hãy bỏ lưu trữ trước khi sửa');
      expectError(
        await patchTask(api.districtId, leaf.itemId, { version: leaf.task!.version, progress: 50 }),
        409,
        'PLAN_ARCHIVED',
      );
      expect(await countRows(api.db)).toEqual(counts);
      // archiving again changes nothing
      expect(ok(await archive(api.districtId, { archived: true }), PlanView).version).toBe(archived.version);
      // nor may an import replace its content
      const changed = setSeedCell(seedText(), 'district', '1.1', 'task', 'Nhiệm vụ viết lại khi đã lưu trữ');
      const preview = ok(await upload('phu-luc-luu-tru.txt', toBytes(changed)), ImportPreview);
      expectError(await confirm(preview.token, { replace: true }), 409, 'PLAN_ARCHIVED');
      expect(await countRows(api.db)).toEqual(counts);

      const back = ok(await archive(api.districtId, { archived: false }), PlanView);
      expect(back).toMatchObject({ archived: false, access: { editScores: true, editTasks: true } });
      ok(
        await patchTask(api.districtId, leaf.itemId, { version: leaf.task!.version, progress: 50 }),
        PlanView,
      );
    });

    it('PATCH /api/units/:unitId archives a unit and lists it as archived, audited', async () => {
      const units = ok(await call({ method: 'GET', url: '/api/units' }), UnitNode.array());
      const unit = units.find((u) => u.name === 'Phòng Tư pháp')!;
      expect(unit.archived).toBe(false);
      const patched = ok(
        await call({ method: 'PATCH', url: `/api/units/${unit.id}`, payload: { archived: true } }),
        UnitNode,
      );
      expect(patched.archived).toBe(true);
      expect(await lastAudit('unit.update')).toMatchObject({
        entity_id: String(unit.id),
        field: 'archived',
        old_value: '0',
        new_value: '1',
      });
      const again = ok(await call({ method: 'GET', url: '/api/units' }), UnitNode.array());
      expect(again.find((u) => u.id === unit.id)?.archived).toBe(true);
      ok(
        await call({ method: 'PATCH', url: `/api/units/${unit.id}`, payload: { archived: false } }),
        UnitNode,
      );
    });

    it('DELETE /api/plans/:id: only an administrator, with the typed name; the audit entry keeps the plan', async () => {
      const view = await getPlan(api.districtId);
      const remove = (id: number | string, payload: object, as: SignedIn = api.session) =>
        api.app.inject(withSession({ method: 'DELETE', url: `/api/plans/${id}`, payload }, as));
      expectError(await remove(api.districtId, {}), 400, 'VALIDATION_FAILED');
      expectError(await remove(MISSING, { confirm: 'x' }), 404, 'PLAN_NOT_FOUND');

      // the district's own officer plans, but may not delete
      await addUser({ db: api.db, clock }, 'chuyenvien.huyen', [
        { role: 'officer', unitId: view.subject.id },
      ]);
      const officer = await signIn(api.app, 'chuyenvien.huyen', TEST_PASSWORD);
      const before = await countRows(api.db);
      expectError(
        await remove(api.districtId, { confirm: `${DISTRICT} ${view.year}` }, officer),
        403,
        'FORBIDDEN',
      );
      const mismatch = expectError(
        await remove(api.districtId, { confirm: DISTRICT }),
        422,
        'CONFIRMATION_MISMATCH',
      );
      expect(mismatch.message).toBe(`Tên gõ xác nhận không khớp; hãy gõ đúng "${DISTRICT} ${view.year}"`);
      expect(await countRows(api.db)).toEqual(before);

      // case and spaces do not matter
      const typed = `  ${DISTRICT.toLocaleLowerCase('vi')}   ${view.year} `;
      expect(ok(await remove(api.districtId, { confirm: typed }), Done)).toEqual({ ok: true });
      expectError(await call({ method: 'GET', url: `/api/plans/${api.districtId}` }), 404, 'PLAN_NOT_FOUND');
      const after = await countRows(api.db);
      expect(after.plans).toBe(before.plans - 1);
      expect(after.plan_items).toBe(before.plan_items - view.rows.length);
      expect(after.tasks).toBe(before.tasks - view.rows.filter((r) => r.task !== null).length);
      const listed = ok(await call({ method: 'GET', url: '/api/plans?archived=1' }), PlanListItem.array());
      expect(listed.map((p) => p.id)).not.toContain(api.districtId);
      expect(listed).toHaveLength(after.plans);

      const entry = await lastAudit('plan.delete');
      expect(entry).toMatchObject({ plan_id: api.districtId, unit_id: view.subject.id, username: ADMIN });
      const kept = JSON.parse(entry.old_value!) as { record: { id: number; year: number }; plan: PlanView };
      expect(kept.record).toMatchObject({ id: api.districtId, year: view.year });
      const { access: _access, ...content } = view;
      expect(kept.plan).toEqual(content);
      // the trail of the deleted plan stays and still verifies
      const history = await api.db
        .selectFrom('audit_log')
        .select('action')
        .where('plan_id', '=', api.districtId)
        .execute();
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['task.update', 'plan.archive', 'plan.delete']),
      );
    });
  });

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'lifecycle');
  });
});
