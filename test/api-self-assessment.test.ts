/**
 * The HTTP API through app.inject() on both engines: a unit's self-assessment — every rule kind of
 * the sample commune framework answered and scored exactly as core/scoring.ts scores it, answers the
 * rule refuses, the "not applicable" policy, survey and council criteria, the version check between
 * two officers, the phase closed and an extension, submit refused with the list then accepted,
 * withdraw, the report, who may read and change what, appraised scores hidden until publication.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, ScoringRule } from '../src/core/framework.js';
import { scoreFramework } from '../src/core/scoring.js';
import { decimalOrNull } from '../src/core/score.js';
import { roundCriteria } from '../src/modules/round-context.js';
import {
  AnswerSaved,
  ApiError,
  AssessmentView,
  UnitSaved,
  type AssessmentCriterion,
} from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import {
  addDays,
  calendarFrom,
  frameworkChanged,
  roundChanged,
  seedRound,
  type RoundFixture,
} from './helpers/rounds.js';

/** An answer the rule takes and that scores above 0 where it can (a gate: its own rule's). */
function answerFor(rule: ScoringRule): Answer {
  switch (rule.kind) {
    case 'gate':
      return answerFor(rule.rule);
    case 'choice':
      return { kind: 'choice', option: 0 };
    case 'bands':
    case 'linear':
      return { kind: 'ratio', numerator: 19, denominator: 20 };
    case 'count':
      return { kind: 'count', count: 1 };
    case 'parts':
      return { kind: 'parts', met: rule.parts.length > 1 ? [0, 1] : [0] };
    case 'all':
      return { kind: 'all', met: rule.conditions.map(() => true) };
    case 'manual':
      return { kind: 'score', score: rule.step };
    case 'bonus':
      return { kind: 'score', score: rule.cap };
    case 'penalty':
      return { kind: 'score', score: rule.each ?? rule.cap };
    case 'survey':
      return { kind: 'score', score: { units: 0, scale: 0 } };
  }
}

const kindOf = (rule: ScoringRule | null): string =>
  rule === null ? 'none' : rule.kind === 'gate' ? `gate(${kindOf(rule.rule)})` : rule.kind;

