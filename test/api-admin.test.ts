/**
 * The HTTP API through app.inject() on both engines: accounts, administration and the audit trail.
 * Each route's happy path, a request its schema refuses (400 VALIDATION_FAILED) and the thing it
 * names missing (404 / 410), as the route table (test/helpers/route-table.ts) gives this file. One
 * fresh database per engine for this file (test/helpers/api-harness.ts), so it depends on no other
 * file's edits; the tests of a block run in order within it.
 */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  AdminUser,
  AuditEntryView,
  AuditPage,
  Me,
  PlanListItem,
  PlanView,
  Role,
  SameNameUnit,
  UnitNode,
} from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession } from './helpers/http.js';
import {
  apiHarness,
  PROVINCE,
  DISTRICT,
  MISSING,
  ADMIN,
  expectError,
  ok,
  rowOf,
  unitId,
} from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';

describe.each(ENGINES)('HTTP API, admin, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, getPlan, patchTask, tick } = api;

  describe('accounts, administration and the audit trail', () => {
    const Created = z.object({ user: AdminUser, password: z.string().nullable() });
    const Done = z.object({ ok: z.literal(true) });
    const USER = 'canbo.noivu';
    let userId: number;
    let password: string;

    it('GET /api/auth/me says who is signed in and the CSRF token; GET /api/roles lists the roles', async () => {
      const me = ok(await call({ method: 'GET', url: '/api/auth/me' }), Me);
      expect(me.user).toMatchObject({ username: ADMIN, mustChangePassword: false });
      expect(me.grants).toEqual([
        { id: expect.any(Number) as number, role: 'admin', unitId: null, unitName: null },
      ]);
      expect(me.csrfToken).toBe(api.session.csrfToken);
      expect(me.can).toEqual({
        import: true,
        adminUsers: true,
        adminUnits: true,
        readAudit: true,
        backup: true,
        manageFrameworks: true,
        manageRounds: true,
        manageResults: true,
      });
      const roles = ok(await call({ method: 'GET', url: '/api/roles' }), Role.array());
      expect(roles.map((r) => [r.code, r.scope])).toEqual([
        ['admin', 'subtree'],
        ['officer', 'unit'],
        ['lead_unit', 'lead'],
        ['appraiser', 'subtree'],
        ['viewer', 'subtree'],
        ['assessor', 'unit'],
        ['council', 'subtree'],
      ]);
    });

    it('POST /api/users creates an account with a role in a unit and a password shown once', async () => {
      const soNoiVu = unitId(await getPlan(api.provinceId), 'Sở Nội vụ');
      const created = ok(
        await call({
          method: 'POST',
          url: '/api/users',
          payload: {
            username: 'CanBo.NoiVu',
            displayName: ' Cán bộ Sở Nội vụ ',
            grants: [{ role: 'lead_unit', unitId: soNoiVu }],
          },
        }),
        Created,
      );
      expect(created.password).toMatch(/^[A-Za-z0-9_-]{18}$/);
      expect(created.user).toMatchObject({
        username: USER,
        displayName: 'Cán bộ Sở Nội vụ',
        disabled: false,
        mustChangePassword: true,
        lastLoginAt: null,
        grants: [{ role: 'lead_unit', unitId: soNoiVu, unitName: 'Sở Nội vụ' }],
      });
      userId = created.user.id;
      password = created.password!;
      const users = ok(await call({ method: 'GET', url: '/api/users' }), AdminUser.array());
      expect(users.map((u) => u.username)).toEqual([USER, ADMIN]);

      const create = (payload: object) => call({ method: 'POST', url: '/api/users', payload });
      expectError(await create({ username: 'canbo.noivu', displayName: 'Khác' }), 409, 'USERNAME_TAKEN');
      expectError(await create({ username: 'có dấu', displayName: 'Khác' }), 400, 'VALIDATION_FAILED');
      expectError(
        await create({ username: 'khac', displayName: 'Khác', grants: [{ role: 'chief', unitId: null }] }),
        404,
        'ROLE_NOT_FOUND',
      );
      expectError(
        await create({
          username: 'khac',
          displayName: 'Khác',
          grants: [{ role: 'viewer', unitId: MISSING }],
        }),
        404,
        'UNIT_NOT_FOUND',
      );
      expect((await call({ method: 'GET', url: '/api/users' })).json<unknown[]>()).toHaveLength(2);
    });

    it('the new account signs in, must change its password before anything else, and signs out', async () => {
      expectError(
        await call({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      const own = await signIn(api.app, USER, password);
      const as = (options: InjectOptions) => api.app.inject(withSession(options, own));
      expectError(await as({ method: 'GET', url: '/api/plans' }), 403, 'PASSWORD_CHANGE_REQUIRED');
      expect(ok(await as({ method: 'GET', url: '/api/auth/me' }), Me).user.mustChangePassword).toBe(true);
      expectError(
        await as({ method: 'POST', url: '/api/auth/password', payload: { current: password } }),
        400,
        'VALIDATION_FAILED',
      );
      const next = 'mat-khau-cua-toi-2024';
      // a wrong current password says so, and the session stays open
      const wrong = await as({
        method: 'POST',
        url: '/api/auth/password',
        payload: { current: 'khong-phai-mat-khau', next },
      });
      expectError(wrong, 422, 'WRONG_CURRENT_PASSWORD');
      expect(wrong.json<{ error: { message: string } }>().error.message).toBe('Mật khẩu hiện tại không đúng');
      expect(ok(await as({ method: 'GET', url: '/api/auth/me' }), Me).user.mustChangePassword).toBe(true);
      expect(
        ok(
          await as({ method: 'POST', url: '/api/auth/password', payload: { current: password, next } }),
          Done,
        ),
      ).toEqual({ ok: true });
      password = next;
      // a lead-unit officer of Sở Nội vụ: the province's plan, in part
      const plans = ok(await as({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
      expect(plans.map((p) => p.id)).toEqual([api.provinceId]);
      expect(ok(await as({ method: 'POST', url: '/api/auth/logout' }), Done)).toEqual({ ok: true });
      expectError(await as({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
    });

    it('PATCH /api/users/:userId and the grants of an account', async () => {
      const patch = (id: number | string, payload: object) =>
        call({ method: 'PATCH', url: `/api/users/${id}`, payload });
      expect(ok(await patch(userId, { displayName: 'Chuyên viên Sở Nội vụ' }), Done)).toEqual({ ok: true });
      expectError(await patch(userId, {}), 400, 'VALIDATION_FAILED');
      expectError(await patch(MISSING, { displayName: 'X' }), 404, 'USER_NOT_FOUND');

      const grant = (id: number | string, payload: object) =>
        call({ method: 'POST', url: `/api/users/${id}/grants`, payload });
      expect(ok(await grant(userId, { role: 'viewer', unitId: null }), Done)).toEqual({ ok: true });
      expectError(await grant(userId, { role: 'viewer' }), 400, 'VALIDATION_FAILED');
      expectError(await grant(MISSING, { role: 'viewer', unitId: null }), 404, 'USER_NOT_FOUND');
      expectError(await grant(userId, { role: 'chief', unitId: null }), 404, 'ROLE_NOT_FOUND');
      const user = ok(await call({ method: 'GET', url: '/api/users' }), AdminUser.array()).find(
        (u) => u.id === userId,
      )!;
      expect(user.displayName).toBe('Chuyên viên Sở Nội vụ');
      expect(user.grants.map((g) => [g.role, g.unitName])).toEqual([
        ['lead_unit', 'Sở Nội vụ'],
        ['viewer', null],
      ]);

      const viewer = user.grants.find((g) => g.role === 'viewer')!;
      const revoke = (id: number | string, grantId: number | string) =>
        call({ method: 'DELETE', url: `/api/users/${id}/grants/${grantId}` });
      expect(ok(await revoke(userId, viewer.id), Done)).toEqual({ ok: true });
      expectError(await revoke(userId, viewer.id), 404, 'ROLE_NOT_FOUND');
      expectError(await revoke(MISSING, viewer.id), 404, 'USER_NOT_FOUND');
      expectError(await revoke(userId, 'x'), 400, 'VALIDATION_FAILED');

      const reset = (id: number | string) => call({ method: 'POST', url: `/api/users/${id}/password-reset` });
      const fresh = ok(await reset(userId), z.object({ password: z.string() })).password;
      expect(fresh).not.toBe(password);
      expectError(await reset(MISSING), 404, 'USER_NOT_FOUND');
      expectError(await reset('x'), 400, 'VALIDATION_FAILED');
      const after = ok(await call({ method: 'GET', url: '/api/users' }), AdminUser.array()).find(
        (u) => u.id === userId,
      )!;
      expect(after).toMatchObject({ mustChangePassword: true, grants: [{ role: 'lead_unit' }] });
      await signIn(api.app, USER, fresh);
    });

    it('GET /api/units, POST /api/units and PATCH /api/units/:unitId', async () => {
      const province = (await getPlan(api.provinceId)).subject.id;
      const units = ok(await call({ method: 'GET', url: '/api/units' }), UnitNode.array());
      expect(units.find((u) => u.name === DISTRICT)).toMatchObject({
        parentId: province,
        lineage: 'dissolved',
      });
      expect(units.find((u) => u.name === PROVINCE)).toMatchObject({ parentId: null, lineage: 'merged' });

      const created = ok(
        await call({
          method: 'POST',
          url: '/api/units',
          payload: { name: ' Sở  Y tế ', kind: 'department', parentId: province },
        }),
        UnitNode,
      );
      expect(created).toMatchObject({ name: 'Sở Y tế', kind: 'department', parentId: province });
      const post = (payload: object) => call({ method: 'POST', url: '/api/units', payload });
      expectError(
        await post({ name: 'x', kind: 'department', parentId: province }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await post({ name: 'Sở Y tế', kind: 'department', parentId: MISSING }),
        404,
        'UNIT_NOT_FOUND',
      );

      const patch = (id: number | string, payload: object) =>
        call({ method: 'PATCH', url: `/api/units/${id}`, payload });
      expect(ok(await patch(created.id, { name: 'Sở Y tế tỉnh Đắk Nông' }), UnitNode)).toMatchObject({
        id: created.id,
        name: 'Sở Y tế tỉnh Đắk Nông',
      });
      expectError(await patch(created.id, {}), 400, 'VALIDATION_FAILED');
      // a reorganisation is an event (POST /api/unit-events), never a field of the unit
      for (const lineage of [
        { lineage: 'merged', successorId: province },
        { successorId: province },
        { validTo: '2025-06-30' },
      ]) {
        expectError(await patch(created.id, { name: 'Sở Y tế', ...lineage }), 400, 'VALIDATION_FAILED');
      }
      expectError(await patch(MISSING, { name: 'Sở Y tế' }), 404, 'UNIT_NOT_FOUND');
      expectError(await patch(province, { parentId: created.id }), 422, 'UNIT_CYCLE');

      // units elsewhere of the name a form is typing, with their paths
      const sameName = (query: string) => call({ method: 'GET', url: `/api/units/same-name?${query}` });
      expect(
        ok(await sameName(`name=${encodeURIComponent(' sở y tế tỉnh  đắk nông')}`), z.array(SameNameUnit)),
      ).toEqual([
        {
          id: created.id,
          name: 'Sở Y tế tỉnh Đắk Nông',
          kind: 'department',
          path: [PROVINCE, 'Sở Y tế tỉnh Đắk Nông'],
        },
      ]);
      expectError(await sameName('name='), 400, 'VALIDATION_FAILED');
    });

    it('GET /api/audit and its XLSX export; the history of one criterion', async () => {
      const page = ok(await call({ method: 'GET', url: `/api/audit?user=${ADMIN}&limit=1000` }), AuditPage);
      expect(page.entries.every((e) => e.username === ADMIN && e.ip === '127.0.0.1')).toBe(true);
      const created = page.entries.find((e) => e.action === 'user.create' && e.newValue === USER);
      expect(created).toMatchObject({
        entity: 'user',
        entityId: String(userId),
        actionLabel: 'Tạo tài khoản',
      });
      expectError(await call({ method: 'GET', url: '/api/audit?from=hom-qua' }), 400, 'VALIDATION_FAILED');

      const res = await call({ method: 'GET', url: `/api/audit/export?user=${ADMIN}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(Math.min(page.total, 5000) + 1);
      expectError(await call({ method: 'GET', url: '/api/audit/export?limit=0' }), 400, 'VALIDATION_FAILED');

      const row = rowOf(await getPlan(api.districtId), '1.1.1');
      const at = tick();
      ok(await patchTask(api.districtId, row.itemId, { version: row.task!.version, progress: 30 }), PlanView);
      const history = ok(
        await call({ method: 'GET', url: `/api/plans/${api.districtId}/items/${row.itemId}/history` }),
        AuditEntryView.array(),
      );
      expect(history).toContainEqual(
        expect.objectContaining({
          action: 'task.update',
          field: 'progress',
          oldValue: String(row.task!.progress),
          newValue: '30',
          at,
          username: ADMIN,
          planId: api.districtId,
          itemId: row.itemId,
        }),
      );
      expectError(
        await call({ method: 'GET', url: `/api/plans/${MISSING}/items/${row.itemId}/history` }),
        404,
        'PLAN_NOT_FOUND',
      );
      expectError(
        await call({ method: 'GET', url: `/api/plans/${api.districtId}/items/x/history` }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'admin');
  });
});
