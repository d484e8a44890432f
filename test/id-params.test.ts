/**
 * Ids a request names, on both engines: every route's numeric path parameter and query-string field
 * takes 1 … 2^31−1 (PostgreSQL's integer, the ids' type) and refuses a larger number as a malformed
 * id (400 VALIDATION_FAILED naming the field), as it refuses 0 or "abc"; a row's version in a JSON body
 * too (it is an integer column). Before, on PostgreSQL,
 * GET /api/plans/3000000000 reached the database and answered 500 (22003, out of range).
 * The routes and their schemas are read from the app itself (an onRoute hook added through
 * Fastify's 'fastify.initialization' channel, as test/helpers/http.ts does), so a new route is checked
 * without being listed here.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiHarness, expectError, MISSING, TOKEN_NEVER_ISSUED } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';

/** a route's zod object schema, as far as this test reads it */
interface Fields {
  shape: Record<string, z.ZodType>;
}
interface Route {
  method: string;
  url: string;
  params?: Fields;
  querystring?: Fields;
  /** a JSON body's schema: an object's has a shape, a union's none */
  body?: Partial<Fields>;
}

const routesOf = new WeakMap<FastifyInstance, Route[]>();
function onInit(message: unknown): void {
  const { fastify } = message as { fastify: FastifyInstance };
  const routes: Route[] = [];
  routesOf.set(fastify, routes);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as { params?: Fields; querystring?: Fields; body?: Partial<Fields> };
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      if (method !== 'HEAD') routes.push({ method, url: route.url, ...schema });
  });
}
subscribe('fastify.initialization', onInit);
afterAll(() => unsubscribe('fastify.initialization', onInit));

/** PostgreSQL's largest integer, the ids' type, and the number past it */
const MAX_ID = 2_147_483_647;
const TOO_LARGE = MAX_ID + 1;
/** values tried for a parameter that is not a number (an export's format, a stage, an upload's token) */
const OTHER_VALUES = ['xlsx', 'appraisal1', TOKEN_NEVER_ISSUED, '2024'];

/** The field takes a number written as text: "7" parses to 7. */
function isNumeric(field: z.ZodType | undefined): boolean {
  const parsed = field?.safeParse('7');
  return parsed?.success === true && parsed.data === 7;
}

/** The path with each numeric parameter given `id` and each other one a value its schema takes. */
function pathWith(route: Route, id: number): string {
  return route.url.replace(/:(\w+)/g, (_, name: string) => {
    const field = route.params?.shape[name];
    if (isNumeric(field)) return String(id);
    return OTHER_VALUES.find((v) => field?.safeParse(v).success) ?? 'x';
  });
}

const paramsOf = (route: Route) => [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);

