/** Queries on a criterion's tasks and the units they name. No rules here: use-cases decide. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import { chunks } from './frameworks-repo.js';
import type { DB, TasksTable, TaskUnitsTable } from './schema.js';

/** The task fields an edit may set (text, follow-up, the unit cells as written). */
export type TaskFields = Pick<
  Updateable<TasksTable>,
  'text' | 'status' | 'progress' | 'deadline' | 'progress_note' | 'lead_units_text' | 'support_units_text'
>;
export type TaskRole = TaskUnitsTable['role'];

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

/**
 * Replaces the units of the roles given of a task, each role's in the order given: one DELETE for
 * the roles, one INSERT for their units (none when no role is given).
 */
export async function replaceTaskUnits(
  db: Kysely<DB>,
  taskId: number,
  roles: readonly { role: TaskRole; units: readonly { unitId: number; sourceText: string }[] }[],
): Promise<void> {
  if (roles.length === 0) return;
  await db
    .deleteFrom('task_units')
    .where('task_id', '=', taskId)
    .where(
      'role',
      'in',
      roles.map((r) => r.role),
    )
    .execute();
  const rows = roles.flatMap(({ role, units }) =>
    units.map((u, position) => ({
      task_id: taskId,
      unit_id: u.unitId,
      role,
      position,
      source_text: u.sourceText,
    })),
  );
  if (rows.length === 0) return;
  await db.insertInto('task_units').values(rows).execute();
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
