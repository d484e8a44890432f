/**
 * The HTTP API through app.inject() on both engines: next year's plan from a unit's result. The
 * result is written here through results-repo.insertResult (the province's 2022 framework as its
 * criteria, each leaf scored at the 2022 plan's target, two leaves lower): the dry run's rows
 * (kept, full, share, manual; tasks carried with their status, new rows; nothing written), the draft
 * stored as the province's 2023 plan (audited, a second one refused 409), and the round trip: the
 * stored draft exported as XLSX and DOCX reads back as the same plan (core/plan-diff.ts: no change;
 * the import: unchanged).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffPlan } from '../src/core/plan-diff.js';
import { readPlans } from '../src/formats/read.js';
import { systemActor } from '../src/modules/access.js';
import { incomingDiffRows, storedDiffRows } from '../src/modules/import-merge.js';
import { importPlans } from '../src/modules/imports.js';
import { NextPlanCreated, NextPlanPreview, PlanView } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { apiHarness, expectError, MISSING, ok, PROVINCE } from './helpers/api-harness.js';
import { ENGINES } from './helpers/databases.js';
import { signIn, withSession } from './helpers/http.js';
import { expectExercised } from './helpers/route-table.js';
import { resultOfPlan } from './helpers/next-plan-result.js';

describe.each(ENGINES)('HTTP API, next year plan from a result, on %s', (kind) => {
  const api = apiHarness(kind);
  let resultId = 0;
  let provinceUnit = 0;
  let districtUnit = 0;
  const next = (body: object, result = resultId, unit = provinceUnit) =>
    api.call({ method: 'POST', url: `/api/results/${result}/units/${unit}/next-plan`, payload: body });
  const preview = async (body: object) => ok(await next({ ...body, dryRun: true }), NextPlanPreview);

  beforeAll(async () => {
    districtUnit = (
      await api.db
        .selectFrom('plans')
        .select('subject_unit_id')
        .where('id', '=', api.districtId)
        .executeTakeFirstOrThrow()
    ).subject_unit_id;
    // achieved = the 2022 plan's target; 1.1 and 1.2 lower (their tasks are carried)
    ({ resultId, unitId: provinceUnit } = await resultOfPlan(api.db, api.clock(), api.provinceId, 2022, {
      '1.1': '1.46',
      '1.2': '0',
    }));
    const view = await api.getPlan(api.provinceId);
    // 1.1's task was under way in 2022
    const item = view.rows.find((r) => r.code === '1.1')!;
    await api.db
      .updateTable('tasks')
      .set({ status: 'in_progress' })
      .where('plan_item_id', '=', item.itemId)
      .execute();
  });

  it('previews the draft: baselines achieved, targets by the area choice, tasks carried; nothing written', async () => {
    const before = await api.counts();
    const p = await preview({ year: 2023, recovery: { '1': { mode: 'share', share: '0.5' } } });
    expect(p).toMatchObject({
      resultId,
      unit: { id: provinceUnit, name: PROVINCE },
      year: 2023,
      resultYear: 2022,
      lastPlanId: api.provinceId,
      existingPlanId: null,
    });
    expect(p.framework.crosswalk).toBe(false);
    const row = (code: string) => p.rows.find((r) => r.code === code)!;
    // 1,46 + 0,5 × 0,04 = 1,48; its 2022 task carried with its status
    expect(row('1.1')).toMatchObject({
      baseline: '1.46',
      lost: '0.04',
      target: '1.48',
      basis: 'share',
      task: 'carried',
      carriedStatus: 'in_progress',
      leadUnits: 'Sở Nội vụ',
    });
    expect(row('1.1').taskText).toContain('Theo dõi, đôn đốc');
    expect(row('1.2')).toMatchObject({ baseline: '0', lost: '0.5', target: '0.3', task: 'carried' });
    // 1.3.1 at its max: kept, no task proposed
    expect(row('1.3.1')).toMatchObject({ baseline: '1', target: '1', basis: 'kept', task: null });
    // the parent is the sum of its children
    expect(row('1.3')).toMatchObject({ basis: 'sum', baseline: '2', target: '2' });
    expect(p.areas.find((a) => a.code === '1')!.lost).not.toBeNull();
    expect(await api.counts()).toEqual(before);
  });

  it('recovers fully by default and leaves a manual area empty for the officer', async () => {
    const p = await preview({ year: 2023, recovery: { '1': { mode: 'manual' } } });
    const row = (code: string) => p.rows.find((r) => r.code === code)!;
    expect(row('1.1')).toMatchObject({ basis: 'manual', target: null });
    // no year: the result's year + 1
    const full = await preview({});
    expect(full.year).toBe(2023);
    expect(full.rows.find((r) => r.code === '1.1')).toMatchObject({ basis: 'full', target: '1.5' });
    // every leaf that lost points recovers: the total target is the total max
    expect(full.totals.target).toBe(full.totals.max);
  });

  it('stores the draft as the unit plan of that year, audited; a second one is refused', async () => {
    const created = ok(
      await next({ year: 2023, recovery: { '1': { mode: 'share', share: '0.5' } } }),
      NextPlanCreated,
    );
    const view = ok(await api.call({ method: 'GET', url: `/api/plans/${created.planId}` }), PlanView);
    expect(view.subject.name).toBe(PROVINCE);
    expect(view.year).toBe(2023);
    const row = view.rows.find((r) => r.code === '1.1')!;
    expect(row).toMatchObject({ baseline: '1.46', target: '1.48' });
    expect(row.task?.text).toContain('Theo dõi, đôn đốc');
    expect(row.task?.leadUnits.map((u) => u.name)).toEqual(['Sở Nội vụ']);
    const trail = await api.db
      .selectFrom('audit_log')
      .select(['action', 'plan_id', 'unit_id', 'new_value'])
      .where('plan_id', '=', created.planId)
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(['plan.import', 'plan.next']);
    expect(trail[1]).toMatchObject({ unit_id: provinceUnit });
    expect(trail[1]!.new_value).toContain(`Kết quả #${resultId} (2022) → 2023`);
    expect(trail[1]!.new_value).toContain('1: share 0.5');

    const again = expectError(await next({ year: 2023 }), 409, 'NEXT_PLAN_EXISTS');
    expect(again.message).toContain(`#${created.planId}`);
    const after = await preview({ year: 2023 });
    expect(after.existingPlanId).toBe(created.planId);
    // the stored draft made the province's 2023 framework: the next preview follows it, the 2022
    // criteria matched to it (proposed by core/crosswalk.ts: same codes, same names)
    const stored = await api.db
      .selectFrom('plans')
      .select('framework_id')
      .where('id', '=', created.planId)
      .executeTakeFirstOrThrow();
    expect(after.framework).toMatchObject({ id: stored.framework_id, crosswalk: true });
    expect(after.rows.find((r) => r.code === '1.1')).toMatchObject({ fromCode: '1.1', baseline: '1.46' });
  });

  it.each(['xlsx', 'docx'] as const)(
    'the stored draft exported as %s reads back as the same plan',
    async (format) => {
      const plan = await api.db
        .selectFrom('plans')
        .select('id')
        .where('subject_unit_id', '=', provinceUnit)
        .where('year', '=', 2023)
        .executeTakeFirstOrThrow();
      const res = await api.call({ method: 'GET', url: `/api/plans/${plan.id}/export/${format}` });
      expect(res.statusCode).toBe(200);
      const bytes = new Uint8Array(res.rawPayload);
      const read = await readPlans(bytes);
      if (!read.ok) throw new Error(read.failure.code);
      expect(read.plans).toHaveLength(1);
      const doc = read.plans[0]!.plan;
      const n = doc.rows.length;
      const names = (cell: string) => (cell === '' ? [] : cell.split(/;\s*|\n/).map((s) => s.trim()));
      const cells = [
        ...doc.rows.map((r) => names(r.leadUnits)),
        ...doc.rows.map((r) => names(r.supportUnits)),
      ];
      expect(cells).toHaveLength(2 * n);
      const diff = diffPlan(await storedDiffRows(api.db, plan.id), incomingDiffRows(doc, cells));
      expect(diff.rows).toEqual([]);
      expect(diff.lostFollowUp).toBe(0);
      // the import finds the same content: unchanged
      const again = await importPlans(
        { db: api.db, clock: api.clock },
        { actor: systemActor('test'), bytes, sourceName: `lai.${format}`, dryRun: true },
      );
      expect(again.ok && again.plans.map((p) => [p.planId, p.outcome])).toEqual([[plan.id, 'unchanged']]);
    },
  );

  it('refuses a missing result, a unit not in it, a bad share, and a user outside the unit', async () => {
    expectError(await next({ year: 2023 }, MISSING), 404, 'RESULT_NOT_FOUND');
    expectError(await next({ year: 2023 }, resultId, districtUnit), 404, 'RESULT_UNIT_NOT_FOUND');
    expectError(
      await next({ year: 2023, recovery: { '1': { mode: 'share', share: '1.5' } } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await next({ year: 'next' }), 400, 'VALIDATION_FAILED');
    // an officer of the district may not plan for the province
    await addUser({ db: api.db, clock: api.clock }, 'can-bo-huyen', [
      { role: 'officer', unitId: districtUnit },
    ]);
    const officer = await signIn(api.app, 'can-bo-huyen', TEST_PASSWORD);
    const before = await api.counts();
    const res = await api.app.inject(
      withSession(
        {
          method: 'POST',
          url: `/api/results/${resultId}/units/${provinceUnit}/next-plan`,
          payload: { year: 2024 },
        },
        officer,
      ),
    );
    expectError(res, 403, 'FORBIDDEN');
    expect(await api.counts()).toEqual(before);
  });

  it('exercises its routes', () => {
    expectExercised(api.watch.hits, 'next-plan');
  });
});
