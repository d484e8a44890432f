/**
 * A round's totals computed in the compute worker (core/round-totals.ts in modules/compute-pool.ts,
 * issue 13 point 2) on both engines: a round of 40 communes against the sample framework with
 * self-answers, appraisal 1 and 2, council and survey scores, "not applicable" answers, a bonus and a
 * penalty, units in every state, an extension and an unexplained return — written straight into the
 * tables, more rows than one statement reads (the rows come a range of units at a time). What the
 * overview, the results, the workbook's totals and a published result get equals what the core
 * functions give when called here, unit by unit, as the server's thread did before; the worker's
 * outcome equals the same code run in this thread; and the worker's count of round tasks moves by
 * one per request. (Whether this thread calls the scoring function is not watched: the suite runs
 * files without isolation, vitest.config.ts, so a module mock would not reach the modules another
 * file loaded first.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access.js';
import { rankByIndex } from '../src/core/ranking.js';
import {
  appraisalProgress,
  biggestGaps,
  RESULT_VIEWS,
  storedLeaf,
  unitTotals,
  viewLeaf,
  type StageLeaves,
  type ViewSummary,
} from '../src/core/round-results.js';
import {
  computeRoundTotals,
  notApplicableAt,
  roundRowsText,
  type StoredLeafRow,
} from '../src/core/round-totals.js';
import { decimalOrNull, toDecimalString } from '../src/core/score.js';
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { computeTasksDone, roundTotalsInWorker } from '../src/modules/compute-pool.js';
import type { Deps } from '../src/modules/deps.js';
import { loadRound, type RoundContext } from '../src/modules/round-context.js';
import {
  exportRoundWorkbook,
  READ_ROWS,
  roundOverview,
  roundResults,
  roundTotals,
} from '../src/modules/round-results.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { addDays, calendarFrom, seedRound } from './helpers/rounds.js';

const actor = systemActor('test');
const UNITS = 40;
const STATES = ['not-started', 'in-progress', 'submitted', 'returned', 'appraised', 'final'];

/** A deterministic sequence in [0, 1). */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/**
 * The round's totals as the server's thread computed them before: its rows read whole (here, not by
 * the repository's ranges), then unit by unit in core.
 */
async function inProcess(db: Database['db'], ctx: RoundContext) {
  const answers = await db
    .selectFrom('assessment_answers')
    .select(['unit_id', 'criterion_id', 'answer', 'score'])
    .where('round_id', '=', ctx.round.id)
    .execute();
  const scores = await db
    .selectFrom('assessment_scores')
    .select(['unit_id', 'criterion_id', 'stage', 'answer', 'score'])
    .where('round_id', '=', ctx.round.id)
    .execute();
  const rows: StoredLeafRow[] = [...answers.map((a) => ({ ...a, stage: 'self' })), ...scores];
  const codeOf = new Map(ctx.criteria.map((c) => [c.id, c.code]));
  const leaves = new Map(ctx.units.map((u) => [u.unit_id, new Map<string, StageLeaves>()]));
  for (const r of rows) {
    const value = storedLeaf(r.answer, r.score);
    const unit = leaves.get(r.unit_id);
    const code = codeOf.get(r.criterion_id)!;
    if (value !== undefined && unit) unit.set(code, { ...unit.get(code), [r.stage]: value });
  }
  const units = rankByIndex(
    ctx.units.map((u) => ({ unit: u, totals: unitTotals(ctx.criteria, leaves.get(u.unit_id)!) })),
    (u) => u.totals.final.index,
  );
  const everyUnit = ctx.units.map((u) => ({
    unitId: u.unit_id,
    state: u.state,
    leaves: leaves.get(u.unit_id)!,
  }));
  return {
    rows,
    leaves,
    units,
    gaps: biggestGaps(ctx.criteria, everyUnit),
    progress: appraisalProgress(ctx.criteria, everyUnit),
  };
}

const units = (ctx: RoundContext, state: string) =>
  ctx.units.filter((u) => u.state === state).map((u) => u.unit_id);

const wire = (t: ViewSummary) => ({
  areas: t.areas.map((a) => decimalOrNull(a.score)),
  total: toDecimalString(t.total),
  max: toDecimalString(t.max),
  index: decimalOrNull(t.index),
  missing: t.missing,
});

