/** Administration: accounts and their roles per unit, the units tree, the audit trail. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Lang } from '../../core/findings.js';
import { auditQueryFor, criterionHistory, queryAudit, type AuditRow } from '../../modules/audit.js';
import { auditWorkbook, describeAudit } from '../../modules/audit-view.js';
import { createUnit, listUnits, sameNameUnits, updateUnit } from '../../modules/units-admin.js';
import {
  createUser,
  grantRole,
  listRoles,
  listUsers,
  resetPassword,
  revokeRole,
  updateUser,
} from '../../modules/users-admin.js';
import {
  AdminUser,
  ApiError,
  AuditPage,
  AuditQueryString,
  GrantInput,
  GrantParams,
  ItemParams,
  NewUser,
  Role,
  SameNameQuery,
  SameNameUnit,
  UnitIdParams,
  UnitInput,
  UnitNode,
  UnitPatch,
  UserParams,
  UserPatch,
  AuditEntryView,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { langOf } from '../errors.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };
const ok = z.object({ ok: z.boolean() });

export function adminRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/roles',
      {
        schema: { tags: ['admin'], summary: 'Các vai trò', response: { 200: z.array(Role), 401: ApiError } },
      },
      () => listRoles(deps.db),
    );

    app.get(
      '/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Tài khoản quản lý được',
          response: { 200: z.array(AdminUser), ...errors },
        },
      },
      (request) => listUsers(deps.db, actorOf(request)),
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Tạo tài khoản (mật khẩu ngẫu nhiên nếu không nhập, chỉ hiện một lần)',
          body: NewUser,
          response: { 200: z.object({ user: AdminUser, password: z.string().nullable() }), ...errors },
        },
      },
      (request) => createUser(deps, actorOf(request), request.body),
    );

    app.patch(
      '/users/:userId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sửa tên, khóa/mở tài khoản',
          params: UserParams,
          body: UserPatch,
          response: { 200: ok, ...errors },
        },
      },
      async (request) => {
        await updateUser(deps, actorOf(request), request.params.userId, request.body);
        return { ok: true };
      },
    );

    app.post(
      '/users/:userId/grants',
      {
        schema: {
          tags: ['admin'],
          summary: 'Cấp vai trò tại một đơn vị',
          params: UserParams,
          body: GrantInput,
          response: { 200: ok, ...errors },
        },
      },
      async (request) => {
        await grantRole(deps, actorOf(request), request.params.userId, request.body);
        return { ok: true };
      },
    );

    app.delete(
      '/users/:userId/grants/:grantId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Thu hồi vai trò',
          params: GrantParams,
          response: { 200: ok, ...errors },
        },
      },
      async (request) => {
        await revokeRole(deps, actorOf(request), request.params.userId, request.params.grantId);
        return { ok: true };
      },
    );

    app.post(
      '/users/:userId/password-reset',
      {
        schema: {
          tags: ['admin'],
          summary: 'Đặt lại mật khẩu (ngẫu nhiên, hiện một lần; phải đổi khi đăng nhập)',
          params: UserParams,
          response: { 200: z.object({ password: z.string() }), ...errors },
        },
      },
      async (request) => ({ password: await resetPassword(deps, actorOf(request), request.params.userId) }),
    );

    app.get(
      '/units',
      {
        schema: {
          tags: ['admin'],
          summary: 'Cây đơn vị quản lý được',
          response: { 200: z.array(UnitNode), ...errors },
        },
      },
      (request) => listUnits(deps.db, actorOf(request)),
    );

    app.get(
      '/units/same-name',
      {
        schema: {
          tags: ['admin'],
          summary: 'Các đơn vị cùng tên ở nơi khác (để cảnh báo trước khi tạo hay đổi tên)',
          querystring: SameNameQuery,
          response: { 200: z.array(SameNameUnit), ...errors },
        },
      },
      (request) => sameNameUnits(deps.db, actorOf(request), request.query.name, request.query.except ?? null),
    );

    app.post(
      '/units',
      {
        schema: {
          tags: ['admin'],
          summary: 'Tạo đơn vị',
          body: UnitInput,
          response: { 200: UnitNode, ...errors },
        },
      },
      (request) => createUnit(deps, actorOf(request), request.body),
    );

    app.patch(
      '/units/:unitId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sửa đơn vị: tên, loại, đơn vị cấp trên, sáp nhập/đổi tên',
          params: UnitIdParams,
          body: UnitPatch,
          response: { 200: UnitNode, ...errors },
        },
      },
      (request) => updateUnit(deps, actorOf(request), request.params.unitId, request.body),
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi (lọc theo người, đơn vị, kế hoạch, ngày)',
          querystring: AuditQueryString,
          response: { 200: AuditPage, ...errors },
        },
      },
      async (request) => {
        const { rows, total } = await queryAudit(
          deps.db,
          await auditQueryFor(deps.db, actorOf(request), request.query),
        );
        return { total, entries: await entryViews(deps.db, rows, langOf(request)) };
      },
    );

    app.get(
      '/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary: 'Nhật ký thay đổi dạng XLSX (cùng bộ lọc, tối đa 5000 dòng)',
          querystring: AuditQueryString,
          response: { ...errors },
        },
      },
      async (request, reply) => {
        const query = {
          ...(await auditQueryFor(deps.db, actorOf(request), request.query)),
          limit: 5000,
          offset: 0,
        };
        const { rows } = await queryAudit(deps.db, query);
        return (reply as FastifyReply)
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="nhat-ky.xlsx"')
          .send(Buffer.from(await auditWorkbook(deps.db, rows)));
      },
    );

    app.get(
      '/plans/:id/items/:itemId/history',
      {
        schema: {
          tags: ['audit'],
          summary: 'Lịch sử thay đổi của một tiêu chí (điểm, nhiệm vụ)',
          params: ItemParams,
          response: { 200: z.array(AuditEntryView), ...errors },
        },
      },
      async (request) =>
        entryViews(
          deps.db,
          await criterionHistory(deps.db, actorOf(request), request.params.id, request.params.itemId),
          langOf(request),
        ),
    );
    done();
  };
}

async function entryViews(
  db: AppDeps['db'],
  rows: readonly AuditRow[],
  lang: Lang,
): Promise<z.infer<typeof AuditEntryView>[]> {
  const texts = await describeAudit(db, rows, lang);
  return rows.map((r, i) => ({
    id: r.id,
    at: r.at,
    username: r.username,
    ip: r.ip,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    planId: r.plan_id,
    itemId: r.item_id,
    unitId: r.unit_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    ...texts[i]!,
  }));
}
