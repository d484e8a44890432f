/**
 * A plan's page with its first screen (http/first-screen.ts), on both engines: a reader of the plan
 * gets the app's page with the top of the plan drawn in it, every text of the plan escaped, and the
 * plan's JSON as GET /api/plans/:id answers it to the same session, in a script of data; no session,
 * no right, another unit's plan, an unknown id, an account that must change its password — the plain
 * page, byte for byte, with the same status; the built page rebuilt under a running server is the
 * one the next page carries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { FIRST_ROWS } from '../src/http/first-screen.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { PlanView } from '../src/shared/api.js';
import { FIRST_SCREEN_ID, PLAN_DATA_ID } from '../src/shared/plan-heading.js';
import { addUser, TEST_PASSWORD, TEST_PASSWORD_COST, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { DISTRICT, MISSING, PROVINCE, SAMPLES, TOKEN_NEVER_ISSUED } from './helpers/api-harness.js';
import { signIn, type SignedIn } from './helpers/http.js';

/**
 * The built page as the test's web root holds it: the app's root, its script, a module it preloads
 * and its stylesheet, as Vite writes them.
 */
const SHELL =
  '<!doctype html><html lang="vi"><head><title>ParIndex</title>' +
  '<script type="module" crossorigin src="/assets/index.js"></script>\n' +
  '<link rel="modulepreload" crossorigin href="/assets/react.js">\n' +
  '<link rel="stylesheet" crossorigin href="/assets/index.css"></head><body><div id="root"></div></body></html>';
const HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';

/** The plan's JSON the page carries, read as the app reads it (JSON.parse of the element's text). */
function planInPage(body: string): PlanView {
  const match = new RegExp(`<script type="application/json" id="${PLAN_DATA_ID}">([^<]*)</script>`).exec(
    body,
  );
  if (!match) throw new Error('no plan in the page');
  return PlanView.parse(JSON.parse(match[1]!));
}

function expectPlainPage(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.headers['cache-control']).toBe('no-cache');
  expect(res.body).toBe(SHELL);
}

