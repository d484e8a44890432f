/**
 * Units across reorganisations on both engines (decision 0012): two communes with plans for 2025
 * merged into a new one on 01/07/2025; the new commune's lineage both ways; its 2025 figure from its
 * predecessors' plans by each rule; a 2026 plan for a merged commune refused naming its successor;
 * a list of reorganisations with a bad row writes nothing and names the row and column; a good list
 * (XLSX) is recorded with the successor it names created. The tests of a block run in order.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocation, findingMessage } from '../src/core/findings.js';
import type { LineageConflict } from '../src/core/messages.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { systemActor } from '../src/modules/access.js';
import { AppError } from '../src/modules/errors.js';
import { importPlans, type ImportResult } from '../src/modules/imports.js';
import { updateItemScores } from '../src/modules/plan-edits.js';
import { createUnit } from '../src/modules/units-admin.js';
import {
  importUnitEvents,
  lastYearOf,
  recordLastYear,
  recordUnitEvent,
  unitLineage,
} from '../src/modules/unit-events.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { seedPlanText, seedText, toBytes } from './helpers/seed-edit.js';

const NOW = new Date('2025-08-01T02:00:00.000Z');
const A = 'Xã Đắk Sôr';
const B = 'Xã Nâm Nung';
const C = 'Xã Krông Nô';
const DECISION = '1671/NQ-UBTVQH15';

/** The seed's district appendix as a commune's plan of `year` (its header's years shifted with it). */
function communePlan(name: string, year: number): Uint8Array {
  const text = seedPlanText(seedText(), 'district')
    .replace('HUYỆN KRÔNG NÔ NĂM 2023', `${name.toUpperCase()} NĂM ${year}`)
    .replaceAll('2023', String(year))
    .replaceAll('2022', String(year - 1));
  return toBytes(text);
}

function accepted(result: ImportResult) {
  if (!result.ok) throw new Error(`import refused: ${result.error.code}`);
  return result.plans;
}

