/**
 * The audit trail on both engines: a scripted sequence of changes through the HTTP API (scores, a
 * task's text and follow-up, lead units, new units, an account with a role granted and revoked, an
 * import that replaces a plan) leaves one entry per changed field with who, when, from which
 * address, what entity and field, and the exact old and new values; the chain verifies; the database
 * itself refuses to update or delete an entry; and a database administrator who gets around that
 * (drops the trigger) and alters, removes the last or removes a middle entry is caught by
 * `parindex audit verify`, which names the entry. Then the pages that read the trail: one
 * criterion's history, the filtered audit page and its XLSX export.
 */
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import type { AuditLogTable, DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { formatDateTime } from '../src/core/display.js';
import { verifyAudit } from '../src/modules/audit-verify.js';
import { planView } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { AuditEntryView, AuditPage, type PlanView } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { multipartFile, signIn, withSession, type SignedIn } from './helpers/http.js';
import { seedPlanText, seedText, setSeedCell, toBytes } from './helpers/seed-edit.js';

const SAMPLES = resolve(ROOT, 'samples');
const PROVINCE = 'Tỉnh Đắk Nông';
const DAY1 = '2024-06-03T02:00:00.000Z';
const DAY2 = '2024-06-04T02:00:00.000Z';
const DAY3 = '2024-06-05T02:00:00.000Z';

/** An audit entry without its id and hashes: what the test expects, field by field. */
type Entry = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash'>;

function entry(fields: Partial<Entry> & Pick<Entry, 'action' | 'entity'>): Entry {
  return {
    at: '',
    user_id: null,
    username: '',
    ip: '',
    entity_id: null,
    plan_id: null,
    item_id: null,
    code: null,
    unit_id: null,
    field: null,
    old_value: null,
    new_value: null,
    ...fields,
  };
}

function rowOf(view: PlanView, code: string) {
  const row = view.rows.find((r) => r.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
}

describe.each(ENGINES)('audit trail on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  let now = new Date('2024-06-01T01:00:00.000Z');
  const clock = () => now;
  let planId: number;
  let subjectId: number;
  let districtSubjectId: number;

  interface Actor {
    username: string;
    id: number;
    ip: string;
    session: SignedIn;
  }
  const actors = (): Actor[] => [officer, admin, districtOfficer];
  let officer: Actor;
  let admin: Actor;
  let districtOfficer: Actor;

  const as = (actor: Actor, options: InjectOptions) =>
    app.inject(withSession({ ...options, remoteAddress: actor.ip }, actor.session));
  const ok = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const lastId = async () =>
    (await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ??
    0;
  /** The entries written since `after`, in order, without ids and hashes. */
  const since = async (after: number): Promise<Entry[]> =>
    (await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').execute()).map(
      ({ id: _id, prev_hash: _p, hash: _h, ...rest }) => rest,
    );
  const by = (actor: Actor, at: string) => ({
    at,
    user_id: actor.id,
    username: actor.username,
    ip: actor.ip,
  });
  const verify = async (...extra: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['audit', 'verify', '--db', testDb.address, ...extra], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: {},
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  /** A new working day: the clock moves, and everyone signs in again (a session lasts 12 hours). */
  const day = async (iso: string) => {
    now = new Date(iso);
    for (const actor of actors()) {
      actor.session = await signIn(app, actor.username, TEST_PASSWORD, { remoteAddress: actor.ip });
    }
  };

  /** ids of the entries the steps wrote, to tamper with later */
  const marks = { score: 0, total: 0 };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const loaded = await loadSamplesIfEmpty({ db, clock }, SAMPLES);
    planId = loaded[0]!.planId;
    const view = await planView(db, planId);
    subjectId = view.subject.id;
    districtSubjectId = (await planView(db, loaded[1]!.planId)).subject.id;
    app = await buildApp({ db, clock });
    await app.ready();
    const make = async (username: string, grant: Parameters<typeof addUser>[2][number], ip: string) => {
      const id = await addUser({ db, clock }, username, [grant]);
      return { username, id, ip, session: await signIn(app, username, TEST_PASSWORD, { remoteAddress: ip }) };
    };
    officer = await make('chuyenvien.tinh', { role: 'officer', unitId: subjectId }, '203.0.113.10');
    admin = await make('quantri', { role: 'admin', unitId: null }, '203.0.113.20');
    districtOfficer = await make(
      'chuyenvien.huyen',
      { role: 'officer', unitId: districtSubjectId },
      '203.0.113.30',
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await testDb?.drop();
  });

  it('records a score edit with its parent and the stated total', async () => {
    await day(DAY1);
    const view = await planView(db, planId);
    const [leaf, area] = [rowOf(view, '1.5'), rowOf(view, '1')];
    expect([leaf.target, area.target, view.statedTotals?.target]).toEqual(['1.5', '8', '89.93']);
    const after = await lastId();
    ok(
      await as(officer, {
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${leaf.itemId}`,
        payload: { version: leaf.version, target: '2' },
      }),
    );
    const on = { ...by(officer, DAY1), plan_id: planId, unit_id: subjectId, field: 'target' };
    expect(await since(after)).toEqual([
      entry({
        ...on,
        action: 'item.update',
        entity: 'plan_item',
        entity_id: String(leaf.itemId),
        item_id: leaf.itemId,
        code: '1.5',
        old_value: '1.5',
        new_value: '2',
      }),
      entry({
        ...on,
        action: 'item.follow',
        entity: 'plan_item',
        entity_id: String(area.itemId),
        item_id: area.itemId,
        code: '1',
        old_value: '8',
        new_value: '8.5',
      }),
      entry({
        ...on,
        action: 'plan.total',
        entity: 'plan',
        entity_id: String(planId),
        old_value: '89.93',
        new_value: '90.43',
      }),
    ]);
    marks.score = after + 1;
    marks.total = after + 3;
  });

  it('records a task’s text, status and progress, and then its lead units', async () => {
    const view = await planView(db, planId);
    const row = rowOf(view, '1.1');
    const task = row.task!;
    expect(task).toMatchObject({ status: 'not_started', progress: 0, leadUnits: [{ name: 'Sở Nội vụ' }] });
    let after = await lastId();
    ok(
      await as(officer, {
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${row.itemId}/task`,
        payload: {
          version: task.version,
          text: 'Ban hành kế hoạch CCHC năm 2022',
          status: 'in_progress',
          progress: 40,
        },
      }),
    );
    const on = {
      ...by(officer, DAY1),
      action: 'task.update' as const,
      entity: 'task' as const,
      entity_id: String(task.id),
      plan_id: planId,
      item_id: row.itemId,
      code: '1.1',
      unit_id: subjectId,
    };
    expect(await since(after)).toEqual([
      entry({ ...on, field: 'text', old_value: task.text, new_value: 'Ban hành kế hoạch CCHC năm 2022' }),
      entry({ ...on, field: 'status', old_value: 'not_started', new_value: 'in_progress' }),
      entry({ ...on, field: 'progress', old_value: '0', new_value: '40' }),
    ]);

    await day(DAY2);
    const soTuPhap = view.units.find((u) => u.name === 'Sở Tư pháp')!.id;
    const soNoiVu = view.units.find((u) => u.name === 'Sở Nội vụ')!.id;
    after = await lastId();
    ok(
      await as(admin, {
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${row.itemId}/task`,
        payload: { version: task.version + 1, leadUnitIds: [soTuPhap, soNoiVu] },
      }),
    );
    expect(await since(after)).toEqual([
      entry({
        ...on,
        ...by(admin, DAY2),
        field: 'lead_units_text',
        old_value: 'Sở Nội vụ',
        new_value: 'Sở Tư pháp; Sở Nội vụ',
      }),
    ]);
  });

  it('records new units, under a plan and in the units tree', async () => {
    let after = await lastId();
    const found = ok(
      await as(admin, {
        method: 'POST',
        url: `/api/plans/${planId}/units`,
        payload: { name: 'Ban Dân tộc tỉnh' },
      }),
    ).json<{ id: number }>();
    expect(await since(after)).toEqual([
      entry({
        ...by(admin, DAY2),
        action: 'unit.create',
        entity: 'unit',
        entity_id: String(found.id),
        plan_id: planId,
        // the entry belongs to the unit created (within the subject's reach)
        unit_id: found.id,
        new_value: 'Ban Dân tộc tỉnh',
      }),
    ]);
    after = await lastId();
    const created = ok(
      await as(admin, {
        method: 'POST',
        url: '/api/units',
        payload: { name: 'Sở Y tế', kind: 'department', parentId: subjectId },
      }),
    ).json<{ id: number }>();
    expect(await since(after)).toEqual([
      entry({
        ...by(admin, DAY2),
        action: 'unit.create',
        entity: 'unit',
        entity_id: String(created.id),
        unit_id: created.id,
        new_value: 'Sở Y tế',
      }),
    ]);
  });

  it('records an account created, a role granted and the role revoked', async () => {
    let after = await lastId();
    const { user } = ok(
      await as(admin, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'thamdinh.tinh',
          displayName: 'Thành viên hội đồng thẩm định',
          grants: [{ role: 'viewer', unitId: subjectId }],
        },
      }),
    ).json<{ user: { id: number } }>();
    const on = { ...by(admin, DAY2), entity: 'user' as const, entity_id: String(user.id) };
    expect(await since(after)).toEqual([
      // the account belongs to the unit of its first role, for scoped readers of the trail
      entry({ ...on, action: 'user.create', unit_id: subjectId, new_value: 'thamdinh.tinh' }),
      entry({
        ...on,
        action: 'user.grant',
        unit_id: subjectId,
        field: 'role',
        new_value: `viewer@${subjectId}`,
      }),
    ]);

    after = await lastId();
    ok(
      await as(admin, {
        method: 'POST',
        url: `/api/users/${user.id}/grants`,
        payload: { role: 'appraiser', unitId: subjectId },
      }),
    );
    expect(await since(after)).toEqual([
      entry({
        ...on,
        action: 'user.grant',
        unit_id: subjectId,
        field: 'role',
        new_value: `appraiser@${subjectId}`,
      }),
    ]);
    const grant = await db
      .selectFrom('user_roles')
      .select('id')
      .where('user_id', '=', user.id)
      .where('role_code', '=', 'appraiser')
      .executeTakeFirstOrThrow();

    after = await lastId();
    ok(await as(admin, { method: 'DELETE', url: `/api/users/${user.id}/grants/${grant.id}` }));
    expect(await since(after)).toEqual([
      entry({
        ...on,
        action: 'user.revoke',
        unit_id: subjectId,
        field: 'role',
        old_value: `appraiser@${subjectId}`,
      }),
    ]);
  });

  it('lists the changes of one criterion in its history', async () => {
    const view = await planView(db, planId);
    const history = async (code: string) =>
      AuditEntryView.array().parse(
        ok(
          await as(officer, {
            method: 'GET',
            url: `/api/plans/${planId}/items/${rowOf(view, code).itemId}/history`,
          }),
        ).json(),
      );
    // newest first
    expect((await history('1.1')).map((e) => [e.username, e.field, e.oldValue, e.newValue])).toEqual([
      ['quantri', 'lead_units_text', 'Sở Nội vụ', 'Sở Tư pháp; Sở Nội vụ'],
      ['chuyenvien.tinh', 'progress', '0', '40'],
      ['chuyenvien.tinh', 'status', 'not_started', 'in_progress'],
      ['chuyenvien.tinh', 'text', expect.any(String) as string, 'Ban hành kế hoạch CCHC năm 2022'],
    ]);
    expect(await history('1.5')).toEqual([
      expect.objectContaining({
        action: 'item.update',
        actionLabel: 'Sửa điểm tiêu chí',
        at: DAY1,
        ip: officer.ip,
        field: 'target',
        oldValue: '1.5',
        newValue: '2',
      }),
    ]);
    expect(await history('1.2')).toEqual([]);
  });

  it('words each entry for its reader: labels, names, one number and date format, Vietnam time', async () => {
    const view = await planView(db, planId);
    const history = async (code: string, lang: 'vi' | 'en') =>
      AuditEntryView.array().parse(
        ok(
          await as(officer, {
            method: 'GET',
            url: `/api/plans/${planId}/items/${rowOf(view, code).itemId}/history`,
            headers: { 'accept-language': lang },
          }),
        ).json(),
      );
    const name = rowOf(view, '1.5').name;
    expect(await history('1.5', 'vi')).toEqual([
      expect.objectContaining({
        time: formatDateTime(DAY1),
        actionLabel: 'Sửa điểm tiêu chí',
        entityLabel: `Tiêu chí 1.5 — ${name}`,
        fieldLabel: 'Mục tiêu',
        oldText: '1,5',
        newText: '2',
      }),
    ]);
    expect(await history('1.5', 'en')).toEqual([
      expect.objectContaining({
        actionLabel: 'Criterion score edited',
        entityLabel: `Criterion 1.5 — ${name}`,
        fieldLabel: 'Target',
        oldText: '1.5',
      }),
    ]);
    const task = await history('1.1', 'vi');
    expect(task.find((e) => e.field === 'status')).toMatchObject({
      entityLabel: `Nhiệm vụ 1.1 — ${rowOf(view, '1.1').name}`,
      fieldLabel: 'Trạng thái',
      oldText: 'Chưa thực hiện',
      newText: 'Đang thực hiện',
    });
    expect((await history('1.1', 'en')).find((e) => e.field === 'status')).toMatchObject({
      actionLabel: 'Task edited',
      oldText: 'Not started',
      newText: 'In progress',
    });
  });

  it('names the units and roles of the trail, never by number', async () => {
    const page = AuditPage.parse(ok(await as(admin, { method: 'GET', url: '/api/audit?limit=1000' })).json());
    const grants = page.entries.filter((e) => e.field === 'role');
    expect(grants.length).toBeGreaterThan(0);
    for (const e of grants) expect(`${e.oldText ?? ''}${e.newText ?? ''}`).not.toMatch(/@ #?\d/);
    for (const e of page.entries) expect(e.entityLabel).not.toMatch(/#\d/);
    const unitEntries = page.entries.filter((e) => e.entity === 'unit');
    for (const e of unitEntries) {
      const unit = await db
        .selectFrom('units')
        .select('name')
        .where('id', '=', Number(e.entityId))
        .executeTakeFirstOrThrow();
      expect(e.entityLabel).toBe(unit.name);
    }
  });

  it('records an import that replaces a plan', async () => {
    await day(DAY3);
    const file = toBytes(
      seedPlanText(setSeedCell(seedText(), 'province', '1.2', 'target', '0,25'), 'province'),
    );
    const before = await db
      .selectFrom('plans')
      .select('version')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const preview = ok(
      await as(officer, { method: 'POST', url: '/api/imports', ...multipartFile('phu-luc-sua.txt', file) }),
    ).json<{ token: string }>();
    const after = await lastId();
    const result = ok(
      await as(officer, {
        method: 'POST',
        url: `/api/imports/${preview.token}/confirm`,
        payload: { replace: true },
      }),
    ).json<{ plans: { outcome: string }[] }>();
    expect(result.plans.map((p) => p.outcome)).toEqual(['replaced']);
    const entries = await since(after);
    expect(entries[0]).toEqual(
      entry({
        ...by(officer, DAY3),
        action: 'plan.replace',
        entity: 'plan',
        entity_id: String(planId),
        plan_id: planId,
        unit_id: subjectId,
        old_value: `v${before.version}`,
        new_value: `${PROVINCE} 2022: 119 tiêu chí (phu-luc-sua.txt): 0 thêm, 0 bỏ, 4 sửa, 0 chuyển dòng, 0 mục theo dõi bị bỏ`,
      }),
    );
    // the file's content wins over the edits made since the first import, each change an entry of
    // its own; the follow-up of the tasks stays
    expect(entries.slice(1).map((e) => [e.action, e.code, e.field, e.old_value, e.new_value])).toEqual([
      ['item.update', '1', 'target', '8.5', '8'],
      ['item.update', '1.2', 'target', '0.5', '0.25'],
      ['item.update', '1.5', 'target', '2', '1.5'],
      [
        'task.update',
        '1.1',
        'text',
        'Ban hành kế hoạch CCHC năm 2022',
        'Theo dõi, đôn đốc hoàn thành 100% hoạt động tại Kế hoạch CCHC năm 2022 của tỉnh.',
      ],
      ['task.update', '1.1', 'lead_units_text', 'Sở Tư pháp; Sở Nội vụ', 'Sở Nội vụ'],
    ]);
    expect(entries.slice(1).every((e) => e.plan_id === planId && e.username === 'chuyenvien.tinh')).toBe(
      true,
    );
  });

  it('filters the audit page by user, plan and date; a scoped reader sees its units only', async () => {
    const page = async (actor: Actor, query: string) =>
      AuditPage.parse(ok(await as(actor, { method: 'GET', url: `/api/audit?limit=1000&${query}` })).json());

    const officers = await page(admin, 'user=chuyenvien.tinh');
    expect(officers.entries.length).toBe(officers.total);
    expect(new Set(officers.entries.map((e) => e.username))).toEqual(new Set(['chuyenvien.tinh']));
    expect(officers.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.login', 'item.update', 'task.update', 'plan.replace']),
    );

    const plan = await page(admin, `plan=${planId}`);
    expect(plan.entries.every((e) => e.planId === planId)).toBe(true);
    expect(plan.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'item.update',
        'item.follow',
        'plan.total',
        'task.update',
        'unit.create',
        'plan.replace',
      ]),
    );
    expect(plan.entries.map((e) => e.action)).not.toContain('user.create');

    const day2 = await page(admin, 'from=2024-06-04&to=2024-06-04');
    expect(new Set(day2.entries.map((e) => e.at))).toEqual(new Set([DAY2]));
    // everyone signed in that morning
    expect(
      day2.entries
        .filter((e) => e.action === 'auth.login')
        .map((e) => e.username)
        .sort(),
    ).toEqual(['chuyenvien.huyen', 'chuyenvien.tinh', 'quantri']);
    expect(
      day2.entries
        .filter((e) => e.action !== 'auth.login')
        .map((e) => e.action)
        .sort(),
    ).toEqual(
      [
        'task.update',
        'unit.create',
        'unit.create',
        'user.create',
        'user.grant',
        'user.grant',
        'user.revoke',
      ].sort(),
    );
    // newest first
    const both = await page(admin, 'user=chuyenvien.tinh&from=2024-06-05&to=2024-06-05');
    expect(both.entries.map((e) => e.action)).toEqual([
      'task.update',
      'task.update',
      'item.update',
      'item.update',
      'item.update',
      'plan.replace',
      'auth.login',
    ]);

    // an officer of the district reads the entries of the district, none of the province's
    const district = await page(districtOfficer, '');
    expect(district.entries.every((e) => e.unitId === districtSubjectId)).toBe(true);
    expect((await page(districtOfficer, `plan=${planId}`)).total).toBe(0);
  });

  it('exports the filtered trail as XLSX', async () => {
    const res = ok(
      await as(admin, {
        method: 'GET',
        url: '/api/audit/export?user=chuyenvien.tinh&from=2024-06-03&to=2024-06-03',
      }),
    );
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="nhat-ky.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Nhật ký')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'STT',
      'Thời gian (giờ Việt Nam)',
      'Người thực hiện',
      'Địa chỉ IP',
      'Hành động',
      'Đối tượng',
      'Kế hoạch',
      'Đơn vị',
      'Trường',
      'Giá trị cũ',
      'Giá trị mới',
      'Mã băm',
    ]);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i] ?? null])));
    });
    // the officer's entries of that day: its sign-in, the score edit (3), the task edit (3)
    expect(rows).toHaveLength(7);
    const plan = await db
      .selectFrom('plans')
      .innerJoin('units', 'units.id', 'plans.subject_unit_id')
      .select(['units.name', 'plans.year'])
      .where('plans.id', '=', planId)
      .executeTakeFirstOrThrow();
    const criterion = await db
      .selectFrom('criteria')
      .innerJoin('plan_items', 'plan_items.criterion_id', 'criteria.id')
      .select('criteria.name')
      .where('plan_items.plan_id', '=', planId)
      .where('criteria.code', '=', '1.5')
      .executeTakeFirstOrThrow();
    // words, names and the one format of the page: no codes, no ids, no ISO times
    expect(rows).toContainEqual(
      expect.objectContaining({
        STT: marks.score,
        'Thời gian (giờ Việt Nam)': formatDateTime(DAY1),
        'Người thực hiện': 'chuyenvien.tinh',
        'Địa chỉ IP': officer.ip,
        'Hành động': 'Sửa điểm tiêu chí',
        'Đối tượng': `Tiêu chí 1.5 — ${criterion.name}`,
        'Kế hoạch': `${plan.name} — ${plan.year}`,
        'Đơn vị': plan.name,
        Trường: 'Mục tiêu',
        'Giá trị cũ': '1,5',
        'Giá trị mới': '2',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        'Hành động': 'Sửa nhiệm vụ',
        'Đối tượng': expect.stringMatching(/^Nhiệm vụ 1\.1 — \S/) as string,
        Trường: 'Trạng thái',
        'Giá trị cũ': 'Chưa thực hiện',
        'Giá trị mới': 'Đang thực hiện',
      }),
    );
    for (const row of rows) {
      expect(String(row['Thời gian (giờ Việt Nam)'])).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      expect(String(row['Đối tượng'])).not.toMatch(/#\d/);
    }
  });

  it('holds its hash chain, and the database refuses to update or delete an entry', async () => {
    const entries = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries });
    await expect(
      sql`update audit_log set new_value = ${'1.9'} where id = ${marks.score}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${marks.score}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries });
    const cli = await verify();
    expect(cli).toMatchObject({ code: 0, err: '' });
    expect(cli.out).toContain(`Nhật ký nguyên vẹn: ${entries} mục, chuỗi mã băm khớp.`);
  });

  it('names the entry a database administrator altered or removed', async () => {
    // around the triggers, as someone holding the database's owner account could
    if (kind === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db);
      await sql`drop trigger audit_log_no_delete`.execute(db);
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    }
    const stored = await db
      .selectFrom('audit_log')
      .select('new_value')
      .where('id', '=', marks.score)
      .executeTakeFirstOrThrow();
    expect(stored.new_value).toBe('2');

    await sql`update audit_log set new_value = ${'1.9'} where id = ${marks.score}`.execute(db);
    let cli = await verify();
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`#${marks.score}`);
    expect(cli.err).toContain('nội dung không khớp mã băm');
    expect(await verifyAudit(db)).toMatchObject({ ok: false, id: marks.score, reason: 'content' });
    const en = await verify('--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.err).toContain(
      `the audit trail was altered at entry #${marks.score}: its content does not match its hash`,
    );

    // put back, it holds again
    await sql`update audit_log set new_value = ${'2'} where id = ${marks.score}`.execute(db);
    expect((await verify()).code).toBe(0);

    // the last entry removed: the head of the chain no longer matches
    const last = await lastId();
    await sql`delete from audit_log where id = ${last}`.execute(db);
    cli = await verify('--lang', 'en');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('altered at entry the end of the trail');
    expect(await verifyAudit(db)).toMatchObject({ ok: false, id: null, reason: 'head' });

    // a middle entry removed: the next one no longer links to the one before it
    await sql`delete from audit_log where id = ${marks.total}`.execute(db);
    const after = await db
      .selectFrom('audit_log')
      .select('id')
      .where('id', '>', marks.total)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    cli = await verify();
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(`#${after.id}`);
    expect(cli.err).toContain('không nối với mục trước');
    expect(await verifyAudit(db)).toMatchObject({ ok: false, id: after.id, reason: 'link' });
  });
});
