/**
 * A whole ranking is read in several statements (modules/results.ts#rankResult: chunks of 500 rows);
 * when the pool's version moves between two of them — another server changes the tie-break or the
 * bands and stores the new ranking — what comes back is still one version's ranking, whole: never
 * short, never chunks of two versions. The move is made by a Kysely plugin on the reader's handle,
 * through a second connection, right after the first chunk's statement. And a page read from the
 * stored ranking costs a fixed number of statements (the "stale never served" check inside the rows').
 */
import {
  AliasNode,
  RawNode,
  SelectQueryNode,
  TableNode,
  type Kysely,
  type KyselyPlugin,
  type QueryId,
  type RootOperationNode,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandOf } from '../src/core/ranking.js';
import { fromDecimalString } from '../src/core/score.js';
import { fold } from '../src/core/text.js';
import type { Database } from '../src/db/database.js';
import { isRetryableRefusal } from '../src/db/errors.js';
import { findPool, movePoolVersion, rankedPageInSql, storedRanking } from '../src/db/results-repo.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { systemActor } from '../src/modules/access.js';
import type { Deps } from '../src/modules/deps.js';
import { AppError } from '../src/modules/errors.js';
import {
  createPool,
  editPool,
  rankingOf,
  rankingPageOf,
  saveResult,
  savePoolBands,
  type ResultInput,
} from '../src/modules/results.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { statementCounter } from './helpers/statement-counter.js';

const actor = systemActor('test');
const dec = fromDecimalString;
/** more than two chunks of 500 */
const UNITS = 1_100;

/** Raw SQL's text, the fragments it nests included. */
function rawText(node: RawNode): string {
  return node.sqlFragments
    .map((f, i) => {
      const p = node.parameters[i];
      return f + (p === undefined ? '' : RawNode.is(p) ? rawText(p) : '?');
    })
    .join('');
}

/** The table a select reads first (its FROM), if the node is a select (built, or raw SQL: a stored ranking's rows). */
function tableOf(node: RootOperationNode): string | null {
  if (RawNode.is(node)) {
    const text = rawText(node).trim();
    return text.startsWith('select') ? (/\bfrom\s+([a-z_]+)/.exec(text)?.[1] ?? null) : null;
  }
  if (!SelectQueryNode.is(node)) return null;
  let from = node.from?.froms[0];
  if (from && AliasNode.is(from)) from = from.node;
  return from && TableNode.is(from) ? from.table.identifier.name : null;
}

/**
 * A handle on `db` (its own memory: nothing of a ranking kept) that runs `between` after the first
 * `times` selects from `table` have been answered, each before its rows go back to the caller.
 */
function movingAfterFirstRead(
  db: Kysely<DB>,
  table: string,
  between: () => Promise<void>,
  times = 1,
): { db: Kysely<DB>; fired: () => boolean } {
  const tables = new WeakMap<QueryId, string | null>();
  let fired = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      tables.set(args.queryId, tableOf(args.node));
      return args.node;
    },
    transformResult: async (args) => {
      if (fired < times && tables.get(args.queryId) === table) {
        fired++;
        await between();
      }
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), fired: () => fired === times };
}

