/**
 * The generated country's rounds (issue 13 point 1, modules/demo-rounds.ts#generateRounds) timed on
 * SQLite and PostgreSQL on the country modules/demo.ts#generateCountry makes first (BENCH_PROVINCES ×
 * BENCH_UNITS × BENCH_YEARS, 34 × 120 × 3 by default; its own time printed apart). Beside it in the
 * same run, the baseline: one unit's
 * answers saved through the use-case (modules/self-assessment.ts#saveAnswer, one transaction each),
 * what the bulk path replaces, as a time per answer and the ratio.
 *
 *   PARINDEX_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/demo-rounds.ts
 *   (BENCH_ENGINES=sqlite,postgres; each database is made for the run and dropped after it)
 */
import { performance } from 'node:perf_hooks';
import { systemActor } from '../src/core/access.js';
import { render } from '../src/core/messages.js';
import type { Database } from '../src/db/database.js';
import type { DemoCountry } from '../src/modules/demo-country.js';
import { generateCountry } from '../src/modules/demo.js';
import { generateRounds } from '../src/modules/demo-rounds.js';
import { createRound } from '../src/modules/rounds.js';
import { saveAnswer } from '../src/modules/self-assessment.js';

process.env.PARINDEX_TEST_POSTGRES ??=
  process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase } = await import('../test/helpers/databases.js');

const PROVINCES = Number(process.env.BENCH_PROVINCES ?? 34);
const UNITS = Number(process.env.BENCH_UNITS ?? 120);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const NOW = new Date('2026-12-01T02:00:00Z');
const clock = () => NOW;
const actor = systemActor('bench');

/** One generated unit's answers saved again through the use-case in a round of its own: ms per answer. */
async function useCasePerAnswer(database: Database, c: DemoCountry): Promise<number> {
  const { db } = database;
  const last = await db
    .selectFrom('assessment_rounds')
    .select('id')
    .where('year', '=', 2026)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const unit = await db
    .selectFrom('round_units')
    .select('unit_id')
    .where('round_id', '=', last.id)
    .where('state', '=', 'submitted')
    .orderBy('unit_id')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('assessment_answers')
    .select(['criterion_id', 'answer'])
    .where('round_id', '=', last.id)
    .where('unit_id', '=', unit.unit_id)
    .execute();
  const phases = await db
    .selectFrom('round_phases')
    .select(['phase', 'opens_on as opensOn', 'closes_on as closesOn'])
    .where('round_id', '=', last.id)
    .execute();
  const deps = { db, clock };
  const twin = await createRound(deps, actor, {
    name: 'Đối chiếu',
    year: 2026,
    frameworkId: c.frameworks['commune:2026']!,
    unitIds: [unit.unit_id],
    calendar: phases.map((p) => ({ ...p, phase: p.phase as never })),
  });
  const started = performance.now();
  for (const r of rows) {
    await saveAnswer(deps, actor, 'vi', twin.id, unit.unit_id, r.criterion_id, {
      version: 0,
      answer: JSON.parse(r.answer!) as never,
      scoringExplanation: 'Căn cứ báo cáo.',
    });
  }
  return (performance.now() - started) / rows.length;
}

for (const engine of ENGINES) {
  const test = await createTestDatabase(engine);
  const database = await test.open();
  try {
    const deps = { db: database.db, kind: database.kind, clock };
    const made = performance.now();
    const c = await generateCountry(deps, {
      provinces: PROVINCES,
      unitsPerProvince: UNITS,
      years: YEARS,
      lastYear: 2026,
      seed: 1,
    });
    const countrySeconds = (performance.now() - made) / 1000;
    const started = performance.now();
    let lastLine = started;
    const counts = await generateRounds(deps, c, (step) => {
      const t = performance.now();
      if (t - lastLine > 30_000) {
        console.log(`  ${((t - started) / 1000).toFixed(0)} s  ${render('cli.demoProgress', step, 'en')}`);
        lastLine = t;
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const perAnswer = (seconds * 1000) / counts.answers;
    const baseline = await useCasePerAnswer(database, c);
    console.log(
      `${engine}: ${PROVINCES} × ${UNITS} × ${YEARS}: ${counts.rounds} rounds, ${counts.answers} answers, ` +
        `${counts.evidence} evidence records, ${counts.results} results in ${seconds.toFixed(1)} s ` +
        `(${perAnswer.toFixed(3)} ms per answer, stage scores included); ` +
        `saveAnswer ${baseline.toFixed(2)} ms per answer: ${(baseline / perAnswer).toFixed(0)}× the bulk path; ` +
        `the country before them (generateCountry: ${c.counts.units} units, ${c.counts.plans} plans) ${countrySeconds.toFixed(1)} s`,
    );
  } finally {
    await database.close();
    await test.drop();
  }
}
