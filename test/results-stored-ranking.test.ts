/**
 * Each result's ranking stored per pool version (migration 0030, modules/results.ts): after each kind
 * of change — a result imported, a round's result published (saveResult with source 'round', as
 * publishRoundResult stores it), a pool's bands of a year changed, its tie-break changed — the
 * stored ranking is at the pool's version and a page read from it equals the page computed afresh
 * (a second connection, nothing kept in its memory, the stored ranking removed: ranked again in SQL); a stored ranking
 * whose pool version has moved on is never served, and is replaced by the one computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDecimalString } from '../src/core/score.js';
import type { Database } from '../src/db/database.js';
import { findPool, movePoolVersion, storedRanking, storedRankPage } from '../src/db/results-repo.js';
import { systemActor } from '../src/modules/access.js';
import type { Deps } from '../src/modules/deps.js';
import {
  createPool,
  editPool,
  rankingPageOf,
  saveResult,
  savePoolBands,
  type ResultInput,
} from '../src/modules/results.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { unitNamed } from './helpers/results.js';

const actor = systemActor('test');
const dec = fromDecimalString;

describe.each(ENGINES)('stored rankings, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let other: Database;
  let deps: Deps;
  let otherDeps: Deps;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    other = await test.open();
    deps = { db: database.db, clock: () => new Date('2031-01-01T00:00:00Z') };
    otherDeps = { db: other.db, clock: deps.clock };
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
    await test?.drop();
  });

  let poolId = 0;
  const unitIds: number[] = [];

  /** 30 communes, their index the sum of two areas (ties among them), some published ranks and groups. */
  function resultOf(year: number, source: 'import' | 'round', shift: number): ResultInput {
    return {
      poolId,
      year,
      source,
      title: `Kết quả ${year}`,
      parts: [
        { code: 'a', kind: 'area', parentCode: null, name: 'Lĩnh vực A', max: dec('50') },
        { code: 'b', kind: 'area', parentCode: null, name: 'Lĩnh vực B', max: dec('50') },
      ],
      units: unitIds.map((unitId, i) => {
        const a = 20 + ((i * 7 + shift) % 25);
        const b = 20 + ((i * 3 + shift) % 17);
        const index = a + b;
        return {
          unitId,
          name: `Xã Thử ${i + 1}`,
          points: null,
          max: null,
          index: dec(index.toFixed(2)),
          publishedRank: i % 5 === 0 ? i + 1 : null,
          publishedGroup: i % 6 === 0 ? 'B' : null,
          scores: [
            { code: 'a', score: dec(String(a)), max: null },
            { code: 'b', score: dec(String(b)), max: null },
          ],
        };
      }),
    };
  }

  /** The whole ranking as the API answers it, in pages of 7 (a page read from storage when current). */
  async function pages(d: Deps, resultId: number) {
    const out = [];
    for (let offset = 0; offset < 30; offset += 7)
      out.push(await rankingPageOf(d, actor, resultId, { offset, limit: 7 }));
    return out;
  }

  /** The stored ranking is at the pool's version and equals the one computed afresh. */
  async function expectStoredIsComputed(resultId: number) {
    const current = (await findPool(deps.db, poolId))!;
    expect((await storedRanking(deps.db, resultId))?.pool_version).toBe(current.version);
    const fromStore = await pages(deps, resultId);
    const rows = await storedRankPage(deps.db, resultId, current.version, 0, 100);
    // removed: the other connection (nothing in its memory) ranks it in the worker and stores it again
    await deps.db.deleteFrom('result_rankings').where('result_id', '=', resultId).execute();
    const computed = await pages(otherDeps, resultId);
    expect(fromStore).toEqual(computed);
    expect(fromStore.flatMap((p) => p.units).length).toBe(30);
    expect(await storedRankPage(deps.db, resultId, current.version, 0, 100)).toEqual(rows);
    expect((await storedRanking(deps.db, resultId))?.pool_version).toBe(current.version);
    return fromStore;
  }

  let first = 0;
  let second = 0;
  it('stores the ranking of an imported result as it is saved', async () => {
    for (let i = 1; i <= 30; i++) unitIds.push(await unitNamed(deps.db, `Xã Thử ${i}`));
    const created = await createPool(deps, actor, { name: 'Xã thử', description: '', tieBreak: ['b'] });
    poolId = created.id;
    await savePoolBands(deps, actor, poolId, 2030, [
      { label: 'A', minIndex: '70', colour: '' },
      { label: 'B', minIndex: '60', colour: '' },
    ]);
    first = (await saveResult(deps, actor, resultOf(2030, 'import', 0))).resultId;
    const ranked = await expectStoredIsComputed(first);
    const units = ranked.flatMap((p) => p.units);
    // ties on the index broken by b, equal ranks where both are equal
    expect(units.map((u) => u.rank)).toEqual([...units.map((u) => u.rank)].sort((x, y) => x! - y!));
    expect(new Set(units.map((u) => u.group))).toEqual(new Set(['A', 'B', null]));
    expect(ranked[0]!.findingsTotal).toBeGreaterThan(0);
  });

  it('stores a published round’s result, its previous places from the year before', async () => {
    second = (await saveResult(deps, actor, resultOf(2031, 'round', 5))).resultId;
    const ranked = await expectStoredIsComputed(second);
    expect(ranked.flatMap((p) => p.units).every((u) => u.previous?.year === 2030)).toBe(true);
  });

  it('stores the rankings again when the bands change, and when the tie-break changes', async () => {
    const before = (await pages(deps, first)).flatMap((p) => p.units.map((u) => u.group));
    await savePoolBands(deps, actor, poolId, 2030, [{ label: 'A', minIndex: '65', colour: '' }]);
    const regrouped = (await expectStoredIsComputed(first)).flatMap((p) => p.units.map((u) => u.group));
    expect(regrouped).not.toEqual(before);
    expect(new Set(regrouped)).toEqual(new Set(['A', null]));
    await expectStoredIsComputed(second);

    const pool = (await findPool(deps.db, poolId))!;
    const order = (await pages(deps, first)).flatMap((p) => p.units.map((u) => u.unitId));
    await editPool(deps, actor, poolId, { tieBreak: ['a'], version: pool.version });
    const reordered = (await expectStoredIsComputed(first)).flatMap((p) => p.units.map((u) => u.unitId));
    expect(reordered).not.toEqual(order);
    await expectStoredIsComputed(second);
  });

  it('never serves a stored ranking whose pool version has moved on', async () => {
    const right = await pages(deps, first);
    // what is stored is served while current (a group no band has, to see it) …
    await deps.db
      .updateTable('result_places')
      .set({ grp: 'Z' })
      .where('result_id', '=', first)
      .where('grp', '=', 'A')
      .execute();
    expect((await pages(deps, first)).flatMap((p) => p.units.map((u) => u.group))).toContain('Z');
    // … and never once the pool's version moved (another server's change, a crash before ranking)
    await movePoolVersion(deps.db, poolId);
    const again = await pages(deps, first);
    expect(again).toEqual(right);
    const { version } = (await findPool(deps.db, poolId))!;
    expect((await storedRanking(deps.db, first))?.pool_version).toBe(version);
    expect((await storedRankPage(deps.db, first, version, 0, 100)).map((r) => r.grp)).not.toContain('Z');
  });
});
