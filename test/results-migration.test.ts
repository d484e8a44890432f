/**
 * Migration 0027 on both engines: results stored before it get each unit's component and area
 * scores beside it (result_units.part_scores) from their result_scores, as insertResult writes them
 * since — criteria left out, a unit's own max kept. Going down drops the column.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import { insertPool, insertResult, resultUnits } from '../src/db/results-repo.js';
import { insertUnit } from '../src/db/units-repo.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const T0 = '2025-04-06T08:00:00.000Z';

describe.each(ENGINES)('migration 0027 (result part scores) on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('backfills every unit of every result with its component and area scores', async () => {
    const db = database.db;
    const units = [];
    for (const name of ['Xã Một', 'Xã Hai', 'Xã Ba']) {
      units.push(
        await insertUnit(db, { name, name_key: name, kind: 'commune', parent_id: null, created_at: T0 }),
      );
    }
    const pool = await insertPool(db, {
      name: 'Các xã',
      name_key: 'cac xa',
      created_at: T0,
      created_by: 'admin',
    });
    const ids: number[] = [];
    for (const year of [2024, 2025]) {
      ids.push(
        await insertResult(
          db,
          {
            pool_id: pool,
            year,
            source: 'import',
            title: `Chỉ số ${year}`,
            created_at: T0,
            created_by: 'admin',
          },
          [
            { code: 'appraised', kind: 'component', parent_code: null, name: 'Thẩm định', max: '60' },
            { code: '1', kind: 'area', parent_code: null, name: 'Lĩnh vực 1', max: '10' },
            { code: '1.1', kind: 'criterion', parent_code: '1', name: 'Tiêu chí 1.1', max: '4' },
          ],
          units.map((unit_id, i) => ({
            unit_id,
            name: `Xã ${i}`,
            points: null,
            max: null,
            index: String(70 + i + year - 2024),
            published_rank: null,
            published_group: null,
            scores:
              i === 2
                ? [{ code: '1', score: null, max: '8' }]
                : [
                    { code: 'appraised', score: String(50 + i), max: null },
                    { code: '1', score: `${7 + i}.25`, max: null },
                    { code: '1.1', score: '3', max: null },
                  ],
          })),
        ),
      );
    }
    const stored = async () =>
      Promise.all(
        ids.map(async (id) => (await resultUnits(db, id)).map((u) => JSON.parse(u.part_scores) as unknown)),
      );
    const written = await stored();
    expect(written[0]).toEqual([
      { appraised: ['50', null], '1': ['7.25', null] },
      { appraised: ['51', null], '1': ['8.25', null] },
      { '1': [null, '8'] },
    ]);

    const migrator = migratorFor(db, kind);
    expect((await migrator.migrateTo('0026_evidence_removals')).error).toBeUndefined();
    await expect(sql`select part_scores from result_units`.execute(db)).rejects.toThrow();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await stored()).toEqual(written);
  });
});
