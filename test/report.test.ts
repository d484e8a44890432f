/**
 * The progress report and the plans list's filters over HTTP (and the `parindex report` command),
 * on both engines, with the samples loaded as a new installation has them. Follow-up is entered
 * through the API as an officer would; the downloaded XLSX is opened with exceljs and the DOCX with
 * mammoth, and their rows, status labels, overdue marks and dated title are compared with what was
 * entered. Rights: a lead-unit officer gets its own unit's report only (another unit: 403).
 */
import { resolve } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { ApiError, PlanListItem, PlanView, type PlanRow, type TaskStatus } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';

const SAMPLES = resolve(ROOT, 'samples');
const NOI_VU = 'Phòng Nội vụ';
const TU_PHAP = 'Phòng Tư pháp';
const TITLE_2026 =
  'Báo cáo tiến độ thực hiện Kế hoạch cải thiện Chỉ số CCHC năm 2023 của Huyện Krông Nô — tính đến ngày 30/11/2026';

/** The follow-up entered on the district plan: [status, progress, deadline, note] per chosen row. */
interface FollowUp {
  status: TaskStatus;
  progress: number;
  deadline: string | null;
  progressNote: string;
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(ApiError.parse(res.json()).error.code).toBe(code);
}

/** The rows of the tables of a DOCX as mammoth reads them: each cell's text. */
async function docxTables(bytes: Buffer): Promise<{ text: string; rows: string[][] }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
  const strip = (s: string) =>
    s
      .replace(/<\/p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .trim();
  const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => strip(c[1]!)),
  );
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  return { text, rows };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Cell texts of a sheet's rows (dates as yyyy-mm-dd, numbers as numbers). */
function sheetRows(sheet: ExcelJS.Worksheet): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : typeof v === 'number' || typeof v === 'string'
            ? v
            : v === null || v === undefined
              ? null
              : JSON.stringify(v),
      );
    }
    out[row.number - 1] = cells;
  });
  return out;
}

