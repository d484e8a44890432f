/** The state of a test database as numbers: row counts of every table the migrations create. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export const TABLES = [
  'units',
  'unit_aliases',
  'frameworks',
  'criteria',
  'plans',
  'plan_items',
  'tasks',
  'task_units',
] as const satisfies readonly (keyof DB)[];

export type TableName = (typeof TABLES)[number];
export type TableCounts = Record<TableName, number>;

export const EMPTY_COUNTS: TableCounts = Object.fromEntries(TABLES.map((t) => [t, 0])) as TableCounts;

export async function countRows(db: Kysely<DB>): Promise<TableCounts> {
  const counts = {} as TableCounts;
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      db,
    );
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
