/**
 * The HTTP API through app.inject() on both engines: edits: scores, tasks and their units, a new
 * lead unit. Each route's happy path, a request its schema refuses (400 VALIDATION_FAILED) and the
 * thing it names missing (404 / 410), as the route table (test/helpers/route-table.ts) gives this
 * file. One fresh database per engine for this file (test/helpers/api-harness.ts), so it depends on
 * no other file's edits; the tests of a block run in order within it.
 */
import { describe, expect, it } from 'vitest';
import { fromDecimalString } from '../src/core/score.js';
import { LeadUnitView, PlanEdit, PlanListItem, PlanView, Unit } from '../src/shared/api.js';
import { mergePlanEdit } from '../src/shared/plan-edit.js';
import { ENGINES } from './helpers/databases.js';
import { apiHarness, DISTRICT, MISSING, expectError, ok, rowOf, unitId } from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';

describe.each(ENGINES)('HTTP API, edits, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, getPlan, patchItem, patchTask, counts, tick } = api;

  describe('PATCH /api/plans/:id/items/:itemId', () => {
    it('sets a leaf; its consistent parent and the consistent stated total follow; answers what changed', async () => {
      const before = await call({ method: 'GET', url: `/api/plans/${api.provinceId}` });
      const view = ok(before, PlanView);
      // area 1's target (8) is the sum of its criteria's and the areas' targets add up to the stated 89,93
      expect(rowOf(view, '1')).toMatchObject({ target: '8', baseline: '7.46' });
      expect(rowOf(view, '1.5')).toMatchObject({ max: '2', baseline: '1.5', target: '1.5', version: 1 });
      const leaf = rowOf(view, '1.5');

      const at = tick();
      const after = ok(await patchItem(api.provinceId, leaf.itemId, { version: 1, target: '2' }), PlanEdit);
      // the rows whose values moved, not the whole plan
      expect(after.rows.map((r) => r.code)).toEqual(['1', '1.5']);
      expect(rowOf(after, '1.5')).toMatchObject({ target: '2', baseline: '1.5', version: 2 });
      expect(rowOf(after, '1')).toMatchObject({ target: '8.5', baseline: '7.46' });
      expect(after.statedTotals).toEqual({ max: '100', baseline: '86.26', target: '90.43' });
      expect(after.version).toBe(view.version + 1);
      expect(after.updatedAt).toBe(at);

      const fresh = await call({
        method: 'GET',
        url: `/api/plans/${api.provinceId}`,
        headers: { 'if-none-match': String(before.headers.etag) },
      });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.headers.etag).not.toBe(before.headers.etag);
      // merged into the plan the page held, the answer is the plan a reload shows
      expect(PlanView.parse(fresh.json())).toEqual(mergePlanEdit(view, after));
    });

    it('leaves an ancestor the document got wrong as stated (area 7 baseline), moving the consistent ones', async () => {
      const view = await getPlan(api.provinceId);
      // 7.1's baseline (6,9) is the sum of its sub-criteria; area 7's (13,25) is not the sum of 7.1 and 7.2
      expect(rowOf(view, '7.1').baseline).toBe('6.9');
      expect(rowOf(view, '7').baseline).toBe('13.25');
      expect(
        view.findings.some((f) => f.rule === 'sum-baseline' && f.code === '7' && f.severity === 'error'),
      ).toBe(true);
      const leaf = rowOf(view, '7.1.1');
      const after = ok(
        await patchItem(api.provinceId, leaf.itemId, { version: leaf.version, baseline: '0.25' }),
        PlanEdit,
      );
      expect(after.rows.map((r) => r.code)).toEqual(['7.1', '7.1.1']);
      expect(rowOf(after, '7.1.1').baseline).toBe('0.25');
      expect(rowOf(after, '7.1').baseline).toBe('6.65');
      // area 7 kept its stated value: not in the answer, as the page held it
      expect(rowOf(mergePlanEdit(view, after)!, '7').baseline).toBe('13.25');
      expect(after.statedTotals?.baseline).toBe('86.26');
      expect(after.findings.some((f) => f.rule === 'sum-baseline' && f.code === '7')).toBe(true);

      const list = ok(await call({ method: 'GET', url: '/api/plans' }), PlanListItem.array());
      // the total, inconsistent with the areas in the document, keeps its stated value too
      expect(list.find((p) => p.id === api.provinceId)?.totals).toEqual({
        max: '100',
        baseline: '86.26',
        target: '90.43',
      });
    });

    it('refuses a target above the max in the officer’s language, and changes nothing', async () => {
      const view = await getPlan(api.provinceId);
      const leaf = rowOf(view, '1.4');
      expect(leaf).toMatchObject({ max: '1', target: '1' });
      const vi = expectError(
        await patchItem(api.provinceId, leaf.itemId, { version: 1, target: '1.5' }),
        422,
        'SCORE_ABOVE_MAX',
      );
      expect(vi.message).toBe('Mục tiêu 1,5 vượt điểm chuẩn 1 của tiêu chí 1.4');
      const en = expectError(
        await patchItem(
          api.provinceId,
          leaf.itemId,
          { version: 1, baseline: '1.25' },
          { 'accept-language': 'en' },
        ),
        422,
        'SCORE_ABOVE_MAX',
      );
      expect(en.message).toBe('Baseline 1.25 is above the max score 1 of criterion 1.4');
      expect(await getPlan(api.provinceId)).toEqual(view);
    });

    it('refuses a negative score: the schema lets "-0.5" through, the use-case refuses it', async () => {
      const view = await getPlan(api.provinceId);
      const leaf = rowOf(view, '1.4');
      const err = expectError(
        await patchItem(api.provinceId, leaf.itemId, { version: 1, target: '-0.5' }),
        422,
        'SCORE_NEGATIVE',
      );
      expect(err.message).toBe('Điểm không được âm (-0,5) ở tiêu chí 1.4');
      expect(await getPlan(api.provinceId)).toEqual(view);
    });

    it('refuses to set a parent: its score is the sum of its children', async () => {
      const view = await getPlan(api.provinceId);
      const area = rowOf(view, '1');
      const err = expectError(
        await patchItem(api.provinceId, area.itemId, { version: area.version, target: '8' }),
        422,
        'NOT_A_LEAF',
      );
      expect(err.message).toContain('Tiêu chí 1 có tiêu chí con');
      expect(await getPlan(api.provinceId)).toEqual(view);
    });

    it('refuses a stale version; of two edits from the same version the first wins', async () => {
      const view = await getPlan(api.provinceId);
      // 1.5 is at version 2 since the first edit
      const edited = rowOf(view, '1.5');
      expectError(
        await patchItem(api.provinceId, edited.itemId, { version: 1, target: '1' }),
        409,
        'STALE_VERSION',
      );
      expect(await getPlan(api.provinceId)).toEqual(view);

      const leaf = rowOf(view, '1.4');
      const first = await patchItem(api.provinceId, leaf.itemId, { version: 1, target: '0.5' });
      expect(rowOf(ok(first, PlanEdit), '1.4')).toMatchObject({ target: '0.5', version: 2 });
      expectError(
        await patchItem(api.provinceId, leaf.itemId, { version: 1, target: '0.75' }),
        409,
        'STALE_VERSION',
      );
      const after = await getPlan(api.provinceId);
      expect(rowOf(after, '1.4')).toMatchObject({ target: '0.5', version: 2 });
      // area 1 moved with both edits (8 + 0,5 − 0,5) and is back to 8, not "8,0"
      expect(rowOf(after, '1').target).toBe('8');
    });

    it('lets exactly one of two simultaneous edits from the same version through', async () => {
      const leaf = rowOf(await getPlan(api.provinceId), '1.6');
      const results = await Promise.all([
        patchItem(api.provinceId, leaf.itemId, { version: leaf.version, target: '1' }),
        patchItem(api.provinceId, leaf.itemId, { version: leaf.version, target: '1.25' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!;
      const stored = await getPlan(api.provinceId);
      expect(rowOf(stored, '1.6')).toEqual(rowOf(PlanEdit.parse(winner.json()), '1.6'));
      // the area moved once, by the winner's change
      const area1 = fromDecimalString(rowOf(stored, '1').target!).units;
      const children = stored.rows
        .filter((r) => r.parentCode === '1')
        .map((r) => fromDecimalString(r.target!).units);
      expect(area1).toBe(children.reduce((a, b) => a + b, 0));
    });

    it('answers what a reload shows once merged: scores, targets, parents, the total, findings made and cleared', async () => {
      /** One edit: the answer merged into the plan held before it equals the plan read after it. */
      const edit = async (code: string, field: 'baseline' | 'target', value: string | null) => {
        const held = await getPlan(api.provinceId);
        const leaf = rowOf(held, code);
        const answer = ok(
          await patchItem(api.provinceId, leaf.itemId, { version: leaf.version, [field]: value }),
          PlanEdit,
        );
        const reloaded = await getPlan(api.provinceId);
        expect(mergePlanEdit(held, answer)).toEqual(reloaded);
        // an answer that does not follow the version held is not merged: the page reloads
        expect(mergePlanEdit(reloaded, answer)).toBeNull();
        return { held, answer, reloaded };
      };
      const open = (view: PlanView, rule: string, code: string | null) =>
        view.findings.some((f) => f.rule === rule && f.code === code && !f.acknowledgement);
      // a baseline, its parent and area following, the stated total with them
      const base = await getPlan(api.provinceId);
      const leafIn = (area: string, fits: (r: PlanView['rows'][number]) => boolean = () => true) =>
        base.rows.find(
          (r) =>
            r.code.startsWith(`${area}.`) &&
            r.depth > 1 &&
            !base.rows.some((c) => c.parentCode === r.code) &&
            fits(r),
        )!;
      const score = await edit(leafIn('2').code, 'baseline', '0');
      expect(score.answer.rows.length).toBeGreaterThan(1);

      // a target left empty: a warning made (missing-value), then cleared by setting it again
      const leaf = leafIn('3', (r) => r.target !== null && r.baseline !== null && r.baseline !== '0');
      const emptied = await edit(leaf.code, 'target', null);
      expect(open(emptied.reloaded, 'missing-value', leaf.code)).toBe(true);
      const refilled = await edit(leaf.code, 'target', leaf.target);
      expect(open(refilled.reloaded, 'missing-value', leaf.code)).toBe(false);

      // a target below the baseline: a warning made and cleared
      const below = await edit(leaf.code, 'target', '0');
      expect(open(below.reloaded, 'target-below-baseline', leaf.code)).toBe(true);
      const back = await edit(leaf.code, 'target', leaf.target);
      expect(open(back.reloaded, 'target-below-baseline', leaf.code)).toBe(false);

      // area 7's stated baseline is not the sum of 7.1 and 7.2 (an error): a leaf of 7.1 moved, 7.1
      // follows, 7 does not, and the error's figures move with it (an error made and cleared by a
      // score edit: test/findings.test.ts, whose edits are merged and compared in the same way)
      const held = await getPlan(api.provinceId);
      const error7 = (view: PlanView) =>
        view.findings.find((f) => f.rule === 'sum-baseline' && f.code === '7' && f.severity === 'error');
      expect(error7(held)).toBeDefined();
      const moved = await edit('7.1.1', 'baseline', rowOf(held, '7.1.1').baseline === '0' ? '0.25' : '0');
      expect(moved.answer.rows.map((r) => r.code)).toEqual(['7.1', '7.1.1']);
      expect(error7(moved.reloaded)).toBeDefined();
      expect(error7(moved.reloaded)).not.toEqual(error7(held));
    });

    it('refuses malformed requests and missing plans or items', async () => {
      const view = await getPlan(api.provinceId);
      const leaf = rowOf(view, '1.2');
      const url = (planId: number | string, itemId: number | string) =>
        `/api/plans/${planId}/items/${itemId}`;
      for (const body of [
        { version: 1 },
        { version: 1, target: '0,5' },
        { version: 1, target: 0.5 },
        { version: 1, target: '0.12345' },
        { version: 0, target: '0.5' },
        { target: '0.5' },
      ]) {
        expectError(
          await call({ method: 'PATCH', url: url(api.provinceId, leaf.itemId), payload: body }),
          400,
          'VALIDATION_FAILED',
        );
      }
      expectError(
        await call({
          method: 'PATCH',
          url: url(api.provinceId, 'abc'),
          payload: { version: 1, target: '0.5' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const refused = await call({
        method: 'PATCH',
        url: url(api.provinceId, leaf.itemId),
        payload: { version: 1 },
      });
      // the Vietnamese answer says a field is wrong; zod's English wording stays in the details
      expect(expectError(refused, 400, 'VALIDATION_FAILED').message).toBe('Dữ liệu gửi lên không hợp lệ');
      expect(JSON.stringify(refused.json())).toContain('baseline or target is needed');

      expectError(
        await patchItem(MISSING, leaf.itemId, { version: 1, target: '0.5' }),
        404,
        'PLAN_NOT_FOUND',
      );
      expectError(
        await patchItem(api.provinceId, MISSING, { version: 1, target: '0.5' }),
        404,
        'ITEM_NOT_FOUND',
      );
      // an item of the other plan
      const other = rowOf(await getPlan(api.districtId), '1.1.1');
      expectError(
        await patchItem(api.provinceId, other.itemId, { version: 1, target: '0.5' }),
        404,
        'ITEM_NOT_FOUND',
      );
      expect(await getPlan(api.provinceId)).toEqual(view);
    });
  });

  describe('PATCH /api/plans/:id/items/:itemId/task', () => {
    it('updates the follow-up and the text, keeping markup as literal text', async () => {
      const view = await getPlan(api.provinceId);
      const row = rowOf(view, '1.1');
      expect(row.task).toMatchObject({ version: 1, status: 'not_started', progress: 0 });
      const text = 'Theo dõi, đôn đốc <img src=x onerror=alert(1)> hoàn thành 100% kế hoạch';
      const res = await patchTask(api.provinceId, row.itemId, {
        version: 1,
        text: `  ${text}\r\n`,
        status: 'in_progress',
        progress: 40,
        deadline: '2022-12-31',
        progressNote: ' Đã ban hành kế hoạch ',
      });
      const task = rowOf(ok(res, PlanView), '1.1').task;
      expect(task).toMatchObject({
        text,
        status: 'in_progress',
        progress: 40,
        deadline: '2022-12-31',
        progressNote: 'Đã ban hành kế hoạch',
        version: 2,
        leadUnits: [{ name: 'Sở Nội vụ' }],
      });
      expect(res.body).toContain('<img src=x onerror=alert(1)>');
      const stored = await api.db
        .selectFrom('tasks')
        .select('text')
        .where('id', '=', task!.id)
        .executeTakeFirstOrThrow();
      expect(stored.text).toBe(text);

      // marked done without a progress: complete
      const done = await patchTask(api.provinceId, row.itemId, {
        version: 2,
        status: 'done',
        deadline: null,
      });
      expect(rowOf(ok(done, PlanView), '1.1').task).toMatchObject({
        status: 'done',
        progress: 100,
        deadline: null,
        version: 3,
      });
    });

    it('sets the lead and supporting units; the supporting unit sees the task in its view', async () => {
      const view = await getPlan(api.provinceId);
      const row = rowOf(view, '1.1');
      const [soNoiVu, soTuPhap, vanPhong] = ['Sở Nội vụ', 'Sở Tư pháp', 'Văn phòng UBND tỉnh'].map((n) =>
        unitId(view, n),
      );
      const res = await patchTask(api.provinceId, row.itemId, {
        version: row.task!.version,
        leadUnitIds: [soTuPhap, soNoiVu],
        supportUnitIds: [vanPhong],
      });
      const task = rowOf(ok(res, PlanView), '1.1').task!;
      expect(task.leadUnits).toEqual([
        { id: soTuPhap, name: 'Sở Tư pháp' },
        { id: soNoiVu, name: 'Sở Nội vụ' },
      ]);
      expect(task.supportUnits).toEqual([{ id: vanPhong, name: 'Văn phòng UBND tỉnh' }]);
      expect(task.leadUnitsText).toBe('Sở Tư pháp; Sở Nội vụ');
      const links = await api.db
        .selectFrom('task_units')
        .select(['unit_id', 'role', 'position'])
        .where('task_id', '=', task.id)
        .orderBy('role')
        .orderBy('position')
        .execute();
      expect(links).toEqual([
        { unit_id: soTuPhap, role: 'lead', position: 0 },
        { unit_id: soNoiVu, role: 'lead', position: 1 },
        { unit_id: vanPhong, role: 'support', position: 0 },
      ]);

      const support = ok(
        await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/${vanPhong}` }),
        LeadUnitView,
      );
      expect(support.rows.find((r) => r.code === '1.1')).toMatchObject({ role: 'support', atStake: '0.04' });
      const lead = ok(
        await call({ method: 'GET', url: `/api/plans/${api.provinceId}/units/${soTuPhap}` }),
        LeadUnitView,
      );
      expect(lead.rows.find((r) => r.code === '1.1')?.role).toBe('lead');
    });

    it('creates the task of a criterion that has none, from version 0', async () => {
      const view = await getPlan(api.districtId);
      const row = rowOf(view, '1.3.2');
      expect(row.task).toBeNull();
      const phongNoiVu = unitId(view, 'Phòng Nội vụ');
      const res = await patchTask(api.districtId, row.itemId, {
        version: 0,
        text: 'Thực hiện 100% kế hoạch kiểm tra',
        leadUnitIds: [phongNoiVu],
      });
      const after = ok(res, PlanView);
      expect(rowOf(after, '1.3.2').task).toMatchObject({
        text: 'Thực hiện 100% kế hoạch kiểm tra',
        status: 'not_started',
        progress: 0,
        version: 1,
        leadUnits: [{ id: phongNoiVu, name: 'Phòng Nội vụ' }],
      });
      expect(after.findings.filter((f) => f.code === '1.3.2')).toEqual([]);
      // a second creation from version 0 is stale
      expectError(
        await patchTask(api.districtId, row.itemId, { version: 0, text: 'khác' }),
        409,
        'STALE_VERSION',
      );
      expect(rowOf(await getPlan(api.districtId), '1.3.2').task?.text).toBe(
        'Thực hiện 100% kế hoạch kiểm tra',
      );
    });

    it('refuses a unit of another subject, an unknown unit and a stale version, changing nothing', async () => {
      const province = await getPlan(api.provinceId);
      const district = await getPlan(api.districtId);
      const row = rowOf(district, '1.1.1');
      const version = row.task!.version;
      const soNoiVu = unitId(province, 'Sở Nội vụ');
      const foreign = expectError(
        await patchTask(api.districtId, row.itemId, { version, leadUnitIds: [soNoiVu] }),
        422,
        'UNIT_NOT_IN_PLAN',
      );
      expect(foreign.message).toBe(`Đơn vị #${soNoiVu} không thuộc ${DISTRICT}`);
      const unknown = expectError(
        await patchTask(api.districtId, row.itemId, { version, supportUnitIds: [MISSING] }),
        404,
        'UNIT_NOT_FOUND',
      );
      expect(unknown.message).toBe(`Không có đơn vị #${MISSING}`);
      expectError(
        await patchTask(api.districtId, row.itemId, { version: version + 1, status: 'done' }),
        409,
        'STALE_VERSION',
      );
      expect(await getPlan(api.districtId)).toEqual(district);
    });

    it('refuses malformed requests and missing plans or items', async () => {
      const view = await getPlan(api.districtId);
      const row = rowOf(view, '1.1.1');
      const version = row.task!.version;
      for (const body of [
        { version, progress: 101 },
        { version, progress: 50.5 },
        { version, status: 'finished' },
        { version, deadline: '31/12/2023' },
        { version, leadUnitIds: [0] },
        { version, leadUnitIds: 'Phòng Nội vụ' },
        { version: -1 },
        { status: 'done' },
      ]) {
        expectError(await patchTask(api.districtId, row.itemId, body), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await call({
          method: 'PATCH',
          url: `/api/plans/${api.districtId}/items/x/task`,
          payload: { version },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await patchTask(MISSING, row.itemId, { version }), 404, 'PLAN_NOT_FOUND');
      expectError(await patchTask(api.districtId, MISSING, { version }), 404, 'ITEM_NOT_FOUND');
      const other = rowOf(await getPlan(api.provinceId), '1.2');
      expectError(await patchTask(api.districtId, other.itemId, { version: 1 }), 404, 'ITEM_NOT_FOUND');
      expect(await getPlan(api.districtId)).toEqual(view);
    });
  });

  describe('POST /api/plans/:id/units', () => {
    it('finds a unit by a spelling variant instead of creating a second one', async () => {
      const view = await getPlan(api.districtId);
      const before = await counts();
      const unit = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${api.districtId}/units`,
          payload: { name: 'Phòng nội vụ' },
        }),
        Unit,
      );
      expect(unit).toEqual({ id: unitId(view, 'Phòng Nội vụ'), name: 'Phòng Nội vụ', kind: 'office' });
      expect(await counts()).toEqual(before);
      expect((await getPlan(api.districtId)).version).toBe(view.version);
    });

    it('creates a new unit under the plan’s subject', async () => {
      const before = await counts();
      const unit = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${api.districtId}/units`,
          payload: { name: '  Phòng Kinh tế   và Hạ tầng ' },
        }),
        Unit,
      );
      expect(unit).toMatchObject({ name: 'Phòng Kinh tế và Hạ tầng', kind: 'office' });
      expect(await counts()).toEqual({ ...before, units: before.units + 1 });
      const view = await getPlan(api.districtId);
      expect(view.units).toContainEqual(unit);
      const stored = await api.db
        .selectFrom('units')
        .select('parent_id')
        .where('id', '=', unit.id)
        .executeTakeFirstOrThrow();
      expect(stored.parent_id).toBe(view.subject.id);
      // not a unit of the province
      expect((await getPlan(api.provinceId)).units.map((u) => u.id)).not.toContain(unit.id);
      // the same name again, in other case: the same unit
      const again = ok(
        await call({
          method: 'POST',
          url: `/api/plans/${api.districtId}/units`,
          payload: { name: 'phòng kinh tế và hạ tầng' },
        }),
        Unit,
      );
      expect(again.id).toBe(unit.id);
    });

    it('refuses malformed requests and missing plans', async () => {
      const url = `/api/plans/${api.districtId}/units`;
      for (const payload of [{}, { name: 'x' }, { name: '   ' }, { name: 'P'.repeat(301) }, { name: 42 }]) {
        expectError(await call({ method: 'POST', url, payload }), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await call({ method: 'POST', url: '/api/plans/abc/units', payload: { name: 'Phòng Nội vụ' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call({ method: 'POST', url: `/api/plans/${MISSING}/units`, payload: { name: 'Phòng Nội vụ' } }),
        404,
        'PLAN_NOT_FOUND',
      );
    });
  });

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'edits');
  });
});
