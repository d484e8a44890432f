/**
 * Bulk writes of a generated country (modules/demo.ts): units, plans with their items, tasks, the
 * units tasks name and the plans' per-unit figures, many rows per statement. The ids are chosen by
 * the caller (nextIds), so a plan's rows are known before they are written and nothing is read back;
 * syncSequences moves PostgreSQL's sequences past them afterwards (SQLite's follow by themselves).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { chunks } from './frameworks-repo.js';
import type {
  DatabaseKind,
  DB,
  PlanItemsTable,
  PlansTable,
  PlanUnitFiguresTable,
  TasksTable,
  TaskUnitsTable,
  UnitsTable,
} from './schema.js';

/** The tables whose ids a generated country chooses itself. */
const ID_TABLES = ['units', 'plans', 'plan_items', 'tasks'] as const;
export type IdTable = (typeof ID_TABLES)[number];

/** The first free id of each table (one more than the highest used). */
export async function nextIds(db: Kysely<DB>): Promise<Record<IdTable, number>> {
  const out = {} as Record<IdTable, number>;
  for (const table of ID_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    out[table] = Number(row?.id ?? 0) + 1;
  }
  return out;
}

/** After rows written with their own ids: PostgreSQL's sequences continue after the highest. */
export async function syncSequences(db: Kysely<DB>, kind: DatabaseKind): Promise<void> {
  if (kind !== 'postgres') return;
  for (const table of ID_TABLES) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
      coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  }
}

export type DemoUnit = Insertable<UnitsTable> & { id: number };

export async function insertUnitRows(db: Kysely<DB>, units: readonly DemoUnit[]): Promise<void> {
  for (const chunk of chunks(units, 500)) await db.insertInto('units').values(chunk).execute();
}

/** One plan with all its rows, ready to be written. */
export interface DemoPlanRows {
  plan: Insertable<PlansTable> & { id: number };
  items: (Insertable<PlanItemsTable> & { id: number })[];
  tasks: (Insertable<TasksTable> & { id: number })[];
  links: Insertable<TaskUnitsTable>[];
  unitFigures: Insertable<PlanUnitFiguresTable>[];
}

/**
 * Writes plans with their rows. The per-unit figures go in as the trigger of migration 0017 spreads
 * plans.unit_figures on an update (an insert fires no trigger).
 */
export async function insertPlanRows(db: Kysely<DB>, plans: readonly DemoPlanRows[]): Promise<void> {
  for (const chunk of chunks(
    plans.map((p) => p.plan),
    100,
  ))
    await db.insertInto('plans').values(chunk).execute();
  for (const chunk of chunks(
    plans.flatMap((p) => p.items),
    1000,
  ))
    await db.insertInto('plan_items').values(chunk).execute();
  for (const chunk of chunks(
    plans.flatMap((p) => p.tasks),
    500,
  ))
    await db.insertInto('tasks').values(chunk).execute();
  for (const chunk of chunks(
    plans.flatMap((p) => p.links),
    1000,
  ))
    await db.insertInto('task_units').values(chunk).execute();
  for (const chunk of chunks(
    plans.flatMap((p) => p.unitFigures),
    1000,
  ))
    await db.insertInto('plan_unit_figures').values(chunk).execute();
}
