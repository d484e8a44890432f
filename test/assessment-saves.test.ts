/**
 * Issue 11's save speed on both engines: a self-assessment save (PATCH …/answers/:criterionId) runs
 * a bounded number of statements once the round is known (its calendar and criteria kept per round
 * version, round-context.ts), scores only the leaves its answer moves (core/scoring.ts#followersOf)
 * and still answers, and stores, what scoring every answer afresh gives — gates included; a calendar
 * changed through the round's use-case is seen by the next save.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access.js';
import type { Answer } from '../src/core/framework.js';
import { decimalOrNull, storedScore, ZERO } from '../src/core/score.js';
import { scoreFramework } from '../src/core/scoring.js';
import { answerRows } from '../src/db/assessment-repo.js';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { loadRound, type RoundCriterion } from '../src/modules/round-context.js';
import { roundOverview } from '../src/modules/round-results.js';
import { updateRound } from '../src/modules/rounds.js';
import { sampleAnswer } from '../src/modules/samples.js';
import { AnswerSaved, ApiError, AssessmentView } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { addDays, calendarFrom, seedRound, type RoundFixture } from './helpers/rounds.js';
import { statementCounter } from './helpers/statement-counter.js';

/** At most this many statements a save sends once the round is known, the session's query included. */
const SAVE_STATEMENTS = 10;

