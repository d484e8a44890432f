/** Administration of accounts: the roles there are, accounts, their roles per unit, password resets. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
  GrantInput,
  GrantParams,
  NewUser,
  Role,
  UserParams,
  UserPatch,
} from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf } from '../auth.js';
import { adminErrors, ok } from './admin-schemas.js';

export function accountRoutes(deps: AppDeps): FastifyPluginCallbackZod {
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
          response: { 200: z.array(AdminUser), ...adminErrors },
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
          response: { 200: z.object({ user: AdminUser, password: z.string().nullable() }), ...adminErrors },
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
          response: { 200: ok, ...adminErrors },
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
          response: { 200: ok, ...adminErrors },
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
          response: { 200: ok, ...adminErrors },
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
          response: { 200: z.object({ password: z.string() }), ...adminErrors },
        },
      },
      async (request) => ({ password: await resetPassword(deps, actorOf(request), request.params.userId) }),
    );

    done();
  };
}
