/**
 * The HTTP API through app.inject() on both engines: criteria frameworks — the seeds' trees as
 * frameworks in use, the import of a framework document (preview, confirm), criterion edits with
 * version checks, publish, a frozen framework, a new version and what changed, the next year's copy,
 * the crosswalk. Each route's happy path, a request its schema refuses (400) and the thing it names
 * missing, as the route table gives this file (test/helpers/route-table.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setFrameworkInUse } from '../src/modules/frameworks.js';
import {
  Crosswalk,
  FrameworkCreated,
  FrameworkDiff,
  FrameworkImportPreview,
  FrameworkImportResult,
  FrameworkSummary,
  FrameworkView,
  type FrameworkCriterionView,
} from '../src/shared/api.js';
import { systemActor } from '../src/core/access.js';
import { ENGINES } from './helpers/databases.js';
import { multipartFile } from './helpers/http.js';
import { apiHarness, expectError, MISSING, ok, SAMPLES, TOKEN_NEVER_ISSUED } from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';
import { seedBytes } from './helpers/fixtures.js';

/** A small commune framework in the documents' style: a choice, bands with a strict edge, a linear rule. */
const COMMUNE_FRAMEWORK = [
  'BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM 2026',
  '(Ban hành kèm theo Quyết định số 2468/QĐ-UBND ngày 15/12/2025 của Chủ tịch UBND tỉnh Lâm Đồng)',
  '',
  'STT\tLĩnh vực/Tiêu chí/Tiêu chí thành phần\tĐiểm tối đa\tPhương pháp chấm điểm\tTài liệu kiểm chứng',
  '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\t3\t\t',
  '1.1\tBan hành kế hoạch CCHC năm\t1\tBan hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm\tKế hoạch CCHC năm',
  '1.2\tMức độ thực hiện kế hoạch CCHC\t2\tTrên 90% kế hoạch: 2 điểm; Từ 70% đến 90% kế hoạch: 1 điểm; Dưới 70% kế hoạch: 0 điểm\tBáo cáo CCHC năm',
  '2\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t2\t\t',
  '2.1\tTỷ lệ hồ sơ giải quyết đúng hạn\t2\tĐạt 100%: 2 điểm; Từ 90% đến dưới 100%: tỷ lệ % x điểm tối đa; Dưới 90%: 0 điểm\tBáo cáo tình hình giải quyết hồ sơ',
].join('\n');

const bytesOf = (text: string) => new TextEncoder().encode(text);

function criterion(view: FrameworkView, code: string): FrameworkCriterionView {
  const c = view.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`framework ${view.id} has no criterion ${code}`);
  return c;
}