describe.each(ENGINES)('self-assessment saves, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let round: RoundFixture;
  let unitId: number;
  let assessor: SignedIn;
  let criteria: RoundCriterion[];
  const counter = statementCounter();
  const now = new Date('2026-12-10T03:00:00Z');
  const clock = () => now;
  const today = '2026-12-10';
  const versions = new Map<number, number>();

  const call = (options: InjectOptions) => app.inject(withSession(options, assessor));
  const byCode = (code: string) => criteria.find((c) => c.code === code)!;
  const maxOf = (c: RoundCriterion) =>
    c.max ?? (c.rule?.kind === 'bonus' || c.rule?.kind === 'penalty' ? c.rule.cap : ZERO);
  const save = async (c: RoundCriterion, answer: Answer) => {
    const res = await call({
      method: 'PATCH',
      url: `/api/rounds/${round.roundId}/units/${unitId}/answers/${c.id}`,
      payload: { version: versions.get(c.id) ?? 0, answer, scoringExplanation: 'Tự chấm theo báo cáo' },
    });
    if (res.statusCode !== 200) return { status: res.statusCode, error: ApiError.parse(res.json()) };
    const saved = AnswerSaved.parse(res.json());
    versions.set(c.id, saved.criterion.version);
    for (const x of saved.changed) versions.set(x.id, x.version);
    return { status: 200, saved };
  };
  /** every stored answer scored afresh by core/scoring.ts, the way the view scores them */
  const afresh = async () => {
    const rows = await answerRows(database.db, round.roundId, unitId);
    const answers = new Map<string, Answer>();
    for (const r of rows) {
      const c = criteria.find((x) => x.id === r.criterion_id)!;
      if (r.answer !== null) answers.set(c.code, JSON.parse(r.answer) as Answer);
    }
    return { rows, scores: scoreFramework(criteria, answers) };
  };
  const selfScored = () =>
    criteria.filter(
      (c) =>
        c.rule !== null &&
        !criteria.some((x) => x.parentCode === c.code) &&
        c.scorer !== 'survey' &&
        c.scorer !== 'council',
    );

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    const deps = { db: database.db, clock };
    round = await seedRound(deps, { communes: 2, calendar: calendarFrom(addDays(today, -2), 5) });
    unitId = round.communes[0]!.id;
    await addUser(deps, 'tudanhgia.namda', [{ role: 'assessor', unitId }]);
    criteria = (await loadRound(database.db, round.roundId, now)).criteria;
    app = await buildApp({ db: database.db.withPlugin(counter.plugin), clock });
    assessor = await signIn(app, 'tudanhgia.namda', TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await test?.drop();
  });

  it(`a save runs at most ${SAVE_STATEMENTS} statements once the round is known`, async () => {
    const [first, second] = selfScored();
    // the first save of the unit reads the round's calendar and criteria, and moves the unit in progress
    expect((await save(first!, sampleAnswer(first!.rule!, maxOf(first!), 'good')!)).status).toBe(200);
    counter.count = 0;
    const done = await save(second!, sampleAnswer(second!.rule!, maxOf(second!), 'good')!);
    expect(done.status).toBe(200);
    console.log('STATEMENTS', counter.count);
    expect(counter.count).toBeLessThanOrEqual(SAVE_STATEMENTS);
    // an answer saved again (a new version of the row)
    counter.count = 0;
    expect((await save(second!, sampleAnswer(second!.rule!, maxOf(second!), 'fair')!)).status).toBe(200);
    console.log('STATEMENTS', counter.count);
    expect(counter.count).toBeLessThanOrEqual(SAVE_STATEMENTS);
  });

  it('scoring only what an answer moves gives what scoring every answer gives, gates included', async () => {
    const leaves = selfScored();
    const gates = leaves.filter((c) => c.rule!.kind === 'gate');
    expect(gates.length).toBeGreaterThan(0);
    // every leaf answered, then each gate's target taken to 0 and back, then every leaf again
    const plan: [RoundCriterion, Answer][] = [];
    for (const c of leaves) plan.push([c, sampleAnswer(c.rule!, maxOf(c), 'good')!]);
    for (const g of gates) {
      const rule = g.rule as Extract<RoundCriterion['rule'], { kind: 'gate' }>;
      const target = byCode(rule.code);
      const zero = sampleAnswer(target.rule!, maxOf(target), 'fair')!;
      // the lowest choice of the sample framework's gate targets scores 0
      const lowest: Answer =
        target.rule!.kind === 'choice'
          ? { kind: 'choice', option: target.rule.options.findIndex((o) => o.points.units === 0) }
          : zero;
      plan.push([target, lowest], [g, sampleAnswer(g.rule!, maxOf(g), 'good')!]);
    }
    for (const c of [...leaves].reverse()) plan.push([c, sampleAnswer(c.rule!, maxOf(c), 'fair')!]);
    let closedGates = 0;
    for (const [c, answer] of plan) {
      const done = await save(c, answer);
      expect(done.status, JSON.stringify(done.error)).toBe(200);
      const { rows, scores } = await afresh();
      // the totals the save answers are the whole framework's
      expect(done.saved!.total.self).toBe(decimalOrNull(scores.total));
      expect(done.saved!.total.max).toBe(decimalOrNull(scores.max));
      expect(done.saved!.total.index).toBe(decimalOrNull(scores.index));
      // and every stored score is what its rule gives now
      for (const r of rows) {
        const code = criteria.find((x) => x.id === r.criterion_id)!.code;
        const expected = scores.criteria.find((x) => x.code === code)!.score;
        expect([code, decimalOrNull(storedScore(r.score))]).toEqual([code, decimalOrNull(expected)]);
      }
      for (const x of done.saved!.changed) if (x.score === '0') closedGates++;
    }
    // a gate's target at 0 closed the gate: the save answered with the gate's score that followed
    expect(closedGates).toBeGreaterThan(0);
    // the view (every answer scored) shows the same totals as the last save
    const view = AssessmentView.parse(
      (await call({ method: 'GET', url: `/api/rounds/${round.roundId}/units/${unitId}/assessment` })).json(),
    );
    const { scores } = await afresh();
    expect(view.total.self).toBe(decimalOrNull(scores.total));
    expect(view.total.missing).toBe(0);
  });

  it('a rename of the unit that follows an area shows in the readers’ views while saves keep the round', async () => {
    const deps = { db: database.db, clock };
    const before = await roundOverview(deps, systemActor('test'), round.roundId);
    const department = round.departments.get('Sở Tư pháp')!;
    expect(before.areas.some((a) => a.followedBy === 'Sở Tư pháp')).toBe(true);
    // a rename does not move the round's version: the readers read the criteria afresh
    await database.db
      .updateTable('units')
      .set({ name: 'Sở Tư pháp (đổi tên)' })
      .where('id', '=', department)
      .execute();
    const after = await roundOverview(deps, systemActor('test'), round.roundId);
    expect(after.areas.some((a) => a.followedBy === 'Sở Tư pháp (đổi tên)')).toBe(true);
    const c = selfScored()[1]!;
    expect((await save(c, sampleAnswer(c.rule!, maxOf(c), 'good')!)).status).toBe(200);
  });

  it('a calendar changed through the round’s use-case is seen by the next save', async () => {
    const c = selfScored()[0]!;
    const answer = sampleAnswer(c.rule!, maxOf(c), 'good')!;
    expect((await save(c, answer)).status).toBe(200);
    const { round: row } = await loadRound(database.db, round.roundId, now, { criteria: false });
    // the self-assessment closed yesterday (the app's own handle has the round cached at the old version)
    await updateRound({ db: database.db, clock }, systemActor('test'), round.roundId, {
      version: row.version,
      calendar: [...calendarFrom(addDays(today, -5), 5)],
    });
    const refused = await save(c, answer);
    expect(refused.status).toBe(409);
    expect(refused.error!.error.code).toBe('PHASE_CLOSED');
    // and opened again
    const again = await loadRound(database.db, round.roundId, now, { criteria: false });
    await updateRound({ db: database.db, clock }, systemActor('test'), round.roundId, {
      version: again.round.version,
      calendar: [...calendarFrom(addDays(today, -1), 5)],
    });
    expect((await save(c, sampleAnswer(c.rule!, maxOf(c), 'fair')!)).status).toBe(200);
  });
});