describe.each(ENGINES)("a round's totals in the compute worker, on %s", (kind) => {
  let test: TestDatabase;
  let database: Database;
  let deps: Deps;
  let roundId = 0;
  /** a unit in progress whose self phase is extended to tomorrow, a returned unit with a question open */
  let extended = 0;
  let returned = 0;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    deps = { db: database.db, clock: () => new Date() };
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('seeds a round of 40 communes: every stage, N/A, bonus and penalty, every state, late units', async () => {
    const { db } = database;
    // the self-assessment and the explanation closed: units not submitted, returns unexplained are late
    const round = await seedRound(
      { db, clock: deps.clock },
      { communes: 8, calendar: calendarFrom(addDays(today, -12), 3) },
    );
    roundId = round.roundId;
    const at = new Date().toISOString();
    const more = [];
    for (let i = 0; i < UNITS - round.communes.length; i++) {
      const name = `Xã Thử Nghiệm ${i + 1}`;
      const id = await insertUnit(db, {
        name,
        name_key: `xa thu nghiem ${i + 1}`,
        kind: 'commune',
        parent_id: round.provinceId,
        created_at: at,
      });
      more.push({ round_id: roundId, unit_id: id, submitted_at: null, submitted_by: null });
    }
    await db.insertInto('round_units').values(more).execute();
    const units = [...round.communes.map((c) => c.id), ...more.map((m) => m.unit_id)];
    const criteria = await db
      .selectFrom('criteria')
      .select(['id', 'code', 'scorer', 'max_score'])
      .where('framework_id', '=', round.frameworkId)
      .execute();
    const leaves = criteria.filter((c) => !criteria.some((o) => o.code.startsWith(`${c.code}.`)));
    const next = random(13);
    const scoreUpTo = (max: string | null) => {
      const top = max === null ? 2 : Number(max);
      return String(Math.round(next() * top * 4) / 4);
    };
    const answers: Insertable<DB['assessment_answers']>[] = [];
    const scores: Insertable<DB['assessment_scores']>[] = [];
    for (const [u, unit] of units.entries()) {
      const state = STATES[u % STATES.length]!;
      await db
        .updateTable('round_units')
        .set({ state })
        .where('round_id', '=', roundId)
        .where('unit_id', '=', unit)
        .execute();
      for (const c of leaves) {
        const stage = (s: string, score: string) =>
          scores.push({
            round_id: roundId,
            unit_id: unit,
            criterion_id: c.id,
            stage: s,
            answer: null,
            score,
            username: 'test',
            at,
          });
        if (c.scorer === 'council') {
          if (state === 'final') stage('council', scoreUpTo(c.max_score));
          continue;
        }
        if (c.scorer === 'survey') {
          if (next() < 0.7) stage('survey', scoreUpTo(c.max_score));
          continue;
        }
        const roll = next();
        if (state === 'not-started' || roll < 0.05) continue;
        const na = roll < 0.1;
        // a penalty is negative; an odd precision kept as written ("0.50")
        const self =
          c.scorer === 'penalty'
            ? `-${scoreUpTo(c.max_score)}`
            : roll < 0.15
              ? '0.50'
              : scoreUpTo(c.max_score);
        answers.push({
          round_id: roundId,
          unit_id: unit,
          criterion_id: c.id,
          answer: JSON.stringify(na ? { kind: 'not-applicable' } : { kind: 'choice', option: 0 }),
          score: na ? null : self,
          not_applicable_reason: na ? 'Không có' : null,
          updated_at: at,
          updated_by: 'test',
        });
        if (['submitted', 'returned', 'appraised', 'final'].includes(state) && next() < 0.8) {
          stage('appraisal1', next() < 0.05 ? '0' : scoreUpTo(c.max_score));
          if (next() < 0.3) stage('appraisal2', scoreUpTo(c.max_score));
        }
      }
    }
    for (let i = 0; i < answers.length; i += 500) {
      await db
        .insertInto('assessment_answers')
        .values(answers.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < scores.length; i += 500) {
      await db
        .insertInto('assessment_scores')
        .values(scores.slice(i, i + 500))
        .execute();
    }
    // a returned unit with a question unexplained; a unit not submitted with its self phase extended
    await db
      .insertInto('criterion_returns')
      .values({
        round_id: roundId,
        unit_id: (returned = units[3]!),
        criterion_id: leaves[0]!.id,
        question: 'Thiếu tài liệu',
        asked_by: 'test',
        asked_at: at,
      })
      .execute();
    await db
      .insertInto('round_extensions')
      .values({
        round_id: roundId,
        unit_id: (extended = units[1]!),
        phase: 'self',
        reason: 'Mất điện',
        requested_by: 'test',
        requested_at: at,
        state: 'granted',
        until: addDays(today, 1),
        decided_by: 'test',
        decided_at: at,
      })
      .execute();
    // more units than one statement reads (READ_ROWS answers): the round is read in two ranges of units
    expect(UNITS).toBeGreaterThan(Math.floor(READ_ROWS / leaves.length));
    expect(scores.some((s) => s.stage === 'council')).toBe(true);
    expect(answers.some((a) => a.score === null)).toBe(true);
  });

  it('the overview and the results equal the core functions called unit by unit in this thread', async () => {
    const ctx = await loadRound(database.db, roundId, deps.clock());
    const expected = await inProcess(database.db, ctx);
    const overview = await roundOverview(deps, actor, roundId);
    expect(overview.units.map((u) => [u.unitId, u.rank, u.self, u.appraised, u.final])).toEqual(
      expected.units.map((u) => [
        u.unit.unit_id,
        u.rank,
        wire(u.totals.self),
        wire(u.totals.appraised),
        wire(u.totals.final),
      ]),
    );
    // every view differs somewhere, ranks are shared, some units have no index
    expect(new Set(overview.units.map((u) => u.self.total)).size).toBeGreaterThan(10);
    expect(overview.units.some((u) => u.appraised.total !== u.self.total)).toBe(true);
    expect(overview.units.some((u) => u.final.total !== u.appraised.total)).toBe(true);
    expect(
      overview.gaps.map((g) => [g.code, g.total, g.units.map((u) => [u.unitId, u.self, u.appraised, u.gap])]),
    ).toEqual(
      expected.gaps.map((g) => [
        g.code,
        toDecimalString(g.total),
        g.units.map((u) => [
          u.unitId,
          toDecimalString(u.self),
          toDecimalString(u.appraised),
          toDecimalString(u.gap),
        ]),
      ]),
    );
    expect(overview.gaps.length).toBeGreaterThan(0);
    expect(overview.progress).toEqual(expected.progress);
    expect(overview.progress.some((p) => p.scored > 0 && p.scored < p.toScore)).toBe(true);
    // late units: not submitted, a return unexplained; the unit extended until tomorrow is not late
    const late = new Map(overview.late.map((l) => [l.unitId, l.reasons]));
    expect(late.get(units(ctx, 'not-started')[0]!)).toEqual(['not-submitted']);
    expect(late.has(extended)).toBe(false);
    expect(late.get(units(ctx, 'in-progress').find((u) => u !== extended)!)).toEqual(['not-submitted']);
    expect(late.get(returned)).toEqual(['returns-unexplained']);

    const results = await roundResults(deps, actor, roundId);
    expect(
      results.units.map((u) => [u.unitId, u.self, u.appraised, u.final, u.max, u.index, u.rank]),
    ).toEqual(
      expected.units.map((u) => [
        u.unit.unit_id,
        toDecimalString(u.totals.self.total),
        toDecimalString(u.totals.appraised.total),
        toDecimalString(u.totals.final.total),
        toDecimalString(u.totals.final.max),
        decimalOrNull(u.totals.final.index),
        u.rank,
      ]),
    );
  });

  it("the workbook's and a published result's totals: every criterion's score and N/A per view", async () => {
    const ctx = await loadRound(database.db, roundId, deps.clock());
    const expected = await inProcess(database.db, ctx);
    const { outcome, units } = await roundTotals(deps, ctx);
    expect(units.map((u) => [u.unitId, u.rank, u.totals])).toEqual(
      expected.units.map((u) => [u.unit.unit_id, u.rank, u.totals]),
    );
    let notApplicable = 0;
    for (const u of units) {
      const leaves = expected.leaves.get(u.unitId)!;
      for (const view of RESULT_VIEWS) {
        ctx.criteria.forEach((c, i) => {
          const na = viewLeaf(view, leaves.get(c.code) ?? {}, c.scorer) === 'not-applicable';
          expect(notApplicableAt(outcome, u.at, view, i)).toBe(na);
          if (na) notApplicable += 1;
        });
      }
    }
    expect(notApplicable).toBeGreaterThan(0);
  });

  it("the worker's outcome is the same code's in this thread, typed arrays and all", async () => {
    const ctx = await loadRound(database.db, roundId, deps.clock());
    const { rows } = await inProcess(database.db, ctx);
    // the rows in three texts, as three statements read them
    const third = Math.ceil(rows.length / 3);
    const input = {
      criteria: ctx.criteria,
      units: ctx.units.map((u) => ({ unitId: u.unit_id, state: u.state })),
      rows: [0, 1, 2].map((i) => roundRowsText(rows.slice(i * third, (i + 1) * third))),
      criteriaScores: true,
      overview: true,
    };
    const here = computeRoundTotals(input);
    expect(await roundTotalsInWorker(input)).toEqual(here);
    expect(here.criteria!.score.units.some((u) => Number.isNaN(u))).toBe(true);
  });

  it('the overview, the results and the workbook each take one round task of the worker', async () => {
    const before = computeTasksDone()['round-totals'];
    await roundOverview(deps, actor, roundId);
    await roundResults(deps, actor, roundId);
    await exportRoundWorkbook(deps, actor, roundId);
    expect(computeTasksDone()['round-totals']).toBe(before + 3);
  });
});
