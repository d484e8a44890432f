/**
 * Queries on the audit trail (audit_log) and its head (audit_head, one row). The trail is
 * append-only: there is no update or delete of an entry here. No rules here: the chain's hashing,
 * who may read what and the office's day live in modules/audit*.ts.
 */
import { type Insertable, type Kysely, type Selectable } from 'kysely';
import { onSqlite } from './kept-query.js';
import type { AuditLogTable, DB } from './schema.js';

export type AuditRow = Selectable<AuditLogTable>;

/**
 * Takes the head row for the rest of the transaction (an update that changes nothing) and reads it:
 * appenders run one after the other on both engines.
 */
export function lockAuditHead(
  db: Kysely<DB>,
): Promise<{ last_id: number; last_hash: string; appended: number }> {
  return db
    .updateTable('audit_head')
    .set((eb) => ({ appended: eb.ref('appended') }))
    .where('id', '=', 1)
    .returning(['last_id', 'last_hash', 'appended'])
    .executeTakeFirstOrThrow();
}

export async function readAuditHead(
  db: Kysely<DB>,
): Promise<{ last_id: number; last_hash: string; appended: number }> {
  return db
    .selectFrom('audit_head')
    .select(['last_id', 'last_hash', 'appended'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** Writes entries with their ids, 200 to a statement. */
export async function insertAuditEntries(db: Kysely<DB>, rows: readonly NumberedEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + 200))
      .execute();
}

type NumberedEntry = Insertable<AuditLogTable> & { id: number };

/**
 * Writes entries after the head (taken by lockAuditHead) and moves the head over them, the last
 * with this hash. On PostgreSQL the last 200 entries and the head's move are one statement, one
 * round trip fewer for every audited change: the head's update waits on the insert (its condition
 * counts the rows inserted), so the insert's trigger still finds the head before it and the head's
 * trigger finds the entries it moves over. SQLite has no writes in WITH: two statements, in process.
 */
export async function appendAuditEntries(
  db: Kysely<DB>,
  rows: readonly NumberedEntry[],
  lastHash: string,
): Promise<void> {
  if (rows.length === 0) return;
  const lastId = rows[rows.length - 1]!.id;
  if (onSqlite(db)) {
    await insertAuditEntries(db, rows);
    await advanceAuditHead(db, rows.length, lastId, lastHash);
    return;
  }
  const tail = rows.length - ((rows.length - 1) % 200) - 1;
  await insertAuditEntries(db, rows.slice(0, tail));
  const last = rows.slice(tail);
  const moved = await db
    .with('appended', (w) => w.insertInto('audit_log').values(last).returning('id'))
    .updateTable('audit_head')
    .set((eb) => ({ appended: eb('appended', '+', rows.length), last_id: lastId, last_hash: lastHash }))
    .where('id', '=', 1)
    .where((eb) => eb(eb.selectFrom('appended').select(eb.fn.countAll<number>().as('n')), '=', last.length))
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new Error('the audit head did not move over its entries');
}

/** Moves the head to the last entry appended: `count` more entries, the last with this id and hash. */
async function advanceAuditHead(
  db: Kysely<DB>,
  count: number,
  lastId: number,
  lastHash: string,
): Promise<void> {
  await db
    .updateTable('audit_head')
    .set((eb) => ({ appended: eb('appended', '+', count), last_id: lastId, last_hash: lastHash }))
    .where('id', '=', 1)
    .execute();
}

/** The entries after this id, in id order, at most `limit`. */
export async function auditEntriesAfter(db: Kysely<DB>, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  username?: string;
  unitId?: number;
  planId?: number;
  itemId?: number;
  code?: string;
  /** ISO times: from inclusive, to exclusive */
  fromAt?: string;
  toAt?: string;
  /** only entries of these units; undefined: all */
  units?: readonly number[];
  limit: number;
  offset: number;
}

/** A page of entries matching the filter, newest first, and how many match in all. */
export async function findAuditEntries(
  db: Kysely<DB>,
  f: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  let base = db.selectFrom('audit_log');
  if (f.username !== undefined) base = base.where('username', '=', f.username);
  if (f.unitId !== undefined) base = base.where('unit_id', '=', f.unitId);
  if (f.planId !== undefined) base = base.where('plan_id', '=', f.planId);
  if (f.itemId !== undefined) base = base.where('item_id', '=', f.itemId);
  if (f.code !== undefined) base = base.where('code', '=', f.code);
  if (f.fromAt !== undefined) base = base.where('at', '>=', f.fromAt);
  if (f.toAt !== undefined) base = base.where('at', '<', f.toAt);
  if (f.units)
    base = f.units.length === 0 ? base.where('id', '<', 0) : base.where('unit_id', 'in', [...f.units]);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(counted.n) };
}

/** The criterion code of an item of a plan, and the plan's subject unit. */
export async function itemCodeInPlan(
  db: Kysely<DB>,
  planId: number,
  itemId: number,
): Promise<{ code: string; subject_unit_id: number } | undefined> {
  return db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['criteria.code', 'plans.subject_unit_id'])
    .where('plan_items.id', '=', itemId)
    .where('plan_items.plan_id', '=', planId)
    .executeTakeFirst();
}

/** Plans by id with their subject unit's name and year, to name them in the trail. */
export async function planNames(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<{ id: number; name: string; year: number }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select(['plans.id', 'units.name', 'plans.year'])
    .where('plans.id', 'in', [...ids])
    .execute();
}

/** Items by id with their criterion's code and name. */
export async function itemCriteria(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<{ id: number; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['plan_items.id', 'criteria.code', 'criteria.name'])
    .where('plan_items.id', 'in', [...ids])
    .execute();
}

/** Tasks by id with their item's criterion code and name. */
export async function taskCriteria(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<{ id: number; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('tasks')
    .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['tasks.id', 'criteria.code', 'criteria.name'])
    .where('tasks.id', 'in', [...ids])
    .execute();
}

/** The criteria of these codes in these plans, by plan: names for entries whose item is gone. */
export async function criteriaOfPlansByCode(
  db: Kysely<DB>,
  planIds: readonly number[],
  codes: readonly string[],
): Promise<{ plan_id: number; code: string; name: string }[]> {
  if (planIds.length === 0 || codes.length === 0) return [];
  return db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['plan_items.plan_id', 'criteria.code', 'criteria.name'])
    .where('plan_items.plan_id', 'in', [...planIds])
    .where('criteria.code', 'in', [...codes])
    .execute();
}
