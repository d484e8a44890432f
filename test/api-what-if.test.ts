/**
 * The HTTP API through app.inject() on both engines: the what-if simulator on a stored result (the
 * pool as the page takes it, expected scores → index, rank, group and the units passed, refusals, the
 * fewest criteria to the next group) and the province's 2022 plan against its 2022 result (targets,
 * tasks, lead units, tasks that did not pay off, points gained without a task). The result is built
 * here through results-repo (insertPool, replaceBands, insertResult), as modules/results.ts will.
 */
import { describe, expect, it } from 'vitest';
import {
  NextGroupResponse,
  PlanResultResponse,
  WhatIfData,
  PlanView,
  WhatIfResponse,
} from '../src/shared/api.js';
import { apiHarness, expectError, MISSING, ok, PROVINCE, rowOf } from './helpers/api-harness.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import { storeWhatIfResult } from './helpers/what-if-result.js';

describe.each(ENGINES)('HTTP API, what-if and a plan against its result, on %s', (kind) => {
  const api = apiHarness(kind);
  let plan: PlanView;
  let province: number;
  let resultId: number;
  let others: number[] = [];
  /** a leaf of the plan without a task, scored above its baseline */
  let untasked: PlanView['rows'][number];

  const whatIfUrl = (id: number, unit: number) => `/api/results/${id}/what-if?unit=${unit}`;
  const simulate = (body: object, id = resultId) =>
    api.call({ method: 'POST', url: `/api/results/${id}/what-if`, payload: body });

  it('stores a result of the plan’s year for the province and nine others', async () => {
    plan = await api.getPlan(api.provinceId);
    expect(plan.subject.name).toBe(PROVINCE);
    province = plan.subject.id;
    // 3.2.5 (0 of 0,75 in 2021) loses its task: the points it gains are gained without one
    const row325 = rowOf(plan, '3.2.5');
    plan = ok(
      await api.patchTask(api.provinceId, row325.itemId, {
        version: row325.task!.version,
        text: '',
        leadUnitIds: [],
        supportUnitIds: [],
      }),
      PlanView,
    );
    untasked = rowOf(plan, '3.2.5');
    expect(untasked.task === null || untasked.task.leadUnitsText).toBeFalsy();
    // before any result: nothing to compare
    const none = ok(
      await api.call({ method: 'GET', url: `/api/plans/${api.provinceId}/result` }),
      PlanResultResponse,
    );
    expect([none.result, none.latest, none.comparison]).toEqual([null, null, null]);

    // the plan's 1.2 task is done; its criterion gains nothing
    const row12 = rowOf(plan, '1.2');
    plan = ok(
      await api.patchTask(api.provinceId, row12.itemId, { version: row12.task!.version, status: 'done' }),
      PlanView,
    );
    ({ resultId, others } = await storeWhatIfResult(api.db, {
      planId: api.provinceId,
      provinceId: province,
      year: plan.year,
      at: api.clock().toISOString(),
      scores: { '1': '7.5', '1.1': '1.5', '1.2': '0', '1.5': '1', [untasked.code]: untasked.max! },
      extra: { code: untasked.code, parentCode: untasked.parentCode, name: untasked.name, max: untasked.max },
    }));
  });

  it('gives the page the pool: the unit’s every part, the others’ index', async () => {
    const data = ok(await api.call({ method: 'GET', url: whatIfUrl(resultId, province) }), WhatIfData);
    expect([data.year, data.poolName, data.unitId, data.units.length]).toEqual([
      plan.year,
      'Tỉnh',
      province,
      10,
    ]);
    expect(data.bands.map((b) => [b.label, b.minIndex])).toEqual([
      ['A', '86'],
      ['B', '80'],
    ]);
    const mine = data.units.find((u) => u.unitId === province)!;
    expect([mine.name, mine.index, mine.scores['1.5']]).toEqual([
      PROVINCE,
      '84.66',
      { score: '1', max: null },
    ]);
    expect(data.units.find((u) => u.unitId === others[0])!.scores).toEqual({});
  });

  it('moves the unit’s index, rank and group with expected scores', async () => {
    const answer = ok(
      await simulate({
        unitId: province,
        changes: [
          { code: '1.2', score: '0.5' },
          { code: '1.5', score: '1.5' },
        ],
      }),
      WhatIfResponse,
    );
    expect(answer).toEqual({
      points: { before: '84.66', after: '85.66' },
      before: { index: '84.66', rank: 7, group: 'B' },
      after: { index: '85.66', rank: 6, group: 'B' },
      passed: [{ unitId: others[5], unit: 'Tỉnh Sáu', index: '85.5' }],
      nextGroup: { label: 'A', minIndex: '86' },
    });
  });

  it('refuses expected scores it cannot place', async () => {
    expectError(
      await simulate({ unitId: province, changes: [{ code: '9.9', score: '1' }] }),
      422,
      'WHAT_IF_PART_UNKNOWN',
    );
    expectError(
      await simulate({ unitId: province, changes: [{ code: '1.2', score: '0.75' }] }),
      422,
      'WHAT_IF_OUT_OF_RANGE',
    );
    expectError(
      await simulate({
        unitId: province,
        changes: [
          { code: '1', score: '8' },
          { code: '1.2', score: '0.5' },
        ],
      }),
      422,
      'WHAT_IF_PART_NESTED',
    );
    expectError(
      await simulate({ unitId: province, changes: [{ code: '1.2', score: 'nhiều' }] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await simulate({ unitId: province, changes: [] }, MISSING), 404, 'RESULT_NOT_FOUND');
    expectError(await simulate({ unitId: MISSING, changes: [] }), 404, 'RESULT_UNIT_NOT_FOUND');
  });

  it('names the fewest criteria, biggest stake first, that reach group A', async () => {
    const next = ok(
      await api.call({ method: 'GET', url: `/api/results/${resultId}/what-if/next-group?unit=${province}` }),
      NextGroupResponse,
    );
    expect(next).toEqual({
      target: { label: 'A', minIndex: '86' },
      criteria: [
        { code: '1.5', name: 'Sáng kiến', score: '1', max: '2', atStake: '1' },
        { code: '1.2', name: 'Báo cáo', score: '0', max: '0.5', atStake: '0.5' },
      ],
      reaches: { index: '86.16', rank: 5, group: 'A' },
    });
    // the best unit has no group above it
    const top = ok(
      await api.call({ method: 'GET', url: `/api/results/${resultId}/what-if/next-group?unit=${others[0]}` }),
      NextGroupResponse,
    );
    expect(top).toBeNull();
  });

  it('answers missing results and units, and bad queries', async () => {
    expectError(
      await api.call({ method: 'GET', url: whatIfUrl(MISSING, province) }),
      404,
      'RESULT_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'GET', url: whatIfUrl(resultId, MISSING) }),
      404,
      'RESULT_UNIT_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/results/${resultId}/what-if?unit=tinh` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/results/${MISSING}/what-if/next-group?unit=${province}` }),
      404,
      'RESULT_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/results/${resultId}/what-if/next-group?unit=${MISSING}` }),
      404,
      'RESULT_UNIT_NOT_FOUND',
    );
    expectError(
      await api.call({ method: 'GET', url: `/api/results/${resultId}/what-if/next-group` }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('sets the plan against its year’s result', async () => {
    const res = ok(
      await api.call({ method: 'GET', url: `/api/plans/${api.provinceId}/result` }),
      PlanResultResponse,
    );
    expect(res.result).toMatchObject({
      id: resultId,
      year: plan.year,
      poolName: 'Tỉnh',
      index: '84.66',
      crosswalk: false,
    });
    expect(res.latest?.id).toBe(resultId);
    const c = res.comparison!;
    const byCode = (code: string) => c.criteria.find((x) => x.code === code)!;
    // 1.1: baseline 1,46, target 1,5, achieved 1,5
    expect(byCode('1.1')).toMatchObject({ achieved: '1.5', gained: '0.04', gap: '0', outcome: 'met' });
    expect(byCode('1.2')).toMatchObject({ achieved: '0', gained: '0', outcome: 'not-met' });
    expect(byCode('1.3.1').outcome).toBe('no-result');
    expect(c.notPaidOff.map((t) => [t.code, t.status, t.gained])).toEqual([['1.2', 'done', '0']]);
    expect(c.tasks.find((t) => t.code === '1.1')).toMatchObject({ status: 'not_started', paidOff: null });
    expect(c.gainedWithoutTask.map((x) => x.code)).toEqual([untasked.code]);
    const noiVu = c.leadUnits.find((u) => u.name === 'Sở Nội vụ')!;
    expect(noiVu.done).toBe(1);
    expect(noiVu.targetsMet).toBe(1);
    expect(noiVu.targets).toBeGreaterThanOrEqual(2);
  });

  it('gives a lead-unit officer the rows its unit leads only', async () => {
    const tuPhap = plan.units.find((u) => u.name === 'Sở Tư pháp')!;
    await addUser({ db: api.db, clock: api.clock }, 'tuphap', [{ role: 'lead_unit', unitId: tuPhap.id }]);
    const session = await signIn(api.app, 'tuphap', TEST_PASSWORD);
    const res = ok(
      await api.app.inject(
        withSession({ method: 'GET', url: `/api/plans/${api.provinceId}/result` }, session),
      ),
      PlanResultResponse,
    );
    const leads = new Set(res.comparison!.tasks.flatMap((t) => t.leadUnits.map((u) => u.name)));
    expect(res.comparison!.tasks.length).toBeGreaterThan(0);
    expect(leads.has('Sở Tư pháp')).toBe(true);
    expect(leads.has('Sở Nội vụ')).toBe(false);
    expect(res.comparison!.criteria.some((c) => c.code === '1.1')).toBe(false);
  });

  it('answers a missing plan and a bad id', async () => {
    expectError(
      await api.call({ method: 'GET', url: `/api/plans/${MISSING}/result` }),
      404,
      'PLAN_NOT_FOUND',
    );
    expectError(await api.call({ method: 'GET', url: '/api/plans/mot/result' }), 400, 'VALIDATION_FAILED');
  });

  it('exercises its routes', () => {
    expectExercised(api.watch.hits, 'what-if');
  });
});
