/**
 * The ranking the database computes and stores (db/results-repo.ts#storeRanking, 0035) against the
 * rules of core/ranking.ts on the same rows, on both engines: ranks by index (equal ones share a rank,
 * the next skipped), the pool's tie-break from part_scores (a component) and from result_scores (a
 * criterion), a missing key after any value, the publication's order otherwise; each unit's band; the
 * pool's average (half-up) and best per part, an index written "84.5" equal to one written "84.50",
 * negative scores; the findings where the published rank or group differs. On PostgreSQL, the keys
 * read from the part scores parsed when stored (0039), never from their text.
 */
import { CompiledQuery, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { averageOf, bandOf, bestOf, rankByIndex, type Band } from '../src/core/ranking.js';
import { decimalOrNull, fromDecimalString, storedScore, type Score } from '../src/core/score.js';
import type { Database } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import type { Deps } from '../src/modules/deps.js';
import {
  findPool,
  movePoolVersion,
  rankedPoolInSql,
  storeRanking,
  type TieBreakKey,
} from '../src/db/results-repo.js';
import {
  createPool,
  editPool,
  rankingOf,
  rankingPageOf,
  saveResult,
  savePoolBands,
} from '../src/modules/results.js';
import type { RankingResponse } from '../src/shared/api/results.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { capturingKysely } from './helpers/explain.js';
import { statementCounter, type StatementCounter } from './helpers/statement-counter.js';
import { unitNamed } from './helpers/results.js';

const actor = systemActor('test');
const dec = fromDecimalString;
// more than two of the ranking's reads of 500 units (modules/results.ts READ_CHUNK): the figures summed over ranges
const UNITS = 1_100;

/** A fixed pseudo-random sequence: the same pool every run. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

interface Row {
  index: string;
  c: string | null;
  a: string | null;
  crit: string | null;
  publishedRank: number | null;
  publishedGroup: string | null;
}

/**
 * Few distinct indexes (ties), written with and without a trailing zero; some keys missing, some
 * negative. Every 40th unit has an index of its own, half of them negative: its keys order nothing
 * (PostgreSQL reads them, SQLite leaves them unread), its rank is its index's alone.
 */
function rowsOf(seed: number): Row[] {
  const random = sequence(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const ownIndex = (i: number) => (i % 80 === 0 ? 60 + i / 1000 : -5 - i / 1000).toFixed(3);
  return Array.from({ length: UNITS }, (_, i) => ({
    index:
      i % 40 === 0 ? ownIndex(i) : pick(['90', '84.5', '84.50', '79.99', '70', '70.0001', '-1.5', '100']),
    c: pick(['10', '10.0', '9.5', '-2', null]),
    a: pick(['3.25', '3.250', '4', '0', '-0.5', null]),
    crit: random() < 0.2 ? null : pick(['1', '0.5', '0.50']),
    publishedRank: i % 4 === 0 ? i + 1 : null,
    publishedGroup: i % 5 === 0 ? pick(['A', 'B', 'C']) : null,
  }));
}

describe.each(ENGINES)('the ranking ranked and stored by the database, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let deps: Deps;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    deps = { db: database.db, clock: () => new Date('2031-01-01T00:00:00Z') };
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  /** The use-cases' dependencies with every statement seen by `counter`. */
  const watchedBy = (counter: StatementCounter): Deps => ({
    ...deps,
    db: database.db.withPlugin(counter.plugin),
  });
  /** A statement counting a stored ranking's groups (results-repo.ts#storedGroups). */
  const countsGroups = (node: RootOperationNode) =>
    node.kind === 'RawNode' && node.sqlFragments.join('?').includes('count(*) as units');

  /** A pool's bands of a year replaced (PUT: its results ranked again after the commit). */
  const saveBands = (poolId: number, year: number, bands: readonly Band[]) =>
    savePoolBands(
      deps,
      actor,
      poolId,
      year,
      bands.map((b) => ({ label: b.label, minIndex: decimalOrNull(b.minIndex)!, colour: '' })),
    );

  /** A pool with the bands below and one result of `year`: rowsOf(year) under units of their own. */
  async function rankedPool(year: number, tieBreak: string[]) {
    const unitIds: number[] = [];
    for (let i = 1; i <= UNITS; i++) unitIds.push(await unitNamed(deps.db, `Xã Hạng ${year} ${i}`));
    const poolId = (await createPool(deps, actor, { name: `Hạng ${year}`, description: '', tieBreak })).id;
    const bands: Band[] = [
      { label: 'A', minIndex: dec('84.5'), colour: '' },
      { label: 'B', minIndex: dec('70.0001'), colour: '' },
      { label: 'C', minIndex: dec('0'), colour: '' },
    ];
    await saveBands(poolId, year, bands);
    const rows = rowsOf(year);
    const { resultId } = await saveResult(deps, actor, {
      poolId,
      year,
      source: 'import',
      title: `Kết quả ${year}`,
      parts: [
        { code: 'c', kind: 'component', parentCode: null, name: 'Thành phần', max: dec('10') },
        { code: 'a', kind: 'area', parentCode: null, name: 'Lĩnh vực', max: dec('5') },
        { code: '1.1', kind: 'criterion', parentCode: 'a', name: 'Tiêu chí', max: dec('1') },
      ],
      units: rows.map((r, i) => ({
        unitId: unitIds[i]!,
        name: `Xã Hạng ${year} ${i + 1}`,
        points: null,
        max: null,
        index: dec(r.index),
        publishedRank: r.publishedRank,
        publishedGroup: r.publishedGroup,
        scores: [
          { code: 'c', score: storedScore(r.c), max: null },
          { code: 'a', score: storedScore(r.a), max: null },
          ...(r.crit === null ? [] : [{ code: '1.1', score: dec(r.crit), max: null }]),
        ],
      })),
    });

    return { unitIds, poolId, bands, rows, resultId };
  }

  it('equals core/ranking.ts on the same rows: ranks, tie-break, bands, average, best, findings', async () => {
    const { unitIds, bands, rows, resultId } = await rankedPool(2030, ['c', '1.1', 'a']);

    // the rules of core/ranking.ts on the same rows (the index as the decimal it was written as)
    const expected = rankByIndex(
      rows.map((r, at) => ({ ...r, at })),
      (r) => dec(r.index),
      (r) => [storedScore(r.c), storedScore(r.crit), storedScore(r.a)],
    ).map((r) => ({
      unitId: unitIds[r.at]!,
      rank: r.rank,
      group: bandOf(dec(r.index), bands)?.label ?? null,
    }));
    const whole = await rankingOf(deps, actor, resultId);
    expect(whole.units.map((u) => ({ unitId: u.unitId, rank: u.rank, group: u.group }))).toEqual(expected);
    // some units equal on every key share a rank
    expect(new Set(expected.map((u) => u.rank)).size).toBeLessThan(UNITS);

    const given = (of: (r: Row) => string | null) =>
      rows.map(of).flatMap<Score>((s) => (s === null ? [] : [dec(s)]));
    expect(whole.average).toEqual({
      index: decimalOrNull(averageOf(given((r) => r.index))),
      parts: {
        c: decimalOrNull(averageOf(given((r) => r.c))),
        a: decimalOrNull(averageOf(given((r) => r.a))),
      },
    });
    expect(whole.best).toEqual({
      parts: { c: decimalOrNull(bestOf(given((r) => r.c))), a: decimalOrNull(bestOf(given((r) => r.a))) },
    });

    // findings: counted by the database for a page, listed in JavaScript for the whole ranking
    const page = await rankingPageOf(deps, actor, resultId, { offset: 0, limit: 10 });
    expect(page.findingsTotal).toBe(whole.findings.length);
    expect(page.findings).toEqual(whole.findings.slice(0, page.findings.length));
    expect(page.groups).toEqual(
      ['A', 'B', 'C', null]
        .map((group) => ({ group, units: expected.filter((u) => u.group === group).length }))
        .filter((g) => g.group !== null || g.units > 0),
    );
  });

  it('writes only the places a change moved, equal to the rules after it; a version moved by nothing, none', async () => {
    const { unitIds, poolId, bands, rows, resultId } = await rankedPool(2031, ['c', '1.1', 'a']);
    const expected = (keys: (r: Row) => (Score | null)[], withBands: readonly Band[]) =>
      rankByIndex(
        rows.map((r, at) => ({ ...r, at })),
        (r) => dec(r.index),
        keys,
      ).map((r) => ({
        unitId: unitIds[r.at]!,
        rank: r.rank,
        group: bandOf(dec(r.index), [...withBands])?.label ?? null,
      }));
    const ranks = (r: RankingResponse) =>
      r.units.map((u) => ({ unitId: u.unitId, rank: u.rank, group: u.group }));
    const byC1A = (r: Row) => [storedScore(r.c), storedScore(r.crit), storedScore(r.a)];
    const byAC = (r: Row) => [storedScore(r.a), storedScore(r.c)];
    const first = await rankingOf(deps, actor, resultId);
    expect(ranks(first)).toEqual(expected(byC1A, bands));
    const firstPage = await rankingPageOf(deps, actor, resultId, { offset: 0, limit: 10 });

    // what storeRanking writes at the pool's next version, rolled back after
    const storedWith = async (tieBreak: TieBreakKey[]) => {
      let out: Awaited<ReturnType<typeof storeRanking>> = null;
      await database.db
        .transaction()
        .execute(async (trx) => {
          await movePoolVersion(trx, poolId);
          const pool = (await findPool(trx, poolId))!;
          out = await storeRanking(trx, {
            resultId,
            poolId,
            poolVersion: pool.version,
            bands: [
              { label: 'A', minIndex: '84.5' },
              { label: 'B', minIndex: '70.0001' },
              { label: 'C', minIndex: '0' },
            ],
            tieBreak,
            at: '2031-01-01T00:00:00.000Z',
          });
          throw new Error('rolled back');
        })
        .catch((e: unknown) => {
          if (!(e instanceof Error) || e.message !== 'rolled back') throw e;
        });
      return out!;
    };
    const same = await storedWith([
      { code: 'c', inPartScores: true },
      { code: '1.1', inPartScores: false },
      { code: 'a', inPartScores: true },
    ]);
    // nothing moved: no place written, and the summary found is the one that counted these places
    expect(same.moved).toBe(0);
    expect(JSON.parse(same.before)).toMatchObject({
      findings: firstPage.findingsTotal,
      groups: firstPage.groups,
    });
    const other = await storedWith([
      { code: 'a', inPartScores: true },
      { code: 'c', inPartScores: true },
    ]);
    // another tie-break moves some of the units whose index another shares, not all
    expect(other.moved).toBeGreaterThan(0);
    expect(other.moved).toBeLessThan(UNITS);

    // another year's bands move the pool's version and no unit of this year: the same ranking and
    // findings, not counted again
    const otherYear = statementCounter({ keepQueries: true });
    await savePoolBands(watchedBy(otherYear), actor, poolId, 2032, [
      { label: 'A', minIndex: '50', colour: '' },
    ]);
    expect(otherYear.nodes.filter(countsGroups)).toEqual([]);
    expect(ranks(await rankingOf(deps, actor, resultId))).toEqual(expected(byC1A, bands));
    const samePage = await rankingPageOf(deps, actor, resultId, { offset: 0, limit: 10 });
    expect(samePage.findings).toEqual(firstPage.findings);
    expect([samePage.groups, samePage.findingsTotal]).toEqual([firstPage.groups, firstPage.findingsTotal]);

    // the tie-break changed, then the bands: each time the places and findings as the rules give them
    const pool = (await findPool(database.db, poolId))!;
    await editPool(deps, actor, poolId, { tieBreak: ['a', 'c'], version: pool.version });
    const afterTieBreak = await rankingOf(deps, actor, resultId);
    expect(ranks(afterTieBreak)).toEqual(expected(byAC, bands));
    const newBands: Band[] = [
      { label: 'A', minIndex: dec('90'), colour: '' },
      { label: 'B', minIndex: dec('79.99'), colour: '' },
    ];
    await saveBands(poolId, 2031, newBands);
    const afterBands = await rankingOf(deps, actor, resultId);
    expect(ranks(afterBands)).toEqual(expected(byAC, newBands));
    const page = await rankingPageOf(deps, actor, resultId, { offset: 0, limit: 10 });
    expect(page.findingsTotal).toBe(afterBands.findings.length);
    expect(page.findings).toEqual(afterBands.findings.slice(0, page.findings.length));
    expect(page.groups).toEqual(
      ['A', 'B', null]
        .map((group) => ({ group, units: expected(byAC, newBands).filter((u) => u.group === group).length }))
        .filter((g) => g.group !== null || g.units > 0),
    );

    // a band between two others that no index reaches: no place moves, yet the groups are counted
    // again, the new band with none
    const between: Band[] = [newBands[0]!, { label: 'M', minIndex: dec('85'), colour: '' }, newBands[1]!];
    const added = statementCounter({ keepQueries: true });
    await savePoolBands(
      watchedBy(added),
      actor,
      poolId,
      2031,
      between.map((b) => ({ label: b.label, minIndex: decimalOrNull(b.minIndex)!, colour: '' })),
    );
    expect(added.nodes.filter(countsGroups)).toHaveLength(1);
    expect(ranks(await rankingOf(deps, actor, resultId))).toEqual(expected(byAC, newBands));
    const withM = await rankingPageOf(deps, actor, resultId, { offset: 0, limit: 10 });
    expect(withM.groups).toEqual([
      { group: 'A', units: page.groups[0]!.units },
      { group: 'M', units: 0 },
      ...page.groups.slice(1),
    ]);
    expect(withM.findingsTotal).toBe(page.findingsTotal);
  });

  it.runIf(kind === 'postgres')(
    "reads the tie-break's part scores out of their jsonb parsed when stored (0039), never parsing the text",
    async () => {
      const { resultId } = await rankedPool(2033, ['c', 'a']);
      const units = (sql: string) =>
        database.db.executeQuery<{ n: string }>(CompiledQuery.raw(sql, [resultId]));
      // the column is the text parsed, for every unit the result stored
      const differs = await units(
        'select count(*) as n from result_units where result_id = $1 and part_scores_jsonb is distinct from part_scores::jsonb',
      );
      expect(Number(differs.rows[0]!.n)).toBe(0);
      // the ranking's statement as the database runs it reads the column, and casts no text to jsonb
      const capture = capturingKysely(test.kind, test.address);
      try {
        await rankedPoolInSql(capture.db, resultId, {
          bands: [],
          tieBreak: [
            { code: 'c', inPartScores: true },
            { code: 'a', inPartScores: true },
          ],
        });
        const statement = capture.seen.at(-1)!;
        const plan = await capture.db.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain (verbose, costs off) ${statement.sql}`, [...statement.parameters]),
        );
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(text).toContain('part_scores_jsonb ->');
        expect(text).not.toMatch(/part_scores\)?::jsonb/);
      } finally {
        await capture.close();
      }
    },
  );
});
