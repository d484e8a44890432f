/**
 * A national-size pool ranked from stored scores (issue 12, decision 0015), on SQLite and PostgreSQL:
 * 3,500 units × (4 components + 8 areas + 100 criteria) stored as one result (392,000 scores), the
 * year before stored too (the ranking shows each unit's previous place), the pool with a tie-break
 * and three bands. Times modules/results.ts#rankingOf (ranks, groups, findings, points lost, average
 * and best per part, previous place through the lineage) against raw SQL in the same run (units
 * sorted by index in SQL and their component and area scores read: what the database alone costs),
 * both as 0025 stored the scores (42,000 result_scores rows) and as rankingOf reads them since 0027
 * (one part_scores column per unit). rankingOf cold: the pool's version moved before each call (as a
 * bands or tie-break change does), so nothing kept in memory is used; warm: called again unchanged
 * (the rankings kept per result and pool version, modules/version-cache.ts). Then the API's page of
 * 50 (rankingPageOf: the pool ranked whole in the worker thread when cold, the page's units only)
 * beside raw SQL over the same page's rows. Prints median, p95 and the ratio to the 0027 raw SQL
 * over the whole pool per engine; the target is under 100 ms.
 *
 *   PARINDEX_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres npm run bench:ranking
 *   (BENCH_UNITS, BENCH_CRITERIA, BENCH_RUNS change the size; each database is made for the run and
 *   dropped after it)
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { systemActor } from '../src/core/access.js';
import { unitKey } from '../src/core/units.js';
import {
  insertPool,
  insertResult,
  movePoolVersion,
  rankedInSql,
  replaceBands,
  type NewResultUnit,
} from '../src/db/results-repo.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { rankingOf, rankingPageOf } from '../src/modules/results.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 3500);
const CRITERIA = Number(process.env.BENCH_CRITERIA ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
process.env.PARINDEX_TEST_POSTGRES ??=
  process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const COMPONENTS = ['appraised', 'sipas', 'leaders', 'impact'];
export const AREAS = 8;

/** A fixed pseudo-random sequence: the same data every run. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const decimal = (ten000ths: number) => (ten000ths / 10_000).toFixed(2).replace(/\.?0+$/, '');

/** The pool stored (bench/scale.ts stores it in each generated country too). */
export async function seed(db: Kysely<DB>): Promise<{ poolId: number; resultId: number }> {
  const at = new Date().toISOString();
  const unitIds = await db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < UNITS; i++) {
      const name = `Xã Thử ${String(i + 1).padStart(4, '0')}`;
      ids.push(
        await insertUnit(trx, {
          name,
          name_key: unitKey(name, { levelWords: [] }),
          kind: 'commune',
          parent_id: null,
          created_at: at,
        }),
      );
    }
    return ids;
  });
  const poolId = await insertPool(db, {
    name: 'Các xã (thử)',
    name_key: 'cac xa (thu)',
    tie_break: JSON.stringify(['appraised', 'sipas']),
    created_at: at,
    created_by: 'bench',
  });
  const parts = [
    ...COMPONENTS.map((code) => ({
      code,
      kind: 'component' as const,
      parent_code: null,
      name: code,
      max: '25',
    })),
    ...Array.from({ length: AREAS }, (_, a) => ({
      code: String(a + 1),
      kind: 'area' as const,
      parent_code: null,
      name: `Lĩnh vực ${a + 1}`,
      max: String(100 / AREAS),
    })),
    ...Array.from({ length: CRITERIA }, (_, c) => ({
      code: `${(c % AREAS) + 1}.${Math.floor(c / AREAS) + 1}`,
      kind: 'criterion' as const,
      parent_code: String((c % AREAS) + 1),
      name: `Tiêu chí ${c + 1}`,
      max: '1',
    })),
  ];
  let resultId = 0;
  for (const year of [2024, 2025]) {
    await replaceBands(db, poolId, year, [
      { label: 'Tốt', min_index: '85' },
      { label: 'Khá', min_index: '70' },
      { label: 'Trung bình', min_index: '0' },
    ]);
    const random = sequence(year);
    const units: NewResultUnit[] = unitIds.map((unit_id, i) => {
      const index = Math.round(600_000 + random() * 400_000);
      return {
        unit_id,
        name: `Xã Thử ${String(i + 1).padStart(4, '0')}`,
        points: decimal(index),
        max: '100',
        index: decimal(index),
        published_rank: null,
        published_group: null,
        scores: parts.map((p) => ({
          code: p.code,
          score: decimal(Math.round(Number(p.max) * 10_000 * (0.5 + random() / 2))),
          max: null,
        })),
      };
    });
    resultId = await db.transaction().execute((trx) =>
      insertResult(
        trx,
        {
          pool_id: poolId,
          year,
          source: 'import',
          round_id: null,
          framework_id: null,
          title: `Chỉ số CCHC cấp xã ${year} (thử)`,
          source_name: null,
          created_at: at,
          created_by: 'bench',
        },
        parts,
        units,
      ),
    );
  }
  return { poolId, resultId };
}