describe.each(ENGINES)('ids in paths and query strings on %s', (kind) => {
  const api = apiHarness(kind);
  const routes = () => {
    const all = routesOf.get(api.app);
    if (!all) throw new Error('the app was built before the routes were watched');
    return all.filter((r) => r.url.startsWith('/api/'));
  };
  const withIds = () => routes().filter((r) => paramsOf(r).some((p) => isNumeric(r.params?.shape[p])));

  it('GET /api/plans/3000000000 is a malformed id (400), not a failure of the server', async () => {
    const res = await api.call({ method: 'GET', url: '/api/plans/3000000000' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    // the largest id is an id: no such plan
    expect((await api.call({ method: 'GET', url: `/api/plans/${MAX_ID}` })).statusCode).toBe(404);
  });

  it('every numeric path parameter refuses 2^31 and names itself; 2^31−1 is any absent id', async () => {
    const checked = withIds();
    // the plans, rounds, results, units, frameworks, accounts, evidence … routes with an id
    expect(checked.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const route of checked) {
      const method = route.method as 'GET';
      const res = await api.call({ method, url: pathWith(route, TOO_LARGE), payload: {} });
      const body = res.json<{ error?: { code: string; details?: { path: string }[] } }>();
      const path = body.error?.details?.[0]?.path ?? '';
      if (
        res.statusCode !== 400 ||
        body.error?.code !== 'VALIDATION_FAILED' ||
        !paramsOf(route).includes(path)
      )
        wrong.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      // the largest id is answered as any id no row has
      const largest = await api.call({ method, url: pathWith(route, MAX_ID), payload: {} });
      const absent = await api.call({ method, url: pathWith(route, MISSING), payload: {} });
      if (largest.statusCode !== absent.statusCode)
        wrong.push(`${route.method} ${route.url} at 2^31−1: ${largest.statusCode}, not ${absent.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every numeric id of a query string refuses 2^31 and names itself', async () => {
    const fields: string[] = [];
    const wrong: string[] = [];
    for (const route of routes()) {
      const shape = route.querystring?.shape ?? {};
      // offsets count rows skipped (any size is harmless); limits and years have their own ranges,
      // below 2^31 too
      for (const name of Object.keys(shape).filter((n) => n !== 'offset' && isNumeric(shape[n]))) {
        fields.push(`${route.url}?${name}`);
        const url = `${pathWith(route, 1)}?${name}=${TOO_LARGE}`;
        const res = await api.call({ method: route.method, url });
        const body = res.json<{ error?: { code: string; details?: { path: string }[] } }>();
        if (res.statusCode !== 400 || !body.error?.details?.some((d) => d.path === name))
          wrong.push(`${route.method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    // the plans list's unit, the audit's unit and plan, a ranking's pool, a diff's framework …
    expect(fields).toEqual(expect.arrayContaining(['/api/plans?unit', '/api/audit?unit', '/api/audit?plan']));
    expect(wrong).toEqual([]);
  });

  it('an id in a JSON body refuses 2^31 too', async () => {
    const plan = await api.getPlan(api.provinceId);
    const row = plan.rows.find((r) => r.task !== null)!;
    const res = await api.patchTask(api.provinceId, row.itemId, {
      version: row.task!.version,
      text: row.task!.text,
      leadUnitIds: [TOO_LARGE],
      supportUnitIds: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { path: string }[] } }>().error.details[0]!.path).toBe(
      'leadUnitIds.0',
    );
  });

  it('every version in a JSON body refuses 2^31 and names itself (on PostgreSQL a 500 where it reached the SQL)', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const route of routes().filter((r) => r.body?.shape?.version?.safeParse(7).success === true)) {
      checked.push(`${route.method} ${route.url}`);
      const method = route.method as 'PATCH';
      const res = await api.call({ method, url: pathWith(route, 1), payload: { version: TOO_LARGE } });
      const body = res.json<{ error?: { code: string; details?: { path: string }[] } }>();
      if (res.statusCode !== 400 || !body.error?.details?.some((d) => d.path === 'version'))
        wrong.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    // a plan's row, task and findings, a criterion, a unit's answers and report, an appraisal, a pool …
    expect(checked.length).toBeGreaterThan(12);
    expect(wrong).toEqual([]);
  });

  it('a task, a row and a pool edited with version 2^31: 400 with the limit in Vietnamese, 2^31−1 stale', async () => {
    const plan = await api.getPlan(api.provinceId);
    const row = plan.rows.find((r) => r.task !== null)!;
    const edits = (version: number) => [
      api.patchTask(api.provinceId, row.itemId, {
        version,
        text: 'Việc mới',
        leadUnitIds: [],
        supportUnitIds: [],
      }),
      api.patchItem(api.provinceId, row.itemId, { version, target: '1' }),
    ];
    for (const res of await Promise.all(edits(TOO_LARGE))) {
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json<{ error: { message: string } }>().error.message).toBe(
        'Dữ liệu gửi lên không hợp lệ: version (số lớn nhất được nhận là 2.147.483.647)',
      );
    }
    // the largest version a row can have is a version like any other: stale here
    for (const res of await Promise.all(edits(MAX_ID))) expectError(res, 409, 'STALE_VERSION');
    const pool = await api.call({ method: 'POST', url: '/api/results/pools', payload: { name: 'Các xã' } });
    expect(pool.statusCode).toBe(200);
    const poolId = pool.json<{ id: number }>().id;
    const patch = (version: number) =>
      api.call({
        method: 'PATCH',
        url: `/api/results/pools/${poolId}`,
        payload: { version, name: 'Các xã (mới)' },
      });
    expectError(await patch(TOO_LARGE), 400, 'VALIDATION_FAILED');
    expectError(await patch(MAX_ID), 409, 'STALE_VERSION');
  });
});
