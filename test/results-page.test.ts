/**
 * A page of a stored ranking (GET /api/results/:id/ranking, modules/results.ts#rankedSlice) read in
 * few statements — its rows with the units' names and their own places the year before in one, the
 * lineage only of the page's units without a place of their own (db/units-repo.ts#unitEventsBefore),
 * the pool's summary from the result's head — answers exactly what the whole ranking (every event of
 * the lineage, every place) says of the same units: across merges, renames followed transitively, a
 * move (not a predecessor), a unit renamed in the register since, findings of units off the page, the
 * year before's ranking current or stale.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { preparedName } from '../src/db/kept-query.js';
import { movePoolVersion, replaceBands } from '../src/db/results-repo.js';
import { buildApp } from '../src/http/app.js';
import { insertUnitEvent } from '../src/db/units-repo.js';
import { systemActor } from '../src/modules/access.js';
import { explainUnit, rankingOf, rankingPageOf } from '../src/modules/results.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { expectError } from './helpers/api-harness.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedResult, unitNamed } from './helpers/results.js';
import { statementCounter } from './helpers/statement-counter.js';

const actor = systemActor('test');
const clock = () => new Date('2026-01-01T00:00:00Z');
const LIMIT = 3;

describe.each(ENGINES)('a page of a stored ranking, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let resultId = 0;
  let poolId = 0;
  let earliestId = 0;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    const db = database.db;
    const pool = 'Các xã';
    const parts = [{ code: '1', max: '100' }];
    const before = await seedResult(db, {
      pool,
      year: 2024,
      parts,
      units: [
        { name: 'Xã Một', index: '80', rank: 1 },
        { name: 'Xã Hai', index: '70', rank: 2 },
        { name: 'Xã Ba', index: '60', rank: 3 },
        { name: 'Xã Bốn', index: '50', rank: 4 },
        { name: 'Xã Năm', index: '90', rank: 5 },
        { name: 'Xã Sáu', index: '40', rank: 6 },
        { name: 'Xã Bảy', index: '65', rank: 7 },
        { name: 'Xã Tám', index: '55', rank: 8 },
        { name: 'Xã Dời', index: '45', rank: 9 },
      ],
    });
    // 2023: a year further back, never a page's "year before"
    earliestId = (await seedResult(db, { pool, year: 2023, parts, units: [{ name: 'Xã Một', index: '10' }] }))
      .resultId;
    const now = await seedResult(db, {
      pool,
      year: 2025,
      parts,
      bands: [
        { label: 'Tốt', minIndex: '75' },
        { label: 'Khá', minIndex: '0' },
      ],
      units: [
        { name: 'Xã Một', index: '85', rank: 3, group: 'Tốt' },
        { name: 'Xã Hai', index: '72', rank: 3, group: 'Khá' },
        { name: 'Xã Ba', index: '61', rank: 5 },
        { name: 'Xã Năm Sáu', index: '88', rank: 1 },
        { name: 'Xã Bảy Mới', index: '77', rank: 4, group: 'Khá' },
        { name: 'Xã Tám Mới', index: '66' },
        { name: 'Xã Dời', index: '58' },
        { name: 'Xã Mới Lập', index: '52', rank: 8 },
      ],
    });
    resultId = now.resultId;
    poolId = now.poolId;
    const renamed = await unitNamed(db, 'Xã Bảy Tên');
    const id = (name: string) => before.unitIds[name] ?? now.unitIds[name] ?? renamed;
    const event = async (kind: 'merged' | 'renamed' | 'moved', date: string, from: string[], to: string[]) =>
      insertUnitEvent(
        db,
        { kind, date, decision: `QĐ ${date}`, note: '', created_at: clock().toISOString(), created_by: null },
        from.map(id),
        to.map(id),
      );
    // Năm, Sáu → Năm Sáu; Bảy → Bảy Tên → (with Tám) Bảy Mới: two steps back; Tám → Tám Mới
    await event('merged', '2025-07-01', ['Xã Năm', 'Xã Sáu'], ['Xã Năm Sáu']);
    await event('renamed', '2024-09-01', ['Xã Bảy'], ['Xã Bảy Tên']);
    await event('merged', '2025-07-01', ['Xã Bảy Tên', 'Xã Tám'], ['Xã Bảy Mới']);
    await event('renamed', '2025-07-01', ['Xã Tám'], ['Xã Tám Mới']);
    // a move is no predecessor: Mới Lập keeps no place the year before
    await event('moved', '2025-07-01', ['Xã Mới Lập'], ['Xã Dời']);
    // renamed in the register since: the page shows the register's name, and its finding too
    await db.updateTable('units').set({ name: 'Phường Một' }).where('id', '=', id('Xã Một')).execute();
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  const handle = () => ({ db: database.db.withPlugin(statementCounter().plugin), clock });

  /** Each page's units, summary and findings (read first) against the whole ranking's. */
  async function pagesMatchWhole(): Promise<void> {
    const pages = [];
    for (let offset = 0; offset < 8; offset += LIMIT)
      pages.push(await rankingPageOf(handle(), actor, resultId, { offset, limit: LIMIT }));
    const whole = await rankingOf(handle(), actor, resultId);
    expect(whole.units.filter((u) => u.previous !== null).map((u) => u.unit)).toEqual([
      'Xã Năm Sáu',
      'Phường Một',
      'Xã Bảy Mới',
      'Xã Hai',
      'Xã Tám Mới',
      'Xã Ba',
      'Xã Dời',
    ]);
    for (const page of pages) {
      expect(page.units).toEqual(whole.units.slice(page.offset, page.offset + LIMIT));
      expect(page.result).toEqual(whole.result);
      expect(page.findings).toEqual(whole.findings);
    }
  }

  it('answers what the whole ranking says, the year before stored at the same version or not', async () => {
    await pagesMatchWhole();
    const whole = await rankingOf(handle(), actor, resultId);
    // Bảy Mới's best-placed predecessor two steps back (Bảy 65 against Tám 55)
    expect(whole.units.find((u) => u.unit === 'Xã Bảy Mới')!.previous).toEqual({
      year: 2024,
      index: '65',
      rank: 4,
      group: null,
    });
    expect(whole.findings.some((f) => JSON.stringify(f).includes('Phường Một'))).toBe(true);
    expect(whole.result.units).toBe(8);
    // the pool's version moved: the first page ranks its result again, and the year before (not
    // stored at the new version: its places read apart) after its rows
    await movePoolVersion(database.db, poolId);
    await pagesMatchWhole();
  });

  it('reads a page in the head, its rows, the differing units’ names, and the lineage and places of the rows without their own', async () => {
    await pagesMatchWhole();
    const counter = statementCounter();
    // Năm Sáu (merged), Phường Một, Bảy Mới (merged, two steps back): two without a row of their own
    const page = await rankingPageOf({ db: database.db.withPlugin(counter.plugin), clock }, actor, resultId, {
      offset: 0,
      limit: LIMIT,
    });
    expect(page.units.map((u) => u.previous?.index)).toEqual(['90', '80', '65']);
    expect(counter.count).toBe(5);
    // Xã Ba, Xã Dời, Xã Mới Lập: Dời's own row, Mới Lập's lineage only a move (read, no place)
    const last = statementCounter();
    const end = await rankingPageOf({ db: database.db.withPlugin(last.plugin), clock }, actor, resultId, {
      offset: 6,
      limit: LIMIT,
    });
    expect(end.units.map((u) => [u.unit, u.previous?.index ?? null])).toEqual([
      ['Xã Dời', '45'],
      ['Xã Mới Lập', null],
    ]);
    // Mới Lập has no row of its own: its lineage is read (no predecessor: no places)
    expect(last.count).toBe(4);
  });

  it('shows the year before’s places of the pool version its rows were read at, the version moving between the two', async () => {
    await pagesMatchWhole();
    const before = await rankingPageOf(handle(), actor, resultId, { offset: 0, limit: LIMIT });
    // a second handle: the change is made while the page's statement holds the first one's connection
    const other = await test.open();
    try {
      let changed = false;
      // after the page's rows (at version v), both years' bands change and the version moves to v + 1
      const mover: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          const row = args.result.rows[0];
          if (!changed && row !== null && typeof row === 'object' && 'previous_stored' in row) {
            changed = true;
            await replaceBands(other.db, poolId, 2024, [
              { label: 'Giỏi', min_index: '75', colour: '' },
              { label: 'Thường', min_index: '0', colour: '' },
            ]);
            await replaceBands(other.db, poolId, 2025, [
              { label: 'Tốt', min_index: '80', colour: '' },
              { label: 'Khá', min_index: '0', colour: '' },
            ]);
            await movePoolVersion(other.db, poolId);
          }
          return args.result;
        },
      };
      const raced = await rankingPageOf({ db: database.db.withPlugin(mover), clock }, actor, resultId, {
        offset: 0,
        limit: LIMIT,
      });
      expect(changed).toBe(true);
      const after = await rankingPageOf(handle(), actor, resultId, { offset: 0, limit: LIMIT });
      const shown = (page: typeof after) =>
        page.units.map((u) => [u.unit, u.group, u.previous?.group ?? null]);
      // the change shows on both years: Bảy Mới 77 is Khá now, Năm Sáu's Năm (90) was Giỏi
      expect(shown(before)).toEqual([
        ['Xã Năm Sáu', 'Tốt', null],
        ['Phường Một', 'Tốt', null],
        ['Xã Bảy Mới', 'Tốt', null],
      ]);
      expect(shown(after)).toEqual([
        ['Xã Năm Sáu', 'Tốt', 'Giỏi'],
        ['Phường Một', 'Tốt', 'Giỏi'],
        ['Xã Bảy Mới', 'Khá', 'Thường'],
      ]);
      // all of one version: read again at the new one, never its rows of one and places of the other
      expect(raced).toEqual(after);
    } finally {
      await other.close();
    }
  });

  it('reads a page of a result without a year before (no earlier result) as the whole ranking says', async () => {
    const page = await rankingPageOf(handle(), actor, earliestId, { offset: 0, limit: LIMIT });
    const whole = await rankingOf(handle(), actor, earliestId);
    expect(page.units).toEqual(whole.units);
    expect(page.units.map((u) => [u.unit, u.previous])).toEqual([['Phường Một', null]]);
  });

  // the head and the rows (with an earlier result and without) are parsed and planned once per connection
  it.runIf(kind === 'postgres')(
    'prepares the head and both shapes of the rows once per connection',
    async () => {
      const prepared = await database.db.connection().execute(async (conn) => {
        for (let i = 0; i < 2; i++)
          for (const id of [resultId, earliestId])
            await rankingPageOf({ db: conn, clock }, actor, id, { offset: 0, limit: LIMIT });
        const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn);
        return rows;
      });
      const named = (part: string) => prepared.filter((p) => p.statement.includes(part));
      const head = named('from "results" as "r"');
      const withEarlier = named('left join result_rankings pg on');
      const rows = named('left join units n on n.id = u.unit_id');
      expect(head).toHaveLength(1);
      expect(withEarlier).toHaveLength(1);
      expect(rows).toHaveLength(2);
      for (const p of [...head, ...rows]) expect(p.name).toBe(preparedName(p.statement));
    },
  );

  describe('over HTTP', () => {
    let app: FastifyInstance;
    let admin: SignedIn;
    const counter = statementCounter();
    let now = clock();
    beforeAll(async () => {
      await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
      await addUser({ db: database.db, clock }, 'khong-quyen', []);
      app = await buildApp({ db: database.db.withPlugin(counter.plugin), clock: () => now });
      admin = await signIn(app, 'quantri', TEST_PASSWORD);
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (url: string, as: SignedIn | null = admin, headers: Record<string, string> = {}) =>
      app.inject(withSession({ method: 'GET', url, headers }, as));
    const page = (id: number, offset: number) => `/api/results/${id}/ranking?offset=${offset}&limit=${LIMIT}`;
    /** what a response carries as JSON (undefined fields left out) */
    const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

    it('answers each page as the use-case does, the ranking’s head read in the session’s statement', async () => {
      for (let offset = 0; offset < 8; offset += LIMIT) {
        const answer = await get(page(resultId, offset));
        expect(answer.statusCode, answer.body).toBe(200);
        expect(answer.json()).toEqual(
          wire(await rankingPageOf(handle(), actor, resultId, { offset, limit: LIMIT })),
        );
      }
      // the session with the head, the rows with their places, the differing units' names, the
      // lineage and places of the rows without their own (Năm Sáu, Bảy Mới): no head of its own
      counter.count = 0;
      expect((await get(page(resultId, 0))).statusCode).toBe(200);
      expect(counter.count).toBe(5);
      // no year before, no differing unit: the session with the head, the rows
      counter.count = 0;
      expect((await get(page(earliestId, 0))).statusCode).toBe(200);
      expect(counter.count).toBe(2);
      // a unit's explanation: its result's head read with the session too
      const unit = (await rankingOf(handle(), actor, resultId)).units[2]!.unitId;
      const explained = await get(`/api/results/${resultId}/units/${unit}`);
      expect(explained.statusCode, explained.body).toBe(200);
      expect(explained.json()).toEqual(wire(await explainUnit(handle(), actor, resultId, unit)));
    });

    it('answers 401 and nothing of the result to a session signed out or expired, whatever the id', async () => {
      const gone = await signIn(app, 'quantri', TEST_PASSWORD);
      const out = await app.inject(withSession({ method: 'POST', url: '/api/auth/logout' }, gone));
      expect(out.statusCode, out.body).toBe(200);
      const expiring = await signIn(app, 'quantri', TEST_PASSWORD);
      now = new Date(clock().getTime() + 13 * 3600_000);
      try {
        for (const as of [gone, expiring, null]) {
          for (const url of [page(resultId, 0), `/api/results/${resultId}/units/1`, page(999_999, 0)]) {
            const answer = await get(url, as);
            expectError(answer, 401, 'UNAUTHENTICATED');
            for (const shown of ['Các xã', 'Xã Một', 'Phường', '2025', 'summary', 'pool'])
              expect(answer.body).not.toContain(shown);
          }
        }
      } finally {
        now = clock();
      }
      // the expired session's head was read with it, and not kept: the admin's session still reads
      expect((await get(page(resultId, 0))).statusCode).toBe(200);
    });

    it('answers an id that names no result, or is not an id, as before; rights before the head', async () => {
      expectError(await get(page(999_999, 0)), 404, 'RESULT_NOT_FOUND');
      expectError(await get(`/api/results/999999/units/1`), 404, 'RESULT_NOT_FOUND');
      for (const id of ['0', 'abc', '2147483648'])
        expectError(await get(`/api/results/${id}/ranking`), 400, 'VALIDATION_FAILED');
      const none = await signIn(app, 'khong-quyen', TEST_PASSWORD);
      expectError(await get(page(resultId, 0), none), 403, 'FORBIDDEN');
      expectError(await get(page(999_999, 0), none), 403, 'FORBIDDEN');
    });

    it('says Vary: Accept-Encoding on every answer of the ranking, compressed or not', async () => {
      const vary = (answer: LightMyRequestResponse) =>
        [answer.headers.vary ?? []]
          .flat()
          .join(',')
          .toLowerCase()
          .split(/,\s*/)
          .filter((v) => v === 'accept-encoding');
      const compressed = await get(page(resultId, 0), admin, { 'accept-encoding': 'br' });
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(vary(compressed)).toEqual(['accept-encoding']);
      const identity = await get(page(resultId, 0), admin, { 'accept-encoding': 'identity' });
      expect(identity.statusCode).toBe(200);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(vary(identity)).toEqual(['accept-encoding']);
      // an answer under the threshold, not compressed even when asked
      const small = await get(page(999_999, 0), admin, { 'accept-encoding': 'br, gzip' });
      expect(small.statusCode).toBe(404);
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(vary(small)).toEqual(['accept-encoding']);
      // a workbook is never compressed: nothing to say
      const workbook = await get(`/api/results/${resultId}/export.xlsx`, admin, { 'accept-encoding': 'br' });
      expect(workbook.statusCode).toBe(200);
      expect(vary(workbook)).toEqual([]);
    });
  });
});
