/**
 * The generated country's rounds and results (modules/demo-rounds.ts), on both engines, on a small
 * country made here from the sample commune framework: the counts, the same rows from the same seed,
 * the bulk rows equal to what the self-assessment's use-case stores for the same answers, the
 * overview and results read back, a save on a generated unit, the ranking of a generated result.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { systemActor } from '../src/core/access.js';
import { unitKey } from '../src/core/units.js';
import type { Database } from '../src/db/database.js';
import { insertUnit } from '../src/db/units-repo.js';
import type { DemoCountry } from '../src/modules/demo-country.js';
import { generateRounds, type RoundCounts } from '../src/modules/demo-rounds.js';
import { FolderEvidenceStore } from '../src/modules/evidence-store.js';
import { importFrameworkFile, publishFramework } from '../src/modules/frameworks.js';
import { roundOverview, roundResults } from '../src/modules/round-results.js';
import { createRound } from '../src/modules/rounds.js';
import { listResultSummaries, rankingOf } from '../src/modules/results.js';
import { fixFinalScores, setStageScore } from '../src/modules/appraisal.js';
import { saveAnswer, submitAssessment } from '../src/modules/self-assessment.js';
import { importSurveyFile } from '../src/modules/survey.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { DEPARTMENTS, SAMPLE_FRAMEWORK } from './helpers/rounds.js';

const NOW = new Date('2026-12-01T02:00:00Z');
const clock = () => NOW;
const actor = systemActor('test');
const COMMUNES = 6;

/** One province with the five departments that follow the sample framework's areas and some communes. */
async function smallCountry(database: Database, seed: number): Promise<DemoCountry> {
  const { db } = database;
  const at = NOW.toISOString();
  const unit = (name: string, kind: string, parent: number | null) =>
    insertUnit(db, {
      name,
      name_key: unitKey(name, { levelWords: [] }),
      kind,
      parent_id: parent,
      created_at: at,
    });
  const root = await unit('Việt Nam', 'country', null);
  const province = await unit('Tỉnh Lâm Đồng', 'province', root);
  const departments: number[] = [];
  for (const name of DEPARTMENTS) departments.push(await unit(name, 'department', province));
  const communes: number[] = [];
  for (let i = 1; i <= COMMUNES; i++) communes.push(await unit(`Xã Thử Nghiệm ${i}`, 'commune', province));
  const deps = { db, clock };
  const imported = await importFrameworkFile(deps, actor, {
    fileName: 'bo-tieu-chi-cap-xa-2026.txt',
    bytes: new Uint8Array(readFileSync(SAMPLE_FRAMEWORK)),
  });
  const frameworkId = imported.frameworks[0]!.id;
  await publishFramework(deps, actor, frameworkId);
  const years = [2024, 2025, 2026];
  const frameworks: Record<string, number> = {};
  for (const year of years) {
    frameworks[`department:${year}`] = frameworkId;
    frameworks[`commune:${year}`] = frameworkId;
  }
  return {
    options: { provinces: 1, unitsPerProvince: 11, years: 3, lastYear: 2026, seed },
    rootId: root,
    provinces: [{ unitId: province, name: 'Tỉnh Lâm Đồng', departments, communes, mergedAway: [] }],
    years,
    frameworks,
    counts: { units: 13, plans: 0, planRows: 0, tasks: 0, rounds: 0, answers: 0, evidence: 0, results: 0 },
  };
}

/** Every row the generator writes, in id order: the same seed must give the same digest. */
async function rowsDigest(database: Database): Promise<string> {
  const { db } = database;
  const digest = createHash('sha256');
  const tables = [
    db.selectFrom('assessment_rounds').selectAll().orderBy('id'),
    db.selectFrom('round_units').selectAll().orderBy('round_id').orderBy('unit_id'),
    db.selectFrom('assessment_answers').selectAll().orderBy('id'),
    db.selectFrom('assessment_scores').selectAll().orderBy('id'),
    db.selectFrom('evidence_files').selectAll().orderBy('id'),
    db.selectFrom('answer_evidence').selectAll().orderBy('evidence_id').orderBy('criterion_id'),
    db.selectFrom('results').selectAll().orderBy('id'),
    db.selectFrom('result_units').selectAll().orderBy('id'),
  ];
  for (const q of tables) digest.update(JSON.stringify(await q.execute()));
  return digest.digest('hex');
}

