/**
 * The HTTP API through app.inject() on both engines: a published result's table into a pool's
 * result of a year — the preview (names matched to the register, an unknown one listed with a
 * candidate, computed ranks and groups beside the published ones, the ±0,01 component sum a
 * warning), the confirmation with the name mapped, a second table replacing the first (audited
 * old → new), a long table (bare "Mã") tied to the provinces' framework of its year, refused tables,
 * and the rights: only results.manage installation-wide. The provinces
 * and figures here are made up; the published figures are test/results-acceptance.test.ts's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPool, replaceBands, resultParts, resultScores, resultUnits } from '../src/db/results-repo.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { createUnit } from '../src/modules/units-admin.js';
import { ResultsImportPreview, ResultsImportResult } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok, TOKEN_NEVER_ISSUED } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { seedBytes } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);

const HEADER =
  'STT,Tỉnh/thành phố,Điểm thẩm định (62),Chỉ số hài lòng SIPAS (10),Khảo sát lãnh đạo cán bộ (20),Tác động KT-XH (8),Chỉ số,Xếp hạng,Nhóm';
const FIRST = [
  HEADER,
  '1,Biển Đông,"58,00","9,00","17,00","7,00","91,00",1,A',
  // 54 + 8,5 + 16 + 6,5 = 85 against 85,01: rounding, a warning
  '2,Sông Lam,"54,00","8,50","16,00","6,50","85,01",2,B',
  '3,Tỉnh Núi Xanh Mới,"50,00","8,00","15,00","6,00","79,00",3,B',
].join('\n');

describe.each(ENGINES)('HTTP API, results import, on %s', (kind) => {
  const api = apiHarness(kind);
  let poolId = 0;
  const units: Record<string, number> = {};
  const sessions: Record<'officer' | 'unitAdmin' | 'viewer' | 'otherAdmin', SignedIn> = {} as never;

  beforeAll(async () => {
    const deps = { db: api.db, clock: api.clock };
    for (const name of ['Tỉnh Biển Đông', 'Tỉnh Sông Lam', 'Tỉnh Núi Xanh']) {
      units[name] = (
        await createUnit(deps, systemActor('test'), { name, kind: 'province', parentId: null })
      ).id;
    }
    poolId = await insertPool(api.db, {
      name: 'Các tỉnh (thử)',
      name_key: 'cac tinh (thu)',
      created_at: api.clock().toISOString(),
      created_by: 'test',
    });
    await replaceBands(api.db, poolId, 2030, [
      { label: 'A', min_index: '90', colour: '' },
      { label: 'B', min_index: '80', colour: '' },
    ]);
    const province = units['Tỉnh Sông Lam']!;
    await addUser(deps, 'canbo', [{ role: 'officer', unitId: province }]);
    await addUser(deps, 'quantritinh', [{ role: 'admin', unitId: province }]);
    await addUser(deps, 'xem', [{ role: 'viewer', unitId: null }]);
    await addUser(deps, 'quantri2', [{ role: 'admin', unitId: null }]);
    sessions.officer = await signIn(api.app, 'canbo', TEST_PASSWORD);
    sessions.unitAdmin = await signIn(api.app, 'quantritinh', TEST_PASSWORD);
    sessions.viewer = await signIn(api.app, 'xem', TEST_PASSWORD);
    sessions.otherAdmin = await signIn(api.app, 'quantri2', TEST_PASSWORD);
  });

  const upload = (
    text: string,
    fields: Record<string, string> = { year: '2030', pool: String(poolId) },
    session: SignedIn | null = api.session,
    fileName = 'ket-qua.csv',
  ) =>
    api.app.inject(
      withSession(
        {
          method: 'POST',
          url: '/api/results/imports',
          ...multipartFile(fileName, bytesOf(text), { fields }),
        },
        session,
      ),
    );
  const preview = async (text: string) => ok(await upload(text), ResultsImportPreview);
  const confirm = (
    token: string,
    mapping: Record<string, number> = {},
    session: SignedIn | null = api.session,
  ) =>
    api.app.inject(
      withSession(
        { method: 'POST', url: `/api/results/imports/${token}/confirm`, payload: { mapping } },
        session,
      ),
    );
  const results = () => api.db.selectFrom('results').selectAll().where('pool_id', '=', poolId).execute();
  const trail = () =>
    api.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'field', 'old_value', 'new_value'])
      .where('action', '=', 'result.import')
      .orderBy('id')
      .execute();

  it('previews a table: names matched, an unknown one with a candidate, ranks and groups computed, nothing stored', async () => {
    const p = await preview(FIRST);
    expect(p.layout).toBe('wide');
    expect(p.poolId).toBe(poolId);
    expect(p.year).toBe(2030);
    expect(p.title).toBe('Chỉ số cải cách hành chính năm 2030 — Các tỉnh (thử)');
    expect(p.parts.map((x) => [x.code, x.kind, x.max])).toEqual([
      ['appraised', 'component', '62'],
      ['sipas', 'component', '10'],
      ['leaders', 'component', '20'],
      ['impact', 'component', '8'],
    ]);
    expect(
      p.units.map((u) => [
        u.row,
        u.writtenAs,
        u.unitName,
        u.index,
        u.publishedRank,
        u.rank,
        u.publishedGroup,
        u.group,
      ]),
    ).toEqual([
      [2, 'Biển Đông', 'Tỉnh Biển Đông', '91.00', 1, 1, 'A', 'A'],
      [3, 'Sông Lam', 'Tỉnh Sông Lam', '85.01', 2, 2, 'B', 'B'],
      // 79 is below B's 80: no group, where the table says B
      [4, 'Tỉnh Núi Xanh Mới', null, '79.00', 3, 3, 'B', null],
    ]);
    expect(p.units[0]!.scores).toEqual({
      appraised: '58.00',
      sipas: '9.00',
      leaders: '17.00',
      impact: '7.00',
    });
    expect(p.differences).toBe(0);
    expect(p.unknownNames).toEqual([
      {
        name: 'Tỉnh Núi Xanh Mới',
        rows: [4],
        candidates: [{ id: units['Tỉnh Núi Xanh']!, name: 'Tỉnh Núi Xanh' }],
      },
    ]);
    expect(p.findings.map((f) => [f.rule, f.severity, f.params.unit])).toEqual([
      ['results-components-sum', 'warning', 'Sông Lam'],
    ]);
    expect(p.canConfirm).toBe(true);
    expect(p.replaces).toBeNull();
    expect(await results()).toEqual([]);
    const pending = await api.db
      .selectFrom('pending_imports')
      .select(['kind', 'round_id'])
      .where('token', '=', p.token)
      .executeTakeFirst();
    expect(pending).toEqual({ kind: 'results', round_id: null });
  });

  it('refuses to confirm while a name is unmapped, or mapped to no unit; stores nothing', async () => {
    const p = await preview(FIRST);
    const refused = expectError(await confirm(p.token), 422, 'RESULTS_REJECTED');
    expect(refused.message).toContain('Tỉnh Núi Xanh Mới');
    expectError(await confirm(p.token, { 'Tỉnh Núi Xanh Mới': MISSING }), 404, 'UNIT_NOT_FOUND');
    expect(await results()).toEqual([]);
    expect(await trail()).toEqual([]);
  });

  it('confirms with the name mapped: the result, its parts, units and scores stored, audited, the upload used once', async () => {
    const p = await preview(FIRST);
    const done = ok(
      await confirm(p.token, { 'Tỉnh Núi Xanh Mới': units['Tỉnh Núi Xanh']! }),
      ResultsImportResult,
    );
    expect(done.units).toBe(3);
    expect(done.replaced).toBeNull();
    const [stored] = await results();
    expect(stored).toMatchObject({
      id: done.resultId,
      year: 2030,
      source: 'import',
      source_name: 'ket-qua.csv',
    });
    expect((await resultParts(api.db, done.resultId)).map((x) => [x.code, x.kind, x.max])).toEqual([
      ['appraised', 'component', '62'],
      ['sipas', 'component', '10'],
      ['leaders', 'component', '20'],
      ['impact', 'component', '8'],
    ]);
    const rows = await resultUnits(api.db, done.resultId);
    expect(rows.map((u) => [u.unit_id, u.name, u.index, u.published_rank, u.published_group])).toEqual([
      [units['Tỉnh Biển Đông'], 'Biển Đông', '91.00', 1, 'A'],
      [units['Tỉnh Sông Lam'], 'Sông Lam', '85.01', 2, 'B'],
      [units['Tỉnh Núi Xanh'], 'Tỉnh Núi Xanh Mới', '79.00', 3, 'B'],
    ]);
    const scores = await resultScores(api.db, done.resultId, [rows[1]!.id]);
    expect(scores.map((s) => [s.code, s.score]).sort()).toEqual([
      ['appraised', '54.00'],
      ['impact', '6.50'],
      ['leaders', '16.00'],
      ['sipas', '8.50'],
    ]);
    // the trail's entry as modules/results.ts#storeResultIn writes it (a summary of the result)
    expect(await trail()).toMatchObject([
      { entity: 'result', entity_id: String(done.resultId), field: 'result', old_value: null },
    ]);
    expect(JSON.parse((await trail())[0]!.new_value!)).toMatchObject({
      year: 2030,
      source: 'import',
      title: 'Chỉ số cải cách hành chính năm 2030 — Các tỉnh (thử)',
      units: 3,
    });
    expectError(
      await confirm(p.token, { 'Tỉnh Núi Xanh Mới': units['Tỉnh Núi Xanh']! }),
      410,
      'IMPORT_NOT_FOUND',
    );
  });

  it('replaces the pool’s result of that year with a second table, audited old → new', async () => {
    const [before] = await results();
    const p = ok(
      await upload(
        ['Đơn vị,Chỉ số,Xếp hạng', 'Tỉnh Sông Lam,"92,5",1', 'Tỉnh Biển Đông,"90,5",2'].join('\n'),
        { year: '2030', pool: String(poolId), title: 'Bản sửa' },
      ),
      ResultsImportPreview,
    );
    expect(p.replaces).toEqual({ resultId: before!.id, title: before!.title, units: 3 });
    const done = ok(await confirm(p.token), ResultsImportResult);
    expect(done.replaced).toBe(before!.id);
    const after = await results();
    expect(after.map((r) => [r.id, r.title])).toEqual([[done.resultId, 'Bản sửa']]);
    expect((await resultUnits(api.db, done.resultId)).map((u) => u.name)).toEqual([
      'Tỉnh Sông Lam',
      'Tỉnh Biển Đông',
    ]);
    // the old result's rows are gone with it
    expect(await resultUnits(api.db, before!.id)).toEqual([]);
    const last = (await trail()).at(-1)!;
    expect(last).toMatchObject({ entity: 'result', entity_id: String(done.resultId), field: 'result' });
    expect(JSON.parse(last.old_value!)).toMatchObject({ title: before!.title, units: 3 });
    expect(JSON.parse(last.new_value!)).toMatchObject({ title: 'Bản sửa', units: 2 });
  });

  it('refuses a table whose components miss the index by more than 0,01, a file that is no table, a missing pool', async () => {
    const [kept] = await results();
    const bad = await preview([HEADER, '1,Sông Lam,"54,00","8,50","16,00","6,50","86,00",1,B'].join('\n'));
    expect(bad.findings.map((f) => [f.rule, f.severity])).toEqual([['results-components-sum', 'error']]);
    expect(bad.canConfirm).toBe(false);
    expect(expectError(await confirm(bad.token), 422, 'RESULTS_REJECTED').message).toContain('chênh 1');
    expectError(await upload('', undefined, api.session, 'rong.csv'), 422, 'READ_FAILED');
    expectError(await upload(FIRST, { year: '2030', pool: String(MISSING) }), 404, 'POOL_NOT_FOUND');
    expectError(await upload(FIRST, { pool: String(poolId) }), 400, 'VALIDATION_FAILED');
    expectError(await confirm('zz'), 400, 'VALIDATION_FAILED');
    expectError(await confirm(TOKEN_NEVER_ISSUED), 410, 'IMPORT_NOT_FOUND');
    // a plan's upload is not a results table's (modules/pending-imports.ts checks the kind)
    const planUpload = (await api.upload('phu-luc.txt', seedBytes())).json<{ token: string }>();
    expectError(await confirm(planUpload.token), 410, 'IMPORT_NOT_FOUND');
    expect((await results()).map((r) => r.id)).toEqual([kept!.id]);
  });

  it('lets only results.manage installation-wide import: a unit’s admin, an officer, a reader are refused', async () => {
    for (const who of ['officer', 'unitAdmin', 'viewer'] as const) {
      expectError(await upload(FIRST, undefined, sessions[who]), 403, 'FORBIDDEN');
    }
    const p = await preview(FIRST);
    for (const who of ['officer', 'unitAdmin', 'viewer'] as const) {
      expectError(await confirm(p.token, {}, sessions[who]), 403, 'FORBIDDEN');
    }
    // another administrator cannot confirm someone else's upload
    expectError(await confirm(p.token, {}, sessions.otherAdmin), 410, 'IMPORT_NOT_FOUND');
    expectError(await upload(FIRST, undefined, null), 401, 'UNAUTHENTICATED');
  });

  it('ties a long table to the framework its provinces were scored on: bare codes take the criteria’s names, max and parents', async () => {
    // a province plan of 2031 makes the provinces' framework of that year (the plans' import)
    const plan = [
      'PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC TỈNH SÔNG LAM NĂM 2031**',
      '',
      'STT\tLĩnh vực/ tiêu chí/ tiêu chí thành phần\tĐiểm chuẩn\tĐiểm năm 2030 đạt được\tMục tiêu năm 2031\tNhiệm vụ/ giải pháp/ kết quả đầu ra\tĐơn vị chủ trì',
      '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t100\t90\t95\t\t',
      '1.1\tKế hoạch CCHC năm\t60\t50\t55\tXây dựng kế hoạch\tSở Nội vụ',
      '1.1.1\tBan hành kế hoạch đúng hạn\t60\t50\t55\tBan hành đúng hạn\tSở Nội vụ',
      '1.2\tThực hiện chế độ báo cáo CCHC định kỳ\t40\t40\t40\tBáo cáo đầy đủ, đúng hạn\tSở Tư pháp',
      'TỔNG ĐIỂM\t\t100\t90\t95\t\t',
    ].join('\n');
    const imported = await importPlans(
      { db: api.db, clock: api.clock },
      { actor: systemActor('test'), bytes: bytesOf(plan), sourceName: 'song-lam-2031.txt' },
    );
    if (!imported.ok) throw imported.error;
    const { framework_id } = await api.db
      .selectFrom('plans')
      .select('framework_id')
      .where('id', '=', imported.plans[0]!.planId)
      .executeTakeFirstOrThrow();
    const table = [
      'Đơn vị,Mã,Điểm',
      'Tỉnh Sông Lam,Chỉ số,"88,5"',
      'Tỉnh Sông Lam,1,"88,5"',
      'Tỉnh Sông Lam,1.1.1,"48,5"',
      'Tỉnh Sông Lam,1.2,40',
      'Tỉnh Biển Đông,Chỉ số,90',
    ].join('\n');
    const p = ok(await upload(table, { year: '2031', pool: String(poolId) }), ResultsImportPreview);
    expect(p.layout).toBe('long');
    const expected = [
      ['1', 'area', null, 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', '100'],
      // 1.1 is not in the table: 1.1.1 hangs under the nearest ancestor it has
      ['1.1.1', 'criterion', '1', 'Ban hành kế hoạch đúng hạn', '60'],
      ['1.2', 'criterion', '1', 'Thực hiện chế độ báo cáo CCHC định kỳ', '40'],
    ];
    expect(p.parts.map((x) => [x.code, x.kind, x.parentCode, x.name, x.max])).toEqual(expected);
    const done = ok(await confirm(p.token), ResultsImportResult);
    const stored = await api.db
      .selectFrom('results')
      .select('framework_id')
      .where('id', '=', done.resultId)
      .executeTakeFirstOrThrow();
    expect(stored.framework_id).toBe(framework_id);
    expect(
      (await resultParts(api.db, done.resultId)).map((x) => [
        x.code,
        x.kind,
        x.parent_code,
        x.name,
        x.max === null ? null : String(Number(x.max)),
      ]),
    ).toEqual(expected);
  });

  it('refuses a score above the max the framework gave', async () => {
    const p = ok(
      await upload(['Đơn vị,Mã,Điểm', 'Tỉnh Sông Lam,Chỉ số,80', 'Tỉnh Sông Lam,1.2,"40,5"'].join('\n'), {
        year: '2031',
        pool: String(poolId),
      }),
      ResultsImportPreview,
    );
    expect(p.findings.map((f) => [f.rule, f.code, f.params.max])).toEqual([
      ['results-above-max', '1.2', { units: 400_000, scale: 0 }],
    ]);
    expect(p.canConfirm).toBe(false);
    expectError(await confirm(p.token), 422, 'RESULTS_REJECTED');
  });

  it('leaves a table of no framework’s group as it is', async () => {
    const p = ok(
      await upload(['Đơn vị,Mã,Điểm', 'Tỉnh Sông Lam,Chỉ số,80', 'Tỉnh Sông Lam,1.2,30'].join('\n'), {
        year: '2032',
        pool: String(poolId),
      }),
      ResultsImportPreview,
    );
    expect(p.parts.map((x) => [x.code, x.parentCode, x.name, x.max])).toEqual([['1.2', null, '1.2', null]]);
  });

  it('exercised every route of the feature', () => {
    expectExercised(api.watch.hits, 'results-import');
  });
});
