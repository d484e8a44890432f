/**
 * What the HTTP API's route tests share (test/api-*.test.ts): a fresh database per test file and
 * engine, loaded with samples/ the way a new installation is, the app built on it, and an
 * administrator of the whole installation signed in through POST /api/auth/login — its session cookie
 * and CSRF token go with every call (who may do what is test/security-*.test.ts's subject). Each file
 * opens its own, so no file depends on another's edits.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { ApiError, PlanView, type PlanRow } from '../../src/shared/api.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } from './accounts.js';
import { createTestDatabase, type ENGINES, type TestDatabase } from './databases.js';
import { countRows, type TableCounts } from './db-state.js';
import { ROOT } from './fixtures.js';
import {
  multipartFile,
  signIn,
  watchApps,
  watchOf,
  withSession,
  type AppWatch,
  type SignedIn,
} from './http.js';

export const SAMPLES = resolve(ROOT, 'samples');
export const PROVINCE = 'Tỉnh Đắk Nông';
export const DISTRICT = 'Huyện Krông Nô';
export const MISSING = 999_999;
export const TOKEN_NEVER_ISSUED = 'ab'.repeat(16);

/** The administrator every request of these files is made as. */
export const ADMIN = 'quantri';

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiError.parse(res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(res.body).not.toContain('    at ');
  return body.error;
}

export function ok<T extends z.ZodType>(res: LightMyRequestResponse, schema: T): z.infer<T> {
  expect(res.statusCode, res.body).toBe(200);
  return schema.parse(res.json());
}

export function rowOf(view: Pick<PlanView, 'id' | 'rows'>, code: string): PlanRow {
  const row = view.rows.find((r) => r.code === code);
  if (!row) throw new Error(`plan ${view.id} has no row ${code}`);
  return row;
}

export function unitId(view: PlanView, name: string): number {
  const unit = view.units.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name} under ${view.subject.name}`);
  return unit.id;
}

/** The app of one test file on one engine; its fields are set before the file's first test. */
export interface ApiHarness {
  testDb: TestDatabase;
  database: Database;
  db: Kysely<DB>;
  app: FastifyInstance;
  watch: AppWatch;
  session: SignedIn;
  provinceId: number;
  districtId: number;
  clock: () => Date;
  /** moves the clock one minute on; the new time as ISO text */
  tick: () => string;
  call: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  getPlan: (id: number) => Promise<PlanView>;
  patchItem: (
    planId: number,
    itemId: number,
    body: object,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  patchTask: (planId: number, itemId: number, body: object) => Promise<LightMyRequestResponse>;
  upload: (fileName: string, bytes: Uint8Array) => Promise<LightMyRequestResponse>;
  confirm: (token: string, body?: object) => Promise<LightMyRequestResponse>;
  counts: () => Promise<TableCounts>;
}

/**
 * Opens the database and the app before the file's tests and closes them after; call it inside the
 * file's describe block. Each engine's clock starts on its own day, so a plan view can only carry its
 * own database's times.
 */
export function apiHarness(kind: (typeof ENGINES)[number]): ApiHarness {
  let now = new Date(kind === 'sqlite' ? '2024-03-01T02:00:00.000Z' : '2024-03-02T02:00:00.000Z');
  const h = {
    clock: () => now,
    tick: () => {
      now = new Date(now.getTime() + 60_000);
      return now.toISOString();
    },
  } as ApiHarness;
  h.call = (options) => h.app.inject(withSession(options, h.session));
  h.getPlan = async (id) => ok(await h.call({ method: 'GET', url: `/api/plans/${id}` }), PlanView);
  h.patchItem = (planId, itemId, body, headers = {}) =>
    h.call({ method: 'PATCH', url: `/api/plans/${planId}/items/${itemId}`, payload: body, headers });
  h.patchTask = (planId, itemId, body) =>
    h.call({ method: 'PATCH', url: `/api/plans/${planId}/items/${itemId}/task`, payload: body });
  h.upload = (fileName, bytes) =>
    h.call({ method: 'POST', url: '/api/imports', ...multipartFile(fileName, bytes) });
  h.confirm = (token, body = {}) =>
    h.call({ method: 'POST', url: `/api/imports/${token}/confirm`, payload: body });
  h.counts = () => countRows(h.db);

  beforeAll(async () => {
    h.testDb = await createTestDatabase(kind);
    h.database = await h.testDb.open();
    h.db = h.database.db;
    const deps = { db: h.db, clock: h.clock };
    const loaded = await loadSamplesIfEmpty(deps, SAMPLES);
    expect(loaded.map((p) => [p.subject, p.outcome])).toEqual([
      [PROVINCE, 'created'],
      [DISTRICT, 'created'],
    ]);
    h.provinceId = loaded[0]!.planId;
    h.districtId = loaded[1]!.planId;
    // the watch is added while Fastify() runs: only this app is watched
    const stopWatching = watchApps();
    try {
      h.app = await buildApp({
        ...deps,
        databaseAddress: h.testDb.address,
        passwordCost: TEST_PASSWORD_COST,
      });
    } finally {
      stopWatching();
    }
    await h.app.ready();
    h.watch = watchOf(h.app);
    await addUser(deps, ADMIN, [{ role: 'admin', unitId: null }]);
    h.session = await signIn(h.app, ADMIN, TEST_PASSWORD);
  });

  afterAll(async () => {
    await h.app?.close();
    await h.database?.close();
    await h.testDb?.drop();
  });
  return h;
}
