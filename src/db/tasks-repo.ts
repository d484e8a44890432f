/** Queries on a criterion's tasks and the units they name. No rules here: use-cases decide. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { chunks } from './frameworks-repo.js';
import type { DB, TasksTable, TaskUnitsTable } from './schema.js';

export type TaskRecord = Selectable<TasksTable>;
/** The task fields an edit may set (text, follow-up, the unit cells as written). */
export type TaskFields = Pick<
  Updateable<TasksTable>,
  'text' | 'status' | 'progress' | 'deadline' | 'progress_note' | 'lead_units_text' | 'support_units_text'
>;
export type TaskRole = TaskUnitsTable['role'];

/** A plan row's task (a plan row has one, at position 0). */
export async function firstTask(db: Kysely<DB>, itemId: number): Promise<TaskRecord | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('plan_item_id', '=', itemId)
    .where('position', '=', 0)
    .executeTakeFirst();
}

/** The units a task names, in order, with their current names. */
export async function taskUnits(
  db: Kysely<DB>,
  taskId: number,
): Promise<{ unitId: number; role: TaskRole; name: string }[]> {
  return db
    .selectFrom('task_units')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['task_units.unit_id as unitId', 'task_units.role as role', 'units.name as name'])
    .where('task_units.task_id', '=', taskId)
    .orderBy('task_units.position')
    .execute();
}

/** Writes a task at `version` and moves it to the next; false when it was changed meanwhile. */
export async function updateTaskAt(
  db: Kysely<DB>,
  taskId: number,
  version: number,
  fields: TaskFields,
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('tasks')
    .set({ ...fields, version: version + 1, updated_at: now })
    .where('id', '=', taskId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function insertTask(db: Kysely<DB>, task: Insertable<TasksTable>): Promise<number> {
  const created = await db.insertInto('tasks').values(task).returning('id').executeTakeFirstOrThrow();
  return created.id;
}

/** Replaces the units of one role of a task, in the order given. */
export async function replaceTaskUnits(
  db: Kysely<DB>,
  taskId: number,
  role: TaskRole,
  units: readonly { unitId: number; sourceText: string }[],
): Promise<void> {
  await db.deleteFrom('task_units').where('task_id', '=', taskId).where('role', '=', role).execute();
  if (units.length === 0) return;
  await db
    .insertInto('task_units')
    .values(
      units.map((u, position) => ({
        task_id: taskId,
        unit_id: u.unitId,
        role,
        position,
        source_text: u.sourceText,
      })),
    )
    .execute();
}

/** Deletes tasks and the units they name. */
export async function deleteTasks(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  for (const chunk of chunks(ids, 400)) {
    await db.deleteFrom('task_units').where('task_id', 'in', chunk).execute();
    await db.deleteFrom('tasks').where('id', 'in', chunk).execute();
  }
}

/** Moves a task to another item and position (a free negative one while tasks change places). */
export async function placeTask(
  db: Kysely<DB>,
  taskId: number,
  at: { itemId?: number; position: number },
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ ...(at.itemId === undefined ? {} : { plan_item_id: at.itemId }), position: at.position })
    .where('id', '=', taskId)
    .execute();
}

/** Writes a task's fields as a re-import merges them (no version check: under the plan's lock). */
export async function updateTask(
  db: Kysely<DB>,
  taskId: number,
  values: Updateable<TasksTable>,
): Promise<void> {
  await db.updateTable('tasks').set(values).where('id', '=', taskId).execute();
}

export type TaskUnitRow = Omit<Insertable<TaskUnitsTable>, 'task_id'>;

/** Replaces every unit of a task with these (positions as given). */
export async function setTaskUnits(
  db: Kysely<DB>,
  taskId: number,
  units: readonly TaskUnitRow[],
): Promise<void> {
  await db.deleteFrom('task_units').where('task_id', '=', taskId).execute();
  await insertTaskUnits(db, taskId, units);
}

export async function insertTaskUnits(
  db: Kysely<DB>,
  taskId: number,
  units: readonly TaskUnitRow[],
): Promise<void> {
  if (units.length === 0) return;
  await db
    .insertInto('task_units')
    .values(units.map((u) => ({ ...u, task_id: taskId })))
    .execute();
}
