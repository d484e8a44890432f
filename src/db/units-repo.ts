/** Queries on units and their aliases. No rules here: use-cases decide what to create. */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { vietnameseSortKey } from '../core/collate.js';
import { idList, idsIn, keptQuery, onSqlite } from './kept-query.js';
import type { DB, UnitEventsTable, UnitsTable, UnitYearBaselinesTable } from './schema.js';

export type UnitRecord = Selectable<UnitsTable>;
/** The fields of a unit an administrator changes. */
export type UnitChange = Partial<
  Pick<
    UnitRecord,
    | 'name'
    | 'name_key'
    | 'kind'
    | 'parent_id'
    | 'successor_id'
    | 'lineage'
    | 'valid_from'
    | 'valid_to'
    | 'archived'
  >
>;

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

/** The units directly under each of these units (without aliases), in the order they were created. */
export async function unitsUnderEach(
  db: Kysely<DB>,
  parentIds: readonly number[],
): Promise<Map<number, { id: number; name: string; kind: string }[]>> {
  const out = new Map<number, { id: number; name: string; kind: string }[]>();
  if (parentIds.length === 0) return out;
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('parent_id', 'in', [...new Set(parentIds)])
    .orderBy('id')
    .execute();
  for (const { parent_id, ...unit } of rows) {
    const list = out.get(parent_id!);
    if (list) list.push(unit);
    else out.set(parent_id!, [unit]);
  }
  return out;
}

/** Every unit's name and parent (paths and subtrees of the plans list). */
export async function unitTree(
  db: Kysely<DB>,
): Promise<{ id: number; name: string; parent_id: number | null }[]> {
  return db.selectFrom('units').select(['id', 'name', 'parent_id']).execute();
}

export async function findUnit(db: Kysely<DB>, id: number): Promise<UnitRecord | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every unit, in the order they were created. */
export async function allUnits(db: Kysely<DB>): Promise<UnitRecord[]> {
  return db.selectFrom('units').selectAll().orderBy('id').execute();
}

/** The units directly under a unit, with their kind. */
export async function childUnits(
  db: Kysely<DB>,
  parentId: number,
): Promise<{ name: string; kind: string }[]> {
  return db.selectFrom('units').select(['name', 'kind']).where('parent_id', '=', parentId).execute();
}

/** Changes a unit; a new name brings its sort key (migration 0014). */
export async function updateUnitRow(db: Kysely<DB>, id: number, change: UnitChange): Promise<void> {
  const sortKey = change.name === undefined ? {} : { sort_key: vietnameseSortKey(change.name) };
  await db
    .updateTable('units')
    .set({ ...change, ...sortKey })
    .where('id', '=', id)
    .execute();
}

/** The units of these kinds, with when they ended and what became of them. */
export async function unitsOfKinds(
  db: Kysely<DB>,
  kinds: readonly string[],
): Promise<{ id: number; name: string; kind: string; validTo: string | null; lineage: string | null }[]> {
  if (kinds.length === 0) return [];
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'valid_to as validTo', 'lineage'])
    .where('kind', 'in', [...kinds])
    .execute();
}