async function rejection<T>(work: Promise<T>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe.each(ENGINES)('units across reorganisations on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  const actor = systemActor('quantri');
  const deps = () => ({ db, clock: () => NOW });
  const ids: Record<string, number> = {};
  const plans: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const unitId = async (name: string) =>
    (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const count = async (table: 'unit_events' | 'unit_event_links' | 'units' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('two communes with plans for 2025, under Lâm Đồng', async () => {
    const province = await createUnit(deps(), actor, {
      name: 'Tỉnh Lâm Đồng',
      kind: 'province',
      parentId: null,
    });
    ids.province = province.id;
    for (const name of [A, B]) {
      const [plan] = accepted(
        await importPlans(deps(), { actor, bytes: communePlan(name, 2025), sourceName: `${name}.txt` }),
      );
      plans[name] = plan!.planId;
      ids[name] = await unitId(name);
    }
    // Nâm Nung planned 0,5 less: criterion 1.1.1's target 0,5 → 0 (its parents and the total follow)
    const item = await db
      .selectFrom('plan_items')
      .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
      .select(['plan_items.id as id', 'plan_items.version as version'])
      .where('plan_items.plan_id', '=', plans[B]!)
      .where('criteria.code', '=', '1.1.1')
      .executeTakeFirstOrThrow();
    await updateItemScores(deps(), actor, plans[B]!, item.id, { version: item.version, target: '0' });
    const totals = await db
      .selectFrom('plans')
      .select(['subject_unit_id', 'live_target'])
      .where('id', 'in', [plans[A]!, plans[B]!])
      .orderBy('id')
      .execute();
    // the district's appendix plans a total of 95,4
    expect(totals.map((t) => t.live_target)).toEqual(['95.4', '94.9']);
  });

  it('merged: Đắk Sôr and Nâm Nung → Krông Nô (made in the same step), lineage both ways', async () => {
    const before = await count('audit_log');
    const event = await recordUnitEvent(deps(), actor, {
      kind: 'merged',
      date: '01/07/2025',
      decision: DECISION,
      note: '',
      from: [ids[A]!, ids[B]!],
      to: [],
      newUnit: { name: C, kind: 'commune', parentId: ids.province! },
    });
    ids[C] = await unitId(C);
    expect(event).toMatchObject({
      kind: 'merged',
      date: '2025-07-01',
      decision: DECISION,
      from: [
        { id: ids[A], name: A },
        { id: ids[B], name: B },
      ],
      to: [{ id: ids[C], name: C }],
    });
    // the units' columns follow the event: last day the day before, the one successor
    const units = await db
      .selectFrom('units')
      .select(['id', 'successor_id', 'lineage', 'valid_from', 'valid_to', 'parent_id'])
      .where('id', 'in', [ids[A]!, ids[B]!, ids[C]])
      .orderBy('id')
      .execute();
    expect(units).toEqual([
      {
        id: ids[A],
        successor_id: ids[C],
        lineage: 'merged',
        valid_from: null,
        valid_to: '2025-06-30',
        parent_id: null,
      },
      {
        id: ids[B],
        successor_id: ids[C],
        lineage: 'merged',
        valid_from: null,
        valid_to: '2025-06-30',
        parent_id: null,
      },
      {
        id: ids[C],
        successor_id: null,
        lineage: null,
        valid_from: '2025-07-01',
        valid_to: null,
        parent_id: ids.province,
      },
    ]);
    // audited: the new unit, then the event once per unit of it
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'unit_id', 'new_value'])
      .where('id', '>', before)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.action, e.unit_id])).toEqual([
      ['unit.create', ids[C]],
      ['unit.event', ids[A]],
      ['unit.event', ids[B]],
      ['unit.event', ids[C]],
    ]);
    // the kind, worded by the audit page (audit.lineage); the event's details are in its own table
    expect(entries.slice(1).map((e) => e.new_value)).toEqual(['merged', 'merged', 'merged']);

    const lineage = await unitLineage(db, actor, ids[C]);
    expect(lineage.predecessors.map((s) => [s.unit.name, s.kind, s.date, s.decision, s.depth])).toEqual([
      [A, 'merged', '2025-07-01', DECISION, 1],
      [B, 'merged', '2025-07-01', DECISION, 1],
    ]);
    expect(lineage.successors).toEqual([]);
    const ofA = await unitLineage(db, actor, ids[A]!);
    expect(ofA.successors.map((s) => s.unit.name)).toEqual([C]);
    expect(ofA.events.map((e) => e.id)).toEqual([event.id]);
  });

  it('a unit merged twice, or into itself, is refused naming it; nothing written', async () => {
    const events = await count('unit_events');
    const twice = await rejection(
      recordUnitEvent(deps(), actor, {
        kind: 'merged',
        date: '2025-09-01',
        decision: '',
        note: '',
        from: [ids[B]!],
        to: [ids.province!],
        newUnit: null,
      }),
    );
    expect(twice.code).toBe('LINEAGE_CONFLICT');
    expect(twice.messageIn('vi')).toBe(
      'Xã Nâm Nung đã sáp nhập từ ngày 01/07/2025: một đơn vị chỉ kết thúc một lần',
    );
    const cycle = await rejection(
      recordUnitEvent(deps(), actor, {
        kind: 'renamed',
        date: '2026-01-01',
        decision: '',
        note: '',
        from: [ids[C]!],
        to: [ids[C]!],
        newUnit: null,
      }),
    );
    expect(cycle.code).toBe('LINEAGE_CONFLICT');
    expect(await count('unit_events')).toBe(events);
  });

  it("Krông Nô's 2025 from its predecessors' plans, by each rule, recorded and audited", async () => {
    const view = await lastYearOf(db, actor, ids[C]!, 2025);
    expect(view.predecessors.map((p) => [p.unit.name, p.planId, p.target])).toEqual([
      [A, plans[A], '95.4'],
      [B, plans[B], '94.9'],
    ]);
    // largest: Đắk Sôr's 95,4 (> 94,9); average: (95,4 + 94,9) / 2 = 190,3 / 2 = 95,15
    expect(view.largest).toEqual({ value: '95.4', from: ids[A] });
    expect(view.average).toBe('95.15');
    expect(view.recorded).toBeNull();

    const record = (rule: 'largest' | 'average' | 'entered', value: string | null = null) =>
      recordLastYear(deps(), actor, ids[C]!, { year: 2025, rule, value });
    expect((await record('largest')).recorded).toMatchObject({
      rule: 'largest',
      value: '95.4',
      fromUnitId: ids[A],
    });
    expect((await record('average')).recorded).toMatchObject({
      rule: 'average',
      value: '95.15',
      fromUnitId: null,
    });
    expect((await record('entered', '93,87')).recorded).toMatchObject({ rule: 'entered', value: '93.87' });
    expect((await rejection(record('entered'))).code).toBe('BASELINE_NO_VALUE');
    // Đắk Sôr has no predecessor with a plan: nothing to take
    const none = await rejection(
      recordLastYear(deps(), actor, ids[A]!, { year: 2025, rule: 'largest', value: null }),
    );
    expect(none.messageIn('vi')).toBe(
      `Không đơn vị tiền thân nào của ${A} có kế hoạch năm 2025: hãy nhập giá trị`,
    );

    const rows = await db.selectFrom('unit_year_baselines').selectAll().execute();
    expect(rows.map((r) => [r.unit_id, r.year, r.rule, r.value, r.username])).toEqual([
      [ids[C], 2025, 'entered', '93.87', 'quantri'],
    ]);
    const trail = await db
      .selectFrom('audit_log')
      .select(['old_value', 'new_value'])
      .where('action', '=', 'unit.baseline')
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      { old_value: null, new_value: '2025: largest 95.4' },
      { old_value: '2025: largest 95.4', new_value: '2025: average 95.15' },
      { old_value: '2025: average 95.15', new_value: '2025: entered 93.87' },
    ]);
  });

  it('a 2026 plan for Nâm Nung, merged before that year, is refused naming Krông Nô', async () => {
    const plansBefore = await db.selectFrom('plans').select('id').execute();
    const result = await importPlans(deps(), {
      actor,
      bytes: communePlan(B, 2026),
      sourceName: 'nam-nung.txt',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNIT_DISSOLVED');
    expect(result.error.messageIn('vi')).toBe(
      `${B} đã sáp nhập (hoạt động đến 30/06/2025); đơn vị kế thừa là ${C}. Không nhập kế hoạch năm 2026 cho đơn vị này — hãy lập kế hoạch cho ${C}; không ghi gì`,
    );
    expect(await db.selectFrom('plans').select('id').execute()).toEqual(plansBefore);
    // Đắk Sôr's 2025 plan (its last months) still imports: unchanged
    expect(
      accepted(await importPlans(deps(), { actor, bytes: communePlan(A, 2025), sourceName: 'a.txt' })),
    ).toMatchObject([{ planId: plans[A], outcome: 'unchanged' }]);
  });

  it('a list with a bad row writes nothing and names the row and column', async () => {
    // columns in another order than the form's; line 3 names a unit that does not exist, line 4 a bad date
    const csv = [
      'Ngày;Sự kiện;Đơn vị mới;Đơn vị cũ;Quyết định',
      `01/01/2026;Đổi tên;Xã Krông Nô mới;${C};12/NQ-HĐND`,
      '01/01/2026;Giải thể;;Xã Không Có;13/NQ-HĐND',
      `31/02/2026;Giải thể;;${A};14/NQ-HĐND`,
    ].join('\n');
    const upload = { fileName: 'sap-xep.csv', bytes: toBytes(csv) };
    const counts = [await count('unit_events'), await count('units'), await count('audit_log')];
    const preview = await importUnitEvents(deps(), actor, upload, false);
    const errors = preview.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, formatLocation(f.location, 'vi')])).toEqual([
      ['lineage-unknown-unit', 'dòng 3, cột 4'],
      ['lineage-bad-date', 'dòng 4, cột 1'],
    ]);
    expect(findingMessage(errors[0]!, 'vi')).toBe('Không có đơn vị "Xã Không Có" trong phạm vi quản lý');
    expect(preview).toMatchObject({ canConfirm: false, written: false });

    const refused = await rejection(importUnitEvents(deps(), actor, upload, true));
    expect(refused.code).toBe('LINEAGE_LIST_REJECTED');
    expect(refused.messageIn('vi')).toBe(
      'Danh sách sắp xếp đơn vị có 2 lỗi, không ghi gì. Lỗi đầu tiên: dòng 3, cột 4: Không có đơn vị "Xã Không Có" trong phạm vi quản lý',
    );
    // the good row's new unit was not made either
    expect([await count('unit_events'), await count('units'), await count('audit_log')]).toEqual(counts);
  });

  it("a list's conflicts are findings with the error's typed parameters and words", async () => {
    const csv = [
      'Ngày;Sự kiện;Đơn vị mới;Đơn vị cũ;Quyết định',
      `01/01/2026;Giải thể;Xã Mới;${C};15/NQ-HĐND`,
      `01/01/2026;Giải thể;;${B};16/NQ-HĐND`,
    ].join('\n');
    const preview = await importUnitEvents(deps(), actor, { fileName: 'sx.csv', bytes: toBytes(csv) }, false);
    const conflicts = preview.findings.filter((f) => f.rule === 'lineage-conflict');
    expect(conflicts.map((f) => [formatLocation(f.location, 'vi'), f.params])).toEqual([
      ['dòng 2, cột 3', { problem: 'shape', kind: 'dissolved', from: 1, to: 1 }],
      ['dòng 3, cột 4', { problem: 'twice', unit: B, kind: 'merged', date: '2025-07-01' }],
    ]);
    for (const f of conflicts) {
      const params = f.params as unknown as LineageConflict;
      for (const lang of ['vi', 'en'] as const) {
        expect(findingMessage(f, lang)).toBe(new AppError('LINEAGE_CONFLICT', params).messageIn(lang));
      }
    }
    expect(findingMessage(conflicts[1]!, 'vi')).toBe(
      'Xã Nâm Nung đã sáp nhập từ ngày 01/07/2025: một đơn vị chỉ kết thúc một lần',
    );
    expect(preview).toMatchObject({ canConfirm: false, written: false });
  });

  it('a good list (XLSX) is recorded at once, its new successor made', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sắp xếp');
    sheet.addRow(['Đơn vị cũ', 'Đơn vị mới', 'Sự kiện', 'Ngày hiệu lực', 'Quyết định']);
    sheet.addRow([C, 'Xã Krông Nô mới', 'đổi tên', '01/01/2026', '12/NQ-HĐND']);
    sheet.addRow(['Xã Krông Nô mới', 'Tỉnh Lâm Đồng', 'điều chuyển', '01/02/2026', '13/NQ-HĐND']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importUnitEvents(deps(), actor, { fileName: 'sap-xep.xlsx', bytes }, true);
    expect(result.findings.map((f) => [f.rule, f.severity, formatLocation(f.location, 'vi')])).toEqual([
      ['lineage-new-unit', 'info', "trang tính 'Sắp xếp', ô B2"],
    ]);
    expect(result.written).toBe(true);
    expect(result.events.map((e) => [e.kind, e.from.map((u) => u.name), e.to.map((u) => u.name)])).toEqual([
      ['renamed', [C], ['Xã Krông Nô mới']],
      ['moved', ['Xã Krông Nô mới'], ['Tỉnh Lâm Đồng']],
    ]);
    // Nâm Nung's successor now is the renamed commune: the refusal names the unit that exists
    const lineage = await unitLineage(db, actor, ids[B]!);
    expect(lineage.successors.map((s) => [s.unit.name, s.depth])).toEqual([
      [C, 1],
      ['Xã Krông Nô mới', 2],
    ]);
    const result2026 = await importPlans(deps(), { actor, bytes: communePlan(B, 2026), sourceName: 'b.txt' });
    expect(!result2026.ok && result2026.error.messageIn('en')).toContain('make the plan for Xã Krông Nô mới');
  });
});