describe.each(ENGINES)('generated rounds and results (%s)', (engine) => {
  const opened: { test: TestDatabase; database: Database }[] = [];
  let database: Database;
  let country: DemoCountry;
  let counts: RoundCounts;

  async function generated(
    seed: number,
  ): Promise<{ database: Database; country: DemoCountry; counts: RoundCounts }> {
    const test = await createTestDatabase(engine);
    const database = await test.open();
    opened.push({ test, database });
    const country = await smallCountry(database, seed);
    const counts = await generateRounds({ db: database.db, kind: database.kind, clock }, country);
    return { database, country, counts };
  }

  beforeAll(async () => {
    ({ database, country, counts } = await generated(7));
  }, 120_000);

  afterAll(async () => {
    for (const o of opened) {
      await o.database.close();
      await o.test.drop();
    }
  });

  /** the generated rounds (not the tests' own rounds made to compare with) */
  const rounds = () =>
    database.db
      .selectFrom('assessment_rounds')
      .select(['id', 'year', 'name'])
      .where('created_by', '=', 'demo')
      .orderBy('id')
      .execute();

  it('makes a round per year and group, the answers, evidence records and results it counts', async () => {
    expect(counts.rounds).toBe(6);
    expect(counts.results).toBe(4);
    const count = async (table: 'assessment_answers' | 'evidence_files' | 'results') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('assessment_answers')).toBe(counts.answers);
    expect(await count('evidence_files')).toBe(counts.evidence);
    expect(await count('results')).toBe(counts.results);
    // every unit of the past years answered every self-scored leaf: the same number each
    const perUnit = await database.db
      .selectFrom('assessment_answers')
      .innerJoin('assessment_rounds', 'assessment_rounds.id', 'assessment_answers.round_id')
      .select((eb) => ['round_id', 'unit_id', eb.fn.countAll<number | string>().as('n')])
      .where('assessment_rounds.year', '<', 2026)
      .groupBy(['round_id', 'unit_id'])
      .execute();
    expect(perUnit).toHaveLength(2 * 11);
    expect(new Set(perUnit.map((r) => Number(r.n))).size).toBe(1);
    expect(Number(perUnit[0]!.n)).toBeGreaterThan(40);
    const years = (await rounds()).map((r) => r.year);
    expect(years).toEqual([2024, 2024, 2025, 2025, 2026, 2026]);
  });

  it('writes the same rows from the same seed, other rows from another', async () => {
    const again = await generated(7);
    expect(again.counts).toEqual(counts);
    expect(await rowsDigest(again.database)).toBe(await rowsDigest(database));
    const other = await generated(8);
    expect(await rowsDigest(other.database)).not.toBe(await rowsDigest(database));
  }, 120_000);

  it('stores for each answer what the self-assessment use-case stores for it', async () => {
    // a generated unit's answers saved again through saveAnswer in a round of its own, one by one
    const last = (await rounds()).filter((r) => r.year === 2026)[1]!;
    const submitted = await database.db
      .selectFrom('round_units')
      .select(['unit_id', 'version'])
      .where('round_id', '=', last.id)
      .where('state', '=', 'submitted')
      .orderBy('unit_id')
      .executeTakeFirstOrThrow();
    expect(submitted.version).toBe(3);
    const unitId = submitted.unit_id;
    const phases = await database.db
      .selectFrom('round_phases')
      .select(['phase', 'opens_on as opensOn', 'closes_on as closesOn'])
      .where('round_id', '=', last.id)
      .execute();
    const generatedRows = await database.db
      .selectFrom('assessment_answers')
      .select(['criterion_id', 'answer', 'score', 'version', 'scoring_explanation'])
      .where('round_id', '=', last.id)
      .where('unit_id', '=', unitId)
      .orderBy('criterion_id')
      .execute();
    const deps = { db: database.db, clock };
    const twin = await createRound(deps, actor, {
      name: 'Đối chiếu',
      year: 2026,
      frameworkId: country.frameworks['commune:2026']!,
      unitIds: [unitId],
      calendar: phases.map((p) => ({ ...p, phase: p.phase as never })),
    });
    for (const row of generatedRows) {
      await saveAnswer(deps, actor, 'vi', twin.id, unitId, row.criterion_id, {
        version: 0,
        answer: JSON.parse(row.answer!) as never,
        scoringExplanation: row.scoring_explanation,
      });
    }
    const replayed = await database.db
      .selectFrom('assessment_answers')
      .select(['criterion_id', 'answer', 'score', 'version', 'scoring_explanation'])
      .where('round_id', '=', twin.id)
      .orderBy('criterion_id')
      .execute();
    expect(replayed).toEqual(generatedRows);
    // the overview reads the same totals for the unit in both rounds
    const mine = async (roundId: number) =>
      (await roundOverview(deps, actor, roundId)).units.find((u) => u.unitId === unitId)!.self;
    expect(await mine(twin.id)).toEqual(await mine(last.id));
  }, 120_000);

  it('stores for a past unit the rows the use-cases store: answers, appraisal, survey, council, state', async () => {
    // a generated unit of 2025 taken again through every step of a round of its own, each on its day
    const past = (await rounds()).filter((r) => r.year === 2025)[1]!;
    const unit = await database.db
      .selectFrom('round_units')
      .innerJoin('units', 'units.id', 'round_units.unit_id')
      .select(['round_units.unit_id', 'units.name'])
      .where('round_id', '=', past.id)
      .orderBy('round_units.unit_id')
      .executeTakeFirstOrThrow();
    const unitId = unit.unit_id;
    const phases = await database.db
      .selectFrom('round_phases')
      .select(['phase', 'opens_on as opensOn', 'closes_on as closesOn'])
      .where('round_id', '=', past.id)
      .execute();
    const dayOf = (phase: string) => phases.find((p) => p.phase === phase)!.opensOn;
    const at = (day: string) => ({ db: database.db, clock: () => new Date(`${day}T03:00:00Z`) });
    const answersOf = (roundId: number) =>
      database.db
        .selectFrom('assessment_answers')
        .select(['criterion_id', 'answer', 'score', 'version', 'scoring_explanation'])
        .where('round_id', '=', roundId)
        .where('unit_id', '=', unitId)
        .orderBy('criterion_id')
        .execute();
    const scoresOf = (roundId: number) =>
      database.db
        .selectFrom('assessment_scores')
        .select(['criterion_id', 'stage', 'answer', 'score', 'overridden', 'comment', 'version'])
        .where('round_id', '=', roundId)
        .where('unit_id', '=', unitId)
        .orderBy('stage')
        .orderBy('criterion_id')
        .execute();
    const stateOf = (roundId: number) =>
      database.db
        .selectFrom('round_units')
        .select(['state', 'version'])
        .where('round_id', '=', roundId)
        .where('unit_id', '=', unitId)
        .executeTakeFirstOrThrow();
    const generatedAnswers = await answersOf(past.id);
    const generatedScores = await scoresOf(past.id);

    const twin = await createRound(at(dayOf('self')), actor, {
      name: 'Đối chiếu 2025',
      year: 2025,
      frameworkId: country.frameworks['commune:2025']!,
      unitIds: [unitId],
      calendar: phases.map((p) => ({ ...p, phase: p.phase as never })),
    });
    const self = at(dayOf('self'));
    for (const row of generatedAnswers) {
      await saveAnswer(self, actor, 'vi', twin.id, unitId, row.criterion_id, {
        version: 0,
        answer: JSON.parse(row.answer!) as never,
        scoringExplanation: row.scoring_explanation,
      });
    }
    await submitAssessment(self, actor, twin.id, unitId, (await stateOf(twin.id)).version);
    const stage = (name: string) => generatedScores.filter((s) => s.stage === name);
    for (const s of stage('appraisal1')) {
      await setStageScore(
        at(dayOf('appraisal1')),
        actor,
        { roundId: twin.id, unitId, criterionId: s.criterion_id, stage: 'appraisal1' },
        { version: 0, answer: JSON.parse(s.answer!) as never },
      );
    }
    // the survey's scores as its file says them
    const codes = new Map(
      (
        await database.db
          .selectFrom('criteria')
          .select(['id', 'code'])
          .where('framework_id', '=', country.frameworks['commune:2025']!)
          .execute()
      ).map((c) => [c.id, c.code]),
    );
    const surveyed = stage('survey');
    const csv = [
      ['Đơn vị', ...surveyed.map((s) => codes.get(s.criterion_id)!)],
      [unit.name, ...surveyed.map((s) => s.score.replace('.', ','))],
    ]
      .map((line) => line.map((cell) => `"${cell}"`).join(','))
      .join('\n');
    await importSurveyFile(
      at(dayOf('council')),
      actor,
      twin.id,
      { fileName: 'khao-sat.csv', bytes: new TextEncoder().encode(`${csv}\n`) },
      { mapping: {}, dryRun: false },
    );
    const council = at(dayOf('council'));
    for (const s of stage('council').filter((x) => x.answer !== null)) {
      await setStageScore(
        council,
        actor,
        { roundId: twin.id, unitId, criterionId: s.criterion_id, stage: 'council' },
        { version: 0, answer: JSON.parse(s.answer!) as never },
      );
    }
    await fixFinalScores(council, actor, { roundId: twin.id, unitId }, {});

    expect(await answersOf(twin.id)).toEqual(generatedAnswers);
    expect(await scoresOf(twin.id)).toEqual(generatedScores);
    expect(await stateOf(twin.id)).toEqual(await stateOf(past.id));
    const deps = { db: database.db, clock };
    const view = async (roundId: number) => {
      const u = (await roundOverview(deps, actor, roundId)).units.find((x) => x.unitId === unitId)!;
      return { self: u.self, appraised: u.appraised, final: u.final, state: u.state };
    };
    expect(await view(twin.id)).toEqual(await view(past.id));
    const result = async (roundId: number) => {
      const { rank: _rank, ...rest } = (await roundResults(deps, actor, roundId)).units.find(
        (x) => x.unitId === unitId,
      )!;
      return rest;
    };
    expect(await result(twin.id)).toEqual(await result(past.id));
  }, 120_000);

  it('reads a past round back: every unit final, appraisals lowering only, its result as published', async () => {
    const deps = { db: database.db, clock };
    for (const round of (await rounds()).filter((r) => r.year < 2026)) {
      const overview = await roundOverview(deps, actor, round.id);
      expect(overview.round.published).toBe(true);
      expect(overview.units.length).toBeGreaterThan(0);
      for (const u of overview.units) {
        expect(u.state).toBe('final');
        expect(u.self.missing).toBe(0);
        expect(u.final.missing).toBe(0);
        expect(u.final.index).not.toBeNull();
        // the council's own criteria count in the final view only
        expect(Number(u.final.total)).toBeGreaterThanOrEqual(Number(u.appraised.total));
      }
      // the appraisers lowered some scores, never raised one
      const pairs = await database.db
        .selectFrom('assessment_scores')
        .innerJoin('assessment_answers', (j) =>
          j
            .onRef('assessment_answers.round_id', '=', 'assessment_scores.round_id')
            .onRef('assessment_answers.unit_id', '=', 'assessment_scores.unit_id')
            .onRef('assessment_answers.criterion_id', '=', 'assessment_scores.criterion_id'),
        )
        .select(['assessment_answers.score as self', 'assessment_scores.score as appraised'])
        .where('assessment_scores.round_id', '=', round.id)
        .where('assessment_scores.stage', '=', 'appraisal1')
        .execute();
      expect(pairs.length).toBeGreaterThan(0);
      expect(pairs.every((p) => Number(p.appraised) <= Number(p.self))).toBe(true);
      expect(pairs.some((p) => Number(p.appraised) < Number(p.self))).toBe(true);
      const results = await roundResults(deps, actor, round.id);
      const stored = await database.db
        .selectFrom('results')
        .innerJoin('result_units', 'result_units.result_id', 'results.id')
        .select([
          'result_units.unit_id',
          'result_units.points',
          'result_units.index',
          'result_units.published_rank',
        ])
        .where('results.round_id', '=', round.id)
        .orderBy('result_units.position')
        .execute();
      expect(stored.map((s) => ({ unitId: s.unit_id, final: s.points, rank: s.published_rank }))).toEqual(
        results.units.map((u) => ({ unitId: u.unitId, final: u.final, rank: u.rank })),
      );
    }
  });

  it('takes a save through the use-case on a generated unit, versions moving from the generated ones', async () => {
    const last = (await rounds()).filter((r) => r.year === 2026)[1]!;
    const unit = await database.db
      .selectFrom('round_units')
      .select(['unit_id', 'version'])
      .where('round_id', '=', last.id)
      .where('state', '=', 'in-progress')
      .orderBy('unit_id')
      .executeTakeFirstOrThrow();
    expect(unit.version).toBe(2);
    const answered = await database.db
      .selectFrom('assessment_answers')
      .selectAll()
      .where('round_id', '=', last.id)
      .where('unit_id', '=', unit.unit_id)
      .orderBy('criterion_id')
      .executeTakeFirstOrThrow();
    expect(answered.version).toBe(1);
    const deps = { db: database.db, clock };
    const answer = JSON.parse(answered.answer!) as never;
    const saved = await saveAnswer(deps, actor, 'vi', last.id, unit.unit_id, answered.criterion_id, {
      version: 1,
      answer,
      note: 'Đã đối chiếu.',
    });
    expect(saved.criterion.version).toBe(2);
    expect(saved.criterion.score).toBe(answered.score);
    expect(saved.unit).toMatchObject({ state: 'in-progress', version: 2 });
    await expect(
      saveAnswer(deps, actor, 'vi', last.id, unit.unit_id, answered.criterion_id, { version: 1, note: 'x' }),
    ).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });

  it('ranks every unit of the pool in a generated result', async () => {
    const deps = { db: database.db, clock };
    const summaries = await listResultSummaries(deps, actor, {});
    const communes = summaries.find((s) => s.year === 2025 && s.title.includes('xã'))!;
    const ranking = await rankingOf(deps, actor, communes.id);
    expect(ranking.units.map((u) => u.unitId).sort((a, b) => a - b)).toEqual(
      [...country.provinces[0]!.communes].sort((a, b) => a - b),
    );
    expect(ranking.units.every((u) => u.rank !== null && u.rank >= 1 && u.rank <= COMMUNES)).toBe(true);
    expect(ranking.units.some((u) => u.group !== null)).toBe(true);
  });
});

