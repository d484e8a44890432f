/**
 * The HTTP API through app.inject() on both engines: every route with its happy path, a request its
 * schema refuses (400 VALIDATION_FAILED) and the thing it names missing (404 / 410), plus the
 * behaviour that matters to officers — live totals, ETags, edits that keep a consistent plan
 * consistent and refuse stale or invalid ones, tasks and units, downloads that read back, and the
 * import wizard (preview writes nothing, confirm refuses what it must).
 *
 * One fresh database per engine loaded with samples/ the way a new installation is; the tests of a
 * block run in order and build on each other's state. Every request is made as an administrator of
 * the whole installation, signed in through POST /api/auth/login: its session cookie and CSRF token
 * go with every call (who may do what is test/security.test.ts's subject). ROUTES is the table of
 * everything the app serves: the first test fails when the app serves a route the table does not
 * list (or the other way round), the last one when a listed route was not exercised as the table
 * says.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { fromDecimalString, sub, toDecimalString, trimScale } from '../src/core/score.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { readPlans } from '../src/formats/read.js';
import { buildApp } from '../src/http/app.js';
import { planView } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import {
  AdminUser,
  ApiError,
  AuditEntryView,
  AuditPage,
  BackupInfo,
  ImportPreview,
  ImportResult,
  LeadUnitView,
  Me,
  PlanListItem,
  PlanView,
  Role,
  SameNameUnit,
  Unit,
  UnitNode,
  type PlanRow,
} from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { countRows, type TableCounts } from './helpers/db-state.js';
import { ROOT, seedBytes } from './helpers/fixtures.js';
import {
  multipartFields,
  multipartFile,
  signIn,
  watchApps,
  watchOf,
  withSession,
  type AppWatch,
  type SignedIn,
} from './helpers/http.js';
import { duplicateSeedRow, seedText, setSeedCell, toBytes } from './helpers/seed-edit.js';

const SAMPLES = resolve(ROOT, 'samples');
const PROVINCE = 'Tỉnh Đắk Nông';
const DISTRICT = 'Huyện Krông Nô';
const MISSING = 999_999;
const TOKEN_NEVER_ISSUED = 'ab'.repeat(16);

/** The administrator every request of this file is made as. */
const ADMIN = 'quantri';

type Missing =
  | 'PLAN_NOT_FOUND'
  | 'ITEM_NOT_FOUND'
  | 'UNIT_NOT_FOUND'
  | 'IMPORT_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'ROLE_NOT_FOUND';

interface RouteSpec {
  /** takes input a schema checks: some test must get 400 VALIDATION_FAILED from it */
  input: boolean;
  /** the codes some test must get for a missing plan, item, unit or upload */
  missing: Missing[];
}

/**
 * Every route the app serves, as Fastify names it ("METHOD url-pattern", HEAD left out: Fastify adds
 * one for each GET). The routes really served are collected by an onRoute hook that
 * test/helpers/http.ts adds through Fastify's 'fastify.initialization' diagnostics channel, i.e.
 * inside Fastify() before buildApp registers anything — so a route added anywhere (a new plugin, a
 * prefix) is seen with its full URL, without parsing printRoutes' drawing and without changing
 * buildApp. An onSend hook added the same way records each answer (route, status, error code), which
 * the last test compares with `input` and `missing` below.
 * The documentation UI's own routes come from @fastify/swagger-ui; they are listed so that nothing
 * under /api goes unnoticed, and only their happy path is checked.
 */
const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { input: false, missing: [] },
  'GET /api/plans': { input: true, missing: [] },
  'GET /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'PATCH /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'DELETE /api/plans/:id': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'PATCH /api/plans/:id/items/:itemId': { input: true, missing: ['PLAN_NOT_FOUND', 'ITEM_NOT_FOUND'] },
  'PATCH /api/plans/:id/items/:itemId/task': {
    input: true,
    missing: ['PLAN_NOT_FOUND', 'ITEM_NOT_FOUND', 'UNIT_NOT_FOUND'],
  },
  'POST /api/plans/:id/units': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'POST /api/plans/:id/findings/adopt-sum': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'POST /api/plans/:id/findings/acknowledge': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/plans/:id/units/:unitId': { input: true, missing: ['PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'GET /api/plans/:id/export/:format': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/plans/:id/report/:format': { input: true, missing: ['PLAN_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'POST /api/imports': { input: true, missing: [] },
  'POST /api/imports/:token/confirm': { input: true, missing: ['IMPORT_NOT_FOUND'] },
  'POST /api/auth/login': { input: true, missing: [] },
  'POST /api/auth/logout': { input: false, missing: [] },
  'GET /api/auth/me': { input: false, missing: [] },
  'POST /api/auth/password': { input: true, missing: [] },
  'GET /api/roles': { input: false, missing: [] },
  'GET /api/users': { input: false, missing: [] },
  'POST /api/users': { input: true, missing: ['ROLE_NOT_FOUND', 'UNIT_NOT_FOUND'] },
  'PATCH /api/users/:userId': { input: true, missing: ['USER_NOT_FOUND'] },
  'POST /api/users/:userId/grants': { input: true, missing: ['USER_NOT_FOUND', 'ROLE_NOT_FOUND'] },
  'DELETE /api/users/:userId/grants/:grantId': { input: true, missing: ['USER_NOT_FOUND', 'ROLE_NOT_FOUND'] },
  'POST /api/users/:userId/password-reset': { input: true, missing: ['USER_NOT_FOUND'] },
  'GET /api/units': { input: false, missing: [] },
  'GET /api/units/same-name': { input: true, missing: [] },
  'POST /api/units': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'PATCH /api/units/:unitId': { input: true, missing: ['UNIT_NOT_FOUND'] },
  'GET /api/audit': { input: true, missing: [] },
  'GET /api/audit/export': { input: true, missing: [] },
  'GET /api/plans/:id/items/:itemId/history': { input: true, missing: ['PLAN_NOT_FOUND'] },
  'GET /api/admin/backup': { input: false, missing: [] },
  'POST /api/admin/backup': { input: false, missing: [] },
  'GET /api/docs/json': { input: false, missing: [] },
  // @fastify/swagger-ui
  'GET /api/docs': { input: false, missing: [] },
  'GET /api/docs/static/index.html': { input: false, missing: [] },
  'GET /api/docs/static/swagger-initializer.js': { input: false, missing: [] },
  'GET /api/docs/yaml': { input: false, missing: [] },
  'GET /api/docs/static/*': { input: false, missing: [] },
};

