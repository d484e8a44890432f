/**
 * The HTTP API through app.inject() on both engines: the import wizard: preview, confirm, changed
 * and faulty files. Each route's happy path, a request its schema refuses (400 VALIDATION_FAILED)
 * and the thing it names missing (404 / 410), as the route table (test/helpers/route-table.ts)
 * gives this file. One fresh database per engine for this file (test/helpers/api-harness.ts), so it
 * depends on no other file's edits; the tests of a block run in order within it.
 */
import { describe, expect, it } from 'vitest';
import { planView } from '../src/modules/plan-view.js';
import { ImportPreview, ImportResult } from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { seedBytes } from './helpers/fixtures.js';
import { multipartFields } from './helpers/http.js';
import { duplicateSeedRow, seedText, setSeedCell, toBytes } from './helpers/seed-edit.js';
import {
  apiHarness,
  PROVINCE,
  DISTRICT,
  TOKEN_NEVER_ISSUED,
  expectError,
  ok,
  rowOf,
  unitId,
} from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';

/** A small appendix for the district, for 2024, whose 1.1 names the PAR office in a new spelling. */
const SMALL_DISTRICT_PLAN = [
  'PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC HUYỆN KRÔNG NÔ NĂM 2024**',
  '',
  'STT\tLĩnh vực/ tiêu chí/ tiêu chí thành phần\tĐiểm chuẩn\tĐiểm năm 2023 đạt được\tMục tiêu năm 2024\tNhiệm vụ/ giải pháp/ kết quả đầu ra\tĐơn vị chủ trì',
  '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t100\t90\t95\t\t',
  '1.1\tKế hoạch CCHC năm\t60\t50\t55\tXây dựng kế hoạch trước ngày 10/01/2024\tP. Nội vụ huyện',
  '1.2\tThực hiện chế độ báo cáo CCHC định kỳ\t40\t40\t40\tBáo cáo đầy đủ, đúng hạn\tPhòng Tư pháp',
  'TỔNG ĐIỂM\t\t100\t90\t95\t\t',
].join('\n');
const NEW_SPELLING = 'P. Nội vụ huyện';

