/**
 * Sessions over HTTP. The session cookie is HttpOnly, SameSite=Lax, Secure when the request came
 * over HTTPS; it carries a random token whose hash names the session in the database. Every /api
 * route needs a session unless its config says `public`; every state-changing request needs the
 * session's CSRF token in the X-CSRF-Token header; an account that must change its password reaches
 * only the routes that let it do so.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlanHead } from '../db/plans-repo.js';
import type { RankingHead } from '../db/results-repo.js';
import type { Actor } from '../modules/access.js';
import {
  csrfMatches,
  readSession,
  SESSION_HOURS,
  type AuthDeps,
  type HeadWanted,
  type Session,
} from '../modules/auth.js';
import { AppError } from '../modules/errors.js';
import { IdParam } from '../shared/api.js';

export const SESSION_COOKIE = 'parindex_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /**
     * A `planHead` route: the head of the plan its :id names, read with the session (null: no such
     * plan); undefined when not read (another route, an id that is not one, no session).
     */
    planHead: PlanHead | null | undefined;
    /**
     * A `resultHead` route: the head of the ranking of the result its :id names, read with the
     * session (null: no such result); undefined when not read (another route, an id that is not
     * one, no session).
     */
    resultHead: RankingHead | null | undefined;
  }
  interface FastifyContextConfig {
    /** reachable without a session */
    public?: boolean;
    /** reachable while the account must change its password */
    passwordChange?: boolean;
    /** its :id names a plan whose head is read in the session's statement (one round trip) */
    planHead?: boolean;
    /** its :id names a result whose ranking's head is read in the session's statement (one round trip) */
    resultHead?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSessions(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('session', null);
  app.decorateRequest('planHead', undefined);
  app.decorateRequest('resultHead', undefined);
  app.addHook('onRequest', async (request) => {
    // decided by the route that matched, not by the address as the client spelled it: "/%61pi/roles"
    // reaches the route "/api/roles" too. Unknown addresses fall through to the 404 answer.
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    const config = request.routeOptions.config;
    // the id as the route's schema will take it; anything else is left to the route's answer
    const id = config.planHead || config.resultHead ? (request.params as { id?: string }).id : undefined;
    const parsed = id === undefined ? undefined : IdParam.safeParse(id);
    const headId = parsed?.success ? parsed.data : null;
    const wanted: HeadWanted =
      headId === null ? null : config.resultHead ? { result: headId } : { plan: headId };
    if (token) {
      const read = await readSession(deps, token, request.ip, wanted);
      request.session = read.session;
      // a head is kept only with the session it was read with
      if (read.session && wanted !== null) {
        if ('result' in wanted) request.resultHead = read.result;
        else request.planHead = read.plan;
      }
    }
    // the API's own documentation is public
    if (config.public || route.startsWith('/api/docs')) return;
    if (!request.session) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(request.session, header(request, 'x-csrf-token'))) {
      throw new AppError('CSRF_FAILED');
    }
    if (request.session.user.mustChangePassword && !config.passwordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The signed-in user of a route that requires a session. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED');
  return request.session.actor;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/**
 * A sign-in form posted from another site is refused: browsers send Origin with every POST, and it
 * must be this server.
 */
export function requireSameOrigin(request: FastifyRequest): void {
  const origin = header(request, 'origin');
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('FORBIDDEN');
  }
  // request.host honours X-Forwarded-Host when the app trusts its proxy
  if (host !== request.host) throw new AppError('FORBIDDEN');
}