describe.each(ENGINES)('progress report and plans list on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  // 18:00 UTC on 29/11 is already 30/11 in Vietnam
  const clock = () => new Date('2026-11-29T18:00:00.000Z');
  let admin: SignedIn;
  let leadOfficer: SignedIn;
  let provinceId: number;
  let districtId: number;
  let noiVuId: number;
  let tuPhapId: number;
  /** code → what was entered */
  const entered = new Map<string, FollowUp>();

  const as = (session: SignedIn, options: InjectOptions) => app.inject(withSession(options, session));
  const get = (session: SignedIn, url: string) => as(session, { method: 'GET', url });

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    const loaded = await loadSamplesIfEmpty({ db: database.db, clock }, SAMPLES);
    provinceId = loaded[0]!.planId;
    districtId = loaded[1]!.planId;
    app = await buildApp({ db: database.db, clock });
    await app.ready();
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
    const plan = PlanView.parse((await get(admin, `/api/plans/${districtId}`)).json());
    noiVuId = plan.units.find((u) => u.name === NOI_VU)!.id;
    tuPhapId = plan.units.find((u) => u.name === TU_PHAP)!.id;
    await addUser({ db: database.db, clock }, 'noivu', [{ role: 'lead_unit', unitId: noiVuId }]);
    leadOfficer = await signIn(app, 'noivu', TEST_PASSWORD, { remoteAddress: '10.0.0.2' });

    // follow-up on three rows of Phòng Nội vụ and one of Phòng Tư pháp
    const leads = (r: PlanRow, name: string) => r.task?.leadUnits.some((u) => u.name === name) ?? false;
    const noiVu = plan.rows.filter((r) => leads(r, NOI_VU) && !leads(r, TU_PHAP));
    const tuPhap = plan.rows.find((r) => leads(r, TU_PHAP) && !leads(r, NOI_VU))!;
    const changes: [PlanRow, FollowUp][] = [
      [noiVu[0]!, { status: 'done', progress: 100, deadline: '2026-03-31', progressNote: 'Đã ban hành' }],
      [
        noiVu[1]!,
        { status: 'in_progress', progress: 40, deadline: '2026-06-30', progressNote: 'Đang lấy ý kiến' },
      ],
      [noiVu[2]!, { status: 'at_risk', progress: 10, deadline: '2026-12-31', progressNote: '' }],
      [tuPhap, { status: 'not_started', progress: 0, deadline: '2026-10-31', progressNote: 'Chờ kinh phí' }],
    ];
    for (const [row, follow] of changes) {
      const res = await as(admin, {
        method: 'PATCH',
        url: `/api/plans/${districtId}/items/${row.itemId}/task`,
        payload: { version: row.task!.version, ...follow },
      });
      expect(res.statusCode, res.body).toBe(200);
      entered.set(row.code, follow);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  it('the XLSX report carries every task with status, progress, deadline, note and overdue marks', async () => {
    const res = await get(admin, `/api/plans/${districtId}/report/xlsx?asOf=30/11/2026`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="bao-cao-tien-do-huyen-krong-no-2023-2026-11-30.xlsx"',
    );
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Chi tiết nhiệm vụ']);
    const tasks = wb.getWorksheet('Chi tiết nhiệm vụ')!;
    expect(tasks.getCell('A1').value).toBe(TITLE_2026);
    const rows = sheetRows(tasks);
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual([
      'STT',
      'Tiêu chí/Tiêu chí thành phần',
      'Nhiệm vụ/giải pháp',
      'Đơn vị chủ trì',
      'Thời hạn',
      'Trạng thái',
      'Tiến độ',
      'Ghi chú',
      'Quá hạn',
    ]);
    // the header row repeats on every printed page
    expect(tasks.pageSetup.printTitlesRow).toBe(`${header + 1}:${header + 1}`);
    const byCode = new Map(rows.slice(header + 1).map((r) => [String(r[0]), r]));
    const label = { done: 'Hoàn thành', in_progress: 'Đang thực hiện', at_risk: 'Có nguy cơ chậm' } as const;
    for (const [code, f] of entered) {
      const r = byCode.get(code)!;
      expect(r, code).toBeDefined();
      expect(r[4]).toBe(f.deadline);
      expect(r[5]).toBe(f.status === 'not_started' ? 'Chưa thực hiện' : label[f.status]);
      expect(r[6]).toBe(f.progress / 100);
      expect(r[7] ?? '').toBe(f.progressNote);
    }
    // 30/11/2026: 31/03 done (not overdue), 30/06 in progress 153 days late, 31/12 not yet due,
    // 31/10 not started 30 days late
    const overdue = [...entered].map(([code]) => byCode.get(code)![8] ?? '');
    expect(overdue).toEqual(['', 'Quá hạn 153 ngày', '', 'Quá hạn 30 ngày']);
    expect(tasks.getCell(`E${[...byCode.keys()].indexOf([...entered.keys()][0]!) + header + 2}`).numFmt).toBe(
      'dd/mm/yyyy',
    );
    // a task without a deadline says so
    expect(rows.slice(header + 1).some((r) => r[4] === 'Chưa có thời hạn')).toBe(true);

    const summary = sheetRows(wb.getWorksheet('Tổng hợp')!);
    expect(summary[0]![0]).toBe(TITLE_2026);
    const total = summary.find((r) => r[0] === 'Tổng cộng')!;
    // area lines are merged across the row: a task line is one with a status
    const statuses = ['Chưa thực hiện', 'Đang thực hiện', 'Có nguy cơ chậm', 'Hoàn thành'];
    const taskRows = rows.slice(header + 1).filter((r) => statuses.includes(String(r[5])));
    // tasks, done, in progress, at risk, not started, overdue
    expect(total.slice(1, 7)).toEqual([taskRows.length, 1, 1, 1, taskRows.length - 3, 2]);
    const noiVu = summary.find((r) => r[0] === NOI_VU)!;
    expect(noiVu.slice(2, 7)).toEqual([1, 1, 1, 39, 1]);
  });

  it('the DOCX report reads back with the same rows, labels, overdue marks and dated title', async () => {
    const res = await get(admin, `/api/plans/${districtId}/report/docx?asOf=30/11/2026`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    const { text, rows } = await docxTables(res.rawPayload);
    expect(text.startsWith(TITLE_2026)).toBe(true);
    expect(text).toContain('TỔNG HỢP TIẾN ĐỘ');
    expect(text).toContain('quá hạn 2.');
    const byCode = new Map(rows.filter((r) => r.length === 9).map((r) => [r[0]!, r]));
    const [done, late, atRisk, notStarted] = [...entered.keys()].map((c) => byCode.get(c)!);
    expect(done!.slice(4)).toEqual(['31/03/2026', 'Hoàn thành', '100%', 'Đã ban hành', '']);
    expect(late!.slice(4)).toEqual([
      '30/06/2026',
      'Đang thực hiện',
      '40%',
      'Đang lấy ý kiến',
      'Quá hạn 153 ngày',
    ]);
    expect(atRisk!.slice(4)).toEqual(['31/12/2026', 'Có nguy cơ chậm', '10%', '', '']);
    expect(notStarted!.slice(3)).toEqual([
      TU_PHAP,
      '31/10/2026',
      'Chưa thực hiện',
      '0%',
      'Chờ kinh phí',
      'Quá hạn 30 ngày',
    ]);
    const total = rows.find((r) => r[0] === 'Tổng cộng')!;
    expect(total.slice(2, 7)).toEqual(['1', '1', '1', String(Number(total[1]) - 3), '2']);
  });

  it('the day defaults to today in Vietnam; a date that does not exist is refused', async () => {
    const res = await get(admin, `/api/plans/${districtId}/report/docx`);
    expect(res.statusCode).toBe(200);
    expect((await docxTables(res.rawPayload)).text.startsWith(TITLE_2026)).toBe(true);
    const earlier = await get(admin, `/api/plans/${districtId}/report/docx?asOf=2026-07-01`);
    const { text } = await docxTables(earlier.rawPayload);
    expect(text).toContain('tính đến ngày 01/07/2026');
    // on 01/07 only the task due 30/06 is late, by one day
    expect(text).toContain('Quá hạn 1 ngày');
    expect(text).not.toContain('Quá hạn 30 ngày');
    for (const bad of ['31/02/2026', '2026-13-01', 'hôm nay'])
      expectError(
        await get(admin, `/api/plans/${districtId}/report/xlsx?asOf=${encodeURIComponent(bad)}`),
        400,
        'VALIDATION_FAILED',
      );
    expectError(await get(admin, `/api/plans/${districtId}/report/pdf`), 400, 'VALIDATION_FAILED');
    expectError(await get(admin, `/api/plans/999999/report/xlsx`), 404, 'PLAN_NOT_FOUND');
    // a unit of another locality is not a unit of this plan
    const province = PlanView.parse((await get(admin, `/api/plans/${provinceId}`)).json());
    expectError(
      await get(admin, `/api/plans/${districtId}/report/xlsx?unit=${province.units[0]!.id}`),
      404,
      'UNIT_NOT_FOUND',
    );
  });

  it("a lead unit's report holds its rows only; its officer gets it and no other unit's", async () => {
    const own = await get(leadOfficer, `/api/plans/${districtId}/report/docx?asOf=30/11/2026`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.headers['content-disposition']).toContain('bao-cao-tien-do-huyen-krong-no-2023-phong-noi-vu-');
    const { text, rows } = await docxTables(own.rawPayload);
    expect(text).toContain(`Đơn vị: ${NOI_VU}`);
    const tasks = rows.filter((r) => r.length === 9 && r[0] !== 'STT');
    const plan = PlanView.parse((await get(leadOfficer, `/api/plans/${districtId}`)).json());
    // exactly the rows the officer sees in the plan
    expect(tasks.map((r) => r[0])).toEqual(plan.rows.map((r) => r.code));
    expect(tasks.some((r) => r[3] === TU_PHAP)).toBe(false);
    const same = await get(leadOfficer, `/api/plans/${districtId}/report/xlsx?unit=${noiVuId}`);
    expect(same.statusCode).toBe(200);
    expectError(
      await get(leadOfficer, `/api/plans/${districtId}/report/xlsx?unit=${tuPhapId}`),
      403,
      'FORBIDDEN',
    );
    expectError(await get(leadOfficer, `/api/plans/${provinceId}/report/xlsx`), 403, 'FORBIDDEN');
    // an administrator may ask for any unit's report
    const tuPhap = await get(admin, `/api/plans/${districtId}/report/docx?unit=${tuPhapId}&asOf=30/11/2026`);
    const tp = await docxTables(tuPhap.rawPayload);
    expect(tp.text).toContain(`Đơn vị: ${TU_PHAP}`);
    expect(
      tp.rows.filter((r) => r.length === 9 && r[0] !== 'STT').every((r) => r[3]!.includes(TU_PHAP)),
    ).toBe(true);
  });

  it('the plans list searches without diacritics, filters and carries task progress', async () => {
    const list = async (session: SignedIn, query = '') => {
      const res = await get(session, `/api/plans${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return PlanListItem.array().parse(res.json());
    };
    const all = await list(admin);
    const district = all.find((p) => p.id === districtId)!;
    expect(district).toMatchObject({ tasksDone: 1, overdue: 2 });
    expect(district.tasks).toBeGreaterThan(3);
    expect(all.find((p) => p.id === provinceId)).toMatchObject({ tasksDone: 0, overdue: 0 });
    const ids = (items: PlanListItem[]) => items.map((p) => p.id);
    expect(ids(await list(admin, '?q=krong%20no'))).toEqual([districtId]);
    expect(ids(await list(admin, `?q=${encodeURIComponent('ĐẮK nông')}`))).toEqual([provinceId]);
    expect(ids(await list(admin, '?q=2022'))).toEqual([provinceId]);
    expect(ids(await list(admin, '?year=2023'))).toEqual([districtId]);
    expect(ids(await list(admin, '?overdue=1'))).toEqual([districtId]);
    expect(ids(await list(admin, '?overdue=0'))).toEqual([provinceId]);
    // a unit means its plans and those of the units below it
    expect(ids(await list(admin, `?unit=${district.subjectId}`))).toEqual([districtId]);
    const provinceUnit = all.find((p) => p.id === provinceId)!.subjectId;
    expect(ids(await list(admin, `?unit=${provinceUnit}`)).sort()).toEqual([provinceId, districtId].sort());
    const withErrors = all.filter((p) => p.errors > 0).map((p) => p.id);
    expect(ids(await list(admin, '?hasErrors=true'))).toEqual(withErrors);
    expect(ids(await list(admin, '?hasErrors=true&year=2023&q=krong'))).toEqual(
      withErrors.filter((id) => id === districtId),
    );
    expectError(await get(admin, '/api/plans?year=abc'), 400, 'VALIDATION_FAILED');
    expectError(await get(admin, '/api/plans?overdue=maybe'), 400, 'VALIDATION_FAILED');
    // a lead-unit officer's figures are those of its rows
    const mine = await list(leadOfficer);
    expect(mine.map((p) => p.id)).toEqual([districtId]);
    expect(mine[0]).toMatchObject({ tasksDone: 1, overdue: 1 });
  });

  it('parindex report writes the report of a plan or of a unit named by its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-report-'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: {}, now: clock };
      const file = join(dir, 'noi-vu.docx');
      const args = ['report', String(districtId), '--db', testDb.address, '--format', 'docx', '-o', file];
      expect(await run([...args, '--unit', 'phong noi vu', '--as-of', '30/11/2026'], io)).toBe(0);
      const { text, rows } = await docxTables(readFileSync(file));
      expect(text.startsWith(TITLE_2026)).toBe(true);
      expect(text).toContain(`Đơn vị: ${NOI_VU}`);
      expect(rows.some((r) => r.at(-1) === 'Quá hạn 153 ngày')).toBe(true);
      expect(await run([...args, '--unit', 'Phòng Không Có'], io)).toBe(2);
      expect(await run([...args, '--as-of', '31/02/2026'], io)).toBe(2);
      expect(
        await run(['report', '999999', '--db', testDb.address, '--format', 'xlsx', '-o', file], io),
      ).toBe(2);
      expect(err.map((e) => e.split(':')[0])).toEqual(['parindex', 'parindex', 'parindex']);
      expect(err[1]).toContain('31/02/2026');
      // without --as-of: today in Vietnam
      const xlsx = join(dir, 'all.xlsx');
      expect(
        await run(['report', String(districtId), '--db', testDb.address, '--format', 'xlsx', '-o', xlsx], io),
      ).toBe(0);
      const wb = await workbook(readFileSync(xlsx));
      expect(wb.getWorksheet('Tổng hợp')!.getCell('A1').value).toBe(TITLE_2026);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
