/** Sign-in, sign-out, who am I, change my password. */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission, isGlobal } from '../../modules/access.js';
import { changePassword, grantUnitNames, signIn, signOut } from '../../modules/auth.js';
import { forgetInitialAdminFile } from '../../modules/initial-admin-file.js';
import { mayBackup } from '../../modules/backup.js';
import { ApiError, Login, Me, PasswordChange } from '../../shared/api.js';
import type { ServerDeps as AppDeps } from '../../modules/deps.js';
import { actorOf, clearSessionCookie, requireSameOrigin, setSessionCookie } from '../auth.js';
import type { Session } from '../../modules/auth.js';

export function meOf(session: Session, unitNames: ReadonlyMap<number, string>): Me {
  const actor = session.actor;
  return {
    user: session.user,
    grants: actor.grants.map((g) => ({
      id: g.id,
      role: g.role,
      unitId: g.unitId,
      unitName: g.unitId === null ? null : (unitNames.get(g.unitId) ?? null),
    })),
    csrfToken: session.csrfToken,
    can: {
      import: hasPermission(actor, 'plan.import'),
      adminUsers: hasPermission(actor, 'user.admin'),
      adminUnits: hasPermission(actor, 'unit.admin'),
      readAudit: hasPermission(actor, 'audit.read'),
      backup: mayBackup(actor),
      manageFrameworks: hasPermission(actor, 'framework.manage'),
      manageRounds: hasPermission(actor, 'round.manage'),
      manageResults: isGlobal(actor, 'results.manage'),
    },
  };
}

export function authRoutes(deps: AppDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    const unitNamesOf = (session: Session) => grantUnitNames(deps.db, session);

    app.post(
      '/auth/login',
      {
        config: { public: true, rateLimit: { max: 100, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Đăng nhập; đặt cookie phiên (HttpOnly)',
          body: Login,
          response: { 200: Me, 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError },
        },
      },
      async (request, reply) => {
        requireSameOrigin(request);
        const { token, session } = await signIn(deps, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
        });
        setSessionCookie(request, reply, token);
        return meOf(session, await unitNamesOf(session));
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { passwordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Đăng xuất',
          response: { 200: z.object({ ok: z.boolean() }), 401: ApiError },
        },
      },
      async (request, reply) => {
        await signOut(deps, request.session!);
        clearSessionCookie(request, reply);
        return { ok: true };
      },
    );

    app.get(
      '/auth/me',
      {
        config: { passwordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Tài khoản đang đăng nhập, vai trò, mã CSRF',
          response: { 200: Me, 401: ApiError },
        },
      },
      async (request) => meOf(request.session!, await unitNamesOf(request.session!)),
    );

    app.post(
      '/auth/password',
      {
        config: { passwordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Đổi mật khẩu của mình (các phiên khác kết thúc)',
          body: PasswordChange,
          response: { 200: z.object({ ok: z.boolean() }), 400: ApiError, 401: ApiError, 422: ApiError },
        },
      },
      async (request) => {
        actorOf(request);
        await changePassword(deps, request.session!, request.body);
        if (deps.initialAdminFile) await forgetInitialAdminFile(deps.db, deps.initialAdminFile);
        return { ok: true };
      },
    );
    done();
  };
}
