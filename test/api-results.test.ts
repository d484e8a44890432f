/**
 * The HTTP API through app.inject() on both engines: results and ranking (issue 12, decision 0015) —
 * pools (created, renamed with a version check, a name taken), bands per year (replaced whole, refused
 * with each band's problem), a result's ranking (index, the pool's tie-break, the year's bands,
 * differences from the publication as findings, points lost, the pool's average and best), a unit's
 * explanation, year over year across a merged commune, a published round made a result (replacing the
 * pool's result of its year, audited), a result removed, and who may change what.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { insertCrosswalkRows, insertFramework } from '../src/db/frameworks-repo.js';
import { insertUnitEvent } from '../src/db/units-repo.js';
import { RoundResults } from '../src/shared/api.js';
import {
  BandsResponse,
  Pool,
  PoolsResponse,
  RankingPage,
  ResultsResponse,
  UnitExplanation,
} from '../src/shared/api/results.js';
import { z } from 'zod';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok } from './helpers/api-harness.js';
import { selfAssess } from './helpers/appraisal-fixture.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedResult } from './helpers/results.js';
import { expectExercised } from './helpers/route-table.js';
import { addDays, calendarFrom, roundChanged, seedRound } from './helpers/rounds.js';
import type { InjectOptions } from 'fastify';

const Saved = z.object({ resultId: z.number(), replaced: z.number().nullable() });

describe.each(ENGINES)('HTTP API, results and ranking, on %s', (kind) => {
  const api = apiHarness(kind);
  const as = (session: SignedIn, options: InjectOptions) => api.app.inject(withSession(options, session));
  const get = (url: string) => api.call({ method: 'GET', url });
  const trail = (action: string) =>
    api.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'field', 'code', 'old_value', 'new_value'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  let viewer: SignedIn;
  let provinceAdmin: SignedIn;
  it('signs in a reader (plan.read in the province) and an administrator of the province only', async () => {
    const province = await api.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', 'Tỉnh Đắk Nông')
      .executeTakeFirstOrThrow();
    await addUser({ db: api.db, clock: api.clock }, 'xem.ketqua', [{ role: 'viewer', unitId: province.id }]);
    await addUser({ db: api.db, clock: api.clock }, 'qt.tinh', [{ role: 'admin', unitId: province.id }]);
    viewer = await signIn(api.app, 'xem.ketqua', TEST_PASSWORD);
    provinceAdmin = await signIn(api.app, 'qt.tinh', TEST_PASSWORD);
  });

  let poolId = 0;
  it('creates a pool, refuses its name again (without diacritics or case), renames it with a version check', async () => {
    const created = ok(
      await api.call({
        method: 'POST',
        url: '/api/results/pools',
        payload: { name: 'Các  tỉnh, thành phố', tieBreak: ['sipas'] },
      }),
      Pool,
    );
    expect(created).toMatchObject({
      name: 'Các tỉnh, thành phố',
      tieBreak: ['sipas'],
      years: [],
      version: 1,
    });
    poolId = created.id;
    expect(
      expectError(
        await api.call({
          method: 'POST',
          url: '/api/results/pools',
          payload: { name: 'CAC TINH, THANH PHO' },
        }),
        409,
        'POOL_EXISTS',
      ).message,
    ).toContain('CAC TINH, THANH PHO');
    expectError(
      await api.call({ method: 'POST', url: '/api/results/pools', payload: { name: ' ' } }),
      400,
      'VALIDATION_FAILED',
    );

    const renamed = ok(
      await api.call({
        method: 'PATCH',
        url: `/api/results/pools/${poolId}`,
        payload: { version: 1, description: 'PAR INDEX các tỉnh' },
      }),
      Pool,
    );
    expect(renamed).toMatchObject({ description: 'PAR INDEX các tỉnh', tieBreak: ['sipas'], version: 2 });
    expectError(
      await api.call({
        method: 'PATCH',
        url: `/api/results/pools/${poolId}`,
        payload: { version: 1, name: 'X' },
      }),
      409,
      'STALE_VERSION',
    );
    expectError(
      await api.call({ method: 'PATCH', url: `/api/results/pools/${MISSING}`, payload: { version: 1 } }),
      404,
      'POOL_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'PATCH', url: `/api/results/pools/${poolId}`, payload: { name: 'Y' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await trail('pool.update')).toEqual([
      {
        entity: 'ranking_pool',
        entity_id: String(poolId),
        field: 'description',
        code: null,
        old_value: '',
        new_value: 'PAR INDEX các tỉnh',
      },
    ]);
    const pools = ok(await get('/api/results/pools'), PoolsResponse).pools;
    expect(pools.find((p) => p.id === poolId)?.name).toBe('Các tỉnh, thành phố');
  });

  it('replaces the bands of a year whole, highest first; refuses bands naming each problem’s position', async () => {
    const url = `/api/results/pools/${poolId}/bands/2024`;
    const refused = expectError(
      await api.call({
        method: 'PUT',
        url,
        payload: {
          bands: [
            { label: 'A', minIndex: '90', colour: '' },
            { label: 'B', minIndex: '90', colour: '' },
          ],
        },
      }),
      422,
      'BANDS_INVALID',
    );
    expect(refused.message).toBe(
      'Các mức xếp loại chưa đúng: mức thứ 2 có cùng chỉ số thấp nhất với mức "A"',
    );
    const saved = ok(
      await api.call({
        method: 'PUT',
        url,
        payload: {
          bands: [
            { label: 'C', minIndex: '0', colour: '#999999' },
            { label: 'A', minIndex: '90', colour: '#1b9e77' },
            { label: 'B', minIndex: '80', colour: '' },
          ],
        },
      }),
      BandsResponse,
    );
    expect(saved.bands.map((b) => [b.label, b.minIndex])).toEqual([
      ['A', '90'],
      ['B', '80'],
      ['C', '0'],
    ]);
    expect(ok(await get(url), BandsResponse)).toEqual(saved);
    expect(ok(await get(`/api/results/pools/${poolId}/bands/2023`), BandsResponse).bands).toEqual([]);
    expectError(await get(`/api/results/pools/${MISSING}/bands/2024`), 404, 'POOL_NOT_FOUND');
    expectError(await get(`/api/results/pools/${poolId}/bands/1800`), 400, 'VALIDATION_FAILED');
    expectError(
      await api.call({
        method: 'PUT',
        url: `/api/results/pools/${MISSING}/bands/2024`,
        payload: { bands: [] },
      }),
      404,
      'POOL_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'PUT', url, payload: { bands: [{ label: 'A' }] } }),
      400,
      'VALIDATION_FAILED',
    );
    const entries = await trail('pool.bands');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: 'ranking_pool',
      field: 'bands',
      code: '2024',
      old_value: '[]',
    });
  });

  let resultId = 0;
  const units: Record<string, number> = {};
  it('ranks a result: index, then the tie-break; groups by the year’s bands; differences as findings', async () => {
    const seeded = await seedResult(api.db, {
      pool: poolId,
      year: 2024,
      parts: [
        { code: 'appraised', kind: 'component', name: 'Điểm thẩm định', max: '60' },
        { code: 'sipas', kind: 'component', name: 'SIPAS', max: '10' },
        { code: '1', kind: 'criterion', name: 'Công tác chỉ đạo', max: '30' },
      ],
      units: [
        {
          name: 'Tỉnh Xuân',
          index: '92',
          rank: 1,
          group: 'A',
          scores: { appraised: '58', sipas: '9.5', '1': '24.5' },
        },
        // equal index: sipas decides (9 before 8); the publication printed 2 for both
        { name: 'Tỉnh Hạ', index: '85.5', rank: 2, group: 'B', scores: { appraised: '50', sipas: '8' } },
        { name: 'Tỉnh Thu', index: '85.5', rank: 2, group: 'B', scores: { appraised: '49.5', sipas: '9' } },
        {
          name: 'Tỉnh Đông',
          writtenAs: 'Đông',
          index: '79.99',
          rank: 4,
          group: 'B',
          scores: { appraised: '45' },
        },
      ],
    });
    resultId = seeded.resultId;
    Object.assign(units, seeded.unitIds);
    const r = ok(await get(`/api/results/${resultId}/ranking`), RankingPage);
    expect(r.parts.map((p) => p.code)).toEqual(['appraised', 'sipas']);
    expect(r.tieBreak).toEqual(['sipas']);
    expect(r.units.map((u) => [u.unit, u.writtenAs, u.index, u.rank, u.group, u.publishedRank])).toEqual([
      ['Tỉnh Xuân', 'Tỉnh Xuân', '92', 1, 'A', 1],
      ['Tỉnh Thu', 'Tỉnh Thu', '85.5', 2, 'B', 2],
      ['Tỉnh Hạ', 'Tỉnh Hạ', '85.5', 3, 'B', 2],
      ['Tỉnh Đông', 'Đông', '79.99', 4, 'C', 4],
    ]);
    expect(r.findings.map((f) => [f.rule, f.params])).toEqual([
      ['result-rank-differs', { unit: 'Tỉnh Hạ', published: 2, computed: 3 }],
      ['result-group-differs', { unit: 'Tỉnh Đông', published: 'B', computed: 'C' }],
    ]);
    // lost per component, biggest first, at most three; a part without a score is left out
    expect(r.units[0]!.lost).toEqual([
      { code: 'appraised', lost: '2' },
      { code: 'sipas', lost: '0.5' },
    ]);
    expect(r.units[3]!.lost).toEqual([{ code: 'appraised', lost: '15' }]);
    expect(r.units[0]!.scores).toEqual({ appraised: '58', sipas: '9.5' });
    expect(r.average).toEqual({
      index: '85.7475',
      parts: { appraised: '50.625', sipas: '8.8333' },
    });
    expect(r.best).toEqual({ parts: { appraised: '58', sipas: '9.5' } });
    expect(r.units.every((u) => u.previous === null)).toBe(true);
    // the whole pool beside the page: how many units, per group, the findings in all
    expect([r.offset, r.limit, r.total, r.findingsTotal]).toEqual([0, 50, 4, 2]);
    expect(r.groups).toEqual([
      { group: 'A', units: 1 },
      { group: 'B', units: 2 },
      { group: 'C', units: 1 },
    ]);
    // a page: the units from offset in rank order, the pool's figures unchanged
    const page = ok(await get(`/api/results/${resultId}/ranking?offset=1&limit=2`), RankingPage);
    expect(page.units.map((u) => [u.unit, u.rank, u.group, u.scores, u.lost])).toEqual(
      r.units.slice(1, 3).map((u) => [u.unit, u.rank, u.group, u.scores, u.lost]),
    );
    expect([page.offset, page.limit, page.total]).toEqual([1, 2, 4]);
    expect([page.average, page.best, page.groups, page.findings]).toEqual([
      r.average,
      r.best,
      r.groups,
      r.findings,
    ]);
    expect(ok(await get(`/api/results/${resultId}/ranking?offset=4`), RankingPage).units).toEqual([]);
    expectError(await get(`/api/results/${resultId}/ranking?limit=201`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/results/${resultId}/ranking?limit=0`), 400, 'VALIDATION_FAILED');
    // a page whose last position PostgreSQL's integer holds is an empty page; past it, a refusal (not a 500)
    const farthest = 2_147_483_647 - 200;
    expect(ok(await get(`/api/results/${resultId}/ranking?offset=${farthest}`), RankingPage).units).toEqual(
      [],
    );
    expectError(
      await get(`/api/results/${resultId}/ranking?offset=${farthest + 1}`),
      400,
      'VALIDATION_FAILED',
    );
    // a reader with plan.read reads it too
    expect(
      ok(await as(viewer, { method: 'GET', url: `/api/results/${resultId}/ranking` }), RankingPage).units,
    ).toHaveLength(4);
    expectError(await get(`/api/results/${MISSING}/ranking`), 404, 'RESULT_NOT_FOUND');
    expectError(await get('/api/results/abc/ranking'), 400, 'VALIDATION_FAILED');
    // compressed as the client accepts, the same JSON
    const url = `/api/results/${resultId}/ranking`;
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync };
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const sent = await api.call({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      expect(sent.headers['content-encoding'], accept).toBe(encoding);
      expect(sent.headers.vary).toMatch(/accept-encoding/i);
      expect(decoders[encoding](sent.rawPayload).toString()).toBe(plain.body);
    }
  });

  it('a ranking kept between reads follows its pool: new bands regroup it, a new tie-break reorders it', async () => {
    const pool = async () =>
      ok(await get('/api/results/pools'), PoolsResponse).pools.find((p) => p.id === poolId)!;
    const ranking = async () =>
      ok(await get(`/api/results/${resultId}/ranking`), RankingPage).units.map((u) => [
        u.unit,
        u.rank,
        u.group,
      ]);
    const bands = (b: string) => [
      { label: 'A', minIndex: '90', colour: '#1b9e77' },
      { label: 'B', minIndex: b, colour: '' },
      { label: 'C', minIndex: '0', colour: '#999999' },
    ];
    const saveBands = async (b: string) =>
      ok(
        await api.call({
          method: 'PUT',
          url: `/api/results/pools/${poolId}/bands/2024`,
          payload: { bands: bands(b) },
        }),
        BandsResponse,
      );
    const tieBreak = async (codes: string[]) =>
      ok(
        await api.call({
          method: 'PATCH',
          url: `/api/results/pools/${poolId}`,
          payload: { version: (await pool()).version, tieBreak: codes },
        }),
        Pool,
      );
    const kept = await ranking();
    expect(await ranking()).toEqual(kept);
    const version = (await pool()).version;
    // the same bands again change nothing, not even the pool's version
    await saveBands('80');
    expect((await pool()).version).toBe(version);
    await saveBands('86');
    expect((await pool()).version).toBe(version + 1);
    expect(await ranking()).toEqual([
      ['Tỉnh Xuân', 1, 'A'],
      ['Tỉnh Thu', 2, 'C'],
      ['Tỉnh Hạ', 3, 'C'],
      ['Tỉnh Đông', 4, 'C'],
    ]);
    expect((await tieBreak(['appraised'])).version).toBe(version + 2);
    expect(await ranking()).toEqual([
      ['Tỉnh Xuân', 1, 'A'],
      ['Tỉnh Hạ', 2, 'C'],
      ['Tỉnh Thu', 3, 'C'],
      ['Tỉnh Đông', 4, 'C'],
    ]);
    // a criterion as the tie-break (read from every part's scores): neither has one, both second
    await tieBreak(['1']);
    expect(await ranking()).toEqual([
      ['Tỉnh Xuân', 1, 'A'],
      ['Tỉnh Hạ', 2, 'C'],
      ['Tỉnh Thu', 2, 'C'],
      ['Tỉnh Đông', 4, 'C'],
    ]);
    await tieBreak(['sipas']);
    await saveBands('80');
    expect(await ranking()).toEqual(kept);
  });

  it('lists results by pool and year', async () => {
    const listed = ok(await get(`/api/results?pool=${poolId}`), ResultsResponse).results;
    expect(listed.map((x) => [x.id, x.year, x.poolName, x.units])).toEqual([
      [resultId, 2024, 'Các tỉnh, thành phố', 4],
    ]);
    expect(ok(await get(`/api/results?pool=${poolId}&year=2023`), ResultsResponse).results).toEqual([]);
    expectError(await get('/api/results?year=abc'), 400, 'VALIDATION_FAILED');
  });

  it('explains a unit: every part with its score, loss and index; the finest parts lost', async () => {
    const e = ok(await get(`/api/results/${resultId}/units/${units['Tỉnh Xuân']}`), UnitExplanation);
    expect(e.unit.rank).toBe(1);
    expect(e.parts.map((p) => [p.code, p.kind, p.score, p.lost, p.index])).toEqual([
      ['appraised', 'component', '58', '2', '96.6667'],
      ['sipas', 'component', '9.5', '0.5', '95'],
      ['1', 'criterion', '24.5', '5.5', '81.6667'],
    ]);
    expect(e.lost).toEqual([{ code: '1', lost: '5.5' }]);
    expect(e.history.map((h) => [h.year, h.unit, h.rank, h.of])).toEqual([[2024, 'Tỉnh Xuân', 1, 4]]);
    expect(e.change).toBeNull();
    expectError(await get(`/api/results/${resultId}/units/${MISSING}`), 404, 'RESULT_UNIT_NOT_FOUND');
    expectError(await get(`/api/results/${MISSING}/units/${units['Tỉnh Xuân']}`), 404, 'RESULT_NOT_FOUND');
    expectError(await get(`/api/results/${resultId}/units/x`), 400, 'VALIDATION_FAILED');
  });

  it('explains a unit whose row went between the ranking and the rest of the read: 404, not a failure', async () => {
    const seeded = await seedResult(api.db, {
      pool: 'Các phường',
      year: 2024,
      parts: [{ code: '1', name: 'Công tác chỉ đạo', max: '20' }],
      units: [
        { name: 'Phường Một', index: '80', scores: { '1': '16' } },
        { name: 'Phường Hai', index: '70', scores: { '1': '14' } },
      ],
    });
    const unit = seeded.unitIds['Phường Một']!;
    const url = `/api/results/${seeded.resultId}/units/${unit}`;
    // ranked once, and kept in memory at the pool's version
    expect(ok(await get(url), UnitExplanation).unit.rank).toBe(1);
    // what a removal landing between the ranking's read and the rows' leaves: the ranking read still
    // places the unit, its row is gone
    await api.db
      .deleteFrom('result_units')
      .where('result_id', '=', seeded.resultId)
      .where('unit_id', '=', unit)
      .execute();
    expectError(await get(url), 404, 'RESULT_UNIT_NOT_FOUND');
  });

  it('year over year across a merged commune: the successor carries its predecessors’ history and change', async () => {
    const pool = 'Các xã';
    const parts = [
      { code: '1', name: 'Công tác chỉ đạo', max: '20' },
      { code: '2', name: 'Cải cách thủ tục hành chính', max: '30' },
    ];
    const y2024 = await seedResult(api.db, {
      pool,
      year: 2024,
      parts,
      units: [
        { name: 'Xã Đắk Ha', index: '80', scores: { '1': '16', '2': '24' } },
        { name: 'Xã Đắk Sắk', index: '70', scores: { '1': '15', '2': '20' } },
        { name: 'Xã Nam Xuân', index: '75', scores: { '1': '15', '2': '22.5' } },
      ],
    });
    const merged = await seedResult(api.db, {
      pool,
      year: 2025,
      parts,
      units: [
        { name: 'Xã Đắk Ha Mới', index: '86', scores: { '1': '19', '2': '24' } },
        { name: 'Xã Nam Xuân', index: '90', scores: { '1': '18', '2': '27' } },
      ],
    });
    const [a, b, c] = [
      y2024.unitIds['Xã Đắk Ha']!,
      y2024.unitIds['Xã Đắk Sắk']!,
      merged.unitIds['Xã Đắk Ha Mới']!,
    ];
    await insertUnitEvent(
      api.db,
      {
        kind: 'merged',
        date: '2025-07-01',
        decision: '1662/NQ-UBTVQH15',
        note: '',
        created_at: api.clock().toISOString(),
        created_by: null,
      },
      [a, b],
      [c],
    );
    const e = ok(await get(`/api/results/${merged.resultId}/units/${c}`), UnitExplanation);
    expect(e.history.map((h) => [h.year, h.unit, h.index, h.rank, h.of, h.poolName])).toEqual([
      [2024, 'Xã Đắk Ha', '80', 1, 3, pool],
      [2024, 'Xã Đắk Sắk', '70', 3, 3, pool],
      [2025, 'Xã Đắk Ha Mới', '86', 2, 2, pool],
    ]);
    // against the best-placed predecessor (Đắk Ha: 80, rank 1): +6 points of index, one place lost
    expect(e.change).toEqual({
      year: 2024,
      index: '6',
      rank: -1,
      groupBefore: null,
      areas: [{ code: '1', name: 'Công tác chỉ đạo', change: '3' }],
    });
    const r = ok(await get(`/api/results/${merged.resultId}/ranking`), RankingPage);
    expect(r.units.map((u) => [u.unit, u.previous])).toEqual([
      ['Xã Nam Xuân', { year: 2024, index: '75', rank: 2, group: null }],
      ['Xã Đắk Ha Mới', { year: 2024, index: '80', rank: 1, group: null }],
    ]);
  });

  it('the areas that moved are matched through the crosswalk when the framework changed', async () => {
    const framework = (year: number) =>
      insertFramework(
        api.db,
        {
          unit_group: 'commune',
          year,
          version: 1,
          name: `Bộ tiêu chí cấp xã ${year}`,
          content_hash: `thu-${year}`,
          created_at: api.clock().toISOString(),
          title: null,
          decision_number: null,
          decision_date: null,
          year_to: null,
          previous_id: null,
          source_name: null,
        },
        [],
      );
    const [f2024, f2025] = [await framework(2024), await framework(2025)];
    // 2024's area 3 (Cải cách thể chế) became 2025's area 4; area 2 kept its code; area 5 has no counterpart
    await insertCrosswalkRows(
      api.db,
      [
        ['3', '4'],
        ['5', null],
      ].map(([from, to]) => ({
        from_framework_id: f2024,
        to_framework_id: f2025,
        from_code: from!,
        to_code: to ?? null,
        status: 'confirmed' as const,
        method: 'officer' as const,
        user_id: null,
        username: 'test',
        created_at: api.clock().toISOString(),
      })),
    );
    const pool = 'Các xã (đổi bộ tiêu chí)';
    await seedResult(api.db, {
      pool,
      year: 2024,
      frameworkId: f2024,
      parts: [
        { code: '2', name: 'Thủ tục hành chính', max: '10' },
        { code: '3', name: 'Cải cách thể chế', max: '10' },
        { code: '5', name: 'Tài chính công', max: '10' },
      ],
      units: [{ name: 'Xã Quảng Sơn', index: '60', scores: { '2': '6', '3': '5', '5': '7' } }],
    });
    const later = await seedResult(api.db, {
      pool,
      year: 2025,
      frameworkId: f2025,
      parts: [
        { code: '2', name: 'Thủ tục hành chính', max: '10' },
        { code: '4', name: 'Cải cách thể chế', max: '10' },
        { code: '5', name: 'Chính quyền số', max: '10' },
      ],
      units: [{ name: 'Xã Quảng Sơn', index: '70', scores: { '2': '6.5', '4': '8', '5': '9' } }],
    });
    const e = ok(
      await get(`/api/results/${later.resultId}/units/${later.unitIds['Xã Quảng Sơn']}`),
      UnitExplanation,
    );
    expect(e.change?.areas).toEqual([
      { code: '4', name: 'Cải cách thể chế', change: '3' },
      { code: '2', name: 'Thủ tục hành chính', change: '0.5' },
    ]);
    expect(e.change?.index).toBe('10');
  });

  it('refuses a round’s results before publication, then makes the published round’s final scores a result', async () => {
    const today = api.clock().toISOString().slice(0, 10);
    const round = await seedRound(
      { db: api.db, clock: api.clock },
      { communes: 3, calendar: calendarFrom(addDays(today, -2), 5) },
    );
    const pool = ok(
      await api.call({ method: 'POST', url: '/api/results/pools', payload: { name: 'Các xã Lâm Đồng' } }),
      Pool,
    );
    const publish = (roundId: number, body: object) =>
      api.call({ method: 'POST', url: `/api/rounds/${roundId}/results`, payload: body });
    expectError(await publish(round.roundId, { poolId: pool.id }), 409, 'ROUND_NOT_PUBLISHED');
    expectError(await publish(MISSING, { poolId: pool.id }), 404, 'ROUND_NOT_FOUND');
    expectError(await publish(round.roundId, { poolId: 'x' }), 400, 'VALIDATION_FAILED');
    await selfAssess(api.db, round.roundId, round.communes[0]!.id, api.clock());
    await selfAssess(api.db, round.roundId, round.communes[1]!.id, api.clock());
    await api.db
      .updateTable('round_phases')
      .set({ opens_on: today })
      .where('round_id', '=', round.roundId)
      .where('phase', '=', 'publication')
      .execute();
    await roundChanged(api.db, round.roundId);
    expectError(await publish(round.roundId, { poolId: MISSING }), 404, 'POOL_NOT_FOUND');
    // only the installation's administrators: not the province's
    expectError(
      await as(provinceAdmin, {
        method: 'POST',
        url: `/api/rounds/${round.roundId}/results`,
        payload: { poolId: pool.id },
      }),
      403,
      'FORBIDDEN',
    );
    const first = ok(await publish(round.roundId, { poolId: pool.id }), Saved);
    expect(first.replaced).toBeNull();
    const again = ok(await publish(round.roundId, { poolId: pool.id }), Saved);
    expect(again.replaced).toBe(first.resultId);

    const theirs = ok(await get(`/api/rounds/${round.roundId}/results`), RoundResults).units;
    const ours = ok(await get(`/api/results/${again.resultId}/ranking`), RankingPage);
    expect(ours.result).toMatchObject({
      year: 2026,
      source: 'round',
      roundId: round.roundId,
      frameworkId: round.frameworkId,
    });
    expect(ours.parts.every((p) => p.kind === 'area')).toBe(true);
    expect(ours.parts.map((p) => p.code).slice(0, 3)).toEqual(['1', '2', '3']);
    const scored = theirs.filter((u) => u.index !== null);
    expect(scored.length).toBeGreaterThanOrEqual(2);
    expect(ours.units.map((u) => [u.unitId, u.points, u.max, u.index, u.rank, u.publishedRank])).toEqual(
      scored.map((u) => [u.unitId, u.final, u.max, u.index, u.rank, u.rank]),
    );
    expect(ours.findings).toEqual([]);
    const e = ok(await get(`/api/results/${again.resultId}/units/${round.communes[0]!.id}`), UnitExplanation);
    expect(e.parts.some((p) => p.kind === 'criterion' && p.code === '1.1.1')).toBe(true);

    const entries = await trail('result.publish');
    expect(entries.map((x) => [x.entity, x.entity_id, x.code, x.old_value === null])).toEqual([
      ['result', String(first.resultId), '2026', true],
      ['result', String(again.resultId), '2026', false],
    ]);
    expect(JSON.parse(entries[1]!.old_value!)).toMatchObject({
      year: 2026,
      source: 'round',
      units: scored.length,
    });
    expectError(await get(`/api/results/${first.resultId}/ranking`), 404, 'RESULT_NOT_FOUND');
  });

  it('a reader reads but changes nothing; a province’s administrator neither (results.manage is installation-wide)', async () => {
    for (const session of [viewer, provinceAdmin]) {
      expectError(
        await as(session, { method: 'POST', url: '/api/results/pools', payload: { name: 'Z' } }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await as(session, {
          method: 'PATCH',
          url: `/api/results/pools/${poolId}`,
          payload: { version: 2, name: 'Z' },
        }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await as(session, {
          method: 'PUT',
          url: `/api/results/pools/${poolId}/bands/2024`,
          payload: { bands: [] },
        }),
        403,
        'FORBIDDEN',
      );
      expectError(await as(session, { method: 'DELETE', url: `/api/results/${resultId}` }), 403, 'FORBIDDEN');
    }
    expect(
      ok(await as(viewer, { method: 'GET', url: '/api/results/pools' }), PoolsResponse).pools.length,
    ).toBeGreaterThan(0);
  });

  it('removes a result with everything under it, audited', async () => {
    expect((await api.call({ method: 'DELETE', url: `/api/results/${resultId}` })).statusCode).toBe(200);
    expectError(await get(`/api/results/${resultId}/ranking`), 404, 'RESULT_NOT_FOUND');
    expectError(
      await api.call({ method: 'DELETE', url: `/api/results/${resultId}` }),
      404,
      'RESULT_NOT_FOUND',
    );
    expectError(await api.call({ method: 'DELETE', url: '/api/results/x' }), 400, 'VALIDATION_FAILED');
    const entries = await trail('result.delete');
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.old_value!)).toMatchObject({ year: 2024, source: 'import', units: 4 });
  });

  it('exercises its routes', () => {
    expectExercised(api.watch.hits, 'results');
  });
});
