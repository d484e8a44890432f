/** Queries on units and their aliases. No rules here: use-cases decide what to create. */
import type { Kysely, Updateable } from 'kysely';
import type { DB, UnitsTable } from './schema.js';

export interface UnitWithAliases {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
}

export async function unitsUnder(db: Kysely<DB>, parentId: number): Promise<UnitWithAliases[]> {
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind'])
    .where('parent_id', '=', parentId)
    .orderBy('id')
    .execute();
  if (units.length === 0) return [];
  const aliases = await db
    .selectFrom('unit_aliases')
    .select(['unit_id', 'alias'])
    .where(
      'unit_id',
      'in',
      units.map((u) => u.id),
    )
    .orderBy('id')
    .execute();
  return units.map((u) => ({ ...u, aliases: aliases.filter((a) => a.unit_id === u.id).map((a) => a.alias) }));
}

export async function findUnitByKey(
  db: Kysely<DB>,
  parentId: number | null,
  nameKey: string,
): Promise<{ id: number; name: string; kind: string } | undefined> {
  let q = db.selectFrom('units').select(['id', 'name', 'kind']).where('name_key', '=', nameKey);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.executeTakeFirst();
}

export async function insertUnit(
  db: Kysely<DB>,
  unit: { name: string; name_key: string; kind: string; parent_id: number | null; created_at: string },
): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({ ...unit, successor_id: null, lineage: null, valid_from: null, valid_to: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAliases(
  db: Kysely<DB>,
  aliases: readonly { unit_id: number; alias: string; alias_key: string }[],
): Promise<void> {
  if (aliases.length === 0) return;
  await db
    .insertInto('unit_aliases')
    .values([...aliases])
    .onConflict((oc) => oc.columns(['unit_id', 'alias_key']).doNothing())
    .execute();
}

export async function unitNames(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The local governments or agencies of a folded name and kind: several provinces may each have a
 * "Xã Tân Lập"; the caller chooses among them by the importer's reach.
 */
export async function findSubjectUnits(
  db: Kysely<DB>,
  nameKey: string,
  kind: string,
): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('name_key', '=', nameKey)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
}

export async function unitExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every unit's parent, by id. */
export async function unitParentRows(db: Kysely<DB>): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** Whether any unit exists at all. */
export async function anyUnit(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Sets a unit's place: its parent, successor, lineage and last valid day. */
export async function setUnitPlace(
  db: Kysely<DB>,
  id: number,
  place: Pick<Updateable<UnitsTable>, 'parent_id' | 'successor_id' | 'lineage' | 'valid_to'>,
): Promise<void> {
  await db.updateTable('units').set(place).where('id', '=', id).execute();
}
