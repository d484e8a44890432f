/**
 * Storage of plans on both engines (SQLite file and PostgreSQL): migrations, importing the real
 * appendices, idempotence, refusals that write nothing, replacing a plan, and the round trip
 * through the XLSX and DOCX exports. One fresh database per engine; the tests of a block run in
 * order and build on each other's state (an empty database first, then the imported seed).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../src/core/plan.js';
import { toDecimalString } from '../src/core/score.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { migrationsFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { readPlans, type ReadPlan } from '../src/formats/read.js';
import {
  importPlans,
  type ImportError,
  type ImportRequest,
  type ImportResult,
} from '../src/modules/imports.js';
import { exportPlan, listPlans, loadPlanDocument, type ExportFormat } from '../src/modules/plans.js';
import { countRows, EMPTY_COUNTS, TABLES } from './helpers/db-state.js';
import {
  createTestDatabase,
  ENGINES,
  overSocket,
  POSTGRES_ADMIN_URL,
  type TestDatabase,
} from './helpers/databases.js';
import { seedBytes } from './helpers/fixtures.js';
import {
  duplicateSeedRow,
  replaceInTitle,
  seedCell,
  seedText,
  setSeedCell,
  toBytes,
} from './helpers/seed-edit.js';

const T0 = new Date('2024-03-01T02:00:00.000Z');
const T1 = new Date('2024-03-02T02:00:00.000Z');

const OFFICE = 'Văn phòng HĐND&UBND huyện';
const OFFICE_VARIANTS = ['Văn phòng HỘND&UBND huyện', 'Văn phòng HỖND&UBND', 'Văn phòng HĐND&UBND'];

function accepted(result: ImportResult): Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.error)}`);
  return result;
}

function refused(result: ImportResult): ImportError {
  if (result.ok) throw new Error(`import accepted: ${JSON.stringify(result.plans.map((p) => p.outcome))}`);
  return result.error;
}

/** What a plan's rows say, comparable across formats: scores with their written precision. */
function rowsOf(doc: PlanDocument) {
  return doc.rows.map((r) => ({
    code: r.code,
    name: r.name,
    max: r.max,
    baseline: r.baseline,
    target: r.target,
    task: r.task,
    leadUnits: r.leadUnits,
  }));
}

