/** Queries on plans, their items (one per criterion), tasks and the units named by tasks. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { compareVi } from '../core/collate.js';
import { chunks } from './frameworks-repo.js';
import type { DB, PlansTable, TasksTable, TaskStatus } from './schema.js';

export type PlanRecord = Selectable<PlansTable>;

export async function findPlanBySubjectYear(
  db: Kysely<DB>,
  subjectUnitId: number,
  year: number,
): Promise<PlanRecord | undefined> {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('subject_unit_id', '=', subjectUnitId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/**
 * Takes the plan's row lock for the rest of the transaction (PostgreSQL row lock, SQLite write
 * lock): edits of one plan then run one after the other, so none computes parents or totals from
 * values another is changing.
 */
export async function lockPlan(db: Kysely<DB>, planId: number): Promise<void> {
  await db
    .updateTable('plans')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', planId)
    .execute();
}

export async function findPlan(db: Kysely<DB>, id: number): Promise<PlanRecord | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(db: Kysely<DB>, plan: Insertable<PlansTable>): Promise<number> {
  const row = await db.insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(
  db: Kysely<DB>,
  id: number,
  values: Partial<Omit<Insertable<PlansTable>, 'id'>>,
): Promise<void> {
  await db.updateTable('plans').set(values).where('id', '=', id).execute();
}

export interface NewItem {
  criterion_id: number;
  baseline: string | null;
  target: string | null;
  task: Omit<Insertable<TasksTable>, 'plan_item_id'> | null;
  units: { unit_id: number; role: 'lead' | 'support'; position: number; source_text: string }[];
}

/** Writes the items of a plan with their task and units; ids are matched back by criterion. */
export async function insertItems(
  db: Kysely<DB>,
  planId: number,
  items: readonly NewItem[],
  now: string,
): Promise<void> {
  for (const chunk of chunks(items, 400)) {
    await db
      .insertInto('plan_items')
      .values(
        chunk.map((i) => ({
          plan_id: planId,
          criterion_id: i.criterion_id,
          baseline: i.baseline,
          target: i.target,
          version: 1,
          updated_at: now,
        })),
      )
      .execute();
  }
  const itemRows = await db
    .selectFrom('plan_items')
    .select(['id', 'criterion_id'])
    .where('plan_id', '=', planId)
    .execute();
  const itemId = new Map(itemRows.map((r) => [r.criterion_id, r.id]));

  const withTask = items.filter((i) => i.task !== null);
  for (const chunk of chunks(withTask, 200)) {
    await db
      .insertInto('tasks')
      .values(chunk.map((i) => ({ ...i.task!, plan_item_id: itemId.get(i.criterion_id)! })))
      .execute();
  }
  const taskRows = await db
    .selectFrom('tasks')
    .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
    .select(['tasks.id as id', 'plan_items.criterion_id as criterion_id'])
    .where('plan_items.plan_id', '=', planId)
    .execute();
  const taskId = new Map(taskRows.map((r) => [r.criterion_id, r.id]));
  const links = withTask.flatMap((i) => i.units.map((u) => ({ ...u, task_id: taskId.get(i.criterion_id)! })));
  for (const chunk of chunks(links, 400)) await db.insertInto('task_units').values(chunk).execute();
}

export interface PlanListRow {
  id: number;
  version: number;
  subjectId: number;
  subject: string;
  year: number;
  baselineYear: number | null;
  criteria: number;
  updatedAt: string;
  archived: boolean;
}

export async function listPlans(db: Kysely<DB>): Promise<PlanListRow[]> {
  const rows = await db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .leftJoin('plan_items', 'plan_items.plan_id', 'plans.id')
    .select((eb) => [
      'plans.id as id',
      'plans.version as version',
      'plans.subject_unit_id as subjectId',
      'units.name as subject',
      'plans.year as year',
      'plans.baseline_year as baselineYear',
      'plans.updated_at as updatedAt',
      'plans.archived as archived',
      eb.fn.count<number>('plan_items.id').as('criteria'),
    ])
    .groupBy([
      'plans.id',
      'plans.version',
      'plans.subject_unit_id',
      'units.name',
      'plans.year',
      'plans.baseline_year',
      'plans.updated_at',
      'plans.archived',
    ])
    .orderBy('plans.year', 'desc')
    .orderBy('plans.id')
    .execute();
  // names in Vietnamese order, which neither engine's default collation gives
  return rows
    .map((r) => ({ ...r, criteria: Number(r.criteria), archived: Boolean(r.archived) }))
    .sort((a, b) => b.year - a.year || compareVi(a.subject, b.subject));
}

export interface StoredRow {
  itemId: number;
  itemVersion: number;
  criterionId: number;
  code: string;
  parentCode: string | null;
  name: string;
  depth: number;
  maxScore: string | null;
  baseline: string | null;
  target: string | null;
  taskId: number | null;
  taskText: string | null;
  leadUnitsText: string | null;
  supportUnitsText: string | null;
  deadline: string | null;
  deadlineText: string | null;
  status: TaskStatus | null;
  progress: number | null;
  progressNote: string | null;
  taskVersion: number | null;
}

/** Every criterion of a plan in framework order, with its first task (a plan row has one). */
export async function planRows(db: Kysely<DB>, planId: number): Promise<StoredRow[]> {
  return db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .leftJoin('tasks', (j) =>
      j.onRef('tasks.plan_item_id', '=', 'plan_items.id').on('tasks.position', '=', 0),
    )
    .select([
      'plan_items.id as itemId',
      'plan_items.version as itemVersion',
      'plan_items.criterion_id as criterionId',
      'criteria.code as code',
      'criteria.parent_code as parentCode',
      'criteria.name as name',
      'criteria.depth as depth',
      'criteria.max_score as maxScore',
      'plan_items.baseline as baseline',
      'plan_items.target as target',
      'tasks.id as taskId',
      'tasks.text as taskText',
      'tasks.lead_units_text as leadUnitsText',
      'tasks.support_units_text as supportUnitsText',
      'tasks.deadline as deadline',
      'tasks.deadline_text as deadlineText',
      'tasks.status as status',
      'tasks.progress as progress',
      'tasks.progress_note as progressNote',
      'tasks.version as taskVersion',
    ])
    .where('plan_items.plan_id', '=', planId)
    .orderBy('criteria.position')
    .execute();
}

export async function planTaskUnits(
  db: Kysely<DB>,
  planId: number,
): Promise<
  {
    taskId: number;
    role: 'lead' | 'support';
    position: number;
    unitId: number;
    unitName: string;
    sourceText: string;
  }[]
> {
  return db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select([
      'task_units.task_id as taskId',
      'task_units.role as role',
      'task_units.position as position',
      'units.id as unitId',
      'units.name as unitName',
      'task_units.source_text as sourceText',
    ])
    .where('plan_items.plan_id', '=', planId)
    .orderBy('task_units.task_id')
    .orderBy('task_units.role')
    .orderBy('task_units.position')
    .execute();
}