/** A response that must be the API's error: its status, its code, a message and no internals. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiError.parse(res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(res.body).not.toContain('    at ');
  return body.error;
}

function ok<T extends z.ZodType>(res: LightMyRequestResponse, schema: T): z.infer<T> {
  expect(res.statusCode, res.body).toBe(200);
  return schema.parse(res.json());
}

function rowOf(view: PlanView, code: string): PlanRow {
  const row = view.rows.find((r) => r.code === code);
  if (!row) throw new Error(`plan ${view.id} has no row ${code}`);
  return row;
}

function unitId(view: PlanView, name: string): number {
  const unit = view.units.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name} under ${view.subject.name}`);
  return unit.id;
}

/** A small appendix for the district, for 2024, whose 1.1 names the PAR office in a new spelling. */
const SMALL_DISTRICT_PLAN = [
  'PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC HUYỆN KRÔNG NÔ NĂM 2024**',
  '',
  'STT\tLĩnh vực/ tiêu chí/ tiêu chí thành phần\tĐiểm chuẩn\tĐiểm năm 2023 đạt được\tMục tiêu năm 2024\tNhiệm vụ/ giải pháp/ kết quả đầu ra\tĐơn vị chủ trì',
  '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t100\t90\t95\t\t',
  '1.1\tKế hoạch CCHC năm\t60\t50\t55\tXây dựng kế hoạch trước ngày 10/01/2024\tP. Nội vụ huyện',
  '1.2\tThực hiện chế độ báo cáo CCHC định kỳ\t40\t40\t40\tBáo cáo đầy đủ, đúng hạn\tPhòng Tư pháp',
  'TỔNG ĐIỂM\t\t100\t90\t95\t\t',
].join('\n');
const NEW_SPELLING = 'P. Nội vụ huyện';

let stopWatching: () => void = () => undefined;
beforeAll(() => {
  stopWatching = watchApps();
});
afterAll(() => stopWatching());

