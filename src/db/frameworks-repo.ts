/**
 * Queries on frameworks (criteria sets, versioned per year and unit group), their criteria and the
 * crosswalks between two of them. No rules here: modules/frameworks.ts decides.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  CriteriaTable,
  DB,
  FrameworkCrosswalksTable,
  FrameworksTable,
  FrameworkStateColumn,
} from './schema.js';

export type FrameworkRecord = Selectable<FrameworksTable>;
export type CriterionRecord = Selectable<CriteriaTable>;
export type CrosswalkRecord = Selectable<FrameworkCrosswalksTable>;

export async function findFramework(
  db: Kysely<DB>,
  unitGroup: string,
  year: number,
  contentHash: string,
): Promise<{ id: number; version: number } | undefined> {
  return db
    .selectFrom('frameworks')
    .select(['id', 'version'])
    .where('unit_group', '=', unitGroup)
    .where('year', '=', year)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
}

export async function latestVersion(db: Kysely<DB>, unitGroup: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('frameworks')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('unit_group', '=', unitGroup)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function insertFramework(
  db: Kysely<DB>,
  framework: Insertable<FrameworksTable>,
  criteria: readonly Omit<Insertable<CriteriaTable>, 'framework_id'>[],
): Promise<number> {
  const { id } = await db
    .insertInto('frameworks')
    .values(framework)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const chunk of chunks(criteria, 500)) {
    await db
      .insertInto('criteria')
      .values(chunk.map((c) => ({ ...c, framework_id: id })))
      .execute();
  }
  return id;
}

export async function criterionIds(db: Kysely<DB>, frameworkId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('criteria')
    .select(['id', 'code'])
    .where('framework_id', '=', frameworkId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface FrameworkFilter {
  group?: string | undefined;
  /** frameworks that apply in this year (year ≤ it ≤ year_to) */
  year?: number | undefined;
  state?: FrameworkStateColumn | undefined;
}

/** The frameworks of a filter, newest year and version first, with their criteria and plans counted. */
export async function listFrameworkRows(
  db: Kysely<DB>,
  filter: FrameworkFilter,
): Promise<(FrameworkRecord & { criteria: number; plans: number })[]> {
  let query = db
    .selectFrom('frameworks as f')
    .selectAll('f')
    .select((eb) => [
      eb
        .selectFrom('criteria')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('criteria.framework_id', '=', 'f.id')
        .as('criteria'),
      eb
        .selectFrom('plans')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('plans.framework_id', '=', 'f.id')
        .as('plans'),
    ]);
  if (filter.group !== undefined) query = query.where('f.unit_group', '=', filter.group);
  if (filter.state !== undefined) query = query.where('f.state', '=', filter.state);
  if (filter.year !== undefined) {
    const year = filter.year;
    query = query
      .where('f.year', '<=', year)
      .where((eb) => eb(eb.fn.coalesce('f.year_to', 'f.year'), '>=', year));
  }
  const rows = await query
    .orderBy('f.year', 'desc')
    .orderBy('f.unit_group')
    .orderBy('f.version', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, criteria: Number(r.criteria ?? 0), plans: Number(r.plans ?? 0) }));
}

/** The top-level criteria (max and scorer) of some frameworks: the list's totals. */
export async function rootCriteria(
  db: Kysely<DB>,
  frameworkIds: readonly number[],
): Promise<Pick<CriterionRecord, 'framework_id' | 'max_score' | 'scorer'>[]> {
  if (frameworkIds.length === 0) return [];
  return db
    .selectFrom('criteria')
    .select(['framework_id', 'max_score', 'scorer'])
    .where('framework_id', 'in', frameworkIds)
    .where('parent_code', 'is', null)
    .execute();
}

/** A framework by its name (the sample round finds the sample framework so), with its state. */
export function findFrameworkByName(
  db: Kysely<DB>,
  name: string,
): Promise<{ id: number; state: FrameworkStateColumn } | undefined> {
  return db.selectFrom('frameworks').select(['id', 'state']).where('name', '=', name).executeTakeFirst();
}

export async function findFrameworkRow(db: Kysely<DB>, id: number): Promise<FrameworkRecord | undefined> {
  return db.selectFrom('frameworks').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the framework's row lock for the rest of the transaction and reads the row (UPDATE …
 * RETURNING on both engines, as plans-repo.ts#lockAndFindPlan): changes of one framework run one
 * after the other, and a framework put in use meanwhile is seen frozen.
 */
export async function lockFramework(db: Kysely<DB>, id: number): Promise<FrameworkRecord | undefined> {
  return db
    .updateTable('frameworks')
    .set((eb) => ({ state: eb.ref('state') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** How many plans use a framework. */
export async function plansUsing(db: Kysely<DB>, id: number): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('framework_id', '=', id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The frameworks made from this one. */
export async function nextFrameworkIds(db: Kysely<DB>, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('frameworks')
    .select('id')
    .where('previous_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A framework's criteria in document order, with the name of the unit that follows each. */
export async function frameworkCriteria(
  db: Kysely<DB>,
  frameworkId: number,
): Promise<(CriterionRecord & { followed_by_name: string | null })[]> {
  return db
    .selectFrom('criteria')
    .leftJoin('units', 'units.id', 'criteria.followed_by')
    .selectAll('criteria')
    .select('units.name as followed_by_name')
    .where('criteria.framework_id', '=', frameworkId)
    .orderBy('criteria.position')
    .execute();
}

/** Writes a criterion's fields when it still has the version the editor saw; the rows changed (0 or 1). */
export async function updateCriterionRow(
  db: Kysely<DB>,
  criterionId: number,
  version: number,
  set: Updateable<CriteriaTable>,
): Promise<number> {
  const result = await db
    .updateTable('criteria')
    .set({ ...set, version: version + 1 })
    .where('id', '=', criterionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateFrameworkRow(
  db: Kysely<DB>,
  id: number,
  set: Updateable<FrameworksTable>,
): Promise<void> {
  await db.updateTable('frameworks').set(set).where('id', '=', id).execute();
}

/** The crosswalk rows between two frameworks, in the earlier one's criteria order. */
export async function crosswalkRows(
  db: Kysely<DB>,
  fromId: number,
  toId: number,
): Promise<CrosswalkRecord[]> {
  return db
    .selectFrom('framework_crosswalks')
    .selectAll()
    .where('from_framework_id', '=', fromId)
    .where('to_framework_id', '=', toId)
    .orderBy('id')
    .execute();
}

/** Removes rows of a crosswalk: the proposed ones only, or those of some codes. */
export async function deleteCrosswalkRows(
  db: Kysely<DB>,
  fromId: number,
  toId: number,
  which: { status: 'proposed' } | { fromCodes: readonly string[] },
): Promise<void> {
  let query = db
    .deleteFrom('framework_crosswalks')
    .where('from_framework_id', '=', fromId)
    .where('to_framework_id', '=', toId);
  if ('status' in which) query = query.where('status', '=', which.status);
  else {
    if (which.fromCodes.length === 0) return;
    query = query.where('from_code', 'in', [...which.fromCodes]);
  }
  await query.execute();
}

export async function insertCrosswalkRows(
  db: Kysely<DB>,
  rows: readonly Insertable<FrameworkCrosswalksTable>[],
): Promise<void> {
  for (const chunk of chunks(rows, 500)) await db.insertInto('framework_crosswalks').values(chunk).execute();
}