describe.each(ENGINES)('storage on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let seed: [ReadPlan, ReadPlan];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    const read = await readPlans(seedBytes());
    if (!read.ok) throw new Error(`seed not read: ${read.failure.code}`);
    seed = read.plans as [ReadPlan, ReadPlan];
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const run = (bytes: Uint8Array, options: Partial<ImportRequest> = {}, now = T0) =>
    importPlans(
      { db, clock: () => now },
      { actor: systemActor(), bytes, sourceName: 'phu-luc.txt', ...options },
    );

  /** Imports the seed (a no-op once it is stored) and returns the two plan ids. */
  async function storedSeed(): Promise<{ province: number; district: number }> {
    const result = accepted(await run(seedBytes()));
    const [province, district] = result.plans;
    return { province: province!.planId, district: district!.planId };
  }

  async function itemValues(planId: number, code: string) {
    return db
      .selectFrom('plan_items')
      .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
      .select(['criteria.max_score as max', 'plan_items.baseline as baseline', 'plan_items.target as target'])
      .where('plan_items.plan_id', '=', planId)
      .where('criteria.code', '=', code)
      .executeTakeFirstOrThrow();
  }

  async function taskOf(planId: number, code: string) {
    return db
      .selectFrom('tasks')
      .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
      .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
      .select(['tasks.id as id', 'tasks.text as text', 'tasks.lead_units_text as leadUnitsText'])
      .where('plan_items.plan_id', '=', planId)
      .where('criteria.code', '=', code)
      .executeTakeFirstOrThrow();
  }

  async function taskUnitsOf(taskId: number) {
    return db
      .selectFrom('task_units')
      .innerJoin('units', 'units.id', 'task_units.unit_id')
      .select([
        'task_units.role as role',
        'task_units.position as position',
        'units.id as unitId',
        'units.name as unit',
        'task_units.source_text as sourceText',
      ])
      .where('task_units.task_id', '=', taskId)
      .orderBy('task_units.role')
      .orderBy('task_units.position')
      .execute();
  }

  async function orphans(): Promise<number[]> {
    const items = await db
      .selectFrom('plan_items')
      .select('id')
      .where('plan_id', 'not in', db.selectFrom('plans').select('id'))
      .execute();
    const tasks = await db
      .selectFrom('tasks')
      .select('id')
      .where('plan_item_id', 'not in', db.selectFrom('plan_items').select('id'))
      .execute();
    const links = await db
      .selectFrom('task_units')
      .select('task_id')
      .where('task_id', 'not in', db.selectFrom('tasks').select('id'))
      .execute();
    return [items.length, tasks.length, links.length];
  }

  describe('migrations', () => {
    it('runs each migration once however often the database is opened', async () => {
      const again = await testDb.open();
      await again.close();
      const third = await testDb.open();
      try {
        const rows = await third.db
          .withTables<{ kysely_migration: { name: string; timestamp: string } }>()
          .selectFrom('kysely_migration')
          .select('name')
          .orderBy('name')
          .execute();
        expect(rows.map((r) => r.name)).toEqual(Object.keys(migrationsFor(kind)).sort());
      } finally {
        await third.close();
      }
    });

    it.runIf(kind === 'postgres' && overSocket(POSTGRES_ADMIN_URL) !== null)(
      'opens the same database through the Unix socket its address names, the password left out of its label',
      async () => {
        const address = new URL(overSocket(testDb.address)!);
        // a server that trusts local accounts never asks for it: the label alone is looked at
        if (!address.searchParams.has('password')) address.searchParams.set('password', 'mk-bi-mat');
        const socket = await openDatabase(address.toString());
        try {
          const { rows } = await sql<{ server: string | null; name: string }>`
            select inet_server_addr() as server, current_database() as name`.execute(socket.db);
          // no server address: not TCP, the socket
          expect(rows).toEqual([{ server: null, name: new URL(testDb.address).pathname.slice(1) }]);
          expect(socket.label).not.toContain('mk-bi-mat');
          expect(socket.label).not.toContain(new URL(testDb.address).password || 'mk-bi-mat');
        } finally {
          await socket.close();
        }
      },
    );

    it('creates the tables of plans and units', async () => {
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining([...TABLES]));
      expect(await countRows(db)).toEqual(EMPTY_COUNTS);
    });
  });

  describe('refusals on an empty database', () => {
    const text = seedText();
    it.each([
      {
        what: 'a baseline that is not a number',
        file: () => setSeedCell(text, 'province', '6.1.1', 'baseline', 'abc'),
        finding: ['invalid-number', '6.1.1'],
      },
      {
        what: 'a duplicated criterion code',
        file: () => duplicateSeedRow(text, 'province', '6.1.2'),
        finding: ['duplicate-code', '6.1.2'],
      },
      {
        what: 'a target above the max score',
        file: () => setSeedCell(text, 'province', '6.1.1', 'target', '1,5'),
        finding: ['target-above-max', '6.1.1'],
      },
    ])('refuses $what with IMPORT_REJECTED and writes nothing', async ({ file, finding }) => {
      const error = refused(await run(toBytes(file())));
      if (!error.is('IMPORT_REJECTED')) throw new Error(`expected IMPORT_REJECTED, got ${error.code}`);
      expect(error.params.plans.map((p) => [p.subject, p.year])).toEqual([['Tỉnh Đắk Nông', 2022]]);
      const findings = error.params.plans[0]!.findings;
      expect(findings.map((f) => [f.rule, f.code])).toEqual([finding]);
      expect(findings.every((f) => f.severity === 'error')).toBe(true);
      expect(await countRows(db)).toEqual(EMPTY_COUNTS);
    });

    it('writes neither plan when the second plan of the file is invalid', async () => {
      const file = setSeedCell(text, 'district', '7.2.2', 'baseline', 'abc');
      const error = refused(await run(toBytes(file)));
      if (!error.is('IMPORT_REJECTED')) throw new Error(`expected IMPORT_REJECTED, got ${error.code}`);
      expect(
        error.params.plans.map((p) => [p.subject, p.year, p.findings.map((f) => [f.rule, f.code])]),
      ).toEqual([['Huyện Krông Nô', 2023, [['invalid-number', '7.2.2']]]]);
      expect(await countRows(db)).toEqual(EMPTY_COUNTS);
    });

    it('reports what a dry run would do and writes nothing', async () => {
      const result = accepted(await run(seedBytes(), { dryRun: true }));
      expect(result.dryRun).toBe(true);
      expect(result.plans.map((p) => [p.subject, p.year, p.criteria, p.outcome])).toEqual([
        ['Tỉnh Đắk Nông', 2022, 119, 'created'],
        ['Huyện Krông Nô', 2023, 146, 'created'],
      ]);
      expect(await countRows(db)).toEqual(EMPTY_COUNTS);
    });
  });

  describe('importing the seed', () => {
    it('creates the two plans with all their criteria', async () => {
      const result = accepted(await run(seedBytes()));
      expect(result.dryRun).toBe(false);
      expect(result.format).toBe('text');
      expect(result.plans.map((p) => [p.subject, p.year, p.criteria, p.outcome])).toEqual([
        ['Tỉnh Đắk Nông', 2022, 119, 'created'],
        ['Huyện Krông Nô', 2023, 146, 'created'],
      ]);
      const counts = await countRows(db);
      expect(counts.plans).toBe(2);
      expect(counts.plan_items).toBe(119 + 146);
      expect(counts.frameworks).toBe(2);
      expect(counts.criteria).toBe(119 + 146);
      const plans = await db.selectFrom('plans').select(['id', 'version', 'year']).orderBy('year').execute();
      expect(plans.map((p) => [p.id, p.version, p.year])).toEqual(
        result.plans.map((p) => [p.planId, 1, p.year]),
      );
    });

    it('keeps a framework per plan whose criteria are the plan rows, with exact max scores', async () => {
      const ids = await storedSeed();
      for (const [planId, read, group] of [
        [ids.province, seed[0], 'province'],
        [ids.district, seed[1], 'district'],
      ] as const) {
        const framework = await db
          .selectFrom('plans')
          .innerJoin('frameworks', 'frameworks.id', 'plans.framework_id')
          .select(['frameworks.id as id', 'frameworks.unit_group as group', 'frameworks.year as year'])
          .where('plans.id', '=', planId)
          .executeTakeFirstOrThrow();
        expect([framework.group, framework.year]).toEqual([group, read.plan.year]);
        const criteria = await db
          .selectFrom('criteria')
          .select(['code', 'max_score'])
          .where('framework_id', '=', framework.id)
          .orderBy('position')
          .execute();
        expect(criteria.map((c) => [c.code, c.max_score])).toEqual(
          read.plan.rows.map((r) => [r.code, r.max === null ? null : toDecimalString(r.max)]),
        );
        const items = await db
          .selectFrom('plan_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('plan_id', '=', planId)
          .executeTakeFirstOrThrow();
        expect(Number(items.n)).toBe(read.plan.rows.length);
      }
      expect(await itemValues(ids.province, '6.1.1')).toEqual({
        max: '1',
        baseline: '0.8791',
        target: '0.9',
      });
      expect(await itemValues(ids.province, '6')).toEqual({ max: '12', baseline: '9.26', target: '10.10' });
      expect(await itemValues(ids.district, '7.2.2')).toEqual({
        max: '1.5',
        baseline: '0.017',
        target: '0.5',
      });
    });

    it('stores the tasks with their line breaks and the lead-unit cell as written', async () => {
      const ids = await storedSeed();
      const task = await taskOf(ids.province, '4.1.1');
      expect(task.text.split('\n')).toEqual([
        '- Hướng dẫn các cơ quan, đơn vị thực hiện đúng quy định về tổ chức bộ máy. Đảm bảo 100% số cơ quan chuyên môn cấp tỉnh, phòng chuyên môn cấp huyện được quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức đúng quy định.',
        '- Tổ chức thanh tra, kiểm tra và đề xuất xử lý đối với các cơ quan, đơn vị thực hiện sai quy định về tổ chức bộ máy.',
      ]);
      const withTask = seed.flatMap((p) =>
        p.plan.rows.filter(
          (r) => r.task !== '' || r.leadUnits !== '' || r.supportUnits !== '' || r.deadline !== '',
        ),
      );
      expect((await countRows(db)).tasks).toBe(withTask.length);
    });

    it('links every spelling of the district office to one unit and keeps the spellings', async () => {
      const ids = await storedSeed();
      const district = await db
        .selectFrom('units')
        .select('id')
        .where('name', '=', 'Huyện Krông Nô')
        .executeTakeFirstOrThrow();
      const offices = await db
        .selectFrom('units')
        .select(['id', 'name', 'kind'])
        .where('parent_id', '=', district.id)
        .where('name', 'in', [OFFICE, ...OFFICE_VARIANTS])
        .execute();
      expect(offices.map((u) => [u.name, u.kind])).toEqual([[OFFICE, 'office']]);
      const officeId = offices[0]!.id;

      const links = await db
        .selectFrom('task_units')
        .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
        .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
        .select(['task_units.unit_id as unitId', 'task_units.source_text as sourceText'])
        .where('plan_items.plan_id', '=', ids.district)
        .where('task_units.source_text', 'in', [OFFICE, ...OFFICE_VARIANTS])
        .execute();
      expect([...new Set(links.map((l) => l.unitId))]).toEqual([officeId]);
      expect([...new Set(links.map((l) => l.sourceText))].sort()).toEqual(
        [OFFICE, ...OFFICE_VARIANTS].sort(),
      );

      for (const [code, written] of [
        ['3.1.1', 'Văn phòng HỘND&UBND huyện'],
        ['7.2.2', 'Văn phòng HỖND&UBND'],
        ['7.2.4', 'Văn phòng HĐND&UBND'],
      ] as const) {
        const units = await taskUnitsOf((await taskOf(ids.district, code)).id);
        expect(units).toEqual([
          { role: 'lead', position: 0, unitId: officeId, unit: OFFICE, sourceText: written },
        ]);
      }
      const twoUnits = await taskUnitsOf((await taskOf(ids.district, '1.4.2')).id);
      expect(twoUnits.find((u) => u.sourceText === 'Văn phòng HĐND&UBND')).toMatchObject({
        role: 'lead',
        position: 1,
        unitId: officeId,
      });

      const aliases = await db
        .selectFrom('unit_aliases')
        .select('alias')
        .where('unit_id', '=', officeId)
        .execute();
      expect(aliases.map((a) => a.alias).sort()).toEqual([...OFFICE_VARIANTS].sort());
    });

    it('splits "Sở Nội vụ, UBND cấp huyện" into two lead units', async () => {
      const ids = await storedSeed();
      const task = await taskOf(ids.province, '5.2.1');
      expect(task.leadUnitsText).toBe('Sở Nội vụ, UBND cấp huyện');
      const units = await taskUnitsOf(task.id);
      expect(units.map((u) => [u.role, u.position, u.unit, u.sourceText])).toEqual([
        ['lead', 0, 'Sở Nội vụ', 'Sở Nội vụ'],
        ['lead', 1, 'UBND cấp huyện', 'UBND cấp huyện'],
      ]);
    });

    it('creates each subject unit once', async () => {
      const ids = await storedSeed();
      const subjects = await db
        .selectFrom('units')
        .select(['id', 'name', 'kind'])
        .where('parent_id', 'is', null)
        .orderBy('id')
        .execute();
      expect(subjects.map((s) => [s.name, s.kind])).toEqual([
        ['Tỉnh Đắk Nông', 'province'],
        ['Huyện Krông Nô', 'district'],
      ]);
      const plans = await db.selectFrom('plans').select(['id', 'subject_unit_id']).execute();
      const subjectOf = new Map(plans.map((p) => [p.id, p.subject_unit_id]));
      expect([subjectOf.get(ids.province), subjectOf.get(ids.district)]).toEqual(subjects.map((s) => s.id));
    });

    it('lists the stored plans', async () => {
      const ids = await storedSeed();
      const plans = await listPlans(db);
      expect(plans.map(({ id, subject, year, criteria }) => ({ id, subject, year, criteria }))).toEqual([
        { id: ids.district, subject: 'Huyện Krông Nô', year: 2023, criteria: 146 },
        { id: ids.province, subject: 'Tỉnh Đắk Nông', year: 2022, criteria: 119 },
      ]);
    });
  });

  describe('importing again', () => {
    it('leaves the same file unchanged, row for row', async () => {
      const ids = await storedSeed();
      const before = await countRows(db);
      const plansBefore = await db.selectFrom('plans').selectAll().orderBy('id').execute();
      const result = accepted(await run(seedBytes(), {}, T1));
      expect(result.plans.map((p) => [p.planId, p.outcome, p.newUnits])).toEqual([
        [ids.province, 'unchanged', []],
        [ids.district, 'unchanged', []],
      ]);
      expect(await countRows(db)).toEqual(before);
      expect(await db.selectFrom('plans').selectAll().orderBy('id').execute()).toEqual(plansBefore);
    });

    const changed = () => setSeedCell(seedText(), 'district', '7.2.2', 'target', '0,75');

    it('refuses a changed plan for the same subject and year with PLAN_EXISTS', async () => {
      const ids = await storedSeed();
      expect(seedCell(seedText(), 'district', '7.2.2', 'target')).toBe('0,5');
      const before = await countRows(db);
      const error = refused(await run(toBytes(changed()), {}, T1));
      expect([error.code, error.params]).toEqual([
        'PLAN_EXISTS',
        { subject: 'Huyện Krông Nô', year: 2023, planId: ids.district },
      ]);
      expect(await countRows(db)).toEqual(before);
      expect((await itemValues(ids.district, '7.2.2')).target).toBe('0.5');
    });

    it('rolls back a plan written earlier in the same file when a later one is refused', async () => {
      await storedSeed();
      const before = await countRows(db);
      const file = replaceInTitle(changed(), 'province', 'TỈNH ĐẮK NÔNG', 'TỈNH LÂM ĐỒNG');
      const error = refused(await run(toBytes(file), {}, T1));
      expect(error.code).toBe('PLAN_EXISTS');
      expect(await countRows(db)).toEqual(before);
      const lamDong = await db.selectFrom('units').select('id').where('name', '=', 'Tỉnh Lâm Đồng').execute();
      expect(lamDong).toEqual([]);
    });

    it('reports a replacement in a dry run without making it', async () => {
      const ids = await storedSeed();
      const before = await countRows(db);
      const result = accepted(await run(toBytes(changed()), { replace: true, dryRun: true }, T1));
      expect(result.plans.map((p) => [p.planId, p.outcome])).toEqual([
        [ids.province, 'unchanged'],
        [ids.district, 'replaced'],
      ]);
      expect(await countRows(db)).toEqual(before);
      expect((await itemValues(ids.district, '7.2.2')).target).toBe('0.5');
      const plan = await db
        .selectFrom('plans')
        .select('version')
        .where('id', '=', ids.district)
        .executeTakeFirst();
      expect(plan?.version).toBe(1);
    });

    it('replaces the plan in place when asked, leaving no orphan rows', async () => {
      const ids = await storedSeed();
      const before = await countRows(db);
      const result = accepted(await run(toBytes(changed()), { replace: true }, T1));
      expect(result.plans.map((p) => [p.planId, p.outcome])).toEqual([
        [ids.province, 'unchanged'],
        [ids.district, 'replaced'],
      ]);
      const plans = await db
        .selectFrom('plans')
        .select(['id', 'version', 'updated_at'])
        .orderBy('id')
        .execute();
      expect(plans).toEqual(
        [
          { id: ids.province, version: 1, updated_at: T0.toISOString() },
          { id: ids.district, version: 2, updated_at: T1.toISOString() },
        ].sort((a, b) => a.id - b.id),
      );
      expect((await itemValues(ids.district, '7.2.2')).target).toBe('0.75');
      expect(await countRows(db)).toEqual(before);
      expect((await countRows(db)).plan_items).toBe(119 + 146);
      expect(await orphans()).toEqual([0, 0, 0]);

      // and back to the seed: a third version with the old value
      const back = accepted(await run(seedBytes(), { replace: true }, T1));
      expect(back.plans.map((p) => [p.planId, p.outcome])).toEqual([
        [ids.province, 'unchanged'],
        [ids.district, 'replaced'],
      ]);
      expect((await itemValues(ids.district, '7.2.2')).target).toBe('0.5');
      const version = await db
        .selectFrom('plans')
        .select('version')
        .where('id', '=', ids.district)
        .executeTakeFirst();
      expect(version?.version).toBe(3);
      expect(await countRows(db)).toEqual(before);
      expect(await orphans()).toEqual([0, 0, 0]);
    });
  });

  describe('export round trip', () => {
    it.each<ExportFormat>(['xlsx', 'docx'])(
      'reads each plan back from its %s export as the same plan',
      async (format) => {
        const ids = await storedSeed();
        const before = await countRows(db);
        for (const planId of [ids.province, ids.district]) {
          const stored = await loadPlanDocument(db, planId);
          if (!stored) throw new Error(`plan ${planId} not loaded`);
          const bytes = (await exportPlan(db, planId, format, systemActor()))?.bytes;
          if (!bytes) throw new Error(`plan ${planId} not exported`);

          const read = await readPlans(bytes);
          if (!read.ok) throw new Error(`export not read: ${read.failure.code}`);
          expect(read.format).toBe(format);
          expect(read.plans).toHaveLength(1);
          const reread = read.plans[0]!.plan;
          expect([reread.subject, reread.year, reread.baselineYear]).toEqual([
            stored.subject,
            stored.year,
            stored.baselineYear,
          ]);
          expect(reread.statedTotals).toEqual(stored.statedTotals);
          expect(rowsOf(reread)).toEqual(rowsOf(stored));

          const result = accepted(await run(bytes, { sourceName: `plan.${format}` }, T1));
          expect(result.plans.map((p) => [p.planId, p.outcome])).toEqual([[planId, 'unchanged']]);
          expect(await loadPlanDocument(db, planId)).toEqual(stored);
        }
        expect(await countRows(db)).toEqual(before);
      },
    );

    it('returns nothing for a plan that does not exist', async () => {
      expect(await loadPlanDocument(db, 999)).toBeNull();
      expect(await exportPlan(db, 999, 'xlsx', systemActor())).toBeNull();
    });
  });
});
