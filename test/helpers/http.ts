/**
 * For the route tests: what a Fastify instance serves and answers, seen from outside, signed-in
 * sessions as a browser holds them, and multipart bodies built by hand.
 *
 * The routes are collected with an onRoute hook added through Fastify's documented diagnostics
 * channel 'fastify.initialization', which fires inside `Fastify()` before the caller can register
 * anything: so every route buildApp (or a plugin it registers) adds is seen, with its full URL,
 * without parsing printRoutes' tree drawing and without changing buildApp.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { SESSION_COOKIE } from '../../src/http/auth.js';

/** One response as the route tests saw it: the route that answered (null: no route matched). */
export interface Hit {
  method: string;
  route: string | null;
  status: number;
  /** the `error.code` of an error body */
  code: string | null;
  /** the body holds a line of a stack trace ("    at f (file.js:1:2)") */
  stack: boolean;
}

export interface AppWatch {
  /** "GET /api/plans/:id", without the HEAD routes Fastify adds for every GET */
  routes: Set<string>;
  hits: Hit[];
}

const watches = new WeakMap<FastifyInstance, AppWatch>();

function onInit(message: unknown): void {
  const { fastify } = message as { fastify: FastifyInstance };
  const watch: AppWatch = { routes: new Set(), hits: [] };
  watches.set(fastify, watch);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') watch.routes.add(`${m} ${route.url}`);
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    let code: string | null = null;
    const stack = typeof payload === 'string' && payload.includes('    at ');
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        const body = JSON.parse(payload) as { error?: { code?: unknown } };
        code = typeof body.error?.code === 'string' ? body.error.code : null;
      } catch {
        code = null;
      }
    }
    watch.hits.push({
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      code,
      stack,
    });
    return payload;
  });
}

/** Starts watching every Fastify instance created from now on; returns the function that stops. */
export function watchApps(): () => void {
  subscribe('fastify.initialization', onInit);
  return () => unsubscribe('fastify.initialization', onInit);
}

export function watchOf(app: FastifyInstance): AppWatch {
  const watch = watches.get(app);
  if (!watch) throw new Error('this Fastify instance was created before watchApps()');
  return watch;
}

/** A signed-in browser: its session cookie and the session's CSRF token. */
export interface SignedIn {
  username: string;
  /** "parindex_session=…", as the Cookie header sends it */
  cookie: string;
  csrfToken: string;
  /** what the browser sends with every request: the cookie and the X-CSRF-Token header */
  headers: Record<string, string>;
}

/** The Set-Cookie line of the session cookie in a response, or null. */
export function sessionSetCookie(res: LightMyRequestResponse): string | null {
  const raw = res.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return lines.find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? null;
}

/** Signs in through POST /api/auth/login; throws unless the answer is 200 with a session cookie. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
  options: { remoteAddress?: string } = {},
): Promise<SignedIn> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  const line = sessionSetCookie(res);
  if (res.statusCode !== 200 || !line) {
    throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = line.split(';')[0]!;
  const { csrfToken } = res.json<{ csrfToken: string }>();
  return { username, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** The request as a signed-in browser sends it; headers the request names itself win. */
export function withSession(options: InjectOptions, session: SignedIn | null): InjectOptions {
  if (!session) return options;
  return { ...options, headers: { ...session.headers, ...(options.headers ?? {}) } };
}

/** A multipart/form-data body with one file part (and optional text fields before it). */
export function multipartFile(
  fileName: string,
  bytes: Uint8Array,
  options: { field?: string; fields?: Record<string, string> } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----parindex-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(options.fields ?? {})) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${fileName}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
      'utf8',
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A multipart/form-data body with text fields only (no file part). */
export function multipartFields(fields: Record<string, string>): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----parindex-test-${Math.random().toString(16).slice(2)}`;
  const text =
    Object.entries(fields)
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') + `--${boundary}--\r\n`;
  return {
    payload: Buffer.from(text, 'utf8'),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