describe.each(ENGINES)('a plan page with its first screen, on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let webRoot: string;
  let provinceId: number;
  let districtId: number;
  let admin: SignedIn;
  const clock = () => new Date('2024-03-01T02:00:00.000Z');
  const page = (url: string, session: SignedIn | null, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers: { ...(session ? { cookie: session.cookie } : {}), ...headers },
    });

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'parindex-first-screen-'));
    writeFileSync(join(webRoot, 'index.html'), SHELL);
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const deps = { db, clock };
    const loaded = await loadSamplesIfEmpty(deps, SAMPLES);
    [provinceId, districtId] = loaded.map((p) => p.planId) as [number, number];
    app = await buildApp(
      { ...deps, databaseAddress: testDb.address, passwordCost: TEST_PASSWORD_COST },
      { webRoot },
    );
    await app.ready();
    await addUser(deps, 'quantri', [{ role: 'admin', unitId: null }]);
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("gives a reader the plan's first screen and the JSON its API answers, kept by no cache", async () => {
    const res = await page(`/plans/${provinceId}`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(String(res.headers.vary).toLowerCase()).toContain('cookie');
    // the security headers of every answer: no inline script allowed
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    const api = await app.inject({ method: 'GET', url: `/api/plans/${provinceId}`, headers: admin.headers });
    expect(planInPage(res.body)).toEqual(api.json());
    // in the app's root, before its script runs: the heading, the figures, the first rows
    const root = res.body.slice(res.body.indexOf('<div id="root">'));
    expect(root).toMatch(new RegExp(`^<div id="root"><div id="${FIRST_SCREEN_ID}"`));
    expect(root).toContain(`${PROVINCE} — Kế hoạch năm 2022`);
    expect(root).toContain('<div class="fs-stat-title">Điểm chuẩn</div><div class="fs-stat-value">100</div>');
    expect(root).toContain('CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC');
    expect(root.match(/<tr/g)).toHaveLength(FIRST_ROWS + 1);
    // the app's script and stylesheet after the first screen, which paints without waiting for
    // them; the modules the script imports asked for by the script, not all at once by the page
    expect(
      res.body.startsWith('<!doctype html><html lang="vi"><head><title>ParIndex</title></head><body>'),
    ).toBe(true);
    expect(res.body).toMatch(
      /<\/script><script type="module" crossorigin src="\/assets\/index.js"><\/script>\n<link rel="stylesheet" crossorigin href="\/assets\/index.css"><\/body>/,
    );
    expect(res.body).not.toContain('modulepreload');
    expect(SHELL).toContain('modulepreload');
  });

  it("escapes the plan's texts in the first screen and its JSON", async () => {
    // a plan whose title and a criterion carry markup (as a document might): a new version of it
    await db.updateTable('plans').set({ title: HOSTILE }).where('id', '=', districtId).execute();
    const criteria = db.selectFrom('plan_items').select('criterion_id').where('plan_id', '=', districtId);
    await db
      .updateTable('criteria')
      .set({ name: HOSTILE })
      .where('id', 'in', criteria)
      .where('code', '=', '1')
      .execute();
    await db
      .updateTable('plans')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', districtId)
      .execute();
    const res = await page(`/plans/${districtId}`, admin);
    expect(res.statusCode).toBe(200);
    // no element made of the text: no <img, one script of the page's and the data's closing tag each
    expect(res.body).not.toContain('<img');
    expect(res.body.match(/<script/g)).toHaveLength(2);
    expect(res.body.match(/<\/script>/g)).toHaveLength(2);
    expect(res.body).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;/script&#62;');
    const plan = planInPage(res.body);
    expect(plan.title).toBe(HOSTILE);
    expect(plan.rows.find((r) => r.code === '1')?.name).toBe(HOSTILE);
  });

  it('gives the plain page without a session, with an unknown one, or to an account that must change its password', async () => {
    expectPlainPage(await page(`/plans/${provinceId}`, null));
    expectPlainPage(
      await page(`/plans/${provinceId}`, null, { cookie: `parindex_session=${TOKEN_NEVER_ISSUED}` }),
    );
    await addUser({ db, clock }, 'moi', [{ role: 'admin', unitId: null }], { mustChangePassword: true });
    expectPlainPage(await page(`/plans/${provinceId}`, await signIn(app, 'moi', TEST_PASSWORD)));
  });

  it("gives the plain page for another unit's plan, an unknown plan, or an id no route takes", async () => {
    await addUser({ db, clock }, 'huyen', [{ role: 'viewer', unitId: await unitId(db, DISTRICT) }]);
    const district = await signIn(app, 'huyen', TEST_PASSWORD);
    // the district's reader reads its own plan, not the province's
    expect(planInPage((await page(`/plans/${districtId}`, district)).body).id).toBe(districtId);
    const refused = await page(`/plans/${provinceId}`, district);
    expectPlainPage(refused);
    expect(refused.headers.vary).toMatch(/cookie/i);
    expectPlainPage(await page(`/plans/${MISSING}`, admin));
    expectPlainPage(await page('/plans/99999999999', admin));
    // the print view and other pages never carry a plan
    expectPlainPage(await page(`/plans/${provinceId}/print`, admin));
    expectPlainPage(await page('/plans', admin));
  });

  it('carries the built page as it is now: rebuilt under the running server, the next page has it', async () => {
    const shellAt = (res: LightMyRequestResponse) => /src="\/assets\/([^"]+)"/.exec(res.body)?.[1];
    // the same length, other hashed names: told by the file's modification time
    for (const script of ['inde2.js', 'index.js']) {
      const built = SHELL.replace('index.js', script);
      writeFileSync(join(webRoot, 'index.html'), built);
      const res = await page(`/plans/${provinceId}`, admin);
      expect(planInPage(res.body).id).toBe(provinceId);
      expect(shellAt(res)).toBe(script);
      expect((await page(`/plans/${MISSING}`, admin)).body).toBe(built);
      expect((await page('/', admin)).body).toBe(built);
    }
  });
});
