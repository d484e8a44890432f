/**
 * Issue 12's acceptance for the import, on both engines: the national table written from the press
 * figures (test/fixtures/results/, every row with its source in the README — only the rows whose
 * index was found published) is imported, and the ranks and groups computed from it (core/ranking.ts,
 * the pool's bands of 2024: A from 90, B from 80) are the published ones, row by row, in the
 * published order. And the sample at first start: the same file into the national pool, once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listPools,
  resultUnits,
  bandsOf,
  insertPool,
  replaceBands,
  findPool,
} from '../src/db/results-repo.js';
import type { Database } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { importResultsFile } from '../src/modules/results-import.js';
import { loadSampleResults, SAMPLE_POOL, SAMPLE_RESULT_YEAR } from '../src/modules/samples.js';
import { createUnit } from '../src/modules/units-admin.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

const FIXTURE = resolve(ROOT, 'test/fixtures/results/par-index-2024-tinh.csv');
const clock = () => new Date('2025-04-07T03:00:00.000Z');

/** A database of its own for the describe block it is called in. */
function freshDatabase(kind: (typeof ENGINES)[number]): { readonly database: Database } {
  let testDb: TestDatabase;
  const h = {} as { database: Database };
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    h.database = await testDb.open();
  });
  afterAll(async () => {
    await h.database?.close();
    await testDb?.drop();
  });
  return h;
}

describe.each(ENGINES)('a published national table reproduced, on %s', (kind) => {
  const h = freshDatabase(kind);

  it('imports the press figures of 2024 and computes every published rank and group', async () => {
    const deps = { db: h.database.db, clock };
    const actor = systemActor('test');
    await createUnit(deps, actor, { name: 'Thành phố Hải Phòng', kind: 'province', parentId: null });
    const poolId = await insertPool(h.database.db, {
      name: 'Các tỉnh (kiểm tra)',
      name_key: 'cac tinh (kiem tra)',
      created_at: clock().toISOString(),
      created_by: 'test',
    });
    await replaceBands(h.database.db, poolId, 2024, [
      { label: 'A', min_index: '90', colour: '' },
      { label: 'B', min_index: '80', colour: '' },
    ]);
    const outcome = await importResultsFile(
      deps,
      actor,
      { pool: (await findPool(h.database.db, poolId))!, year: 2024, title: '' },
      { fileName: 'par-index-2024-tinh.csv', bytes: new Uint8Array(readFileSync(FIXTURE)) },
      { mapping: {}, dryRun: false },
    );
    expect(outcome.findings).toEqual([]);
    expect(outcome.units.length).toBeGreaterThan(0);
    // every row: the computed rank and group are the published ones
    for (const u of outcome.units) {
      expect([u.writtenAs, u.rank, u.group]).toEqual([u.writtenAs, u.publishedRank, u.publishedGroup]);
    }
    expect(outcome.differences).toBe(0);
    // the computed order within the imported rows is the published order
    const byComputed = [...outcome.units].sort((a, b) => a.rank! - b.rank!).map((u) => u.writtenAs);
    const byPublished = [...outcome.units]
      .sort((a, b) => a.publishedRank! - b.publishedRank!)
      .map((u) => u.writtenAs);
    expect(byComputed).toEqual(byPublished);
    // and the figure found in the press, as published
    expect(outcome.units.map((u) => [u.unitName, u.index, u.publishedRank, u.publishedGroup])).toEqual([
      ['Thành phố Hải Phòng', '96.17', 1, 'A'],
    ]);
    const stored = await resultUnits(h.database.db, outcome.stored!.resultId);
    expect(stored.map((u) => [u.name, u.index, u.published_rank, u.published_group])).toEqual([
      ['Thành phố Hải Phòng', '96.17', 1, 'A'],
    ]);
  });
});

describe.each(ENGINES)('the sample result, on %s', (kind) => {
  const h = freshDatabase(kind);

  it('loads the sample result at first start into the national pool with its bands, once', async () => {
    const deps = { db: h.database.db, clock };
    const folder = resolve(ROOT, 'samples/results');
    const resultId = await loadSampleResults(deps, folder);
    expect(resultId).not.toBeNull();
    const pool = (await listPools(h.database.db)).find((p) => p.name === SAMPLE_POOL)!;
    expect(
      (await bandsOf(h.database.db, pool.id, SAMPLE_RESULT_YEAR)).map((b) => [b.label, b.min_index]),
    ).toEqual([
      ['A', '90'],
      ['B', '80'],
    ]);
    // the province was not in the register: made as a unit, then matched
    expect((await resultUnits(h.database.db, resultId!)).map((u) => [u.name, u.index])).toEqual([
      ['Thành phố Hải Phòng', '96.17'],
    ]);
    const made = await h.database.db
      .selectFrom('units')
      .select(['name', 'kind'])
      .where('name', '=', 'Thành phố Hải Phòng')
      .execute();
    expect(made).toEqual([{ name: 'Thành phố Hải Phòng', kind: 'province' }]);
    expect(await loadSampleResults(deps, folder)).toBeNull();
    expect(readFileSync(resolve(folder, 'par-index-2024-tinh.csv'))).toEqual(readFileSync(FIXTURE));
  });
});