describe.each(ENGINES)('HTTP API, imports, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call, getPlan, upload, confirm, counts, tick } = api;

  it('POST /api/imports previews the samples as unchanged and writes nothing; confirming changes nothing', async () => {
    const before = await counts();
    const preview = ok(await upload('phu-luc.txt', seedBytes()), ImportPreview);
    expect(preview).toMatchObject({ fileName: 'phu-luc.txt', format: 'text', canConfirm: true });
    expect(preview.token).toMatch(/^[a-f0-9]{32}$/);
    expect(
      preview.plans.map((p) => [p.subject, p.year, p.criteria, p.blocking, p.existingPlanId, p.unchanged]),
    ).toEqual([
      [PROVINCE, 2022, 119, false, api.provinceId, true],
      [DISTRICT, 2023, 146, false, api.districtId, true],
    ]);
    expect(preview.plans.map((p) => p.unknownUnits)).toEqual([[], []]);
    expect(await counts()).toEqual(before);

    const result = ok(await confirm(preview.token), ImportResult);
    expect(result.plans.map((p) => [p.id, p.outcome])).toEqual([
      [api.provinceId, 'unchanged'],
      [api.districtId, 'unchanged'],
    ]);
    expect(await counts()).toEqual(before);
    expect((await getPlan(api.provinceId)).version).toBe(1);
    // the upload is used up
    expectError(await confirm(preview.token), 410, 'IMPORT_NOT_FOUND');
  });

  it('POST /api/imports refuses what is not a readable upload', async () => {
    const before = await counts();
    const empty = expectError(await upload('rong.txt', new Uint8Array()), 422, 'READ_FAILED');
    expect(empty.message).toContain('rong.txt');
    expectError(
      await call({ method: 'POST', url: '/api/imports', ...multipartFields({ note: 'no file' }) }),
      422,
      'READ_FAILED',
    );
    const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41);
    const tooLarge = expectError(await upload('lon.txt', big), 413, 'FILE_TOO_LARGE');
    expect(tooLarge.message).toContain('20 MB');
    // not multipart at all
    expectError(
      await call({ method: 'POST', url: '/api/imports', payload: { file: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await counts()).toEqual(before);
  });

  it('POST /api/imports/:token/confirm refuses a malformed request and an unknown upload', async () => {
    expectError(await confirm('not-a-token'), 400, 'VALIDATION_FAILED');
    const preview = ok(await upload('phu-luc.txt', seedBytes()), ImportPreview);
    expectError(await confirm(preview.token, { replace: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(
      await confirm(preview.token, { mapping: [{ plan: -1, name: 'x', unitId: 1 }] }),
      400,
      'VALIDATION_FAILED',
    );
    const gone = expectError(await confirm(TOKEN_NEVER_ISSUED), 410, 'IMPORT_NOT_FOUND');
    expect(gone.message).toContain('tải lên lại');
  });

  describe('imports of changed and faulty files', () => {
    it('previews a changed plan as existing; confirm refuses it without replace, replaces it with', async () => {
      const changed = setSeedCell(seedText(), 'province', '1.2', 'target', '0,25');
      const preview = ok(await upload('phu-luc-sua.txt', toBytes(changed)), ImportPreview);
      expect(preview.canConfirm).toBe(true);
      expect(preview.plans[0]).toMatchObject({
        subject: PROVINCE,
        existingPlanId: api.provinceId,
        unchanged: false,
        blocking: false,
      });
      expect(preview.plans[1]).toMatchObject({ subject: DISTRICT, existingPlanId: api.districtId });

      const before = await counts();
      const edited = await getPlan(api.provinceId);
      const exists = expectError(await confirm(preview.token), 409, 'PLAN_EXISTS');
      expect(exists.message).toContain(`${PROVINCE} năm 2022`);
      expect(await counts()).toEqual(before);
      expect(await getPlan(api.provinceId)).toEqual(edited);

      const at = tick();
      const result = ok(await confirm(preview.token, { replace: true }), ImportResult);
      expect(result.plans.find((p) => p.id === api.provinceId)).toEqual({
        id: api.provinceId,
        subject: PROVINCE,
        year: 2022,
        outcome: 'replaced',
      });
      const replaced = await getPlan(api.provinceId);
      expect(replaced.version).toBeGreaterThan(edited.version);
      expect(replaced.updatedAt).toBe(at);
      expect(rowOf(replaced, '1.2').target).toBe('0.25');
      // the earlier edits are gone with the old content
      expect(rowOf(replaced, '1.5').target).toBe('1.5');
      expect(replaced.statedTotals).toEqual({ max: '100', baseline: '86.26', target: '89.93' });

      expectError(await confirm(preview.token, { replace: true }), 410, 'IMPORT_NOT_FOUND');
    });

    it('previews a file with a blocking error as not confirmable; confirm refuses it and writes nothing', async () => {
      const faulty = duplicateSeedRow(seedText(), 'district', '1.1.1');
      const preview = ok(await upload('phu-luc-loi.txt', toBytes(faulty)), ImportPreview);
      expect(preview.canConfirm).toBe(false);
      expect(preview.plans.map((p) => p.blocking)).toEqual([false, true]);
      expect(preview.plans[1]!.findings).toContainEqual(
        expect.objectContaining({ rule: 'duplicate-code', severity: 'error', code: '1.1.1' }),
      );
      const before = await counts();
      const rejected = expectError(await confirm(preview.token, { replace: true }), 422, 'IMPORT_REJECTED');
      expect(rejected.message).toContain('không ghi gì');
      expect(await counts()).toEqual(before);
    });

    it('makes a new unit name an alias of the existing unit it is mapped to', async () => {
      const district = await getPlan(api.districtId);
      const phongNoiVu = unitId(district, 'Phòng Nội vụ');
      const preview = ok(await upload('krong-no-2024.txt', toBytes(SMALL_DISTRICT_PLAN)), ImportPreview);
      expect(preview.canConfirm).toBe(true);
      const plan = preview.plans[0]!;
      expect(plan).toMatchObject({ subject: DISTRICT, year: 2024, existingPlanId: null, criteria: 3 });
      expect(plan.unknownUnits).toEqual([
        {
          name: NEW_SPELLING,
          variants: [NEW_SPELLING],
          suggestion: { id: phongNoiVu, name: 'Phòng Nội vụ' },
        },
      ]);

      const before = await counts();
      // a unit of the province cannot stand for a unit of the district
      const soNoiVu = unitId(await getPlan(api.provinceId), 'Sở Nội vụ');
      expectError(
        await confirm(preview.token, { mapping: [{ plan: 0, name: NEW_SPELLING, unitId: soNoiVu }] }),
        422,
        'UNIT_NOT_IN_PLAN',
      );
      expect(await counts()).toEqual(before);

      const at = tick();
      const result = ok(
        await confirm(preview.token, { mapping: [{ plan: 0, name: NEW_SPELLING, unitId: phongNoiVu }] }),
        ImportResult,
      );
      expect(result.plans).toHaveLength(1);
      expect(result.plans[0]).toMatchObject({ subject: DISTRICT, year: 2024, outcome: 'created' });
      const newId = result.plans[0]!.id;
      const after = await counts();
      expect(after.units).toBe(before.units);
      expect(after.unit_aliases).toBe(before.unit_aliases + 1);
      expect(after.plans).toBe(before.plans + 1);

      const aliases = await api.db
        .selectFrom('unit_aliases')
        .select(['unit_id', 'alias'])
        .where('alias', '=', NEW_SPELLING)
        .execute();
      expect(aliases).toEqual([{ unit_id: phongNoiVu, alias: NEW_SPELLING }]);
      const view = await getPlan(newId);
      expect(view.updatedAt).toBe(at);
      const task = rowOf(view, '1.1').task!;
      expect(task.leadUnits).toEqual([{ id: phongNoiVu, name: 'Phòng Nội vụ' }]);
      expect(task.leadUnitsText).toBe(NEW_SPELLING);
      const links = await api.db
        .selectFrom('task_units')
        .select(['unit_id', 'source_text'])
        .where('task_id', '=', task.id)
        .execute();
      expect(links).toEqual([{ unit_id: phongNoiVu, source_text: NEW_SPELLING }]);
      expect(view).toEqual(await planView(api.db, newId));

      // the next upload of the file knows the spelling and the plan
      const again = ok(await upload('krong-no-2024.txt', toBytes(SMALL_DISTRICT_PLAN)), ImportPreview);
      expect(again.plans[0]).toMatchObject({ unknownUnits: [], existingPlanId: newId, unchanged: true });
    });
  });

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'imports');
  });
});
