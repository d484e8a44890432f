/**
 * Who may do what over HTTP, on both engines: the lead-unit officer’s part of a plan. The fixture
 * and the matrix are test/helpers/access-matrix.ts's; this file opens its own database with them,
 * so it depends on no other file's edits.
 */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { planView } from '../src/modules/plan-view.js';
import { PlanListItem, PlanView, type Task } from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { withSession } from './helpers/http.js';
import { securityHarness, codeOf } from './helpers/access-matrix.js';

describe.each(ENGINES)('access control, lead-unit, on %s', (kind) => {
  const sec = securityHarness(kind);
  const { plans, users, item, task } = sec;

  it('lets a lead-unit officer see and follow up only the rows of its unit', async () => {
    const lead = users.province.lead_unit;
    const fixture = plans.province;
    const as = (options: InjectOptions) => sec.app.inject(withSession(options, lead.session));
    const soNoiVu = fixture.leadUnitId;

    // a row another unit leads, with Sở Nội vụ supporting it (set by the province's officer)
    const whole = await planView(sec.db, fixture.id);
    const mine = (t: Task | null) =>
      t !== null && [...t.leadUnits, ...t.supportUnits].some((u) => u.id === soNoiVu);
    const supported = whole.rows.find((r) => r.task && !mine(r.task) && r.itemId !== fixture.otherRow)!;
    const support = await sec.app.inject(
      withSession(
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${supported.itemId}/task`,
          payload: { version: supported.task!.version, supportUnitIds: [soNoiVu] },
        },
        users.province.officer.session,
      ),
    );
    expect(support.statusCode, support.body).toBe(200);

    const full = await planView(sec.db, fixture.id);
    const res = await as({ method: 'GET', url: `/api/plans/${fixture.id}` });
    const view = PlanView.parse(res.json());
    expect(view.rows.map((r) => r.code)).toEqual(full.rows.filter((r) => mine(r.task)).map((r) => r.code));
    expect(view.rows.map((r) => r.code)).toContain(supported.code);
    expect(view.rows.length).toBeLessThan(full.rows.length);
    expect(view.statedTotals).toBeNull();
    expect(view.units).toEqual([{ id: soNoiVu, name: 'Sở Nội vụ', kind: 'department' }]);
    expect(view.access).toEqual({
      scope: 'lead',
      editScores: false,
      editTasks: true,
      editLeadUnits: false,
      export: false,
      readAudit: false,
      archive: false,
      delete: false,
      leadUnitIds: [soNoiVu],
    });
    const list = PlanListItem.array().parse((await as({ method: 'GET', url: '/api/plans' })).json());
    expect(list).toEqual([
      expect.objectContaining({
        id: fixture.id,
        criteria: view.rows.length,
        totals: { max: null, baseline: null, target: null },
      }),
    ]);

    // its own row: text, status, progress, note and deadline
    for (const itemId of [fixture.ownRow, supported.itemId]) {
      const { version } = await task(itemId);
      const done = await as({
        method: 'PATCH',
        url: `/api/plans/${fixture.id}/items/${itemId}/task`,
        payload: {
          version,
          text: 'Tham mưu kế hoạch CCHC năm',
          status: 'in_progress',
          progress: 60,
          progressNote: 'Đã trình UBND tỉnh',
          deadline: '2022-11-30',
        },
      });
      expect(done.statusCode, done.body).toBe(200);
      // the answer is its own part of the plan too
      expect(PlanView.parse(done.json()).rows.length).toBe(view.rows.length);
      expect(await task(itemId)).toMatchObject({
        version: version + 1,
        text: 'Tham mưu kế hoạch CCHC năm',
        status: 'in_progress',
        progress: 60,
        progress_note: 'Đã trình UBND tỉnh',
        deadline: '2022-11-30',
      });
    }

    const own = await task(fixture.ownRow);
    const other = await task(fixture.otherRow);
    const ownItem = await item(fixture.ownRow);
    const taskless = full.rows.find(
      (r) => r.task === null && !full.rows.some((x) => x.parentCode === r.code),
    );
    const refused: [string, InjectOptions][] = [
      [
        'another unit’s row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.otherRow}/task`,
          payload: { version: other.version, progress: 10 },
        },
      ],
      [
        'a score of its own row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}`,
          payload: { version: ownItem.version, target: ownItem.target ?? '0' },
        },
      ],
      [
        'the lead units of its own row',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/task`,
          payload: { version: own.version, leadUnitIds: [fixture.otherUnitId] },
        },
      ],
      [
        'its own row, naming a supporting unit',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/task`,
          payload: { version: own.version, supportUnitIds: [soNoiVu, fixture.otherUnitId] },
        },
      ],
      ['the XLSX export', { method: 'GET', url: `/api/plans/${fixture.id}/export/xlsx` }],
      ['the DOCX export', { method: 'GET', url: `/api/plans/${fixture.id}/export/docx` }],
      [
        'another unit’s view',
        { method: 'GET', url: `/api/plans/${fixture.id}/units/${fixture.otherUnitId}` },
      ],
      [
        'the history of its own row',
        { method: 'GET', url: `/api/plans/${fixture.id}/items/${fixture.ownRow}/history` },
      ],
      ['a new unit', { method: 'POST', url: `/api/plans/${fixture.id}/units`, payload: { name: 'Sở Y tế' } }],
    ];
    if (taskless) {
      refused.push([
        'a task on a row without one',
        {
          method: 'PATCH',
          url: `/api/plans/${fixture.id}/items/${taskless.itemId}/task`,
          payload: { version: 0, text: 'Nhiệm vụ mới' },
        },
      ]);
    }
    for (const [what, options] of refused) {
      const before = await databaseDigest(sec.db);
      const answer = await as(options);
      expect(`${what}: ${answer.statusCode} ${codeOf(answer)}`).toBe(`${what}: 403 FORBIDDEN`);
      expect(await databaseDigest(sec.db), what).toBe(before);
    }
    // its own unit's view holds its rows only
    const unitView = await as({ method: 'GET', url: `/api/plans/${fixture.id}/units/${soNoiVu}` });
    expect(unitView.statusCode).toBe(200);
  });
});