describe.each(ENGINES)('HTTP API, self-assessment, on %s', (kind) => {
  const api = apiHarness(kind);
  let round: RoundFixture;
  let late: number;
  let officer: SignedIn;
  let colleague: SignedIn;
  let neighbour: SignedIn;
  let appraiser: SignedIn;
  let viewer: SignedIn;
  let unit = 0;
  let other = 0;

  const as = (who: SignedIn | null) => (options: Parameters<typeof api.call>[0]) =>
    who ? api.app.inject(withSession(options, who)) : api.call(options);
  const base = (r = round.roundId, u = unit) => `/api/rounds/${r}/units/${u}`;
  const view = async (who: SignedIn | null = officer, r = round.roundId, u = unit) =>
    ok(await as(who)({ method: 'GET', url: `${base(r, u)}/assessment` }), AssessmentView);
  const save = (c: number, body: object, who: SignedIn | null = officer, r = round.roundId) =>
    as(who)({ method: 'PATCH', url: `${base(r)}/answers/${c}`, payload: body });
  const criterion = (v: AssessmentView, code: string): AssessmentCriterion => {
    const c = v.criteria.find((x) => x.code === code);
    if (!c) throw new Error(`no criterion ${code}`);
    return c;
  };
  const auditCount = async (action: string) =>
    Number(
      (
        await api.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('sets up a round of communes and the accounts around it', async () => {
    const deps = { db: api.db, clock: api.clock };
    round = await seedRound(deps, { communes: 3 });
    unit = round.communes[0]!.id;
    other = round.communes[1]!.id;
    // a second round whose self-assessment closed two days ago (appraisal 1 open)
    const day = api.clock().toISOString().slice(0, 10);
    const row = await api.db
      .insertInto('assessment_rounds')
      .values({
        name: 'Đợt trễ hạn',
        year: 2026,
        framework_id: round.frameworkId,
        created_at: api.clock().toISOString(),
        created_by: 'test',
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    late = row.id;
    await api.db
      .insertInto('round_phases')
      .values(
        calendarFrom(addDays(day, -7), 5).map((p) => ({
          round_id: late,
          phase: p.phase,
          opens_on: p.opensOn,
          closes_on: p.closesOn,
        })),
      )
      .execute();
    await api.db
      .insertInto('round_units')
      .values(
        [unit, other].map((u) => ({ round_id: late, unit_id: u, submitted_at: null, submitted_by: null })),
      )
      .execute();

    // the office scores 4.1.2 by hand as the unit's own (a manual rule the unit answers in its steps)
    await api.db
      .updateTable('criteria')
      .set({ scorer: 'self' })
      .where('framework_id', '=', round.frameworkId)
      .where('code', '=', '4.1.2')
      .execute();
    await frameworkChanged(api.db, round.frameworkId);
    await addUser(deps, 'canbo.namda', [{ role: 'officer', unitId: unit }]);
    await addUser(deps, 'canbo2.namda', [{ role: 'officer', unitId: unit }]);
    await addUser(deps, 'canbo.dakmam', [{ role: 'officer', unitId: other }]);
    await addUser(deps, 'thamdinh.tuphap', [
      { role: 'appraiser', unitId: round.departments.get('Sở Tư pháp')! },
    ]);
    await addUser(deps, 'xem.tinh', [{ role: 'viewer', unitId: null }]);
    officer = await signIn(api.app, 'canbo.namda', TEST_PASSWORD);
    colleague = await signIn(api.app, 'canbo2.namda', TEST_PASSWORD);
    neighbour = await signIn(api.app, 'canbo.dakmam', TEST_PASSWORD);
    appraiser = await signIn(api.app, 'thamdinh.tuphap', TEST_PASSWORD);
    viewer = await signIn(api.app, 'xem.tinh', TEST_PASSWORD);
  });

  it('GET …/assessment: the criteria in document order, nothing answered, the deadlines, what the unit may do', async () => {
    const v = await view();
    expect(v.unit).toMatchObject({ id: unit, name: 'Xã Nam Đà', state: 'not-started', version: 1 });
    expect(v.round.phase).toBe('self');
    expect(v.access).toEqual({ edit: true, submit: true, withdraw: false, explain: false });
    expect(v.deadlines.map((d) => d.phase)).toEqual(round.calendar.map((p) => p.phase));
    expect(v.deadlines[0]).toEqual({ ...round.calendar[0], extendedUntil: null });
    const leaves = v.criteria.filter((c) => c.leaf);
    expect(leaves).toHaveLength(54);
    const notSelf = leaves.filter((c) => !c.selfScored).map((c) => [c.code, c.scorer]);
    expect(notSelf).toEqual([
      ['6.3.2', 'council'],
      ['8.1.1', 'survey'],
      ['8.1.2', 'survey'],
      ['8.1.3', 'survey'],
    ]);
    expect(v.total).toMatchObject({ self: '0', missing: 50, unexplained: 0 });
    expect(v.criteria.every((c) => c.answer === null && c.version === 0 && c.appraised === undefined)).toBe(
      true,
    );

    expectError(
      await api.call({ method: 'GET', url: `${base(MISSING)}/assessment` }),
      404,
      'ROUND_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'GET', url: `${base(round.roundId, MISSING)}/assessment` }),
      422,
      'UNIT_NOT_IN_ROUND',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/rounds/x/units/${unit}/assessment` }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('saves an answer of every rule kind, each scored exactly as core/scoring.ts scores the whole set', async () => {
    const v = await view();
    const answers = new Map<string, Answer>();
    const kinds = new Set<string>();
    let first = true;
    for (const c of v.criteria.filter((x) => x.selfScored)) {
      const answer = answerFor(c.rule!);
      const saved = ok(await save(c.id, { version: 0, answer }), AnswerSaved);
      answers.set(c.code, answer);
      kinds.add(kindOf(c.rule));
      expect(saved.criterion.answer).toEqual(answer);
      expect(saved.criterion.version).toBe(1);
      if (first) {
        expect(saved.unit.state).toBe('in-progress');
        expect(saved.unit.version).toBe(2);
        first = false;
      }
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'all',
        'bands',
        'bonus',
        'choice',
        'count',
        'linear',
        'manual',
        'parts',
        'penalty',
      ]),
    );
    expect([...kinds].some((k) => k.startsWith('gate'))).toBe(true);

    const expected = scoreFramework(await roundCriteria(api.db, round.frameworkId), answers);
    const after = await view();
    for (const c of after.criteria) {
      const e = expected.criteria.find((x) => x.code === c.code)!;
      expect(c.score, c.code).toBe(decimalOrNull(e.score));
    }
    expect(after.total.self).toBe(decimalOrNull(expected.total));
    expect(after.total.max).toBe(decimalOrNull(expected.max));
    expect(after.total.index).toBe(decimalOrNull(expected.index));
    expect(after.total.missing).toBe(0);
    expect(after.unit.state).toBe('in-progress');
    // each save was audited with the answer and the score, old → new
    const entry = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'assessment.answer')
      .where('field', '=', 'score')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entity: 'assessment',
      entity_id: `${round.roundId}:${unit}`,
      unit_id: unit,
      old_value: null,
    });
  });

  it('a gate follows the criterion it depends on: 1.1.1 "không ban hành" makes 1.1.4 score 0', async () => {
    const v = await view();
    const plan = criterion(v, '1.1.1');
    const target = criterion(v, '1.1.4');
    expect(target.rule?.kind).toBe('gate');
    expect(Number(target.score)).toBeGreaterThan(0);
    const none = plan.rule!.kind === 'choice' ? plan.rule.options.length - 1 : 0;
    const saved = ok(
      await save(plan.id, { version: plan.version, answer: { kind: 'choice', option: none } }),
      AnswerSaved,
    );
    expect(saved.criterion.score).toBe('0');
    expect(saved.changed.map((c) => [c.code, c.score])).toEqual([['1.1.4', '0']]);
    expect(criterion(await view(), '1.1.4').score).toBe('0');
    ok(await save(plan.id, { version: saved.criterion.version, answer: plan.answer }), AnswerSaved);
    expect(criterion(await view(), '1.1.4').score).toBe(target.score);
  });

  it('refuses answers the rule does not take, in Vietnamese, and writes nothing', async () => {
    const v = await view();
    const before = await api.counts();
    const byKind = (k: string) => v.criteria.find((c) => c.selfScored && c.rule?.kind === k)!;
    const choice = byKind('choice');
    const bands = byKind('bands');
    const manual = byKind('manual');
    const cases: [AssessmentCriterion, Answer, string][] = [
      [choice, { kind: 'choice', option: 40 }, 'Không có phương án số 41'],
      [bands, { kind: 'ratio', numerator: 21, denominator: 20 }, 'vượt 100 %'],
      [bands, { kind: 'ratio', numerator: 0, denominator: 0 }, 'Mẫu số bằng 0'],
      [choice, { kind: 'count', count: 1 }, 'không dùng được'],
      [manual, { kind: 'score', score: { units: 1, scale: 4 } }, 'bước chấm'],
    ];
    for (const [c, answer, words] of cases) {
      const error = expectError(await save(c.id, { version: c.version, answer }), 422, 'ANSWER_INVALID');
      expect(error.message).toContain(`Tiêu chí ${c.code}`);
      expect(error.message).toContain(words);
    }
    expectError(
      await save(choice.id, { version: choice.version, answer: { kind: 'choice', option: -1 } }),
      400,
      'VALIDATION_FAILED',
    );
    const en = await api.app.inject(
      withSession(
        {
          method: 'PATCH',
          url: `${base()}/answers/${choice.id}`,
          payload: { version: choice.version, answer: { kind: 'choice', option: 40 } },
          headers: { 'accept-language': 'en' },
        },
        officer,
      ),
    );
    expect(expectError(en, 422, 'ANSWER_INVALID').message).toContain('There is no option 41');
    expect(await api.counts()).toEqual(before);
  });

  it('"not applicable" only where the framework allows it, and with a reason', async () => {
    const v = await view();
    const refused = criterion(v, '1.1.2');
    expect(refused.notApplicable).toBe('not-allowed');
    expectError(
      await save(refused.id, {
        version: refused.version,
        answer: { kind: 'not-applicable' },
        notApplicableReason: 'Không có',
      }),
      422,
      'NOT_APPLICABLE_REFUSED',
    );
    // the office allows it on 1.3.2 (excluded from the max) and 1.2.2 (full points)
    await api.db
      .updateTable('criteria')
      .set({ not_applicable: 'excluded' })
      .where('id', '=', criterion(v, '1.3.2').id)
      .execute();
    await api.db
      .updateTable('criteria')
      .set({ not_applicable: 'full-points' })
      .where('id', '=', criterion(v, '1.2.2').id)
      .execute();
    await frameworkChanged(api.db, round.frameworkId);
    const excluded = criterion(v, '1.3.2');
    expectError(
      await save(excluded.id, { version: excluded.version, answer: { kind: 'not-applicable' } }),
      422,
      'NOT_APPLICABLE_REASON',
    );
    expectError(
      await save(excluded.id, {
        version: excluded.version,
        answer: { kind: 'not-applicable' },
        notApplicableReason: '   ',
      }),
      422,
      'NOT_APPLICABLE_REASON',
    );
    const maxBefore = Number(v.total.max);
    const na = ok(
      await save(excluded.id, {
        version: excluded.version,
        answer: { kind: 'not-applicable' },
        notApplicableReason: 'Năm 2026 không kiểm tra',
      }),
      AnswerSaved,
    );
    expect(na.criterion).toMatchObject({ score: null, notApplicableReason: 'Năm 2026 không kiểm tra' });
    expect(Number(na.total.max)).toBe(maxBefore - Number(excluded.max));
    const full = criterion(v, '1.2.2');
    const fp = ok(
      await save(full.id, {
        version: full.version,
        answer: { kind: 'not-applicable' },
        notApplicableReason: 'Không phát sinh',
      }),
      AnswerSaved,
    );
    expect(fp.criterion.score).toBe(full.max);
    expect(fp.criterion.needsExplanation).toBe(false);
    // back to an answer: the reason goes
    const back = ok(
      await save(excluded.id, { version: na.criterion.version, answer: excluded.answer }),
      AnswerSaved,
    );
    expect(back.criterion.notApplicableReason).toBeNull();
    expect(back.total.max).toBe(v.total.max);
  });

  it('survey and council criteria, parents and unknown criteria are refused', async () => {
    const v = await view();
    const survey = criterion(v, '8.1.1');
    const council = criterion(v, '6.3.2');
    const e1 = expectError(
      await save(survey.id, { version: 0, answer: { kind: 'score', score: { units: 10000, scale: 0 } } }),
      422,
      'NOT_SELF_SCORED',
    );
    expect(e1.message).toContain('điều tra xã hội học');
    const e2 = expectError(
      await save(council.id, { version: 0, answer: { kind: 'score', score: { units: 10000, scale: 0 } } }),
      422,
      'NOT_SELF_SCORED',
    );
    expect(e2.message).toContain('Hội đồng thẩm định');
    expectError(await save(criterion(v, '1.1').id, { version: 0, note: 'x' }), 422, 'NOT_A_LEAF');
    expectError(await save(MISSING, { version: 0, note: 'x' }), 404, 'CRITERION_NOT_FOUND');
    expectError(await save(survey.id, { version: 0, note: 'x' }, officer, MISSING), 404, 'ROUND_NOT_FOUND');
    expectError(await save(survey.id, { version: -1 }), 400, 'VALIDATION_FAILED');
  });

  it("two officers on one criterion: the second gets 409 with the first one's row", async () => {
    const c = criterion(await view(), '1.1.3');
    const first = ok(await save(c.id, { version: c.version, note: 'Ghi chú của cán bộ 1' }), AnswerSaved);
    expect(first.criterion.version).toBe(c.version + 1);
    const res = await save(c.id, { version: c.version, note: 'Ghi chú của cán bộ 2' }, colleague);
    expectError(res, 409, 'STALE_VERSION');
    const details = ApiError.parse(res.json()).error.details as { current: AssessmentCriterion };
    expect(details.current).toMatchObject({
      code: '1.1.3',
      note: 'Ghi chú của cán bộ 1',
      version: c.version + 1,
    });
    const retry = ok(
      await save(c.id, { version: details.current.version, note: 'Ghi chú của cán bộ 2' }, colleague),
      AnswerSaved,
    );
    expect(retry.criterion.note).toBe('Ghi chú của cán bộ 2');
    // saving the same values again changes nothing and bumps nothing
    const same = ok(
      await save(c.id, { version: retry.criterion.version, note: 'Ghi chú của cán bộ 2' }, colleague),
      AnswerSaved,
    );
    expect(same.criterion.version).toBe(retry.criterion.version);
  });

  it('who may read and change: the unit, not its neighbour; appraisers their areas; a viewer nothing before publication', async () => {
    const v = await view();
    const c = criterion(v, '1.1.3');
    expectError(await save(c.id, { version: c.version, note: 'x' }, neighbour), 403, 'FORBIDDEN');
    expectError(await as(neighbour)({ method: 'GET', url: `${base()}/assessment` }), 403, 'FORBIDDEN');
    expectError(await as(viewer)({ method: 'GET', url: `${base()}/assessment` }), 403, 'FORBIDDEN');
    expectError(await save(c.id, { version: c.version, note: 'x' }, appraiser), 403, 'FORBIDDEN');
    expectError(await save(c.id, { version: c.version, note: 'x' }, null), 403, 'FORBIDDEN');
    const seen = await view(appraiser);
    const tuPhap = round.departments.get('Sở Tư pháp')!;
    const followed = await api.db
      .selectFrom('criteria')
      .select(['code', 'followed_by'])
      .where('framework_id', '=', round.frameworkId)
      .execute();
    const areas = new Set(followed.filter((f) => f.followed_by === tuPhap).map((f) => f.code));
    const leaves = seen.criteria.filter((x) => x.leaf);
    expect(leaves.length).toBeGreaterThan(0);
    expect(leaves.length).toBeLessThan(54);
    expect(leaves.every((x) => [...areas].some((a) => x.code === a || x.code.startsWith(`${a}.`)))).toBe(
      true,
    );
    expect(seen.access).toEqual({ edit: false, submit: false, withdraw: false, explain: false });
    // the admin manages the round: reads the whole unit, may not self-assess
    expect((await view(null)).criteria).toHaveLength(v.criteria.length);
  });

  it('submit refuses with the list of what is missing and unexplained, then accepts; withdraw and resubmit', async () => {
    const v = await view();
    const c = criterion(v, '1.1.3');
    const cleared = ok(await save(c.id, { version: c.version, answer: null }), AnswerSaved);
    expect(cleared.total.missing).toBe(1);
    const unexplained = v.criteria.filter((x) => x.needsExplanation && x.code !== '1.1.3').map((x) => x.code);
    expect(unexplained.length).toBeGreaterThan(0);
    const res = await api.app.inject(
      withSession(
        { method: 'POST', url: `${base()}/submit`, payload: { version: cleared.unit.version } },
        officer,
      ),
    );
    const error = expectError(res, 422, 'ASSESSMENT_INCOMPLETE');
    expect(error.message).toContain('1.1.3');
    expect(error.details).toEqual({ missing: ['1.1.3'], unexplained });

    ok(
      await save(c.id, { version: cleared.criterion.version, answer: { kind: 'choice', option: 0 } }),
      AnswerSaved,
    );
    // one criterion's score backed by evidence, the others explained
    const [withEvidence, ...rest] = unexplained;
    const file = await api.db
      .insertInto('evidence_files')
      .values({
        round_id: round.roundId,
        unit_id: unit,
        sha256: 'ab'.repeat(32),
        size: 10,
        type: 'pdf',
        mime: 'application/pdf',
        name: 'kh.pdf',
        uploaded_by: 'canbo.namda',
        uploaded_at: api.clock().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.db
      .insertInto('answer_evidence')
      .values({
        evidence_id: file.id,
        criterion_id: criterion(v, withEvidence!).id,
        phase: 'self',
        added_at: api.clock().toISOString(),
      })
      .execute();
    let current = await view();
    expect(criterion(current, withEvidence!)).toMatchObject({
      evidenceIds: [file.id],
      needsExplanation: false,
    });
    expect(current.criteria.filter((x) => x.needsExplanation).map((x) => x.code)).toEqual(
      [...rest, '1.1.3'].sort(),
    );
    for (const x of current.criteria.filter((c) => c.needsExplanation)) {
      ok(
        await save(x.id, {
          version: x.version,
          scoringExplanation: 'Căn cứ báo cáo năm, không có văn bản riêng',
        }),
        AnswerSaved,
      );
    }
    current = await view();
    expect(current.total).toMatchObject({ missing: 0, unexplained: 0 });
    const stale = await api.app.inject(
      withSession(
        { method: 'POST', url: `${base()}/submit`, payload: { version: current.unit.version - 1 } },
        officer,
      ),
    );
    expectError(stale, 409, 'STALE_VERSION');
    expectError(
      await api.app.inject(withSession({ method: 'POST', url: `${base()}/submit`, payload: {} }, officer)),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.app.inject(
        withSession({ method: 'POST', url: `${base(MISSING)}/submit`, payload: { version: 1 } }, officer),
      ),
      404,
      'ROUND_NOT_FOUND',
    );
    const submitted = ok(
      await api.app.inject(
        withSession(
          { method: 'POST', url: `${base()}/submit`, payload: { version: current.unit.version } },
          officer,
        ),
      ),
      UnitSaved,
    );
    expect(submitted.unit).toMatchObject({
      state: 'submitted',
      submittedBy: 'canbo.namda',
      version: current.unit.version + 1,
    });
    expect(await auditCount('assessment.submit')).toBe(1);

    // submitted: read-only until withdrawn
    const x = criterion(await view(), '1.1.3');
    expectError(
      await save(x.id, { version: x.version, note: 'sửa sau khi gửi' }),
      409,
      'ASSESSMENT_NOT_EDITABLE',
    );
    expect((await view()).access).toMatchObject({ edit: false, submit: false, withdraw: true });

    const withdraw = (version: number, r = round.roundId) =>
      api.app.inject(
        withSession({ method: 'POST', url: `${base(r)}/withdraw`, payload: { version } }, officer),
      );
    expectError(await withdraw(0), 400, 'VALIDATION_FAILED');
    expectError(await withdraw(1, MISSING), 404, 'ROUND_NOT_FOUND');
    const back = ok(await withdraw(submitted.unit.version), UnitSaved);
    expect(back.unit).toMatchObject({ state: 'in-progress', submittedAt: null });
    expectError(await withdraw(back.unit.version), 409, 'ASSESSMENT_NOT_EDITABLE');
    const again = ok(
      await api.app.inject(
        withSession(
          { method: 'POST', url: `${base()}/submit`, payload: { version: back.unit.version } },
          officer,
        ),
      ),
      UnitSaved,
    );
    expect(again.unit.state).toBe('submitted');
    ok(await withdraw(again.unit.version), UnitSaved);
  });

  it('PATCH …/report keeps the difficulties and proposals, audited', async () => {
    const v = await view();
    const report = (body: object, r = round.roundId) =>
      api.app.inject(withSession({ method: 'PATCH', url: `${base(r)}/report`, payload: body }, officer));
    const saved = ok(
      await report({
        version: v.unit.version,
        difficulties: 'Thiếu cán bộ chuyên trách',
        proposals: 'Tập huấn phần mềm',
      }),
      UnitSaved,
    );
    expect(saved.unit).toMatchObject({
      difficulties: 'Thiếu cán bộ chuyên trách',
      proposals: 'Tập huấn phần mềm',
      version: v.unit.version + 1,
    });
    expectError(await report({ version: v.unit.version, proposals: 'x' }), 409, 'STALE_VERSION');
    expectError(await report({ version: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await report({ version: 1 }, MISSING), 404, 'ROUND_NOT_FOUND');
    const entries = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'assessment.report')
      .execute();
    expect(entries.map((e) => [e.field, e.old_value, e.new_value])).toEqual([
      ['difficulties', '', 'Thiếu cán bộ chuyên trách'],
      ['proposals', '', 'Tập huấn phần mềm'],
    ]);
  });

  it('the self phase closed refuses changes; a granted extension reopens it for that unit only', async () => {
    const v = await view(officer, late);
    expect(v.round.phase).toBe('appraisal1');
    expect(v.access.edit).toBe(false);
    const c = criterion(v, '1.1.3');
    const error = expectError(
      await save(c.id, { version: 0, note: 'trễ' }, officer, late),
      409,
      'PHASE_CLOSED',
    );
    expect(error.message).toContain('Tự đánh giá');
    const day = api.clock().toISOString().slice(0, 10);
    await api.db
      .insertInto('round_extensions')
      .values({
        round_id: late,
        unit_id: unit,
        phase: 'self',
        reason: 'Mưa lũ',
        requested_by: 'canbo.namda',
        requested_at: api.clock().toISOString(),
        state: 'granted',
        until: addDays(day, 1),
        decided_by: 'quantri',
        decided_at: api.clock().toISOString(),
      })
      .execute();
    const extended = await view(officer, late);
    expect(extended.deadlines[0]!.extendedUntil).toBe(addDays(day, 1));
    expect(extended.access.edit).toBe(true);
    ok(await save(c.id, { version: 0, note: 'gia hạn' }, officer, late), AnswerSaved);
    const neighbourUnit = criterion(await view(neighbour, late, other), '1.1.3');
    expect(neighbourUnit.version).toBe(0);
    expectError(
      await as(neighbour)({
        method: 'PATCH',
        url: `${base(late, other)}/answers/${c.id}`,
        payload: { version: 0, note: 'x' },
      }),
      409,
      'PHASE_CLOSED',
    );
  });

  it('appraised scores: hidden from the unit until publication, shown to the office; published is read-only', async () => {
    const c = criterion(await view(), '1.1.3');
    await api.db
      .insertInto('assessment_scores')
      .values({
        round_id: round.roundId,
        unit_id: unit,
        criterion_id: c.id,
        stage: 'appraisal1',
        answer: null,
        score: '0.5',
        overridden: 1,
        comment: 'Thiếu kế hoạch',
        user_id: null,
        username: 'thamdinh',
        at: api.clock().toISOString(),
      })
      .execute();
    expect(criterion(await view(), '1.1.3').appraised).toBeUndefined();
    expect(criterion(await view(null), '1.1.3').appraised).toEqual({
      appraisal1: { score: '0.5', comment: 'Thiếu kế hoạch' },
    });
    // publish the round by moving its publication to today
    const day = api.clock().toISOString().slice(0, 10);
    await api.db
      .updateTable('round_phases')
      .set({ opens_on: day })
      .where('round_id', '=', round.roundId)
      .where('phase', '=', 'publication')
      .execute();
    await roundChanged(api.db, round.roundId);
    const published = await view();
    expect(published.round.published).toBe(true);
    expect(criterion(published, '1.1.3').appraised).toEqual({
      appraisal1: { score: '0.5', comment: 'Thiếu kế hoạch' },
    });
    expect(published.access).toEqual({ edit: false, submit: false, withdraw: false, explain: false });
    expectError(await save(c.id, { version: c.version, note: 'sau công bố' }), 409, 'ROUND_PUBLISHED');
    // after publication whoever reads the unit's plans reads it
    expect((await view(viewer)).round.published).toBe(true);
  });

  it('exercised its part of the route table', () => {
    expectExercised(api.watch.hits, 'self-assessment');
  });
});
