/**
 * The results repository on both engines: a pool with its bands of a year, a result stored with its
 * parts, units and per-part scores (each unit's component and area scores beside it too, 0027),
 * read back in the publication's order, a unit's history across results, and a result removed with
 * everything under it.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import {
  bandsOf,
  deleteResult,
  findPoolResult,
  insertPool,
  insertResult,
  listResults,
  replaceBands,
  resultParts,
  resultScores,
  resultsOfUnits,
  resultUnitNames,
  resultUnits,
} from '../src/db/results-repo.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const T0 = '2025-04-06T08:00:00.000Z';

describe.each(ENGINES)('results repository on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let poolId: number;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    for (const name of ['Thành phố Hải Phòng', 'Tỉnh Đắk Nông']) {
      unit[name] = await insertUnit(db, {
        name,
        name_key: name.toLowerCase(),
        kind: 'province',
        parent_id: null,
        created_at: T0,
      });
    }
    poolId = await insertPool(db, {
      name: 'Các tỉnh, thành phố',
      name_key: 'cac tinh, thanh pho',
      created_at: T0,
      created_by: 'admin',
    });
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('replaces a pool’s bands of a year and reads them highest first', async () => {
    await replaceBands(db, poolId, 2024, [{ label: 'X', min_index: '1' }]);
    await replaceBands(db, poolId, 2024, [
      { label: 'A', min_index: '90' },
      { label: 'B', min_index: '80' },
    ]);
    expect((await bandsOf(db, poolId, 2024)).map((b) => [b.label, b.min_index, b.position])).toEqual([
      ['A', '90', 0],
      ['B', '80', 1],
    ]);
    expect(await bandsOf(db, poolId, 2023)).toEqual([]);
  });

  it('stores a result and reads it back in the publication’s order, then removes it whole', async () => {
    const id = await insertResult(
      db,
      {
        pool_id: poolId,
        year: 2024,
        source: 'import',
        round_id: null,
        framework_id: null,
        title: 'PAR INDEX 2024',
        source_name: 'par-2024.xlsx',
        created_at: T0,
        created_by: 'admin',
      },
      [
        { code: 'appraised', kind: 'component', parent_code: null, name: 'Điểm thẩm định', max: '63.5' },
        { code: 'sipas', kind: 'component', parent_code: null, name: 'SIPAS', max: '10' },
        { code: '1.1', kind: 'criterion', parent_code: null, name: 'Tiêu chí 1.1', max: '2' },
      ],
      [
        {
          unit_id: unit['Thành phố Hải Phòng']!,
          name: 'Hải Phòng',
          points: '96.17',
          max: '100',
          index: '96.17',
          published_rank: 1,
          published_group: 'A',
          scores: [
            { code: 'appraised', score: '61.2', max: null },
            { code: 'sipas', score: '9.1', max: null },
            { code: '1.1', score: '1.5', max: null },
          ],
        },
        {
          unit_id: unit['Tỉnh Đắk Nông']!,
          name: 'Đắk Nông',
          points: null,
          max: null,
          index: '84.66',
          published_rank: null,
          published_group: null,
          scores: [{ code: 'sipas', score: null, max: '9' }],
        },
      ],
    );
    expect((await findPoolResult(db, poolId, 2024))?.id).toBe(id);
    expect((await resultParts(db, id)).map((p) => [p.code, p.position, p.max])).toEqual([
      ['appraised', 0, '63.5'],
      ['sipas', 1, '10'],
      ['1.1', 2, '2'],
    ]);
    const units = await resultUnits(db, id);
    expect(units.map((u) => [u.name, u.index, u.published_rank, u.position])).toEqual([
      ['Hải Phòng', '96.17', 1, 0],
      ['Đắk Nông', '84.66', null, 1],
    ]);
    const scores = await resultScores(db, id, [units[1]!.id]);
    expect(scores.map((s) => [s.code, s.score, s.max])).toEqual([['sipas', null, '9']]);
    expect(await resultScores(db, id)).toHaveLength(4);
    // what a ranking reads: one row per unit, its component and area scores (no criterion) beside it
    expect(
      (await resultUnits(db, id)).map((u) => [u.name, u.index, JSON.parse(u.part_scores) as unknown]),
    ).toEqual([
      ['Hải Phòng', '96.17', { appraised: ['61.2', null], sipas: ['9.1', null] }],
      ['Đắk Nông', '84.66', { sipas: [null, '9'] }],
    ]);
    expect(await resultUnitNames(db, id)).toEqual(
      new Map([
        [unit['Thành phố Hải Phòng']!, 'Thành phố Hải Phòng'],
        [unit['Tỉnh Đắk Nông']!, 'Tỉnh Đắk Nông'],
      ]),
    );
    expect(await listResults(db, { year: 2024 })).toMatchObject([
      { id, pool_name: 'Các tỉnh, thành phố', units: 2 },
    ]);
    expect((await resultsOfUnits(db, [unit['Tỉnh Đắk Nông']!])).map((r) => [r.year, r.index])).toEqual([
      [2024, '84.66'],
    ]);

    await deleteResult(db, id);
    expect(await findPoolResult(db, poolId, 2024)).toBeUndefined();
    expect(await resultsOfUnits(db, Object.values(unit))).toEqual([]);
    const left = await db
      .selectFrom('result_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});