describe.each(ENGINES)('parindex demo generate with its rounds (%s)', (engine) => {
  let test: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'parindex-demo-rounds-'));
  });

  afterAll(async () => {
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the country, then its rounds and results, the evidence file once in the store', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const store = new FolderEvidenceStore(join(dir, 'evidence'));
    const env = { PARINDEX_EVIDENCE_DIR: store.root, PARINDEX_LANG: 'en' };
    const args = ['demo', 'generate', '--provinces', '2', '--units-per-province', '12', '--years', '2'];
    const code = await run([...args, '--last-year', '2026', '--seed', '3', '--db', test.address, '--json'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env,
    });
    expect(code, err.join('\n')).toBe(0);
    const counts = JSON.parse(out.join('\n')) as RoundCounts & { units: number };
    // two provinces × two groups × two years; the first year's four published
    expect(counts).toMatchObject({ rounds: 8, results: 4 });
    expect(counts.answers).toBeGreaterThan(2 * 12 * 40);
    // progress in the language asked for (PARINDEX_LANG=en here)
    expect(err.join('\n')).toContain('assessment 2025, Thành phố Hà Nội: 2 rounds');
    const database = await test.open();
    try {
      // a commune merged away on 2026-01-01 is assessed, answers and result, in 2025 only
      const merged = await database.db
        .selectFrom('units')
        .select('id')
        .where('lineage', '=', 'merged')
        .execute();
      expect(merged).toHaveLength(2);
      for (const m of merged) {
        const rounds = await database.db
          .selectFrom('round_units')
          .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_units.round_id')
          .select('assessment_rounds.year')
          .where('round_units.unit_id', '=', m.id)
          .execute();
        expect(rounds.map((r) => r.year)).toEqual([2025]);
        const answers = await database.db
          .selectFrom('assessment_answers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', m.id)
          .executeTakeFirstOrThrow();
        expect(Number(answers.n)).toBeGreaterThan(0);
      }
      const files = await database.db.selectFrom('evidence_files').select('sha256').distinct().execute();
      expect(files).toHaveLength(1);
      expect(await store.has(files[0]!.sha256)).toBe(true);
      // every result ranks all the units of its round
      const deps = { db: database.db, clock };
      for (const summary of await listResultSummaries(deps, actor, {})) {
        const ranking = await rankingOf(deps, actor, summary.id);
        const round = await database.db
          .selectFrom('results')
          .innerJoin('round_units', 'round_units.round_id', 'results.round_id')
          .select('round_units.unit_id')
          .where('results.id', '=', summary.id)
          .execute();
        expect(ranking.units.map((u) => u.unitId).sort((a, b) => a - b)).toEqual(
          round.map((r) => r.unit_id).sort((a, b) => a - b),
        );
      }
    } finally {
      await database.close();
    }
  }, 180_000);
});