/** A unit's end and lineage with the name of the unit it became. */
export async function unitWithSuccessor(
  db: Kysely<DB>,
  id: number,
): Promise<{ name: string; validTo: string | null; lineage: string | null; successor: string | null }> {
  return db
    .selectFrom('units')
    .leftJoin('units as successor', 'successor.id', 'units.successor_id')
    .select([
      'units.name as name',
      'units.valid_to as validTo',
      'units.lineage as lineage',
      'successor.name as successor',
    ])
    .where('units.id', '=', id)
    .executeTakeFirstOrThrow();
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
    .values({
      ...unit,
      sort_key: vietnameseSortKey(unit.name),
      successor_id: null,
      lineage: null,
      valid_from: null,
      valid_to: null,
    })
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

/**
 * A unit and its ancestors, each with its parent: what walking up from that unit needs (core/access.ts
 * #isWithin), in one statement instead of every unit's parent. Several units: their chains together.
 */
export async function unitAncestry(
  db: Kysely<DB>,
  unitId: number | readonly number[],
): Promise<Map<number, number | null>> {
  const chains = await unitsWithAncestors(db, typeof unitId === 'number' ? [unitId] : unitId);
  return new Map([...chains].map(([id, u]) => [id, u.parent_id]));
}

/**
 * The units asked for and all their ancestors, with name and parent, in one statement: the paths of
 * the plans a list page shows and the parents of an account's units, without reading every unit.
 * The ancestors are rows of unit_ancestors (0041: each unit with every unit above it and itself, kept
 * by the database's triggers), read by their unit's key (unit_ancestors_unit); their units by theirs
 * (on PostgreSQL gathered first as an array, as plans-repo.ts#inSubtree does: as `in (…)` it read
 * both tables whole in a merge join at the tests' size). One kept statement, the units one value
 * (ancestorsQuery). It used to walk up the tree one parent per step (a recursive statement): the
 * subtrees of the plans list read the same table, so the tree has one reading.
 */
export async function unitsWithAncestors(
  db: Kysely<DB>,
  unitIds: readonly number[],
): Promise<Map<number, { name: string; parent_id: number | null }>> {
  const start = [...new Set(unitIds)];
  if (start.length === 0) return new Map();
  const rows = await ancestorsQuery(db, idList(db, start));
  return new Map(rows.map((r) => [r.id, { name: r.name, parent_id: r.parent_id }]));
}

// built once, prepared once per PostgreSQL connection (keptQuery); the units as one value (idList).
// SQLite: the ids first (CROSS JOIN keeps that order), each one's rows by unit_ancestors_unit: as
// `in (select value from json_each(…))` it read the whole table at the tests' size
const ancestorsQuery = keptQuery((db: Kysely<DB>, ids: string) =>
  db
    .selectFrom('units')
    .select(['id', 'name', 'parent_id'])
    .where(
      onSqlite(db)
        ? sql<boolean>`units.id in (select a.ancestor_id from json_each(${ids}) j
            cross join unit_ancestors a on a.unit_id = j.value)`
        : sql<boolean>`units.id = any(array(select a.ancestor_id from unit_ancestors a
            where ${idsIn(db, sql.ref('a.unit_id'), ids)}))`,
    ),
);

/** Whether any unit exists at all. */
export async function anyUnit(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every reorganisation event with its units, in date order (0016; core/lineage.ts reads them). */
export async function allUnitEvents(
  db: Kysely<DB>,
): Promise<(UnitEventSides & { note: string; createdAt: string })[]> {
  const events = await db
    .selectFrom('unit_events')
    .select(['id', 'kind', 'date', 'decision', 'note', 'created_at as createdAt'])
    .orderBy('date')
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('unit_event_links')
    .select(['event_id', 'unit_id', 'side'])
    .orderBy('event_id')
    .orderBy('position')
    .execute();
  const sides = new Map<number, { from: number[]; to: number[] }>();
  for (const l of links) {
    const s = sides.get(l.event_id) ?? { from: [], to: [] };
    s[l.side].push(l.unit_id);
    sides.set(l.event_id, s);
  }
  return events.map((e) => ({ ...e, ...(sides.get(e.id) ?? { from: [], to: [] }) }));
}

/** A reorganisation event with its units on each side, as core/lineage.ts reads it. */
export interface UnitEventSides {
  id: number;
  kind: UnitEventsTable['kind'];
  date: string | null;
  decision: string;
  from: number[];
  to: number[];
}

/**
 * The events that ended units these came from, transitively (their predecessors' events of
 * core/lineage.ts: merged, split, renamed, dissolved — not moved), in allUnitEvents' order with their
 * units: what predecessors() reads for these units, read in one statement instead of every event
 * (a recursive walk backwards through unit_event_links' "to" sides).
 */
export async function unitEventsBefore(
  db: Kysely<DB>,
  unitIds: readonly number[],
): Promise<UnitEventSides[]> {
  if (unitIds.length === 0) return [];
  const ended = sql`t.side = 'to' and ev.kind <> 'moved'`;
  const { rows } = await sql<{
    id: number;
    kind: UnitEventsTable['kind'];
    date: string | null;
    decision: string;
    unit_id: number;
    side: 'from' | 'to';
  }>`with recursive reach (unit_id) as (
      select id from units where id in (${sql.join([...new Set(unitIds)])})
      union
      select f.unit_id from reach r
        join unit_event_links t on t.unit_id = r.unit_id
        join unit_events ev on ev.id = t.event_id and ${ended}
        join unit_event_links f on f.event_id = t.event_id and f.side = 'from'
    )
    select ev.id, ev.kind, ev.date, ev.decision, l.unit_id, l.side
    from unit_events ev join unit_event_links l on l.event_id = ev.id
    where ev.id in (select t.event_id from unit_event_links t join reach r on r.unit_id = t.unit_id
      join unit_events ev on ev.id = t.event_id where ${ended})
    order by ev.date, ev.id, l.position`.execute(db);
  const out: UnitEventSides[] = [];
  for (const r of rows) {
    let e = out[out.length - 1];
    if (e?.id !== r.id)
      out.push((e = { id: r.id, kind: r.kind, date: r.date, decision: r.decision, from: [], to: [] }));
    e[r.side].push(r.unit_id);
  }
  return out;
}

/** Records one event and its units on each side, in the order given; its id. */
export async function insertUnitEvent(
  db: Kysely<DB>,
  event: Omit<Insertable<UnitEventsTable>, 'id'>,
  from: readonly number[],
  to: readonly number[],
): Promise<number> {
  const { id } = await db.insertInto('unit_events').values(event).returning('id').executeTakeFirstOrThrow();
  const links = [
    ...from.map((unit_id, position) => ({ event_id: id, unit_id, side: 'from' as const, position })),
    ...to.map((unit_id, position) => ({ event_id: id, unit_id, side: 'to' as const, position })),
  ];
  if (links.length > 0) await db.insertInto('unit_event_links').values(links).execute();
  return id;
}

/** Every unit's name, kind, parent and lifetime (the lineage page and the list's names). */
export async function unitLifetimes(db: Kysely<DB>): Promise<
  {
    id: number;
    name: string;
    name_key: string;
    kind: string;
    parent_id: number | null;
    valid_from: string | null;
    valid_to: string | null;
  }[]
> {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'name_key', 'kind', 'parent_id', 'valid_from', 'valid_to'])
    .orderBy('id')
    .execute();
}

/** A successor's recorded figure of a year, or undefined. */
export async function findUnitBaseline(
  db: Kysely<DB>,
  unitId: number,
  year: number,
): Promise<Selectable<UnitYearBaselinesTable> | undefined> {
  return db
    .selectFrom('unit_year_baselines')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Records (or replaces) a successor's figure of a year. */
export async function saveUnitBaseline(
  db: Kysely<DB>,
  row: Omit<Insertable<UnitYearBaselinesTable>, 'id'>,
): Promise<void> {
  const { unit_id: _unit, year: _year, ...rest } = row;
  await db
    .insertInto('unit_year_baselines')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet(rest))
    .execute();
}
