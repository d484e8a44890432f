/**
 * The HTTP API through app.inject() on both engines: the appraisal of a round — the area
 * appraiser's worklist, stage scores by the rule or typed over with a comment, a criterion returned
 * with a question and explained by the unit, round 2 seeing what changed first, the council's
 * proposals and final scores, a correction after the council, and everything refused once published.
 * The round is test/helpers/rounds.ts's (the sample commune framework, areas followed by five
 * departments); the phases are set by moving the round's calendar around today (a clock moved by
 * days would outlive the sessions). The units' self-assessments are written straight into the table,
 * scored by core/scoring.ts as the unit's page scores them.
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Phase } from '../src/core/assessment.js';
import type { ScoringRule } from '../src/core/framework.js';
import { toDecimalString } from '../src/core/score.js';
import { recordEvidenceRemovals } from '../src/db/evidence-repo.js';
import { loadRound, type RoundCriterion } from '../src/modules/round-context.js';
import {
  AppraisalView,
  CorrectionResult,
  CouncilView,
  FinalResult,
  ReturnResult,
  StageScoreResult,
} from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { expectError, MISSING, ok } from './helpers/api-harness.js';
import { assessmentHarness } from './helpers/assessment-matrix.js';
import { countRows } from './helpers/db-state.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import { enterPhase, selfAssess as writeSelfAssessment, selfScored } from './helpers/appraisal-fixture.js';
import { type RoundFixture } from './helpers/rounds.js';

describe.each(ENGINES)('HTTP API, appraisal, on %s', (kind) => {
  const api = assessmentHarness(kind);
  /** the harness's clock stands still (2026-12-01, 10:00 in Vietnam); later instants are written as text */
  const clock = () => new Date('2026-12-01T03:00:00.000Z');
  const later = (minutes: number) => new Date(clock().getTime() + minutes * 60_000).toISOString();
  let f: RoundFixture;
  let leaves: RoundCriterion[];
  const sessions = {} as Record<'tuphap' | 'noivu' | 'all' | 'assessorA' | 'council', SignedIn>;
  let unitA = 0;
  let unitB = 0;
  let unitC = 0;

  const as = (who: keyof typeof sessions, options: InjectOptions) =>
    api.app.inject(withSession(options, sessions[who]));
  const office = (options: InjectOptions) => api.app.inject(withSession(options, api.users.office.session));
  const counts = () => countRows(api.db);
  const base = () => `/api/rounds/${f.roundId}`;
  const scoreUrl = (unit: number, c: RoundCriterion, stage: string) =>
    `${base()}/units/${unit}/scores/${c.id}/${stage}`;
  const leaf = (pred: (c: RoundCriterion) => boolean) => {
    const found = leaves.find(pred);
    if (!found) throw new Error('no such leaf');
    return found;
  };
  const followedBy = (name: string) => (c: RoundCriterion) =>
    selfScored(c) && c.followedByUnitId === f.departments.get(name);
  const unitState = async (unitId: number) =>
    (
      await api.db
        .selectFrom('round_units')
        .select(['state', 'version'])
        .where('round_id', '=', f.roundId)
        .where('unit_id', '=', unitId)
        .executeTakeFirstOrThrow()
    ).state;
  const auditOf = (action: string) =>
    api.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  const enter = (phase: Phase | 'afterCouncil') => enterPhase(api.db, f.roundId, phase, clock());
  const selfAssess = (unitId: number) => writeSelfAssessment(api.db, f.roundId, unitId, clock());

  beforeAll(async () => {
    f = api.fixture;
    [unitA, unitB, unitC] = f.communes.map((c) => c.id) as [number, number, number];
    leaves = (await loadRound(api.db, f.roundId, clock())).criteria.filter((c) => c.rule !== null);
    sessions.tuphap = api.users.otherAppraiser.session;
    sessions.noivu = api.users.appraiser.session;
    sessions.assessorA = api.users.assessor.session;
    sessions.council = api.users.council.session;
    await addUser({ db: api.db, clock }, 'thamdinh.all', [{ role: 'appraiser', unitId: null }]);
    sessions.all = await signIn(api.app, 'thamdinh.all', TEST_PASSWORD, { remoteAddress: '10.7.0.1' });
    await selfAssess(unitA);
    await selfAssess(unitB);
  });

  it("GET …/appraisal: an appraiser of Sở Tư pháp sees their area's criteria × the submitted units", async () => {
    await enter('appraisal1');
    const view = ok(
      await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal1` }),
      AppraisalView,
    );
    expect(view.open).toBe(true);
    expect(view.units.map((u) => u.unitId).sort()).toEqual([unitA, unitB].sort());
    expect(view.units.map((u) => u.unitId)).not.toContain(unitC);
    const tuphap = leaves.filter(followedBy('Sở Tư pháp'));
    expect(view.criteria.map((c) => c.id).sort()).toEqual(tuphap.map((c) => c.id).sort());
    expect(view.criteria.every((c) => c.mine && c.areaCode === '2')).toBe(true);
    expect(view.rows).toHaveLength(2 * tuphap.length);
    expect(view.rows[0]!.self?.score).not.toBeNull();
    expect(view.progress).toEqual({ scored: 0, total: 2 * tuphap.length });
    const one = ok(
      await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal1&unitId=${unitA}` }),
      AppraisalView,
    );
    expect(new Set(one.rows.map((r) => r.unitId))).toEqual(new Set([unitA]));
    // the office reads every area; a unit's own assessor reads none of it
    const byOffice = ok(await office({ method: 'GET', url: `${base()}/appraisal` }), AppraisalView);
    expect(byOffice.criteria.length).toBe(leaves.filter(selfScored).length);
    expect(byOffice.criteria.every((c) => !c.mine)).toBe(true);
    expectError(await as('assessorA', { method: 'GET', url: `${base()}/appraisal` }), 403, 'FORBIDDEN');
    expectError(
      await office({ method: 'GET', url: `/api/rounds/${MISSING}/appraisal` }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await office({ method: 'GET', url: `${base()}/appraisal?stage=appraisal3` }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('PUT …/scores: by the rule; an area followed by Sở Nội vụ is refused to Sở Tư pháp; override needs a comment', async () => {
    const mine = leaf((c) => followedBy('Sở Tư pháp')(c) && c.rule?.kind === 'choice');
    const theirs = leaf(followedBy('Sở Nội vụ'));
    const before = await counts();
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: scoreUrl(unitA, theirs, 'appraisal1'),
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await counts()).toEqual(before);

    // the second option by the same rule as the self-score: its points, not typed
    const rule = mine.rule as Extract<ScoringRule, { kind: 'choice' }>;
    const res = ok(
      await as('tuphap', {
        method: 'PUT',
        url: scoreUrl(unitA, mine, 'appraisal1'),
        payload: { version: 0, answer: { kind: 'choice', option: 1 } },
      }),
      StageScoreResult,
    );
    expect(res.score.score).toBe(toDecimalString(rule.options[1]!.points));
    expect(res.score.overridden).toBe(false);
    expect(res.score.version).toBe(1);

    const overrideUrl = scoreUrl(unitA, mine, 'appraisal1');
    const noComment = await as('tuphap', {
      method: 'PUT',
      url: overrideUrl,
      payload: { version: 1, score: '0.25' },
    });
    expectError(noComment, 422, 'COMMENT_REQUIRED');
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, score: '0.25', comment: '   ' },
      }),
      422,
      'COMMENT_REQUIRED',
    );
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, score: '7', comment: 'quá' },
      }),
      422,
      'APPRAISAL_SCORE_RANGE',
    );
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, answer: { kind: 'choice', option: 9 } },
      }),
      422,
      'APPRAISAL_ANSWER_INVALID',
    );
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, score: '0.25', answer: { kind: 'choice', option: 0 } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const typed = ok(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, score: '0.25', comment: 'Kế hoạch ban hành muộn, thiếu chữ ký' },
      }),
      StageScoreResult,
    );
    expect(typed.score).toMatchObject({
      score: '0.25',
      overridden: true,
      version: 2,
      by: api.users.otherAppraiser.username,
    });
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: overrideUrl,
        payload: { version: 1, score: '0', comment: 'cũ' },
      }),
      409,
      'STALE_VERSION',
    );
    const entries = await auditOf('appraisal.score');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      entity: 'assessment',
      code: mine.code,
      unit_id: unitA,
      field: 'appraisal1',
    });
    expect(JSON.parse(entries[1]!.old_value!)).toMatchObject({ overridden: false });
    expect(JSON.parse(entries[1]!.new_value!)).toMatchObject({ score: '0.25', overridden: true });

    const survey = leaf(
      (c) => c.scorer === 'survey' && c.followedByUnitId === f.departments.get('Sở Nội vụ'),
    );
    expectError(
      await as('noivu', {
        method: 'PUT',
        url: scoreUrl(unitA, survey, 'appraisal1'),
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      422,
      'CRITERION_NOT_APPRAISED',
    );
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: scoreUrl(unitC, mine, 'appraisal1'),
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      409,
      'UNIT_NOT_SUBMITTED',
    );
    expectError(
      await office({
        method: 'PUT',
        url: `/api/rounds/${MISSING}/units/${unitA}/scores/${mine.id}/appraisal1`,
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: `${base()}/units/${unitA}/scores/${MISSING}/appraisal1`,
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      404,
      'CRITERION_NOT_FOUND',
    );
    // the second round's phase is not open yet
    expectError(
      await as('tuphap', {
        method: 'PUT',
        url: scoreUrl(unitA, mine, 'appraisal2'),
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      409,
      'PHASE_CLOSED',
    );
  });

  let returned: RoundCriterion;

  it('a return: the unit is returned; its explanation (explanation phase) makes it submitted again', async () => {
    returned = leaf((c) => followedBy('Sở Tư pháp')(c) && c.rule?.kind !== 'choice');
    const url = `${base()}/units/${unitA}/returns/${returned.id}`;
    expectError(
      await as('noivu', { method: 'POST', url, payload: { question: 'Vì sao?' } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await as('tuphap', { method: 'POST', url, payload: { question: '  ' } }),
      400,
      'VALIDATION_FAILED',
    );
    const res = ok(
      await as('tuphap', {
        method: 'POST',
        url,
        payload: { question: 'Đề nghị cung cấp hồ sơ xây dựng văn bản' },
      }),
      ReturnResult,
    );
    expect(res.unit.state).toBe('returned');
    expect(await unitState(unitA)).toBe('returned');
    // the unit is told, with the question as asked
    const told = await api.db
      .selectFrom('notifications')
      .select(['unit_id', 'kind', 'params'])
      .where('kind', '=', 'returned')
      .execute();
    expect(
      told.map((n) => [
        n.unit_id,
        (JSON.parse(n.params) as { code: string }).code,
        (JSON.parse(n.params) as { question: string }).question,
      ]),
    ).toEqual([[unitA, returned.code, 'Đề nghị cung cấp hồ sơ xây dựng văn bản']]);
    expectError(
      await as('tuphap', { method: 'POST', url, payload: { question: 'Lần nữa' } }),
      409,
      'RETURN_EXISTS',
    );
    expectError(
      await office({
        method: 'POST',
        url: `/api/rounds/${MISSING}/units/${unitA}/returns/${returned.id}`,
        payload: { question: 'x' },
      }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await as('tuphap', {
        method: 'POST',
        url: `${base()}/units/${unitA}/returns/${MISSING}`,
        payload: { question: 'x' },
      }),
      404,
      'CRITERION_NOT_FOUND',
    );

    const explain = `${url}/explanation`;
    const body = { version: res.returned.version, explanation: 'Đã bổ sung hồ sơ, gửi kèm tài liệu' };
    // not yet: the explanation phase comes after appraisal 1
    expectError(await as('assessorA', { method: 'POST', url: explain, payload: body }), 409, 'PHASE_CLOSED');
    await enter('explanation');
    expectError(await as('tuphap', { method: 'POST', url: explain, payload: body }), 403, 'FORBIDDEN');
    expectError(
      await as('assessorA', { method: 'POST', url: explain, payload: { version: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await as('assessorA', {
        method: 'POST',
        url: `${base()}/units/${unitA}/returns/${MISSING}/explanation`,
        payload: body,
      }),
      404,
      'CRITERION_NOT_FOUND',
    );
    expectError(
      await office({
        method: 'POST',
        url: `/api/rounds/${MISSING}/units/${unitA}/returns/${returned.id}/explanation`,
        payload: body,
      }),
      404,
      'ROUND_NOT_FOUND',
    );
    const other = leaf((c) => followedBy('Sở Tư pháp')(c) && c.id !== returned.id);
    expectError(
      await as('assessorA', {
        method: 'POST',
        url: `${base()}/units/${unitA}/returns/${other.id}/explanation`,
        payload: body,
      }),
      404,
      'RETURN_NOT_FOUND',
    );
    const explained = ok(
      await as('assessorA', { method: 'POST', url: explain, payload: body }),
      ReturnResult,
    );
    expect(explained.returned.explanation).toBe(body.explanation);
    expect(explained.unit.state).toBe('submitted');
    expectError(await as('assessorA', { method: 'POST', url: explain, payload: body }), 409, 'STALE_VERSION');
    const moves = (await auditOf('appraisal.explain')).filter((e) => e.field === 'unit_state');
    expect(moves.map((e) => [e.old_value, e.new_value])).toEqual([['returned', 'submitted']]);
  });

  it('appraisal 2 sees what changed since round 1 first, and can show only that', async () => {
    await enter('appraisal2');
    const view = ok(
      await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal2` }),
      AppraisalView,
    );
    const changed = view.rows.filter((r) => r.changedSinceRound1);
    // the criterion returned and explained comes first though round 1 gave it no score
    expect(changed.map((r) => [r.unitId, r.criterionId])).toEqual([[unitA, returned.id]]);
    expect(view.rows[0]!.criterionId).toBe(returned.id);
    // the unit changes the answer of the criterion scored in round 1
    const scoredInRound1 = leaf((c) => followedBy('Sở Tư pháp')(c) && c.rule?.kind === 'choice');
    await api.db
      .updateTable('assessment_answers')
      .set({ updated_at: later(30) })
      .where('round_id', '=', f.roundId)
      .where('unit_id', '=', unitA)
      .where('criterion_id', '=', scoredInRound1.id)
      .execute();
    const again = ok(
      await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal2` }),
      AppraisalView,
    );
    const first = again.rows.slice(0, 2);
    expect(first.every((r) => r.unitId === unitA && r.changedSinceRound1)).toBe(true);
    expect(first.map((r) => r.criterionId).sort()).toEqual([returned.id, scoredInRound1.id].sort());
    expect(first.find((r) => r.criterionId === scoredInRound1.id)!.appraisal1?.score).toBe('0.25');
    expect(again.rows.slice(2).every((r) => !r.changedSinceRound1)).toBe(true);
    const only = ok(
      await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal2&changedOnly=1` }),
      AppraisalView,
    );
    expect(only.rows.map((r) => r.criterionId).sort()).toEqual([returned.id, scoredInRound1.id].sort());
  });

  it('appraisal 2 also sees evidence taken off a criterion after round 1 as a change', async () => {
    const scoredInRound1 = leaf((c) => followedBy('Sở Tư pháp')(c) && c.rule?.kind === 'choice');
    // the criterion returned and explained earlier stays changed; this test watches the other one
    const changedRows = async () =>
      ok(
        await as('tuphap', { method: 'GET', url: `${base()}/appraisal?stage=appraisal2&changedOnly=1` }),
        AppraisalView,
      )
        .rows.filter((r) => r.criterionId === scoredInRound1.id)
        .map((r) => [r.unitId, r.criterionId]);
    // the answer as it was when round 1 scored it: nothing changed
    await api.db
      .updateTable('assessment_answers')
      .set({ updated_at: clock().toISOString() })
      .where('round_id', '=', f.roundId)
      .where('unit_id', '=', unitA)
      .where('criterion_id', '=', scoredInRound1.id)
      .execute();
    expect(await changedRows()).toEqual([]);
    // a removal noted before round 1's score is no change either
    await recordEvidenceRemovals(api.db, f.roundId, unitA, [scoredInRound1.id], later(-30));
    expect(await changedRows()).toEqual([]);
    // the unit takes a file off it after round 1 (no link left to show it): changed
    await recordEvidenceRemovals(api.db, f.roundId, unitA, [scoredInRound1.id], later(45));
    expect(await changedRows()).toEqual([[unitA, scoredInRound1.id]]);
  });

  it('every appraiser-scored leaf scored in the latest stage: the unit is appraised', async () => {
    await enter('appraisal1');
    const all = ok(
      await as('all', { method: 'GET', url: `${base()}/appraisal?unitId=${unitB}` }),
      AppraisalView,
    );
    expect(all.criteria.every((c) => c.mine)).toBe(true);
    let last = '';
    for (const row of all.rows) {
      const c = leaves.find((x) => x.id === row.criterionId)!;
      const res = ok(
        await as('all', {
          method: 'PUT',
          url: scoreUrl(unitB, c, 'appraisal1'),
          payload: { version: 0, answer: row.self!.answer },
        }),
        StageScoreResult,
      );
      expect(res.score.score).toBe(row.self!.score);
      last = res.unit.state;
    }
    expect(last).toBe('appraised');
    expect(await unitState(unitB)).toBe('appraised');
  });

  it("the council: proposals, fix all (the council's own criteria left), fix them, a changed value needs a comment → final", async () => {
    await enter('council');
    expectError(await as('tuphap', { method: 'GET', url: `${base()}/council` }), 403, 'FORBIDDEN');
    expectError(
      await office({ method: 'GET', url: `/api/rounds/${MISSING}/council` }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(await office({ method: 'GET', url: `/api/rounds/abc/council` }), 400, 'VALIDATION_FAILED');
    const view = ok(await as('council', { method: 'GET', url: `${base()}/council` }), CouncilView);
    expect(view.open).toBe(true);
    const b = view.units.find((u) => u.unitId === unitB)!;
    expect(b.totals.appraised).toBe(b.totals.self);
    expect(b.fixed).toBe(0);
    const cellsB = view.cells.filter((c) => c.unitId === unitB);
    expect(cellsB.filter((c) => c.appraisal1 !== null).every((c) => c.proposal === c.appraisal1)).toBe(true);

    expectError(
      await as('noivu', { method: 'POST', url: `${base()}/units/${unitB}/final`, payload: {} }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await as('council', {
        method: 'POST',
        url: `${base()}/units/${unitB}/final`,
        payload: { criteria: ['x'] },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await office({ method: 'POST', url: `/api/rounds/${MISSING}/units/${unitB}/final`, payload: {} }),
      404,
      'ROUND_NOT_FOUND',
    );
    const councilOwn = leaves.filter((c) => c.scorer === 'council');
    expect(councilOwn.length).toBeGreaterThan(0);
    expectError(
      await as('council', {
        method: 'POST',
        url: `${base()}/units/${unitB}/final`,
        payload: { criteria: [councilOwn[0]!.id] },
      }),
      422,
      'NO_PROPOSAL',
    );
    const fixed = ok(
      await as('council', { method: 'POST', url: `${base()}/units/${unitB}/final`, payload: {} }),
      FinalResult,
    );
    expect(fixed.skipped.sort()).toEqual(councilOwn.map((c) => c.code).sort());
    expect(fixed.unit.state).toBe('appraised');

    const changed = leaf(followedBy('Sở Tư pháp'));
    const finalRow = ok(
      await as('council', { method: 'GET', url: `${base()}/council` }),
      CouncilView,
    ).cells.find((c) => c.unitId === unitB && c.criterionId === changed.id)!;
    expect(finalRow.final?.by).toBe(api.users.council.username);
    expectError(
      await as('council', {
        method: 'PUT',
        url: scoreUrl(unitB, changed, 'council'),
        payload: { version: finalRow.final!.version, score: '0' },
      }),
      422,
      'COMMENT_REQUIRED',
    );
    ok(
      await as('council', {
        method: 'PUT',
        url: scoreUrl(unitB, changed, 'council'),
        payload: { version: finalRow.final!.version, score: '0', comment: 'Hội đồng không công nhận' },
      }),
      StageScoreResult,
    );
    let state = '';
    for (const c of councilOwn) {
      state = ok(
        await as('council', {
          method: 'PUT',
          url: scoreUrl(unitB, c, 'council'),
          // the council's own criterion: a manual rule takes the number in its steps, no comment needed
          payload: { version: 0, answer: { kind: 'score', score: { units: 5000, scale: 1 } } },
        }),
        StageScoreResult,
      ).unit.state;
    }
    expect(state).toBe('final');
    expect(await unitState(unitB)).toBe('final');
    const finals = await auditOf('council.final');
    expect(finals.length).toBeGreaterThan(40);
    expect(finals.every((e) => e.entity === 'assessment' && e.unit_id === unitB)).toBe(true);
  });

  it('a correction only after the council, with a reason, audited old → new', async () => {
    const c = leaf(followedBy('Sở Tư pháp'));
    const url = `${base()}/units/${unitB}/corrections/${c.id}`;
    expectError(
      await as('council', { method: 'POST', url, payload: { score: '1', reason: 'Sai sót' } }),
      409,
      'CORRECTION_NOT_YET',
    );
    await enter('afterCouncil');
    expectError(
      await as('council', { method: 'POST', url, payload: { score: '1', reason: ' ' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await as('tuphap', { method: 'POST', url, payload: { score: '1', reason: 'Sai sót' } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await as('council', {
        method: 'PUT',
        url: scoreUrl(unitB, c, 'council'),
        payload: { version: 2, score: '1', comment: 'x' },
      }),
      409,
      'PHASE_CLOSED',
    );
    expectError(
      await office({
        method: 'POST',
        url: `/api/rounds/${MISSING}/units/${unitB}/corrections/${c.id}`,
        payload: { score: '1', reason: 'x' },
      }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await office({
        method: 'POST',
        url: `${base()}/units/${unitB}/corrections/${MISSING}`,
        payload: { score: '1', reason: 'x' },
      }),
      404,
      'CRITERION_NOT_FOUND',
    );
    const res = ok(
      await as('council', {
        method: 'POST',
        url,
        payload: { score: '1', reason: 'Sai sót khi tổng hợp biên bản' },
      }),
      CorrectionResult,
    );
    expect(res.final).toMatchObject({
      score: '1',
      overridden: true,
      comment: 'Sai sót khi tổng hợp biên bản',
    });
    const [entry] = await auditOf('council.correct');
    expect(entry).toMatchObject({ code: c.code, unit_id: unitB, field: 'council', old_value: '0' });
    expect(JSON.parse(entry!.new_value!)).toEqual({ score: '1', reason: 'Sai sót khi tổng hợp biên bản' });
    const view = ok(await as('council', { method: 'GET', url: `${base()}/council` }), CouncilView);
    expect(view.corrections).toBe(true);
  });

  it('after publication everything is read-only', async () => {
    await enter('publication');
    const c = leaf(followedBy('Sở Tư pháp'));
    const before = await counts();
    const refused = [
      await as('tuphap', {
        method: 'PUT',
        url: scoreUrl(unitA, c, 'appraisal2'),
        payload: { version: 0, score: '0', comment: 'x' },
      }),
      await as('tuphap', {
        method: 'POST',
        url: `${base()}/units/${unitA}/returns/${c.id}`,
        payload: { question: 'x' },
      }),
      await as('assessorA', {
        method: 'POST',
        url: `${base()}/units/${unitA}/returns/${returned.id}/explanation`,
        payload: { version: 2, explanation: 'x' },
      }),
      await as('council', { method: 'POST', url: `${base()}/units/${unitA}/final`, payload: {} }),
      await as('council', {
        method: 'POST',
        url: `${base()}/units/${unitB}/corrections/${c.id}`,
        payload: { score: '0', reason: 'x' },
      }),
    ];
    for (const res of refused) expectError(res, 409, 'ROUND_PUBLISHED');
    expect(await counts()).toEqual(before);
    const view = ok(await as('tuphap', { method: 'GET', url: `${base()}/appraisal` }), AppraisalView);
    expect(view.round.published).toBe(true);
    expect(view.open).toBe(false);
  });

  it('exercised its part of the route table', () => {
    expectExercised(api.watch.hits, 'appraisal');
  });
});
