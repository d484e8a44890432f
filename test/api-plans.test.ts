/**
 * The HTTP API through app.inject() on both engines: the plans: the list, a plan with its ETag, a
 * unit’s page, exports and reports, findings, backup, a failure. Each route's happy path, a request
 * its schema refuses (400 VALIDATION_FAILED) and the thing it names missing (404 / 410), as the
 * route table (test/helpers/route-table.ts) gives this file. One fresh database per engine for this
 * file (test/helpers/api-harness.ts), so it depends on no other file's edits; the tests of a block
 * run in order within it.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromDecimalString, sub, toDecimalString, trimScale } from '../src/core/score.js';
import { readPlans } from '../src/formats/read.js';
import { buildApp } from '../src/http/app.js';
import { planView } from '../src/modules/plan-view.js';
import {
  BackupInfo,
  LeadUnitView,
  PlanListChoices,
  PlanListItem,
  PlanView,
  SubjectChoices,
} from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { withSession } from './helpers/http.js';
import {
  apiHarness,
  PROVINCE,
  DISTRICT,
  MISSING,
  expectError,
  ok,
  rowOf,
  unitId,
} from './helpers/api-harness.js';
import { expectExercised, ROUTES } from './helpers/route-table.js';

describe.each(ENGINES)('HTTP API, plans, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, getPlan, clock } = api;

  it('serves exactly the routes of the table', () => {
    expect([...api.watch.routes].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('GET /api/health answers ok', async () => {
    const res = await call({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('GET /api/ready answers ready: the database answers and holds every migration', async () => {
    const res = await call({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ready: true });
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
    expectError(await call({ method: 'PUT', url: `/api/plans/${api.provinceId}` }), 404, 'NOT_FOUND');
  });

  it('GET /api/plans lists both samples with the totals they show, findings and criteria', async () => {
    const list = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
    const by = (subject: string) => list.find((p) => p.subject === subject);
    expect(list).toHaveLength(2);
    expect(by(PROVINCE)).toMatchObject({
      id: api.provinceId,
      year: 2022,
      baselineYear: 2021,
      criteria: 119,
      // the stated total, as the page and the exports show it (the leaves add up to 86,2391: a finding)
      totals: { max: '100', baseline: '86.26', target: '89.93' },
      errors: 3,
      warnings: 1,
    });
    expect(by(DISTRICT)).toMatchObject({
      id: api.districtId,
      year: 2023,
      baselineYear: 2022,
      criteria: 146,
      totals: { max: '100', baseline: '78.046', target: '95.4' },
      errors: 0,
      warnings: 5,
    });
  });

  it('GET /api/plans/:id returns the plan with an ETag, and 304 to a client holding it', async () => {
    const res = await call({ method: 'GET', url: `/api/plans/${api.provinceId}` });
    const view = ok(res, PlanView);
    expect(view).toMatchObject({
      id: api.provinceId,
      subject: { name: PROVINCE },
      year: 2022,
      statedTotals: { max: '100', baseline: '86.26', target: '89.93' },
      version: 1,
    });
    expect(view.rows).toHaveLength(119);
    expect(rowOf(view, '6.1.1')).toMatchObject({ max: '1', baseline: '0.8791' });
    // the answer is what the database holds (not a plan view cached from another database)
    expect(view).toEqual(await planView(api.db, api.provinceId));

    const etag = res.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await call({
      method: 'GET',
      url: `/api/plans/${api.provinceId}`,
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await call({
      method: 'GET',
      url: `/api/plans/${api.districtId}`,
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

  it('GET /api/plans/:id compresses as the client accepts, the same bytes each time, under the same ETag', async () => {
    const url = `/api/plans/${api.districtId}`;
    const plain = await call({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync };
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['*', 'br'],
    ] as const) {
      const first = await call({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      const again = await call({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      expect(first.headers['content-encoding'], accept).toBe(encoding);
      expect(first.headers.vary).toMatch(/accept-encoding/i);
      expect(first.headers.etag).toBe(plain.headers.etag);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(decoders[encoding](first.rawPayload).toString()).toBe(plain.body);
    }
    const refused = await call({ method: 'GET', url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(plain.body);
    expect(refused.headers.vary).toMatch(/accept-encoding/i);
    // 304 whatever the encoding asked, saying that the answer varies by it (a cache keys it so)
    for (const accept of ['br', 'gzip', undefined]) {
      const held = await call({
        method: 'GET',
        url,
        headers: {
          ...(accept ? { 'accept-encoding': accept } : {}),
          'if-none-match': String(plain.headers.etag),
        },
      });
      expect(held.statusCode, accept).toBe(304);
      expect(held.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(held.headers.etag, accept).toBe(plain.headers.etag);
    }
  });

  it('GET /api/plans/:id/units/:unitId lists a unit’s criteria, most points at stake first', async () => {
    const view = await getPlan(api.provinceId);
    const soNoiVu = unitId(view, 'Sở Nội vụ');
    const lead = ok(
      await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/${soNoiVu}` }),
      LeadUnitView,
    );
    expect(lead.plan).toEqual({ id: api.provinceId, subject: PROVINCE, year: 2022 });
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

    const district = await getPlan(api.districtId);
    const districtUnit = district.units[0]!.id;
    expectError(
      await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/${districtUnit}` }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/${MISSING}` }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${MISSING}/units/${soNoiVu}` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/x` }),
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
      // named for whose plan and which year
      const named = [
        [api.provinceId, 'ke-hoach-cchc-tinh-dak-nong-2022'],
        [api.districtId, 'ke-hoach-cchc-huyen-krong-no-2023'],
      ] as const;
      for (const [id, name] of named) {
        const view = await getPlan(id);
        const res = await call({ method: 'GET', url: `/api/plans/${id}/export/${format}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}.${format}"`);
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
      await call({ method: 'GET', url: `/api/plans/${api.provinceId}/export/pdf` }),
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
        url: `/api/plans/${api.districtId}/report/${format}?asOf=30/11/2026`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('2026-11-30');
    }
    const view = await getPlan(api.provinceId);
    expectError(
      await call({
        method: 'GET',
        url: `/api/plans/${api.districtId}/report/xlsx?unit=${view.units[0]!.id}`,
      }),
      404,
      'UNIT_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${MISSING}/report/docx` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expectError(
      await call({ method: 'GET', url: `/api/plans/${api.districtId}/report/docx?asOf=30/02/2026` }),
      400,
      'VALIDATION_FAILED',
    );
    const found = ok(
      await call({ method: 'GET', url: '/api/plans?q=krong%20no&year=2023' }),
      z.array(PlanListItem),
    );
    expect(found.map((p) => p.id)).toEqual([api.districtId]);
    expectError(await call({ method: 'GET', url: '/api/plans?year=x' }), 400, 'VALIDATION_FAILED');
  });

  it("gives the list's filter choices: the years and units of the plans the reader sees", async () => {
    const all = ok(await call({ method: 'GET', url: '/api/plans?archived=1' }), z.array(PlanListItem));
    const choices = ok(await call({ method: 'GET', url: '/api/plans/choices?archived=1' }), PlanListChoices);
    expect(all.length).toBeGreaterThan(1);
    expect(choices.years).toEqual([...new Set(all.map((p) => p.year))].sort((a, b) => b - a));
    const units = ok(
      await call({ method: 'GET', url: '/api/plans/choices/units?archived=1' }),
      SubjectChoices,
    );
    expect(units.items.map((u) => u.id).sort()).toEqual([...new Set(all.map((p) => p.subjectId))].sort());
    for (const u of units.items) {
      const plan = all.find((p) => p.subjectId === u.id)!;
      expect([u.name, u.parent]).toEqual([plan.subject, plan.subjectPath.at(-2) ?? null]);
    }
    expectError(
      await call({ method: 'GET', url: '/api/plans/choices?archived=maybe' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call({ method: 'GET', url: '/api/plans/choices/units?limit=0' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers a failure it did not foresee with 500 INTERNAL and no internals', async () => {
    const closed = await api.testDb.open();
    const broken = await buildApp({ db: closed.db, clock });
    try {
      await closed.close();
      // the session is looked up in the closed database
      const res = await broken.inject(withSession({ method: 'GET', url: '/api/plans' }, api.session));
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
    const view = ok(await call({ method: 'GET', url: `/api/plans/${api.provinceId}` }), PlanView);
    const total = view.findings.find((f) => f.rule === 'total-baseline')!;
    expect(total).toMatchObject({ adoptable: true, acknowledgement: null });
    const kept = ok(
      await call({
        method: 'POST',
        url: `/api/plans/${api.provinceId}/findings/acknowledge`,
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
          url: `/api/plans/${api.provinceId}/findings/adopt-sum`,
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
          url: `/api/plans/${api.provinceId}/findings/${what}`,
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

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'plans');
  });
});