/** Median-ready times of `work` (`before` runs untimed ahead of each call). */
async function time(
  runs: number,
  work: () => Promise<unknown>,
  before: () => Promise<unknown> = () => Promise.resolve(),
): Promise<number[]> {
  await before();
  await work();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const { createTestDatabase } = await import('../test/helpers/databases.js');
  console.log(
    `${UNITS} units × ${COMPONENTS.length + AREAS + CRITERIA} parts (${UNITS * (COMPONENTS.length + AREAS + CRITERIA)} scores per year, 2 years), ${RUNS} runs each`,
  );
  console.log('engine | task | median ms | p95 ms | × raw SQL (0027)');
  for (const kind of ['sqlite', 'postgres'] as const) {
    const test = await createTestDatabase(kind);
    const database = await test.open();
    try {
      const t0 = performance.now();
      const { poolId, resultId } = await seed(database.db);
      console.log(`(${kind}: stored in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      const deps = { db: database.db, clock: () => new Date() };
      const actor = systemActor('bench');
      const codes = [...COMPONENTS, ...Array.from({ length: AREAS }, (_, a) => String(a + 1))];
      const raw0025 = await time(RUNS, () => rankedInSql(database.db, resultId, codes, 'result_scores'));
      const raw = await time(RUNS, () => rankedInSql(database.db, resultId, codes, 'part_scores'));
      const cold = await time(
        RUNS,
        () => rankingOf(deps, actor, resultId),
        () => movePoolVersion(database.db, poolId),
      );
      const warm = await time(RUNS, () => rankingOf(deps, actor, resultId));
      // the API's page of 50 in the middle: the pool ranked whole (cold), then the page's units only
      const page = { offset: Math.floor(UNITS / 2), limit: 50 };
      const rawPage = await time(RUNS, () => rankedInSql(database.db, resultId, codes, 'part_scores', page));
      const pageCold = await time(
        RUNS,
        () => rankingPageOf(deps, actor, resultId, page),
        () => movePoolVersion(database.db, poolId),
      );
      const pageWarm = await time(RUNS, () => rankingPageOf(deps, actor, resultId, page));
      const check = await rankingOf(deps, actor, resultId);
      if (check.units.length !== UNITS || check.units.some((u) => u.previous === null))
        throw new Error('the ranking is not whole');
      await movePoolVersion(database.db, poolId);
      if (JSON.stringify(await rankingOf(deps, actor, resultId)) !== JSON.stringify(check))
        throw new Error('the ranking kept is not the ranking computed');
      const line = (task: string, times: number[]) =>
        console.log(
          `${kind} | ${task} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${(pct(times, 50) / pct(raw, 50)).toFixed(1)}`,
        );
      line('raw SQL: units by index + 42,000 result_scores rows (0025)', raw0025);
      line('raw SQL: units by index with part_scores (0027)', raw);
      line('rankingOf cold (ranks, bands, lost, average/best, previous year)', cold);
      line('rankingOf warm (kept per result and pool version)', warm);
      line('raw SQL: a page of 50 by index with part_scores', rawPage);
      line('rankingPageOf cold (the pool ranked whole in the worker, a page of 50)', pageCold);
      line('rankingPageOf warm (a page of 50)', pageWarm);
    } finally {
      await database.close();
      await test.drop();
    }
  }
}

// imported by bench/scale.ts for seed(): the run only when started as a script
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