describe.each(ENGINES)('HTTP API on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let watch: AppWatch;
  // each engine's clock starts on its own day, so a plan view can only carry its own database's times
  let now = new Date(kind === 'sqlite' ? '2024-03-01T02:00:00.000Z' : '2024-03-02T02:00:00.000Z');
  const clock = () => now;
  const tick = () => {
    now = new Date(now.getTime() + 60_000);
    return now.toISOString();
  };
  let provinceId: number;
  let districtId: number;
  let session: SignedIn;

  const call = (options: InjectOptions) => app.inject(withSession(options, session));
  const getPlan = async (id: number) => ok(await call({ method: 'GET', url: `/api/plans/${id}` }), PlanView);
  const patchItem = (planId: number, itemId: number, body: object, headers: Record<string, string> = {}) =>
    call({ method: 'PATCH', url: `/api/plans/${planId}/items/${itemId}`, payload: body, headers });
  const patchTask = (planId: number, itemId: number, body: object) =>
    call({ method: 'PATCH', url: `/api/plans/${planId}/items/${itemId}/task`, payload: body });
  const upload = (fileName: string, bytes: Uint8Array) =>
    call({ method: 'POST', url: '/api/imports', ...multipartFile(fileName, bytes) });
  const confirm = (token: string, body: object = {}) =>
    call({ method: 'POST', url: `/api/imports/${token}/confirm`, payload: body });
  const counts = (): Promise<TableCounts> => countRows(db);

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const loaded = await loadSamplesIfEmpty({ db, clock }, SAMPLES);
    expect(loaded.map((p) => [p.subject, p.outcome])).toEqual([
      [PROVINCE, 'created'],
      [DISTRICT, 'created'],
    ]);
    provinceId = loaded[0]!.planId;
    districtId = loaded[1]!.planId;
    app = await buildApp({ db, clock, databaseAddress: testDb.address });
    await app.ready();
    watch = watchOf(app);
    await addUser({ db, clock }, ADMIN, [{ role: 'admin', unitId: null }]);
    session = await signIn(app, ADMIN, TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  it('serves exactly the routes of the table', () => {
    expect([...watch.routes].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('GET /api/health answers ok', async () => {
    const res = await call({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('GET /api/docs/json documents every API route; the documentation UI is served', async () => {
    const res = await call({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const api = Object.keys(ROUTES).filter((r) => !r.includes('/api/docs'));
    expect(documented.filter((r) => !r.startsWith('HEAD ')).sort()).toEqual(api.sort());

    for (const url of [
      '/api/docs',
      '/api/docs/static/index.html',
      '/api/docs/static/swagger-initializer.js',
      '/api/docs/yaml',
      '/api/docs/static/swagger-ui.css',
    ]) {
      const page = await call({ method: 'GET', url });
      expect(page.statusCode, url).toBeLessThan(400);
    }
  });

  it('answers an unknown API address with 404 NOT_FOUND', async () => {
    expectError(await call({ method: 'GET', url: '/api/nothing-here' }), 404, 'NOT_FOUND');
    expectError(await call({ method: 'PUT', url: `/api/plans/${provinceId}` }), 404, 'NOT_FOUND');
  });

  it('GET /api/plans lists both samples with the totals they show, findings and criteria', async () => {
    const list = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
    const by = (subject: string) => list.find((p) => p.subject === subject);
    expect(list).toHaveLength(2);
    expect(by(PROVINCE)).toMatchObject({
      id: provinceId,
      year: 2022,
      baselineYear: 2021,
      criteria: 119,
      // the stated total, as the page and the exports show it (the leaves add up to 86,2391: a finding)
      totals: { max: '100', baseline: '86.26', target: '89.93' },
      errors: 3,
      warnings: 1,
    });
    expect(by(DISTRICT)).toMatchObject({
      id: districtId,
      year: 2023,
      baselineYear: 2022,
      criteria: 146,
      totals: { max: '100', baseline: '78.046', target: '95.4' },
      errors: 0,
      warnings: 5,
    });
  });

  it('GET /api/plans/:id returns the plan with an ETag, and 304 to a client holding it', async () => {
    const res = await call({ method: 'GET', url: `/api/plans/${provinceId}` });
    const view = ok(res, PlanView);
    expect(view).toMatchObject({
      id: provinceId,
      subject: { name: PROVINCE },
      year: 2022,
      statedTotals: { max: '100', baseline: '86.26', target: '89.93' },
      version: 1,
    });
    expect(view.rows).toHaveLength(119);
    expect(rowOf(view, '6.1.1')).toMatchObject({ max: '1', baseline: '0.8791' });
    // the answer is what the database holds (not a plan view cached from another database)
    expect(view).toEqual(await planView(db, provinceId));

    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await call({
      method: 'GET',
      url: `/api/plans/${provinceId}`,
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await call({
      method: 'GET',
      url: `/api/plans/${districtId}`,
      headers: { 'if-none-match': String(etag) },
    });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);

    expectError(await call({ method: 'GET', url: '/api/plans/abc' }), 400, 'VALIDATION_FAILED');
    expectError(await call({ method: 'GET', url: '/api/plans/0' }), 400, 'VALIDATION_FAILED');
    const missing = expectError(
      await call({ method: 'GET', url: `/api/plans/${MISSING}` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expect(missing.message).toBe(`Không có kế hoạch #${MISSING}`);
    const en = await call({
      method: 'GET',
      url: `/api/plans/${MISSING}`,
      headers: { 'accept-language': 'en-US,en' },
    });
    expect(expectError(en, 404, 'PLAN_NOT_FOUND').message).toBe(`No plan #${MISSING}`);
  });

  it('GET /api/plans/:id/units/:unitId lists a unit’s criteria, most points at stake first', async () => {
    const view = await getPlan(provinceId);
    const soNoiVu = unitId(view, 'Sở Nội vụ');
    const lead = ok(
      await call({ method: 'GET', url: `/api/plans/${provinceId}/units/${soNoiVu}` }),
      LeadUnitView,
    );
    expect(lead.plan).toEqual({ id: provinceId, subject: PROVINCE, year: 2022 });
    expect(lead.unit).toMatchObject({ id: soNoiVu, name: 'Sở Nội vụ', kind: 'department' });
    expect(lead.rows.length).toBeGreaterThan(5);
    const stakes = lead.rows.map((r) => fromDecimalString(r.atStake ?? '-1').units);
    expect(stakes).toEqual([...stakes].sort((a, b) => b - a));
    for (const r of lead.rows) {
      expect(r.role).toBe('lead');
      expect(r.task.leadUnits.map((u) => u.id)).toContain(soNoiVu);
      if (r.max !== null && r.baseline !== null) {
        expect(r.atStake).toBe(
          toDecimalString(trimScale(sub(fromDecimalString(r.max), fromDecimalString(r.baseline)))),
        );
      }
      if (r.target !== null && r.baseline !== null) {
        expect(r.gain).toBe(
          toDecimalString(trimScale(sub(fromDecimalString(r.target), fromDecimalString(r.baseline)))),
        );
      }
    }
    const row = (code: string) => lead.rows.find((r) => r.code === code);
    expect(row('1.2')).toMatchObject({
      max: '0.5',
      baseline: '0',
      target: '0.5',
      atStake: '0.5',
      gain: '0.5',
    });
    expect(row('1.1')).toMatchObject({
      max: '1.5',
      baseline: '1.46',
      target: '1.5',
      atStake: '0.04',
      gain: '0.04',
    });
    // a difference is a computed value, shown with its natural precision: 1,5 − 1,5 is "0"
    expect(row('1.5')).toMatchObject({ max: '2', baseline: '1.5', atStake: '0.5', gain: '0' });

    const district = await getPlan(districtId);
    const districtUnit = district.units[0]!.id;
    expectError(
      await call({ method: 'GET', url: `/api/plans/${provinceId}/units/${districtUnit}` }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${provinceId}/units/${MISSING}` }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${MISSING}/units/${soNoiVu}` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${provinceId}/units/x` }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it.each([
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ] as const)(
    'GET /api/plans/:id/export/%s downloads the appendix, which reads back as the plan',
    async (format, type) => {
      for (const id of [provinceId, districtId]) {
        const view = await getPlan(id);
        const res = await call({ method: 'GET', url: `/api/plans/${id}/export/${format}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="ke-hoach-${id}.${format}"`);
        const read = await readPlans(new Uint8Array(res.rawPayload));
        if (!read.ok) throw new Error(`export not read: ${read.failure.code}`);
        expect(read.format).toBe(format);
        expect(read.plans).toHaveLength(1);
        const plan = read.plans[0]!.plan;
        expect([plan.subject, plan.year, plan.baselineYear]).toEqual([
          view.subject.name,
          view.year,
          view.baselineYear,
        ]);
        const dec = (s: { units: number; scale: number } | null) => (s === null ? null : toDecimalString(s));
        expect(plan.rows.map((r) => [r.code, dec(r.max), dec(r.baseline), dec(r.target)])).toEqual(
          view.rows.map((r) => [r.code, r.max, r.baseline, r.target]),
        );
        expect(
          plan.statedTotals && {
            max: dec(plan.statedTotals.max),
            baseline: dec(plan.statedTotals.baseline),
            target: dec(plan.statedTotals.target),
          },
        ).toEqual(view.statedTotals);
      }
      expectError(
        await call({ method: 'GET', url: `/api/plans/${MISSING}/export/${format}` }),
        404,
        'PLAN_NOT_FOUND',
      );
    },
  );

  it('GET /api/plans/:id/export/:format refuses another format', async () => {
    expectError(
      await call({ method: 'GET', url: `/api/plans/${provinceId}/export/pdf` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call({ method: 'GET', url: `/api/plans/abc/export/xlsx` }), 400, 'VALIDATION_FAILED');
  });

  // the report's content and rights: test/report.test.ts
  it('GET /api/plans/:id/report/:format downloads the progress report; GET /api/plans filters', async () => {
    for (const format of ['xlsx', 'docx'] as const) {
      const res = await call({
        method: 'GET',
        url: `/api/plans/${districtId}/report/${format}?asOf=30/11/2026`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('2026-11-30');
    }
    const view = await getPlan(provinceId);
    expectError(
      await call({ method: 'GET', url: `/api/plans/${districtId}/report/xlsx?unit=${view.units[0]!.id}` }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${MISSING}/report/docx` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${districtId}/report/docx?asOf=30/02/2026` }),
      400,
      'VALIDATION_FAILED',
    );
    const found = ok(
      await call({ method: 'GET', url: '/api/plans?q=krong%20no&year=2023' }),
      z.array(PlanListItem),
    );
    expect(found.map((p) => p.id)).toEqual([districtId]);
    expectError(await call({ method: 'GET', url: '/api/plans?year=x' }), 400, 'VALIDATION_FAILED');
  });

  it('POST /api/imports previews the samples as unchanged and writes nothing; confirming changes nothing', async () => {
    const before = await counts();
    const preview = ok(await upload('phu-luc.txt', seedBytes()), ImportPreview);
    expect(preview).toMatchObject({ fileName: 'phu-luc.txt', format: 'text', canConfirm: true });
    expect(preview.token).toMatch(/^[a-f0-9]{32}$/);
    expect(
      preview.plans.map((p) => [p.subject, p.year, p.criteria, p.blocking, p.existingPlanId, p.unchanged]),
    ).toEqual([
      [PROVINCE, 2022, 119, false, provinceId, true],
      [DISTRICT, 2023, 146, false, districtId, true],
    ]);
    expect(preview.plans.map((p) => p.unknownUnits)).toEqual([[], []]);
    expect(await counts()).toEqual(before);

    const result = ok(await confirm(preview.token), ImportResult);
    expect(result.plans.map((p) => [p.id, p.outcome])).toEqual([
      [provinceId, 'unchanged'],
      [districtId, 'unchanged'],
    ]);
    expect(await counts()).toEqual(before);
    expect((await getPlan(provinceId)).version).toBe(1);
    // the upload is used up
    expectError(await confirm(preview.token), 410, 'IMPORT_NOT_FOUND');
  });

  it('POST /api/imports refuses what is not a readable upload', async () => {
    const before = await counts();
    const empty = expectError(await upload('rong.txt', new Uint8Array()), 422, 'READ_FAILED');
    expect(empty.message).toContain('rong.txt');
    expectError(
      await call({ method: 'POST', url: '/api/imports', ...multipartFields({ note: 'no file' }) }),
      422,
      'READ_FAILED',
    );
    const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41);
    const tooLarge = expectError(await upload('lon.txt', big), 413, 'FILE_TOO_LARGE');
    expect(tooLarge.message).toContain('20 MB');
    // not multipart at all
    expectError(
      await call({ method: 'POST', url: '/api/imports', payload: { file: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await counts()).toEqual(before);
  });

  it('POST /api/imports/:token/confirm refuses a malformed request and an unknown upload', async () => {
    expectError(await confirm('not-a-token'), 400, 'VALIDATION_FAILED');
    const preview = ok(await upload('phu-luc.txt', seedBytes()), ImportPreview);
    expectError(await confirm(preview.token, { replace: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(
      await confirm(preview.token, { mapping: [{ plan: -1, name: 'x', unitId: 1 }] }),
      400,
      'VALIDATION_FAILED',
    );
    const gone = expectError(await confirm(TOKEN_NEVER_ISSUED), 410, 'IMPORT_NOT_FOUND');
    expect(gone.message).toContain('tải lên lại');
  });

  describe('PATCH /api/plans/:id/items/:itemId', () => {
    it('sets a leaf; its consistent parent and the consistent stated total follow; the ETag changes', async () => {
      const before = await call({ method: 'GET', url: `/api/plans/${provinceId}` });
      const view = ok(before, PlanView);
      // area 1's target (8) is the sum of its criteria's and the areas' targets add up to the stated 89,93
      expect(rowOf(view, '1')).toMatchObject({ target: '8', baseline: '7.46' });
      expect(rowOf(view, '1.5')).toMatchObject({ max: '2', baseline: '1.5', target: '1.5', version: 1 });
      const leaf = rowOf(view, '1.5');

      const at = tick();
      const after = ok(await patchItem(provinceId, leaf.itemId, { version: 1, target: '2' }), PlanView);
      expect(rowOf(after, '1.5')).toMatchObject({ target: '2', baseline: '1.5', version: 2 });
      expect(rowOf(after, '1')).toMatchObject({ target: '8.5', baseline: '7.46' });
      expect(after.statedTotals).toEqual({ max: '100', baseline: '86.26', target: '90.43' });
      expect(after.version).toBe(view.version + 1);
      expect(after.updatedAt).toBe(at);

      const fresh = await call({
        method: 'GET',
        url: `/api/plans/${provinceId}`,
        headers: { 'if-none-match': String(before.headers.etag) },
      });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers.etag).not.toBe(before.headers.etag);
      expect(PlanView.parse(fresh.json())).toEqual(after);
    });

    it('leaves an ancestor the document got wrong as stated (area 7 baseline), moving the consistent ones', async () => {
      const view = await getPlan(provinceId);
      // 7.1's baseline (6,9) is the sum of its sub-criteria; area 7's (13,25) is not the sum of 7.1 and 7.2
      expect(rowOf(view, '7.1').baseline).toBe('6.9');
      expect(rowOf(view, '7').baseline).toBe('13.25');
      expect(
        view.findings.some((f) => f.rule === 'sum-baseline' && f.code === '7' && f.severity === 'error'),
      ).toBe(true);
      const leaf = rowOf(view, '7.1.1');
      const after = ok(
        await patchItem(provinceId, leaf.itemId, { version: leaf.version, baseline: '0.25' }),
        PlanView,
      );
      expect(rowOf(after, '7.1.1').baseline).toBe('0.25');
      expect(rowOf(after, '7.1').baseline).toBe('6.65');
      expect(rowOf(after, '7').baseline).toBe('13.25');
      expect(after.statedTotals?.baseline).toBe('86.26');
      expect(after.findings.some((f) => f.rule === 'sum-baseline' && f.code === '7')).toBe(true);

      const list = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
      // the total, inconsistent with the areas in the document, keeps its stated value too
      expect(list.find((p) => p.id === provinceId)?.totals).toEqual({
        max: '100',
        baseline: '86.26',
        target: '90.43',
      });
    });

    it('refuses a target above the max in the officer’s language, and changes nothing', async () => {
      const view = await getPlan(provinceId);
      const leaf = rowOf(view, '1.4');
      expect(leaf).toMatchObject({ max: '1', target: '1' });
      const vi = expectError(
        await patchItem(provinceId, leaf.itemId, { version: 1, target: '1.5' }),
        422,
        'SCORE_ABOVE_MAX',
      );
      expect(vi.message).toBe('Mục tiêu 1,5 vượt điểm chuẩn 1 của tiêu chí 1.4');
      const en = expectError(
        await patchItem(
          provinceId,
          leaf.itemId,
          { version: 1, baseline: '1.25' },
          { 'accept-language': 'en' },
        ),
        422,
        'SCORE_ABOVE_MAX',
      );
      expect(en.message).toBe('Baseline 1.25 is above the max score 1 of criterion 1.4');
      expect(await getPlan(provinceId)).toEqual(view);
    });

    it('refuses a negative score: the schema lets "-0.5" through, the use-case refuses it', async () => {
      const view = await getPlan(provinceId);
      const leaf = rowOf(view, '1.4');
      const err = expectError(
        await patchItem(provinceId, leaf.itemId, { version: 1, target: '-0.5' }),
        422,
        'SCORE_NEGATIVE',
      );
      expect(err.message).toBe('Điểm không được âm (-0,5) ở tiêu chí 1.4');
      expect(await getPlan(provinceId)).toEqual(view);
    });

    it('refuses to set a parent: its score is the sum of its children', async () => {
      const view = await getPlan(provinceId);
      const area = rowOf(view, '1');
      const err = expectError(
        await patchItem(provinceId, area.itemId, { version: area.version, target: '8' }),
        422,
        'NOT_A_LEAF',
      );
      expect(err.message).toContain('Tiêu chí 1 có tiêu chí con');
      expect(await getPlan(provinceId)).toEqual(view);
    });

    it('refuses a stale version; of two edits from the same version the first wins', async () => {
      const view = await getPlan(provinceId);
      // 1.5 is at version 2 since the first edit
      const edited = rowOf(view, '1.5');
      expectError(
        await patchItem(provinceId, edited.itemId, { version: 1, target: '1' }),
        409,
        'STALE_VERSION',
      );
      expect(await getPlan(provinceId)).toEqual(view);

      const leaf = rowOf(view, '1.4');
      const first = await patchItem(provinceId, leaf.itemId, { version: 1, target: '0.5' });
      expect(rowOf(ok(first, PlanView), '1.4')).toMatchObject({ target: '0.5', version: 2 });
      expectError(
        await patchItem(provinceId, leaf.itemId, { version: 1, target: '0.75' }),
        409,
        'STALE_VERSION',
      );
      const after = await getPlan(provinceId);
      expect(rowOf(after, '1.4')).toMatchObject({ target: '0.5', version: 2 });
      // area 1 moved with both edits (8 + 0,5 − 0,5) and is back to 8, not "8,0"
      expect(rowOf(after, '1').target).toBe('8');
    });

    it('lets exactly one of two simultaneous edits from the same version through', async () => {
      const leaf = rowOf(await getPlan(provinceId), '1.6');
      const results = await Promise.all([
        patchItem(provinceId, leaf.itemId, { version: leaf.version, target: '1' }),
        patchItem(provinceId, leaf.itemId, { version: leaf.version, target: '1.25' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!;
      const stored = await getPlan(provinceId);
      expect(rowOf(stored, '1.6')).toEqual(rowOf(PlanView.parse(winner.json()), '1.6'));
      // the area moved once, by the winner's change
      const area1 = fromDecimalString(rowOf(stored, '1').target!).units;
      const children = stored.rows
        .filter((r) => r.parentCode === '1')
        .map((r) => fromDecimalString(r.target!).units);
      expect(area1).toBe(children.reduce((a, b) => a + b, 0));
    });

    it('refuses malformed requests and missing plans or items', async () => {
      const view = await getPlan(provinceId);
      const leaf = rowOf(view, '1.2');
      const url = (planId: number | string, itemId: number | string) =>
        `/api/plans/${planId}/items/${itemId}`;
      for (const body of [
        { version: 1 },
        { version: 1, target: '0,5' },
        { version: 1, target: 0.5 },
        { version: 1, target: '0.12345' },
        { version: 0, target: '0.5' },
        { target: '0.5' },
      ]) {
        expectError(
          await call({ method: 'PATCH', url: url(provinceId, leaf.itemId), payload: body }),
          400,
          'VALIDATION_FAILED',
        );
      }
      expectError(
        await call({ method: 'PATCH', url: url(provinceId, 'abc'), payload: { version: 1, target: '0.5' } }),
        400,
        'VALIDATION_FAILED',
      );
      const refused = await call({
        method: 'PATCH',
        url: url(provinceId, leaf.itemId),
        payload: { version: 1 },
      });
      // the Vietnamese answer says a field is wrong; zod's English wording stays in the details
      expect(expectError(refused, 400, 'VALIDATION_FAILED').message).toBe('Dữ liệu gửi lên không hợp lệ');
      expect(JSON.stringify(refused.json())).toContain('baseline or target is needed');

      expectError(
        await patchItem(MISSING, leaf.itemId, { version: 1, target: '0.5' }),
        404,
        'PLAN_NOT_FOUND',
      );
      expectError(await patchItem(provinceId, MISSING, { version: 1, target: '0.5' }), 404, 'ITEM_NOT_FOUND');
      // an item of the other plan
      const other = rowOf(await getPlan(districtId), '1.1.1');
      expectError(
        await patchItem(provinceId, other.itemId, { version: 1, target: '0.5' }),
        404,
        'ITEM_NOT_FOUND',
      );
      expect(await getPlan(provinceId)).toEqual(view);
    });
  });

  describe('PATCH /api/plans/:id/items/:itemId/task', () => {
    it('updates the follow-up and the text, keeping markup as literal text', async () => {
      const view = await getPlan(provinceId);
      const row = rowOf(view, '1.1');
      expect(row.task).toMatchObject({ version: 1, status: 'not_started', progress: 0 });
      const text = 'Theo dõi, đôn đốc <img src=x onerror=alert(1)> hoàn thành 100% kế hoạch';
      const res = await patchTask(provinceId, row.itemId, {
        version: 1,
        text: `  ${text}\r\n`,
        status: 'in_progress',
        progress: 40,
        deadline: '2022-12-31',
        progressNote: ' Đã ban hành kế hoạch ',
      });
      const task = rowOf(ok(res, PlanView), '1.1').task;
      expect(task).toMatchObject({
        text,
        status: 'in_progress',
        progress: 40,
        deadline: '2022-12-31',
        progressNote: 'Đã ban hành kế hoạch',
        version: 2,
        leadUnits: [{ name: 'Sở Nội vụ' }],
      });
      expect(res.body).toContain('<img src=x onerror=alert(1)>');
      const stored = await db
        .selectFrom('tasks')
        .select('text')
        .where('id', '=', task!.id)
        .executeTakeFirstOrThrow();
      expect(stored.text).toBe(text);

      // marked done without a progress: complete
      const done = await patchTask(provinceId, row.itemId, { version: 2, status: 'done', deadline: null });
      expect(rowOf(ok(done, PlanView), '1.1').task).toMatchObject({
        status: 'done',
        progress: 100,
        deadline: null,
        version: 3,
      });
    });

    it('sets the lead and supporting units; the supporting unit sees the task in its view', async () => {
      const view = await getPlan(provinceId);
      const row = rowOf(view, '1.1');
      const [soNoiVu, soTuPhap, vanPhong] = ['Sở Nội vụ', 'Sở Tư pháp', 'Văn phòng UBND tỉnh'].map((n) =>
        unitId(view, n),
      );
      const res = await patchTask(provinceId, row.itemId, {
        version: row.task!.version,
        leadUnitIds: [soTuPhap, soNoiVu],
        supportUnitIds: [vanPhong],
      });
      const task = rowOf(ok(res, PlanView), '1.1').task!;
      expect(task.leadUnits).toEqual([
        { id: soTuPhap, name: 'Sở Tư pháp' },
        { id: soNoiVu, name: 'Sở Nội vụ' },
      ]);
      expect(task.supportUnits).toEqual([{ id: vanPhong, name: 'Văn phòng UBND tỉnh' }]);
      expect(task.leadUnitsText).toBe('Sở Tư pháp; Sở Nội vụ');
      const links = await db
        .selectFrom('task_units')
        .select(['unit_id', 'role', 'position'])
        .where('task_id', '=', task.id)
        .orderBy('role')
        .orderBy('position')
        .execute();
      expect(links).toEqual([
        { unit_id: soTuPhap, role: 'lead', position: 0 },
        { unit_id: soNoiVu, role: 'lead', position: 1 },
        { unit_id: vanPhong, role: 'support', position: 0 },
      ]);

      const support = ok(
        await call({ method: 'GET', url: `/api/plans/${provinceId}/units/${vanPhong}` }),
        LeadUnitView,
      );
      expect(support.rows.find((r) => r.code === '1.1')).toMatchObject({ role: 'support', atStake: '0.04' });
      const lead = ok(
        await call({ method: 'GET', url: `/api/plans/${provinceId}/units/${soTuPhap}` }),
        LeadUnitView,
      );
      expect(lead.rows.find((r) => r.code === '1.1')?.role).toBe('lead');
    });

    it('creates the task of a criterion that has none, from version 0', async () => {
      const view = await getPlan(districtId);
      const row = rowOf(view, '1.3.2');
      expect(row.task).toBeNull();
      const phongNoiVu = unitId(view, 'Phòng Nội vụ');
      const res = await patchTask(districtId, row.itemId, {
        version: 0,
        text: 'Thực hiện 100% kế hoạch kiểm tra',
        leadUnitIds: [phongNoiVu],
      });
      const after = ok(res, PlanView);
      expect(rowOf(after, '1.3.2').task).toMatchObject({
        text: 'Thực hiện 100% kế hoạch kiểm tra',
        status: 'not_started',
        progress: 0,
        version: 1,
        leadUnits: [{ id: phongNoiVu, name: 'Phòng Nội vụ' }],
      });
      expect(after.findings.filter((f) => f.code === '1.3.2')).toEqual([]);
      // a second creation from version 0 is stale
      expectError(
        await patchTask(districtId, row.itemId, { version: 0, text: 'khác' }),
        409,
        'STALE_VERSION',
      );
      expect(rowOf(await getPlan(districtId), '1.3.2').task?.text).toBe('Thực hiện 100% kế hoạch kiểm tra');
    });

    it('refuses a unit of another subject, an unknown unit and a stale version, changing nothing', async () => {
      const province = await getPlan(provinceId);
      const district = await getPlan(districtId);
      const row = rowOf(district, '1.1.1');
      const version = row.task!.version;
      const soNoiVu = unitId(province, 'Sở Nội vụ');
      const foreign = expectError(
        await patchTask(districtId, row.itemId, { version, leadUnitIds: [soNoiVu] }),
        422,
        'UNIT_NOT_IN_PLAN',
      );
      expect(foreign.message).toBe(`Đơn vị #${soNoiVu} không thuộc ${DISTRICT}`);
      const unknown = expectError(
        await patchTask(districtId, row.itemId, { version, supportUnitIds: [MISSING] }),
        404,
        'UNIT_NOT_FOUND',
      );
      expect(unknown.message).toBe(`Không có đơn vị #${MISSING}`);
      expectError(
        await patchTask(districtId, row.itemId, { version: version + 1, status: 'done' }),
        409,
        'STALE_VERSION',
      );
      expect(await getPlan(districtId)).toEqual(district);
    });

    it('refuses malformed requests and missing plans or items', async () => {
      const view = await getPlan(districtId);
      const row = rowOf(view, '1.1.1');
      const version = row.task!.version;
      for (const body of [
        { version, progress: 101 },
        { version, progress: 50.5 },
        { version, status: 'finished' },
        { version, deadline: '31/12/2023' },
        { version, leadUnitIds: [0] },
        { version, leadUnitIds: 'Phòng Nội vụ' },
        { version: -1 },
        { status: 'done' },
      ]) {
        expectError(await patchTask(districtId, row.itemId, body), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await call({ method: 'PATCH', url: `/api/plans/${districtId}/items/x/task`, payload: { version } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await patchTask(MISSING, row.itemId, { version }), 404, 'PLAN_NOT_FOUND');
      expectError(await patchTask(districtId, MISSING, { version }), 404, 'ITEM_NOT_FOUND');
      const other = rowOf(await getPlan(provinceId), '1.2');
      expectError(await patchTask(districtId, other.itemId, { version: 1 }), 404, 'ITEM_NOT_FOUND');
      expect(await getPlan(districtId)).toEqual(view);
    });
  });

  describe('POST /api/plans/:id/units', () => {
    it('finds a unit by a spelling variant instead of creating a second one', async () => {
      const view = await getPlan(districtId);
      const before = await counts();
      const unit = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${districtId}/units`,
          payload: { name: 'Phòng nội vụ' },
        }),
        Unit,
      );
      expect(unit).toEqual({ id: unitId(view, 'Phòng Nội vụ'), name: 'Phòng Nội vụ', kind: 'office' });
      expect(await counts()).toEqual(before);
      expect((await getPlan(districtId)).version).toBe(view.version);
    });

    it('creates a new unit under the plan’s subject', async () => {
      const before = await counts();
      const unit = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${districtId}/units`,
          payload: { name: '  Phòng Kinh tế   và Hạ tầng ' },
        }),
        Unit,
      );
      expect(unit).toMatchObject({ name: 'Phòng Kinh tế và Hạ tầng', kind: 'office' });
      expect(await counts()).toEqual({ ...before, units: before.units + 1 });
      const view = await getPlan(districtId);
      expect(view.units).toContainEqual(unit);
      const stored = await db
        .selectFrom('units')
        .select('parent_id')
        .where('id', '=', unit.id)
        .executeTakeFirstOrThrow();
      expect(stored.parent_id).toBe(view.subject.id);
      // not a unit of the province
      expect((await getPlan(provinceId)).units.map((u) => u.id)).not.toContain(unit.id);
      // the same name again, in other case: the same unit
      const again = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${districtId}/units`,
          payload: { name: 'phòng kinh tế và hạ tầng' },
        }),
        Unit,
      );
      expect(again.id).toBe(unit.id);
    });

    it('refuses malformed requests and missing plans', async () => {
      const url = `/api/plans/${districtId}/units`;
      for (const payload of [{}, { name: 'x' }, { name: '   ' }, { name: 'P'.repeat(301) }, { name: 42 }]) {
        expectError(await call({ method: 'POST', url, payload }), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await call({ method: 'POST', url: '/api/plans/abc/units', payload: { name: 'Phòng Nội vụ' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call({ method: 'POST', url: `/api/plans/${MISSING}/units`, payload: { name: 'Phòng Nội vụ' } }),
        404,
        'PLAN_NOT_FOUND',
      );
    });
  });

  describe('imports of changed and faulty files', () => {
    it('previews a changed plan as existing; confirm refuses it without replace, replaces it with', async () => {
      const changed = setSeedCell(seedText(), 'province', '1.2', 'target', '0,25');
      const preview = ok(await upload('phu-luc-sua.txt', toBytes(changed)), ImportPreview);
      expect(preview.canConfirm).toBe(true);
      expect(preview.plans[0]).toMatchObject({
        subject: PROVINCE,
        existingPlanId: provinceId,
        unchanged: false,
        blocking: false,
      });
      expect(preview.plans[1]).toMatchObject({ subject: DISTRICT, existingPlanId: districtId });

      const before = await counts();
      const edited = await getPlan(provinceId);
      const exists = expectError(await confirm(preview.token), 409, 'PLAN_EXISTS');
      expect(exists.message).toContain(`${PROVINCE} năm 2022`);
      expect(await counts()).toEqual(before);
      expect(await getPlan(provinceId)).toEqual(edited);

      const at = tick();
      const result = ok(await confirm(preview.token, { replace: true }), ImportResult);
      expect(result.plans.find((p) => p.id === provinceId)).toEqual({
        id: provinceId,
        subject: PROVINCE,
        year: 2022,
        outcome: 'replaced',
      });
      const replaced = await getPlan(provinceId);
      expect(replaced.version).toBeGreaterThan(edited.version);
      expect(replaced.updatedAt).toBe(at);
      expect(rowOf(replaced, '1.2').target).toBe('0.25');
      // the earlier edits are gone with the old content
      expect(rowOf(replaced, '1.5').target).toBe('1.5');
      expect(replaced.statedTotals).toEqual({ max: '100', baseline: '86.26', target: '89.93' });

      expectError(await confirm(preview.token, { replace: true }), 410, 'IMPORT_NOT_FOUND');
    });

    it('previews a file with a blocking error as not confirmable; confirm refuses it and writes nothing', async () => {
      const faulty = duplicateSeedRow(seedText(), 'district', '1.1.1');
      const preview = ok(await upload('phu-luc-loi.txt', toBytes(faulty)), ImportPreview);
      expect(preview.canConfirm).toBe(false);
      expect(preview.plans.map((p) => p.blocking)).toEqual([false, true]);
      expect(preview.plans[1]!.findings).toContainEqual(
        expect.objectContaining({ rule: 'duplicate-code', severity: 'error', code: '1.1.1' }),
      );
      const before = await counts();
      const rejected = expectError(await confirm(preview.token, { replace: true }), 422, 'IMPORT_REJECTED');
      expect(rejected.message).toContain('không ghi gì');
      expect(await counts()).toEqual(before);
    });

    it('makes a new unit name an alias of the existing unit it is mapped to', async () => {
      const district = await getPlan(districtId);
      const phongNoiVu = unitId(district, 'Phòng Nội vụ');
      const preview = ok(await upload('krong-no-2024.txt', toBytes(SMALL_DISTRICT_PLAN)), ImportPreview);
      expect(preview.canConfirm).toBe(true);
      const plan = preview.plans[0]!;
      expect(plan).toMatchObject({ subject: DISTRICT, year: 2024, existingPlanId: null, criteria: 3 });
      expect(plan.unknownUnits).toEqual([
        {
          name: NEW_SPELLING,
          variants: [NEW_SPELLING],
          suggestion: { id: phongNoiVu, name: 'Phòng Nội vụ' },
        },
      ]);

      const before = await counts();
      // a unit of the province cannot stand for a unit of the district
      const soNoiVu = unitId(await getPlan(provinceId), 'Sở Nội vụ');
      expectError(
        await confirm(preview.token, { mapping: [{ plan: 0, name: NEW_SPELLING, unitId: soNoiVu }] }),
        422,
        'UNIT_NOT_IN_PLAN',
      );
      expect(await counts()).toEqual(before);

      const at = tick();
      const result = ok(
        await confirm(preview.token, { mapping: [{ plan: 0, name: NEW_SPELLING, unitId: phongNoiVu }] }),
        ImportResult,
      );
      expect(result.plans).toHaveLength(1);
      expect(result.plans[0]).toMatchObject({ subject: DISTRICT, year: 2024, outcome: 'created' });
      const newId = result.plans[0]!.id;
      const after = await counts();
      expect(after.units).toBe(before.units);
      expect(after.unit_aliases).toBe(before.unit_aliases + 1);
      expect(after.plans).toBe(before.plans + 1);

      const aliases = await db
        .selectFrom('unit_aliases')
        .select(['unit_id', 'alias'])
        .where('alias', '=', NEW_SPELLING)
        .execute();
      expect(aliases).toEqual([{ unit_id: phongNoiVu, alias: NEW_SPELLING }]);
      const view = await getPlan(newId);
      expect(view.updatedAt).toBe(at);
      const task = rowOf(view, '1.1').task!;
      expect(task.leadUnits).toEqual([{ id: phongNoiVu, name: 'Phòng Nội vụ' }]);
      expect(task.leadUnitsText).toBe(NEW_SPELLING);
      const links = await db
        .selectFrom('task_units')
        .select(['unit_id', 'source_text'])
        .where('task_id', '=', task.id)
        .execute();
      expect(links).toEqual([{ unit_id: phongNoiVu, source_text: NEW_SPELLING }]);
      expect(view).toEqual(await planView(db, newId));

      // the next upload of the file knows the spelling and the plan
      const again = ok(await upload('krong-no-2024.txt', toBytes(SMALL_DISTRICT_PLAN)), ImportPreview);
      expect(again.plans[0]).toMatchObject({ unknownUnits: [], existingPlanId: newId, unchanged: true });
    });
  });

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
      expect(me.csrfToken).toBe(session.csrfToken);
      expect(me.can).toEqual({
        import: true,
        adminUsers: true,
        adminUnits: true,
        readAudit: true,
        backup: true,
      });
      const roles = ok(await call({ method: 'GET', url: '/api/roles' }), Role.array());
      expect(roles.map((r) => [r.code, r.scope])).toEqual([
        ['admin', 'subtree'],
        ['officer', 'unit'],
        ['lead_unit', 'lead'],
        ['appraiser', 'subtree'],
        ['viewer', 'subtree'],
      ]);
    });

    it('POST /api/users creates an account with a role in a unit and a password shown once', async () => {
      const soNoiVu = unitId(await getPlan(provinceId), 'Sở Nội vụ');
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
      const own = await signIn(app, USER, password);
      const as = (options: InjectOptions) => app.inject(withSession(options, own));
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
      expect(plans.map((p) => p.id)).toEqual([provinceId]);
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
      await signIn(app, USER, fresh);
    });

    it('GET /api/units, POST /api/units and PATCH /api/units/:unitId', async () => {
      const province = (await getPlan(provinceId)).subject.id;
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

      const row = rowOf(await getPlan(districtId), '1.1.1');
      const at = tick();
      ok(await patchTask(districtId, row.itemId, { version: row.task!.version, progress: 30 }), PlanView);
      const history = ok(
        await call({ method: 'GET', url: `/api/plans/${districtId}/items/${row.itemId}/history` }),
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
          planId: districtId,
          itemId: row.itemId,
        }),
      );
      expectError(
        await call({ method: 'GET', url: `/api/plans/${MISSING}/items/${row.itemId}/history` }),
        404,
        'PLAN_NOT_FOUND',
      );
      expectError(
        await call({ method: 'GET', url: `/api/plans/${districtId}/items/x/history` }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('follow-up rules, self-lockout, archiving and deleting plans', () => {
    const Done = z.object({ ok: z.literal(true) });
    const lastAudit = (action: string) =>
      db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();

    it('progress on a task not started moves it to in progress, 100 % to done (audited)', async () => {
      const view = await getPlan(districtId);
      const row = view.rows.find(
        (r) => r.task !== null && r.task.status === 'not_started' && r.task.progress === 0,
      )!;
      const code = row.code;
      const started = rowOf(
        ok(await patchTask(districtId, row.itemId, { version: row.task!.version, progress: 30 }), PlanView),
        code,
      ).task!;
      expect(started).toMatchObject({ status: 'in_progress', progress: 30 });
      const trail = await db
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
        ok(await patchTask(districtId, row.itemId, { version: started.version, progress: 100 }), PlanView),
        code,
      ).task!;
      expect(done).toMatchObject({ status: 'done', progress: 100 });
      // a status the officer chooses in the same change is kept
      const chosen = rowOf(
        ok(
          await patchTask(districtId, row.itemId, {
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
          await patchTask(districtId, row.itemId, {
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
      const before = await countRows(db);
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
      expect(await countRows(db)).toEqual(before);
      const stillMe = ok(await call({ method: 'GET', url: '/api/auth/me' }), Me);
      expect(stillMe.grants).toEqual(me.grants);

      // with a second administrator role, one of them may go
      const province = (await getPlan(provinceId)).subject.id;
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
      expectError(await archive(districtId, { archived: 'yes' }), 400, 'VALIDATION_FAILED');
      expectError(await archive(MISSING, { archived: true }), 404, 'PLAN_NOT_FOUND');
      const before = await getPlan(districtId);
      expect(before.archived).toBe(false);
      const archived = ok(await archive(districtId, { archived: true }), PlanView);
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
        plan_id: districtId,
        field: 'archived',
        old_value: '0',
        new_value: '1',
      });

      const listed = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
      expect(listed.map((p) => p.id)).toContain(provinceId);
      expect(listed.map((p) => p.id)).not.toContain(districtId);
      const all = ok(await call({ method: 'GET', url: '/api/plans?archived=1' }), PlanListItem.array());
      expect(all.map((p) => p.id).sort()).toEqual([...listed.map((p) => p.id), districtId].sort());
      expect(all.filter((p) => p.archived).map((p) => p.id)).toEqual([districtId]);
      expectError(await call({ method: 'GET', url: '/api/plans?archived=maybe' }), 400, 'VALIDATION_FAILED');

      // every edit is refused and nothing changes
      const leaf = before.rows.find(
        (r) => r.task !== null && !before.rows.some((c) => c.parentCode === r.code),
      )!;
      const counts = await countRows(db);
      const refused = expectError(
        await patchItem(districtId, leaf.itemId, { version: leaf.version, target: leaf.target }),
        409,
        'PLAN_ARCHIVED',
      );
      expect(refused.message).toBe('Kế hoạch đã lưu trữ chỉ để xem; hãy bỏ lưu trữ trước khi sửa');
      expectError(
        await patchTask(districtId, leaf.itemId, { version: leaf.task!.version, progress: 50 }),
        409,
        'PLAN_ARCHIVED',
      );
      expect(await countRows(db)).toEqual(counts);
      // archiving again changes nothing
      expect(ok(await archive(districtId, { archived: true }), PlanView).version).toBe(archived.version);
      // nor may an import replace its content
      const changed = setSeedCell(seedText(), 'district', '1.1', 'task', 'Nhiệm vụ viết lại khi đã lưu trữ');
      const preview = ok(await upload('phu-luc-luu-tru.txt', toBytes(changed)), ImportPreview);
      expectError(await confirm(preview.token, { replace: true }), 409, 'PLAN_ARCHIVED');
      expect(await countRows(db)).toEqual(counts);

      const back = ok(await archive(districtId, { archived: false }), PlanView);
      expect(back).toMatchObject({ archived: false, access: { editScores: true, editTasks: true } });
      ok(await patchTask(districtId, leaf.itemId, { version: leaf.task!.version, progress: 50 }), PlanView);
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
      const view = await getPlan(districtId);
      const remove = (id: number | string, payload: object, as: SignedIn = session) =>
        app.inject(withSession({ method: 'DELETE', url: `/api/plans/${id}`, payload }, as));
      expectError(await remove(districtId, {}), 400, 'VALIDATION_FAILED');
      expectError(await remove(MISSING, { confirm: 'x' }), 404, 'PLAN_NOT_FOUND');

      // the district's own officer plans, but may not delete
      await addUser({ db, clock }, 'chuyenvien.huyen', [{ role: 'officer', unitId: view.subject.id }]);
      const officer = await signIn(app, 'chuyenvien.huyen', TEST_PASSWORD);
      const before = await countRows(db);
      expectError(
        await remove(districtId, { confirm: `${DISTRICT} ${view.year}` }, officer),
        403,
        'FORBIDDEN',
      );
      const mismatch = expectError(
        await remove(districtId, { confirm: DISTRICT }),
        422,
        'CONFIRMATION_MISMATCH',
      );
      expect(mismatch.message).toBe(`Tên gõ xác nhận không khớp; hãy gõ đúng "${DISTRICT} ${view.year}"`);
      expect(await countRows(db)).toEqual(before);

      // case and spaces do not matter
      const typed = `  ${DISTRICT.toLocaleLowerCase('vi')}   ${view.year} `;
      expect(ok(await remove(districtId, { confirm: typed }), Done)).toEqual({ ok: true });
      expectError(await call({ method: 'GET', url: `/api/plans/${districtId}` }), 404, 'PLAN_NOT_FOUND');
      const after = await countRows(db);
      expect(after.plans).toBe(before.plans - 1);
      expect(after.plan_items).toBe(before.plan_items - view.rows.length);
      expect(after.tasks).toBe(before.tasks - view.rows.filter((r) => r.task !== null).length);
      const listed = ok(await call({ method: 'GET', url: '/api/plans?archived=1' }), PlanListItem.array());
      expect(listed.map((p) => p.id)).not.toContain(districtId);
      expect(listed).toHaveLength(after.plans);

      const entry = await lastAudit('plan.delete');
      expect(entry).toMatchObject({ plan_id: districtId, unit_id: view.subject.id, username: ADMIN });
      const kept = JSON.parse(entry.old_value!) as { record: { id: number; year: number }; plan: PlanView };
      expect(kept.record).toMatchObject({ id: districtId, year: view.year });
      const { access: _access, ...content } = view;
      expect(kept.plan).toEqual(content);
      // the trail of the deleted plan stays and still verifies
      const history = await db
        .selectFrom('audit_log')
        .select('action')
        .where('plan_id', '=', districtId)
        .execute();
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['task.update', 'plan.archive', 'plan.delete']),
      );
    });
  });

  it('answers a failure it did not foresee with 500 INTERNAL and no internals', async () => {
    const closed = await testDb.open();
    const broken = await buildApp({ db: closed.db, clock });
    try {
      await closed.close();
      // the session is looked up in the closed database
      const res = await broken.inject(withSession({ method: 'GET', url: '/api/plans' }, session));
      expectError(res, 500, 'INTERNAL');
      expect(res.body).not.toMatch(/destroyed|kysely|sqlite|postgres/i);
    } finally {
      await broken.close();
    }
  });

  it('GET /api/admin/backup tells the engine and the audit head; POST sends a copy of the database', async () => {
    const info = ok(await call({ method: 'GET', url: '/api/admin/backup' }), BackupInfo);
    expect(info).toMatchObject({ engine: kind, download: true });
    expect(info.head.anchor).toBe(`${info.head.id}:${info.head.hash}`);
    const res = await call({ method: 'POST', url: '/api/admin/backup', payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="parindex-\d{8}-\d{6}\.(sqlite|dump)"$/,
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe(kind === 'sqlite' ? 'SQLit' : 'PGDMP');
  });

  it("resolves findings: keep as written, use the children's sum; refuses bad input and missing plans", async () => {
    const view = ok(await call({ method: 'GET', url: `/api/plans/${provinceId}` }), PlanView);
    const total = view.findings.find((f) => f.rule === 'total-baseline')!;
    expect(total).toMatchObject({ adoptable: true, acknowledgement: null });
    const kept = ok(
      await call({
        method: 'POST',
        url: `/api/plans/${provinceId}/findings/acknowledge`,
        payload: { version: view.version, key: total.key, note: 'Như văn bản đã phê duyệt' },
      }),
      PlanView,
    );
    expect(kept.findings.find((f) => f.key === total.key)?.acknowledgement?.note).toBe(
      'Như văn bản đã phê duyệt',
    );
    const adoptAll = async (version: number) =>
      ok(
        await call({
          method: 'POST',
          url: `/api/plans/${provinceId}/findings/adopt-sum`,
          payload: { version, key: null },
        }),
        PlanView,
      );
    const openErrors = (v: PlanView) =>
      v.findings.filter((f) => f.severity === 'error' && !f.acknowledgement).map((f) => f.rule);
    // the whole plan leaves the acknowledged total as written; if the areas moved, it opens again
    let adopted = await adoptAll(kept.version);
    expect(openErrors(adopted).filter((r) => r !== 'total-baseline')).toEqual([]);
    if (openErrors(adopted).length > 0) {
      expect(adopted.findings.find((f) => f.rule === 'total-baseline')?.acknowledgement).toBeNull();
      adopted = await adoptAll(adopted.version);
    }
    expect(openErrors(adopted)).toEqual([]);
    for (const what of ['adopt-sum', 'acknowledge']) {
      expectError(
        await call({
          method: 'POST',
          url: `/api/plans/${provinceId}/findings/${what}`,
          payload: { version: 'x' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call({
          method: 'POST',
          url: `/api/plans/${MISSING}/findings/${what}`,
          payload: { version: 1, key: total.key, note: 'x' },
        }),
        404,
        'PLAN_NOT_FOUND',
      );
    }
  });

  it('exercised every route of the table as it says, and no answer carried a stack trace', () => {
    const hits = watch.hits;
    const key = (h: (typeof hits)[number]) => `${h.method} ${h.route}`;
    for (const [route, spec] of Object.entries(ROUTES)) {
      const mine = hits.filter((h) => key(h) === route);
      expect(
        mine.some((h) => h.status < 400),
        `${route}: happy path`,
      ).toBe(true);
      if (spec.input) {
        expect(
          mine.some((h) => h.status === 400 && h.code === 'VALIDATION_FAILED'),
          `${route}: validation`,
        ).toBe(true);
      }
      for (const code of spec.missing) {
        const status = code === 'IMPORT_NOT_FOUND' ? 410 : 404;
        expect(
          mine.some((h) => h.status === status && h.code === code),
          `${route}: ${code}`,
        ).toBe(true);
      }
    }
    // every error answer was the API's error shape, and no answer showed the server's internals
    expect(hits.filter((h) => h.status >= 400 && h.code === null)).toEqual([]);
    expect(hits.filter((h) => h.stack)).toEqual([]);
  });
});