describe.each(ENGINES)('a whole ranking while the pool changes, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let other: Database;
  let deps: Deps;
  let otherDeps: Deps;
  const clock = () => new Date('2031-01-01T00:00:00Z');
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    other = await test.open();
    deps = { db: database.db, clock };
    otherDeps = { db: other.db, clock };
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
    await test?.drop();
  });

  let poolId = 0;
  let resultId = 0;
  const unitIds: number[] = [];

  /** UNITS communes; the index the sum of two areas in small ranges: many equal indexes, ordered by the tie-break. */
  function resultOf(year: number, shift: number): ResultInput {
    return {
      poolId,
      year,
      source: 'import',
      title: `Kết quả ${year}`,
      parts: [
        { code: 'a', kind: 'area', parentCode: null, name: 'Lĩnh vực A', max: dec('50') },
        { code: 'b', kind: 'area', parentCode: null, name: 'Lĩnh vực B', max: dec('50') },
      ],
      units: unitIds.map((unitId, i) => {
        const a = 20 + ((i * 7 + shift) % 25);
        const b = 20 + ((i * 3 + shift) % 17);
        return {
          unitId,
          name: `Xã Thử ${i + 1}`,
          points: null,
          max: null,
          index: dec(String(a + b)),
          publishedRank: null,
          publishedGroup: null,
          scores: [
            { code: 'a', score: dec(String(a)), max: null },
            { code: 'b', score: dec(String(b)), max: null },
          ],
        };
      }),
    };
  }

  /** The whole ranking as a fresh handle reads it (nothing in its memory) from what is stored now. */
  const fresh = () =>
    rankingOf({ db: database.db.withPlugin(statementCounter().plugin), clock }, actor, resultId);

  it('stores two years of a pool of 1,100 units', async () => {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= UNITS; i++) {
        const name = `Xã Thử ${i}`;
        unitIds.push(
          await insertUnit(trx, {
            name,
            name_key: fold(name),
            kind: 'commune',
            parent_id: null,
            created_at: 'x',
          }),
        );
      }
    });
    poolId = (await createPool(deps, actor, { name: 'Xã thử', description: '', tieBreak: ['b'] })).id;
    await savePoolBands(deps, actor, poolId, 2031, [
      { label: 'A', minIndex: '70', colour: '' },
      { label: 'B', minIndex: '60', colour: '' },
    ]);
    await saveResult(deps, actor, resultOf(2030, 3));
    resultId = (await saveResult(deps, actor, resultOf(2031, 0))).resultId;
    const { version } = (await findPool(deps.db, poolId))!;
    expect((await storedRanking(deps.db, resultId))?.pool_version).toBe(version);
  });

  it('reads a stored ranking again when another server stores a new one between its chunks', async () => {
    const before = await fresh();
    const { version } = (await findPool(deps.db, poolId))!;
    // after the first chunk: the tie-break changed and the new ranking stored, by the other connection
    const reader = movingAfterFirstRead(database.db, 'result_rankings', async () => {
      await editPool(otherDeps, actor, poolId, { tieBreak: ['a'], version });
    });
    const whole = await rankingOf({ db: reader.db, clock }, actor, resultId);
    expect(reader.fired()).toBe(true);
    expect((await findPool(deps.db, poolId))!.version).toBe(version + 1);
    // whole, each unit once, and the new version's order throughout
    expect(whole.units).toHaveLength(UNITS);
    expect(new Set(whole.units.map((u) => u.unitId)).size).toBe(UNITS);
    expect(whole.tieBreak).toEqual(['a']);
    expect(whole).toEqual(await fresh());
    expect(whole.units.map((u) => u.unitId)).not.toEqual(before.units.map((u) => u.unitId));
  });

  it('ranks again when the bands change after it read them for a stale ranking', async () => {
    await movePoolVersion(deps.db, poolId);
    const bands = [{ label: 'Tốt', minIndex: '75', colour: '' }];
    // between the bands' read and the statement that ranks and stores: that one finds the version moved
    const reader = movingAfterFirstRead(database.db, 'classification_bands', async () => {
      await savePoolBands(otherDeps, actor, poolId, 2031, bands);
    });
    const whole = await rankingOf({ db: reader.db, clock }, actor, resultId);
    expect(reader.fired()).toBe(true);
    expect(whole.bands.map((b) => b.label)).toEqual(['Tốt']);
    const core = [{ label: 'Tốt', minIndex: dec('75'), colour: '' }];
    for (const u of whole.units) expect(u.group).toBe(bandOf(dec(u.index), core)?.label ?? null);
    expect(whole).toEqual(await fresh());
    const { version } = (await findPool(deps.db, poolId))!;
    expect((await storedRanking(deps.db, resultId))?.pool_version).toBe(version);
  });

  it('refuses a read as one to try again when the version moved under each of its tries', async () => {
    await movePoolVersion(deps.db, poolId);
    // each try reads the bands, then finds the version moved when it stores: three tries, then refused
    const reader = movingAfterFirstRead(
      database.db,
      'classification_bands',
      () => movePoolVersion(other.db, poolId),
      3,
    );
    const refused = await rankingPageOf({ db: reader.db, clock }, actor, resultId, { limit: 10 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(reader.fired()).toBe(true);
    expect(refused).toBeInstanceOf(Error);
    // the API's 503 TRY_AGAIN (http/errors.ts), not a 409 that tells to reload and edit
    expect(isRetryableRefusal(refused)).toBe(true);
    expect(refused).not.toBeInstanceOf(AppError);
    // sent again, it passes
    expect(
      (await rankingPageOf({ db: reader.db, clock }, actor, resultId, { limit: 10 })).units,
    ).toHaveLength(10);
  });

  it('stores a stale ranking once for the readers of it at the same moment', async () => {
    await movePoolVersion(deps.db, poolId);
    const counter = statementCounter({ keepQueries: true });
    const reader = { db: database.db.withPlugin(counter.plugin), clock };
    const offsets = [0, 500, 1050];
    const pages = await Promise.all(
      offsets.map((offset) => rankingPageOf(reader, actor, resultId, { offset, limit: 50 })),
    );
    const stores = counter.nodes.filter(
      (n) => RawNode.is(n) && rawText(n).trim().startsWith('insert into result_places'),
    );
    // this year's ranking and the year before's (the previous places), each stored once
    expect(stores).toHaveLength(2);
    // and each page is the stored ranking's, as a fresh handle reads it
    const whole = await fresh();
    expect(pages.map((p) => p.units)).toEqual(offsets.map((o) => whole.units.slice(o, o + 50)));
  });

  it('reads pages from the stored places equal to the whole ranking’s slices', async () => {
    const whole = await fresh();
    const db = database.db.withPlugin(statementCounter().plugin);
    for (const [offset, limit] of [
      [0, 200],
      [450, 100],
      [1090, 50],
      [UNITS, 10],
    ] as const) {
      const page = await rankingPageOf({ db, clock }, actor, resultId, { offset, limit });
      expect(page.units).toEqual(whole.units.slice(offset, offset + limit));
      expect(page.total).toBe(UNITS);
      // the bench's floor for a stale page ranks as storeRanking does: the same page, nothing stored
      const live = await rankedPageInSql(
        deps.db,
        resultId,
        {
          bands: page.bands.map((b) => ({ label: b.label, minIndex: b.minIndex })),
          tieBreak: page.tieBreak.map((code) => ({ code, inPartScores: true })),
        },
        { offset, limit },
      );
      expect(live.map((u) => [u.unit_id, u.rank, u.grp])).toEqual(
        page.units.map((u) => [u.unitId, u.rank, u.group]),
      );
    }
  });

  it('reads a page of a stored ranking in two statements, previous places included', async () => {
    // both years stored at the pool's version (the page's previous places read from the earlier one)
    await fresh();
    const counter = statementCounter();
    const page = await rankingPageOf({ db: database.db.withPlugin(counter.plugin), clock }, actor, resultId, {
      offset: 500,
      limit: 50,
    });
    expect(page.units).toHaveLength(50);
    expect(page.units.every((u) => u.previous?.year === 2030)).toBe(true);
    expect(page.total).toBe(UNITS);
    // the result with its pool, summary and the year before's result; the page's rows with their
    // names and own places the year before (both checking the pool's version). No unit differs from
    // its published rank (no names read for findings) and each has a row the year before (no lineage)
    expect(counter.count).toBe(2);
  });
});
