/** Queries on frameworks (criteria sets, versioned per year and unit group) and their criteria. */
import type { Insertable, Kysely } from 'kysely';
import type { CriteriaTable, DB, FrameworksTable } from './schema.js';

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
