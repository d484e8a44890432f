/**
 * Re-importing a plan that officers already follow up, on both engines, through the wizard's API and
 * through `parindex import --replace`: the plan's own XLSX with one cell changed keeps every other
 * task's status, progress, deadline and note; tasks whose rows moved keep theirs; a removed task's
 * follow-up is counted as lost in the preview before anything is written; the preview lists old →
 * new. Also: a plan for a unit that ended before its year is refused naming the successor, and a
 * new district is placed under the parent the officer chose.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { renderError } from '../src/core/messages.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { ImportPreview, ImportResult, PlanView, type PlanDiffView } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { databaseDigest } from './helpers/db-state.js';
import { ROOT } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';

const SAMPLES = resolve(ROOT, 'samples');
const DISTRICT = 'Huyện Krông Nô';

/** Columns of the exported appendix (formats/layout.ts): STT, criterion, max, baseline, target, task, lead. */
const COL = { code: 1, target: 5, task: 6, lead: 7 } as const;

type Cells = Partial<Record<keyof typeof COL, string>>;

/** The workbook with some cells of some rows (by criterion code) rewritten, as an officer would in Excel. */
async function editWorkbook(bytes: Uint8Array, edits: Record<string, Cells>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const seen = new Set<string>();
  sheet.eachRow((row) => {
    const code = row.getCell(COL.code).text.trim();
    const edit = edits[code];
    if (!edit) return;
    seen.add(code);
    for (const [k, v] of Object.entries(edit)) row.getCell(COL[k as keyof typeof COL]).value = v;
  });
  expect([...seen].sort()).toEqual(Object.keys(edits).sort());
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function cellsOf(bytes: Uint8Array, code: string): Promise<{ task: string; lead: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  let found: { task: string; lead: string } | null = null;
  wb.worksheets[0]!.eachRow((row) => {
    if (row.getCell(COL.code).text.trim() === code) {
      found = {
        task: row.getCell(COL.task).text,
        lead: row.getCell(COL.lead).text,
      };
    }
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

interface FollowRow {
  code: string;
  itemId: number;
  taskId: number;
  text: string;
  status: string;
  progress: number;
  deadline: string | null;
  note: string;
}

/** Every task of a plan with its follow-up, by criterion code. */
async function followUp(db: Kysely<DB>, planId: number): Promise<Map<string, FollowRow>> {
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select([
      'criteria.code as code',
      'plan_items.id as itemId',
      'tasks.id as taskId',
      'tasks.text as text',
      'tasks.status as status',
      'tasks.progress as progress',
      'tasks.deadline as deadline',
      'tasks.progress_note as note',
    ])
    .where('plan_items.plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.code, { ...r, progress: Number(r.progress) }]));
}

/** Follow-up on five tasks of the district plan, written the way the task route writes it. */
const FOLLOWED = ['1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.4.1'] as const;

async function setFollowUp(db: Kysely<DB>, planId: number): Promise<void> {
  const tasks = await followUp(db, planId);
  for (const [i, code] of FOLLOWED.entries()) {
    await db
      .updateTable('tasks')
      .set({
        status: 'in_progress',
        progress: 10 * (i + 1),
        deadline: `2023-0${i + 3}-15`,
        progress_note: `Ghi chú ${code}`,
      })
      .where('id', '=', tasks.get(code)!.taskId)
      .execute();
  }
}

/** The rows of a diff as "code kind: field old→new". */
function shown(diff: PlanDiffView) {
  return diff.rows.map(
    (r) =>
      `${r.code} ${r.kind}${r.movedFrom ? ` from ${r.movedFrom}` : ''}${r.lostFollowUp ? ` lost ${r.lostFollowUp}` : ''}: ` +
      r.changes.map((c) => `${c.field} ${c.old}→${c.new}`).join(' | '),
  );
}

const SMALL_PLAN = (title: string, year: number) =>
  [
    `PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC ${title} NĂM ${year}**`,
    '',
    `STT\tLĩnh vực/ tiêu chí/ tiêu chí thành phần\tĐiểm chuẩn\tĐiểm năm ${year - 1} đạt được\tMục tiêu năm ${year}\tNhiệm vụ/ giải pháp/ kết quả đầu ra\tĐơn vị chủ trì`,
    '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t100\t90\t95\t\t',
    '1.1\tKế hoạch CCHC năm\t60\t50\t55\tXây dựng kế hoạch\tPhòng Nội vụ',
    '1.2\tThực hiện chế độ báo cáo CCHC định kỳ\t40\t40\t40\tBáo cáo đầy đủ, đúng hạn\tPhòng Tư pháp',
    'TỔNG ĐIỂM\t\t100\t90\t95\t\t',
  ].join('\n');

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe.each(ENGINES)('re-importing a followed-up plan on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let session: SignedIn;
  let districtId: number;
  let dir: string;
  const clock = () => new Date();

  const call = (options: InjectOptions) => app.inject(withSession(options, session));
  const ok = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<unknown>();
  };
  const exportXlsx = async (planId: number) => {
    const res = await call({ method: 'GET', url: `/api/plans/${planId}/export/xlsx` });
    expect(res.statusCode).toBe(200);
    return new Uint8Array(res.rawPayload);
  };
  const preview = async (name: string, bytes: Uint8Array) =>
    ImportPreview.parse(
      ok(await call({ method: 'POST', url: '/api/imports', ...multipartFile(name, bytes) })),
    );
  const confirm = (token: string, body: object) =>
    call({ method: 'POST', url: `/api/imports/${token}/confirm`, payload: body });
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run([...args, '--db', testDb.address], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { USER: 'tester' },
    });
    return { code, out, err };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const loaded = await loadSamplesIfEmpty({ db, clock }, SAMPLES);
    districtId = loaded.find((p) => p.subject === DISTRICT)!.planId;
    app = await buildApp({ db, clock });
    await app.ready();
    await addUser({ db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    session = await signIn(app, 'quantri', TEST_PASSWORD);
    dir = mkdtempSync(join(tmpdir(), 'parindex-reimport-'));
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('API: one task text edited in the XLSX → the preview shows old → new; replacing keeps every follow-up', async () => {
    await setFollowUp(db, districtId);
    const before = await followUp(db, districtId);
    const exported = await exportXlsx(districtId);
    const old = (await cellsOf(exported, '1.1.2')).task;
    const edited = await editWorkbook(exported, {
      '1.1.2': { task: 'Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung' },
    });

    const p = (await preview('krong-no.xlsx', edited)).plans[0]!;
    expect(p).toMatchObject({ existingPlanId: districtId, unchanged: false });
    expect(p.diff).toMatchObject({ added: 0, removed: 0, changed: 1, moved: 0, lostFollowUp: 0 });
    expect(shown(p.diff!)).toEqual([
      `1.1.2 changed: task ${old}→Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung`,
    ]);

    const token = (await preview('krong-no.xlsx', edited)).token;
    const digest = await databaseDigest(db);
    // without replace nothing is written
    expect((await confirm(token, {})).statusCode).toBe(409);
    expect(await databaseDigest(db)).toBe(digest);
    const result = ImportResult.parse(ok(await confirm(token, { replace: true })));
    expect(result.plans).toEqual([{ id: districtId, subject: DISTRICT, year: 2023, outcome: 'replaced' }]);

    const after = await followUp(db, districtId);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [code, row] of before) {
      const now = after.get(code)!;
      expect({ ...now, text: code === '1.1.2' ? row.text : now.text }).toEqual(row);
    }
    expect(after.get('1.1.2')!.text).toBe('Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung');
    expect(after.get('1.1.2')).toMatchObject({ status: 'in_progress', progress: 20, note: 'Ghi chú 1.1.2' });

    const trail = await db
      .selectFrom('audit_log')
      .select(['action', 'code', 'field', 'old_value', 'new_value'])
      .where('plan_id', '=', districtId)
      .where('action', 'in', ['plan.replace', 'task.update', 'task.delete', 'item.update'])
      .orderBy('id')
      .execute();
    expect(trail.at(-2)!.action).toBe('plan.replace');
    expect(trail.at(-2)!.new_value).toContain('0 thêm, 0 bỏ, 1 sửa, 0 chuyển dòng, 0 mục theo dõi bị bỏ');
    expect(trail.slice(-1)).toEqual([
      {
        action: 'task.update',
        code: '1.1.2',
        field: 'text',
        old_value: old,
        new_value: 'Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung',
      },
    ]);
    // the plan page shows the kept follow-up
    const view = PlanView.parse(ok(await call({ method: 'GET', url: `/api/plans/${districtId}` })));
    expect(view.rows.find((r) => r.code === '1.2.1')!.task).toMatchObject({
      status: 'in_progress',
      progress: 30,
      deadline: '2023-05-15',
      progressNote: 'Ghi chú 1.2.1',
    });
  });

  it('API: rows moved in the file → tasks keep their follow-up under their new criterion', async () => {
    const before = await followUp(db, districtId);
    const exported = await exportXlsx(districtId);
    const a = await cellsOf(exported, '1.2.1');
    const b = await cellsOf(exported, '1.2.2');
    const swapped = await editWorkbook(exported, { '1.2.1': b, '1.2.2': a });
    const up = await preview('krong-no.xlsx', swapped);
    const p = up.plans[0]!;
    expect(p.diff).toMatchObject({ moved: 2, lostFollowUp: 0, added: 0, removed: 0 });
    expect(shown(p.diff!)).toEqual([
      `1.2.1 changed from 1.2.2: task ${a.task}→${b.task}`,
      `1.2.2 changed from 1.2.1: task ${b.task}→${a.task}`,
    ]);
    ImportResult.parse(ok(await confirm(up.token, { replace: true })));
    const after = await followUp(db, districtId);
    expect(after.get('1.2.2')).toEqual({
      ...before.get('1.2.1')!,
      code: '1.2.2',
      itemId: before.get('1.2.2')!.itemId,
    });
    expect(after.get('1.2.1')).toEqual({
      ...before.get('1.2.2')!,
      code: '1.2.1',
      itemId: before.get('1.2.1')!.itemId,
    });
  });

  it('API: a removed task’s follow-up is counted as lost before anything is written', async () => {
    const before = await followUp(db, districtId);
    const exported = await exportXlsx(districtId);
    const removed = await editWorkbook(exported, { '1.4.1': { task: '', lead: '' } });
    const up = await preview('krong-no.xlsx', removed);
    const p = up.plans[0]!;
    expect(p.diff).toMatchObject({ lostFollowUp: 1, changed: 1 });
    expect(shown(p.diff!)).toEqual([
      `1.4.1 changed lost 1: task ${before.get('1.4.1')!.text}→ | leadUnits Phòng Văn hóa - Thông tin→`,
    ]);
    // nothing is written before the confirmation
    expect(await followUp(db, districtId)).toEqual(before);
    ImportResult.parse(ok(await confirm(up.token, { replace: true })));
    const after = await followUp(db, districtId);
    expect(after.has('1.4.1')).toBe(false);
    for (const code of FOLLOWED.filter((c) => c !== '1.4.1'))
      expect(after.get(code)).toEqual(before.get(code));
    const lost = await db
      .selectFrom('audit_log')
      .select(['old_value'])
      .where('action', '=', 'task.delete')
      .where('code', '=', '1.4.1')
      .executeTakeFirstOrThrow();
    expect(lost.old_value).toContain('Ghi chú 1.4.1');
  });

  it('API: a plan changed after its preview is not replaced — the differences shown were of what it was', async () => {
    const exported = await exportXlsx(districtId);
    const up = await preview('krong-no.xlsx', await editWorkbook(exported, { '1.1.1': { task: 'Khác' } }));
    const seen = up.plans[0]!.existingVersion!;
    expect(up.plans[0]!.diff).toMatchObject({ changed: 1, lostFollowUp: 0 });
    // meanwhile a lead unit records progress
    const view = PlanView.parse(ok(await call({ method: 'GET', url: `/api/plans/${districtId}` })));
    const row = view.rows.find((r) => r.code === '1.3.1')!;
    ok(
      await call({
        method: 'PATCH',
        url: `/api/plans/${districtId}/items/${row.itemId}/task`,
        payload: { version: row.task!.version, progress: 50 },
      }),
    );
    const digest = await databaseDigest(db);
    const res = await confirm(up.token, { replace: true, seenVersions: [{ plan: 0, version: seen }] });
    expect(res.statusCode).toBe(409);
    const error = res.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('PLAN_CHANGED');
    expect(error.message).toContain('tải tệp lên lại');
    expect(await databaseDigest(db)).toBe(digest);
  });

  it('CLI: --replace --dry-run --json lists old → new and the follow-up lost, writing nothing; --replace keeps the rest', async () => {
    const before = await followUp(db, districtId);
    const file = join(dir, 'krong-no.xlsx');
    expect((await cli(['export', String(districtId), '--format', 'xlsx', '-o', file])).code).toBe(0);
    const exported = new Uint8Array(readFileSync(file));
    const oldText = before.get('1.1.1')!.text;
    const edited = await editWorkbook(exported, {
      '1.1.1': { task: 'Ban hành kế hoạch trước ngày 05/01/2023' },
      '1.2.2': { task: '', lead: '' },
    });
    const editedFile = join(dir, 'krong-no-sua.xlsx');
    writeFileSync(editedFile, edited);

    const digest = await databaseDigest(db);
    const dry = await cli(['import', editedFile, '--replace', '--dry-run', '--json']);
    expect(dry.err).toEqual([]);
    expect(dry.code).toBe(0);
    const json = JSON.parse(dry.out[0]!) as {
      dryRun: boolean;
      plans: { outcome: string; diff: PlanDiffView }[];
    };
    expect(json.dryRun).toBe(true);
    expect(json.plans[0]!.outcome).toBe('replaced');
    expect(json.plans[0]!.diff).toMatchObject({ changed: 2, lostFollowUp: 1 });
    expect(shown(json.plans[0]!.diff)).toEqual([
      `1.1.1 changed: task ${oldText}→Ban hành kế hoạch trước ngày 05/01/2023`,
      `1.2.2 changed lost 1: task ${before.get('1.2.2')!.text}→ | leadUnits Phòng Nội vụ→`,
    ]);
    expect(await databaseDigest(db)).toBe(digest);

    const text = await cli(['import', editedFile, '--replace', '--dry-run']);
    expect(text.out.join('\n')).toContain('1 mục theo dõi (trạng thái, tiến độ, hạn, ghi chú) bị mất');
    expect(text.out.join('\n')).toContain(
      `nhiệm vụ: "${oldText}" → "Ban hành kế hoạch trước ngày 05/01/2023"`,
    );
    expect(await databaseDigest(db)).toBe(digest);

    const done = await cli(['import', editedFile, '--replace']);
    expect(done.code).toBe(0);
    const after = await followUp(db, districtId);
    expect(after.get('1.1.1')).toEqual({
      ...before.get('1.1.1')!,
      text: 'Ban hành kế hoạch trước ngày 05/01/2023',
    });
    expect(after.has('1.2.2')).toBe(false);
    for (const code of ['1.1.2', '1.2.1']) expect(after.get(code)).toEqual(before.get(code));
    // the export of the merged plan imports as unchanged
    const again = join(dir, 'again.xlsx');
    await cli(['export', String(districtId), '--format', 'xlsx', '-o', again]);
    expect((await cli(['import', again, '--json'])).out[0]).toContain('"outcome": "unchanged"');
  });

  it('refuses a plan for a unit that ended before its year, naming the successor (API and CLI)', async () => {
    const file = join(dir, 'dak-nong-2026.txt');
    writeFileSync(file, SMALL_PLAN('TỈNH ĐẮK NÔNG', 2026));
    const p = await preview('dak-nong-2026.txt', bytesOf(SMALL_PLAN('TỈNH ĐẮK NÔNG', 2026)));
    expect(p.canConfirm).toBe(false);
    expect(p.plans[0]!.ended).toMatchObject({ until: '2025-06-30', successor: 'Tỉnh Lâm Đồng' });
    const words = renderError('UNIT_DISSOLVED', p.plans[0]!.ended!, 'vi');
    expect(words).toContain('đến 30/06/2025');
    expect(words).toContain('hãy lập kế hoạch cho Tỉnh Lâm Đồng');
    const digest = await databaseDigest(db);
    const refused = await confirm(p.token, {});
    expect(await databaseDigest(db)).toBe(digest);
    expect(refused.statusCode).toBe(422);
    const error = refused.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('UNIT_DISSOLVED');
    expect(error.message).toContain('Tỉnh Lâm Đồng');
    const ran = await cli(['import', file]);
    expect(ran.code).toBe(1);
    expect(ran.err).toEqual([expect.stringContaining('đơn vị kế thừa là Tỉnh Lâm Đồng')]);
    const en = await cli(['--lang', 'en', 'import', file]);
    expect(en.err).toEqual([expect.stringContaining('its successor is Tỉnh Lâm Đồng')]);
    // Krông Nô was dissolved without a successor; its 2025 plan (its last half-year) is still allowed
    const district = await preview('krong-no-2026.txt', bytesOf(SMALL_PLAN('HUYỆN KRÔNG NÔ', 2026)));
    expect(renderError('UNIT_DISSOLVED', district.plans[0]!.ended!, 'vi')).toContain(
      'Huyện Krông Nô đã giải thể (hoạt động đến 30/06/2025)',
    );
    const last = await preview('krong-no-2025.txt', bytesOf(SMALL_PLAN('HUYỆN KRÔNG NÔ', 2025)));
    expect(last.plans[0]!.ended).toBeNull();
    expect(await db.selectFrom('plans').select('id').where('year', '>=', 2025).execute()).toEqual([]);
  });

  it('asks where a new district goes: a province within reach, nothing else', async () => {
    const p = await preview('cu-jut-2024.txt', bytesOf(SMALL_PLAN('HUYỆN CƯ JÚT', 2024)));
    const plan = p.plans[0]!;
    expect(plan.newSubject).toMatchObject({ kind: 'district', needsParent: true, parentPlans: [] });
    const dakNong = await unitId(db, 'Tỉnh Đắk Nông');
    const lamDong = await unitId(db, 'Tỉnh Lâm Đồng');
    expect(plan.newSubject!.parentOptions.map((u) => u.id).sort()).toEqual([dakNong, lamDong].sort());

    const required = await confirm(p.token, {});
    expect(required.statusCode).toBe(422);
    expect(required.json<{ error: { code: string } }>().error.code).toBe('PARENT_REQUIRED');
    const office = await unitId(db, 'Sở Nội vụ');
    const invalid = await confirm(p.token, { parents: [{ plan: 0, unitId: office }] });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json<{ error: { code: string } }>().error.code).toBe('PARENT_INVALID');
    expect(await db.selectFrom('units').select('id').where('name', '=', 'Huyện Cư Jút').execute()).toEqual(
      [],
    );

    const created = ImportResult.parse(
      ok(await confirm(p.token, { parents: [{ plan: 0, unitId: dakNong }] })),
    );
    expect(created.plans[0]).toMatchObject({ subject: 'Huyện Cư Jút', year: 2024, outcome: 'created' });
    const unit = await db
      .selectFrom('units')
      .select(['parent_id', 'kind'])
      .where('name', '=', 'Huyện Cư Jút')
      .executeTakeFirstOrThrow();
    expect(unit).toEqual({ parent_id: dakNong, kind: 'district' });
  });
});