describe.each(ENGINES)('HTTP API, frameworks, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, counts, tick } = api;
  const get = (url: string) => call({ method: 'GET', url });
  const post = (url: string, payload?: object) =>
    call({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const patch = (url: string, payload: object) => call({ method: 'PATCH', url, payload });
  const view = async (id: number) => ok(await get(`/api/frameworks/${id}`), FrameworkView);
  const lastAudit = (action: string) =>
    api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirst();

  let seedFramework = 0;
  let imported = 0;
  let version2 = 0;

  it("GET /api/frameworks lists the seeds' trees as frameworks in use, filtered by group, year and state", async () => {
    const all = ok(await get('/api/frameworks'), z.array(FrameworkSummary));
    const plans = await api.db.selectFrom('plans').select(['id', 'framework_id']).orderBy('id').execute();
    expect(all.map((f) => f.id).sort()).toEqual(plans.map((p) => p.framework_id).sort());
    expect(all.every((f) => f.state === 'in-use' && f.plans === 1 && f.version === 1)).toBe(true);
    const province = all.find((f) => f.unitGroup === 'province')!;
    expect(province.year).toBe(2022);
    seedFramework = province.id;

    const byGroup = ok(await get('/api/frameworks?group=province'), z.array(FrameworkSummary));
    expect(byGroup.map((f) => f.id)).toEqual([province.id]);
    const byYear = ok(await get('/api/frameworks?year=2023'), z.array(FrameworkSummary));
    expect(byYear.map((f) => f.year)).toEqual([2023]);
    expect(ok(await get('/api/frameworks?state=draft'), z.array(FrameworkSummary))).toEqual([]);
    expectError(await get('/api/frameworks?state=old'), 400, 'VALIDATION_FAILED');
  });

  it('GET /api/frameworks/:id: a plan tree has a hand rule on each leaf, none on parents, and is frozen', async () => {
    const f = await view(seedFramework);
    expect(f.frozen).toBe(true);
    const parents = new Set(f.criteria.map((c) => c.parentCode));
    for (const c of f.criteria) {
      if (parents.has(c.code)) expect(c.rule, c.code).toBeNull();
      else expect(c.rule, c.code).toEqual({ kind: 'manual', step: { units: 2500, scale: 2 } });
    }
    expect(f.criteria.every((c) => c.rawCode !== '')).toBe(true);
    // its JSON (tens of KB: over @fastify/compress's own bound for one step on 2 cores, 8 KB, within
    // the app's, 256 KB) compressed in one step — its length known — to the same JSON; a larger
    // answer (the API's description) through the plugin's stream, its length unknown beforehand
    const url = `/api/frameworks/${seedFramework}`;
    const plain = await get(url);
    expect(plain.rawPayload.length).toBeGreaterThan(8 * 1024);
    expect(plain.rawPayload.length).toBeLessThan(256 * 1024);
    const br = await call({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const docs = await call({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'br' } });
    expect(brotliDecompressSync(docs.rawPayload).length).toBeGreaterThan(256 * 1024);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers['content-length']).toBeUndefined();
    expectError(await get(`/api/frameworks/${MISSING}`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await get('/api/frameworks/abc'), 400, 'VALIDATION_FAILED');
  });

  it('a framework in use refuses every change of its content and says to make a new version', async () => {
    const before = await counts();
    const leaf = (await view(seedFramework)).criteria.find((c) => c.rule !== null)!;
    const res = await patch(`/api/frameworks/${seedFramework}/criteria/${leaf.id}`, {
      version: leaf.version,
      evidence: 'Kế hoạch',
    });
    const error = expectError(res, 409, 'FRAMEWORK_FROZEN');
    expect(error.message).toContain('phiên bản mới');
    expectError(await patch(`/api/frameworks/${seedFramework}`, { name: 'Khác' }), 409, 'FRAMEWORK_FROZEN');
    expect(await counts()).toEqual(before);
  });

  it('POST /api/frameworks/imports previews a document; confirming stores a draft, once', async () => {
    const before = await counts();
    const preview = ok(
      await call({
        method: 'POST',
        url: '/api/frameworks/imports',
        ...multipartFile('bo-tieu-chi-xa-2026.txt', bytesOf(COMMUNE_FRAMEWORK)),
      }),
      FrameworkImportPreview,
    );
    expect(preview.canConfirm).toBe(true);
    expect(preview.frameworks).toHaveLength(1);
    const [doc] = preview.frameworks;
    expect(doc).toMatchObject({
      unitGroup: 'commune',
      yearFrom: 2026,
      decisionNumber: '2468/QĐ-UBND',
      decisionDate: '2025-12-15',
      leaves: 3,
      max: '5',
      blocking: false,
      nextVersion: 1,
    });
    expect(doc!.criteria.map((c) => [c.code, c.rule?.kind ?? null])).toEqual([
      ['1', null],
      ['1.1', 'choice'],
      ['1.2', 'bands'],
      ['2', null],
      ['2.1', 'linear'],
    ]);
    // only the upload is kept
    expect(await counts()).toEqual(before);
    const kept = await api.db
      .selectFrom('pending_imports')
      .select('kind')
      .where('token', '=', preview.token)
      .execute();
    expect(kept).toEqual([{ kind: 'framework' }]);

    // a plan's upload is not a framework's, and a token never issued is gone
    expectError(
      await post(`/api/frameworks/imports/${TOKEN_NEVER_ISSUED}/confirm`, {}),
      410,
      'IMPORT_NOT_FOUND',
    );
    const planUpload = ok(
      await api.upload('phu-luc.txt', seedBytes()),
      z.object({ token: z.string() }).loose(),
    );
    expectError(
      await post(`/api/frameworks/imports/${planUpload.token}/confirm`, {}),
      410,
      'IMPORT_NOT_FOUND',
    );
    // nor is a framework's upload a plan's (modules/pending-imports.ts: the kind is checked for every wizard)
    expectError(await api.confirm(preview.token), 410, 'IMPORT_NOT_FOUND');
    expectError(
      await post(`/api/frameworks/imports/${preview.token}/confirm`, { frameworks: [{ index: -1 }] }),
      400,
      'VALIDATION_FAILED',
    );

    tick();
    const result = ok(
      await post(`/api/frameworks/imports/${preview.token}/confirm`, {}),
      FrameworkImportResult,
    );
    expect(result.frameworks).toEqual([
      expect.objectContaining({ unitGroup: 'commune', year: 2026, version: 1 }),
    ]);
    imported = result.frameworks[0]!.id;
    expectError(await post(`/api/frameworks/imports/${preview.token}/confirm`, {}), 410, 'IMPORT_NOT_FOUND');

    const f = await view(imported);
    expect(f).toMatchObject({
      state: 'draft',
      frozen: false,
      decisionNumber: '2468/QĐ-UBND',
      sourceName: 'bo-tieu-chi-xa-2026.txt',
    });
    expect(f.name).toContain('2026');
    expect(criterion(f, '1.2').rule).toMatchObject({ kind: 'bands' });
    expect(criterion(f, '1.2').evidence).toBe('Báo cáo CCHC năm');
    const entry = await lastAudit('framework.import');
    expect(entry).toMatchObject({ entity: 'framework', entity_id: String(imported), username: 'quantri' });
  });

  it('a document that does not say its group is imported with the group chosen at confirmation', async () => {
    const untitled = COMMUNE_FRAMEWORK.replace('CỦA UBND CẤP XÃ ', '');
    const preview = ok(
      await call({
        method: 'POST',
        url: '/api/frameworks/imports',
        ...multipartFile('bo.txt', bytesOf(untitled)),
      }),
      FrameworkImportPreview,
    );
    expect(preview.frameworks[0]!.unitGroup).toBeNull();
    const missing = expectError(
      await post(`/api/frameworks/imports/${preview.token}/confirm`, {}),
      422,
      'FRAMEWORK_INCOMPLETE',
    );
    expect(missing.message).toContain('nhóm đơn vị');
    // refused whole: the upload is still there for a corrected confirmation
    expectError(
      await post(`/api/frameworks/imports/${preview.token}/confirm`, {
        frameworks: [{ index: 0, unitGroup: 'hamlet' }],
      }),
      422,
      'UNIT_GROUP_UNKNOWN',
    );
    const result = ok(
      await post(`/api/frameworks/imports/${preview.token}/confirm`, {
        frameworks: [{ index: 0, unitGroup: 'ward' }],
      }),
      FrameworkImportResult,
    );
    expect(result.frameworks[0]).toMatchObject({ unitGroup: 'ward', year: 2026, version: 1 });
  });

  it('PATCH a criterion: its rule, texts and follow-up unit, version-checked and audited', async () => {
    const f = await view(imported);
    const bands = criterion(f, '1.2');
    const rule = {
      kind: 'bands' as const,
      bands: [
        { edge: 9000, strict: true, points: { units: 20000, scale: 0 } },
        { edge: 7000, strict: false, points: { units: 15000, scale: 1 } },
        { edge: null, strict: false, points: { units: 0, scale: 0 } },
      ],
    };
    const url = `/api/frameworks/${imported}/criteria/${bands.id}`;
    const unit = await api.db
      .selectFrom('units')
      .select(['id', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    tick();
    const after = ok(
      await patch(url, { version: bands.version, rule, scorer: 'council', followedById: unit.id }),
      FrameworkView,
    );
    const edited = criterion(after, '1.2');
    expect(edited.rule).toEqual(rule);
    expect(edited).toMatchObject({
      scorer: 'council',
      followedBy: { id: unit.id, name: unit.name },
      version: bands.version + 1,
    });
    const entries = await api.db
      .selectFrom('audit_log')
      .select(['field', 'old_value', 'new_value', 'code'])
      .where('action', '=', 'criterion.update')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.code, e.field])).toEqual([
      ['1.2', 'scorer'],
      ['1.2', 'followed_by'],
      ['1.2', 'rule'],
    ]);
    expect(JSON.parse(entries[2]!.new_value!)).toEqual(rule);
    expect(JSON.parse(entries[2]!.old_value!)).toEqual(bands.rule);

    // the same rule again with other decimals (1,50 for 1,5) changes nothing
    const same = { ...rule, bands: rule.bands.map((b) => ({ ...b, points: { ...b.points, scale: 2 } })) };
    const unchanged = ok(await patch(url, { version: edited.version, rule: same }), FrameworkView);
    expect(criterion(unchanged, '1.2').version).toBe(edited.version);

    const before = await counts();
    expectError(await patch(url, { version: bands.version, evidence: 'Cũ' }), 409, 'STALE_VERSION');
    const parent = criterion(f, '1');
    expectError(
      await patch(`/api/frameworks/${imported}/criteria/${parent.id}`, { version: parent.version, rule }),
      422,
      'RULE_ON_PARENT',
    );
    expectError(await patch(url, { version: edited.version, rule: null }), 422, 'RULE_MISSING');
    expectError(await patch(url, { version: edited.version, followedById: MISSING }), 404, 'UNIT_NOT_FOUND');
    expectError(
      await patch(`/api/frameworks/${imported}/criteria/${MISSING}`, { version: 1, evidence: 'x' }),
      404,
      'CRITERION_NOT_FOUND',
    );
    expectError(
      await patch(`/api/frameworks/${MISSING}/criteria/${bands.id}`, { version: 1, evidence: 'x' }),
      404,
      'FRAMEWORK_NOT_FOUND',
    );
    // another framework's criterion is not this framework's
    const other = (await view(seedFramework)).criteria[0]!;
    expectError(
      await patch(`/api/frameworks/${imported}/criteria/${other.id}`, {
        version: other.version,
        evidence: 'x',
      }),
      404,
      'CRITERION_NOT_FOUND',
    );
    expectError(
      await patch(url, { version: edited.version, rule: { kind: 'magic' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await patch(url, { version: edited.version }), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it("PATCH a framework's own fields; publish; a published framework still takes edits", async () => {
    const url = `/api/frameworks/${imported}`;
    const edited = ok(await patch(url, { decisionDate: '2025-12-16', yearTo: 2026 }), FrameworkView);
    expect(edited).toMatchObject({ decisionDate: '2025-12-16', yearTo: null });
    expect(await lastAudit('framework.update')).toMatchObject({
      field: 'decision_date',
      old_value: '2025-12-15',
      new_value: '2025-12-16',
    });
    expectError(await patch(url, { yearTo: 2020 }), 422, 'FRAMEWORK_YEARS');
    expectError(await patch(url, { name: '' }), 400, 'VALIDATION_FAILED');
    expectError(await patch(`/api/frameworks/${MISSING}`, { name: 'x' }), 404, 'FRAMEWORK_NOT_FOUND');

    const published = ok(await post(`${url}/publish`), FrameworkView);
    expect(published.state).toBe('published');
    expect(await lastAudit('framework.publish')).toMatchObject({
      old_value: 'draft',
      new_value: 'published',
    });
    expectError(await post(`${url}/publish`), 409, 'FRAMEWORK_STATE');
    expectError(await post(`/api/frameworks/${MISSING}/publish`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await post('/api/frameworks/x/publish'), 400, 'VALIDATION_FAILED');

    const leaf = criterion(published, '1.1');
    const again = ok(
      await patch(`${url}/criteria/${leaf.id}`, {
        version: leaf.version,
        evidence: 'Kế hoạch CCHC năm 2026',
      }),
      FrameworkView,
    );
    expect(again.state).toBe('published');
    expect(criterion(again, '1.1').evidence).toBe('Kế hoạch CCHC năm 2026');
  });

  it('setFrameworkInUse freezes a framework: from then on its content refuses changes', async () => {
    await api.db.transaction().execute((tx) => setFrameworkInUse(tx, imported, systemActor('test'), tick()));
    const f = await view(imported);
    expect(f).toMatchObject({ state: 'in-use', frozen: true });
    expect(await lastAudit('framework.in_use')).toMatchObject({
      old_value: 'published',
      new_value: 'in-use',
    });
    const leaf = criterion(f, '1.1');
    expectError(
      await patch(`/api/frameworks/${imported}/criteria/${leaf.id}`, {
        version: leaf.version,
        evidence: 'x',
      }),
      409,
      'FRAMEWORK_FROZEN',
    );
  });

  it('POST …/versions makes a draft from it; the diff says what changed, by code', async () => {
    const created = ok(await post(`/api/frameworks/${imported}/versions`), FrameworkCreated);
    expect(created).toMatchObject({ unitGroup: 'commune', year: 2026, version: 2 });
    expect(created.name).toContain('phiên bản 2');
    version2 = created.id;
    const v2 = await view(version2);
    const v1 = await view(imported);
    expect(v2).toMatchObject({ state: 'draft', previousId: imported });
    expect(v2.criteria.map((c) => [c.code, c.rule])).toEqual(v1.criteria.map((c) => [c.code, c.rule]));
    expect(v1.nextIds).toEqual([version2]);

    // nothing changed yet
    const none = ok(await get(`/api/frameworks/${version2}/diff`), FrameworkDiff);
    expect(none).toMatchObject({ added: 0, removed: 0, changed: 0, rows: [] });

    const leaf = criterion(v2, '2.1');
    const rule = { kind: 'manual' as const, step: { units: 5000, scale: 1 } };
    ok(
      await patch(`/api/frameworks/${version2}/criteria/${leaf.id}`, {
        version: leaf.version,
        name: 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn',
        rule,
      }),
      FrameworkView,
    );
    const diff = ok(await get(`/api/frameworks/${version2}/diff`), FrameworkDiff);
    expect(diff).toMatchObject({
      from: { id: imported },
      to: { id: version2 },
      added: 0,
      removed: 0,
      changed: 1,
    });
    expect(diff.rows[0]).toMatchObject({ code: '2.1', kind: 'changed', oldRule: leaf.rule, newRule: rule });
    expect(diff.rows[0]!.changes.map((c) => c.field)).toEqual(['name', 'rule']);
    expect(diff.rows[0]!.changes[0]).toEqual({
      field: 'name',
      old: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
      new: 'Tỷ lệ hồ sơ giải quyết trước và đúng hạn',
    });
    // against any other framework, by code
    const bySeed = ok(await get(`/api/frameworks/${version2}/diff?from=${seedFramework}`), FrameworkDiff);
    expect(bySeed.added + bySeed.changed).toBeGreaterThan(0);

    expectError(await get(`/api/frameworks/${imported}/diff`), 422, 'FRAMEWORK_NO_PREVIOUS');
    expectError(await get(`/api/frameworks/${MISSING}/diff`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await get(`/api/frameworks/${version2}/diff?from=zero`), 400, 'VALIDATION_FAILED');
    expectError(await post(`/api/frameworks/${MISSING}/versions`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await post('/api/frameworks/0/versions'), 400, 'VALIDATION_FAILED');
  });

  it("publishing is refused while the checker finds errors: a rule that gives more than the criterion's max", async () => {
    const v2 = await view(version2);
    const choice = criterion(v2, '1.1');
    const edited = ok(
      await patch(`/api/frameworks/${version2}/criteria/${choice.id}`, {
        version: choice.version,
        max: '0.5',
      }),
      FrameworkView,
    );
    expect(edited.findings.some((f) => f.rule === 'rule-exceeds-max' && f.code === '1.1')).toBe(true);
    const error = expectError(await post(`/api/frameworks/${version2}/publish`), 422, 'FRAMEWORK_HAS_ERRORS');
    expect(error.message).toContain(v2.name);
    expect((await view(version2)).state).toBe('draft');
  });

  it('the sample framework document (DOCX) is read in the worker pool with every rule recognised', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(SAMPLES, 'frameworks/bo-tieu-chi-cap-xa-2026.docx')));
    const preview = ok(
      await call({
        method: 'POST',
        url: '/api/frameworks/imports',
        ...multipartFile('bo-tieu-chi.docx', bytes),
      }),
      FrameworkImportPreview,
    );
    const [doc] = preview.frameworks;
    expect(preview.canConfirm).toBe(true);
    expect(doc).toMatchObject({ unitGroup: 'commune', yearFrom: 2026, max: '100', blocking: false });
    expect(doc!.findings.filter((f) => f.rule === 'method-not-recognised')).toEqual([]);
    const kinds = new Set(doc!.criteria.flatMap((c) => (c.rule ? [c.rule.kind] : [])));
    expect(kinds.size).toBe(11);
    // the group and year already hold an imported version 1
    expect(doc!.nextVersion).toBe(3);
  });

  it('POST …/next-year copies it for the year after, as a draft', async () => {
    const created = ok(await post(`/api/frameworks/${imported}/next-year`), FrameworkCreated);
    expect(created).toMatchObject({ unitGroup: 'commune', year: 2027, version: 1 });
    expect(created.name).toContain('2027');
    expect(created.name).not.toContain('2026');
    const f = await view(created.id);
    expect(f).toMatchObject({ state: 'draft', previousId: imported, year: 2027 });
    expect(f.title).toContain('NĂM 2027');
    expect(await lastAudit('framework.next_year')).toMatchObject({
      entity_id: String(created.id),
      old_value: String(imported),
    });
    expectError(await post(`/api/frameworks/${MISSING}/next-year`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await post('/api/frameworks/-1/next-year'), 400, 'VALIDATION_FAILED');
  });

  it('the crosswalk: proposed by code and name, confirmed or corrected per row, audited', async () => {
    const url = `/api/frameworks/${version2}/crosswalk`;
    const empty = ok(await get(url), Crosswalk);
    expect(empty.rows.every((r) => r.toCode === null && r.method === null && r.by === null)).toBe(true);

    const proposed = ok(await post(`${url}/propose`, {}), Crosswalk);
    expect(proposed.rows.map((r) => [r.fromCode, r.toCode, r.method, r.status])).toEqual([
      ['1', '1', 'code', 'proposed'],
      ['1.1', '1.1', 'code', 'proposed'],
      ['1.2', '1.2', 'code', 'proposed'],
      ['2', '2', 'code', 'proposed'],
      ['2.1', '2.1', 'code', 'proposed'],
    ]);
    expect(proposed.unmatched).toEqual([]);
    expect(proposed.rows[4]!.likeness).toBeLessThan(1);
    expect(proposed.rows[0]!.likeness).toBe(1);

    tick();
    const confirmed = ok(
      await post(`${url}/confirm`, {
        rows: [
          { fromCode: '1.1', toCode: '1.1' },
          { fromCode: '1.2', toCode: null },
        ],
      }),
      Crosswalk,
    );
    const row = (code: string) => confirmed.rows.find((r) => r.fromCode === code)!;
    expect(row('1.1')).toMatchObject({ toCode: '1.1', status: 'confirmed', method: 'code', by: 'quantri' });
    expect(row('1.2')).toMatchObject({ toCode: null, status: 'confirmed', method: 'officer' });
    expect(confirmed.unmatched).toEqual([{ code: '1.2', name: 'Mức độ thực hiện kế hoạch CCHC' }]);
    expect(await lastAudit('crosswalk.confirm')).toMatchObject({
      code: '1.2',
      field: 'to_code',
      old_value: '1.2',
      new_value: null,
    });

    // proposing again keeps what an officer confirmed
    const again = ok(await post(`${url}/propose`), Crosswalk);
    expect(again.rows.find((r) => r.fromCode === '1.2')).toMatchObject({ toCode: null, status: 'confirmed' });
    expect(again.rows.filter((r) => r.status === 'proposed').map((r) => r.fromCode)).toEqual([
      '1',
      '2',
      '2.1',
    ]);

    expectError(
      await post(`${url}/confirm`, { rows: [{ fromCode: '9.9', toCode: '1' }] }),
      422,
      'CROSSWALK_CODE_UNKNOWN',
    );
    expectError(await post(`${url}/confirm`, { rows: [] }), 400, 'VALIDATION_FAILED');
    expectError(
      await post(`/api/frameworks/${MISSING}/crosswalk/confirm`, { rows: [{ fromCode: '1', toCode: '1' }] }),
      404,
      'FRAMEWORK_NOT_FOUND',
    );
    expectError(await post(`${url}/propose`, { from: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await post(`/api/frameworks/${MISSING}/crosswalk/propose`, {}), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await get(`/api/frameworks/${MISSING}/crosswalk`), 404, 'FRAMEWORK_NOT_FOUND');
    expectError(await get(`${url}?from=x`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/frameworks/${imported}/crosswalk`), 422, 'FRAMEWORK_NO_PREVIOUS');
  });

  it("the audit trail words the frameworks' entries", async () => {
    const res = await call({
      method: 'GET',
      url: '/api/audit?limit=200',
      headers: { 'accept-language': 'vi' },
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const words of [
      'Nhập bộ tiêu chí',
      'Công bố bộ tiêu chí',
      'Sửa tiêu chí của bộ tiêu chí',
      'Xác nhận đối chiếu tiêu chí',
    ]) {
      expect(res.body).toContain(words);
    }
  });

  it('exercised its part of the route table', () => {
    expectExercised(api.watch.hits, 'frameworks');
  });
});
