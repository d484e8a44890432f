/** Queries on plans, their items (one per criterion), tasks and the units named by tasks. */
import {
  sql,
  type RawBuilder,
  type Insertable,
  type Kysely,
  type QueryCreator,
  type Selectable,
  type Selection,
  type Updateable,
} from 'kysely';
import { idList, idsIn, keptQuery, onSqlite } from './kept-query.js';
import { chunks } from './frameworks-repo.js';
import type {
  DB,
  PlanItemsTable,
  PlansTable,
  PlanUnitFiguresTable,
  TasksTable,
  TaskStatus,
} from './schema.js';

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
 * lock) and reads the locked row, in one statement (UPDATE … RETURNING on both engines): edits of
 * one plan then run one after the other, so none computes parents or totals from values another
 * is changing.
 */
export async function lockAndFindPlan(db: Kysely<DB>, planId: number): Promise<PlanRecord | undefined> {
  return db
    .updateTable('plans')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirst();
}

/** What a reader's view of a plan needs before the plan itself: its version, subject, archived. */
export type PlanHead = Pick<PlanRecord, 'version' | 'subject_unit_id' | 'archived'>;

/** The plan's head (also read with the session on the plan's page: sessions-repo.ts). */
export async function planHead(db: Kysely<DB>, planId: number): Promise<PlanHead | undefined> {
  return (await planHeadQuery(db, planId))[0];
}

// read on every request for a plan: built once (keptQuery)
const planHeadQuery = keptQuery((db: Kysely<DB>, planId: number) =>
  db.selectFrom('plans').select(['version', 'subject_unit_id', 'archived']).where('id', '=', planId),
);

/** Sets one score of one item (the item's version stays: a findings action, not an edit of it). */
export async function setItemScore(
  db: Kysely<DB>,
  itemId: number,
  field: 'baseline' | 'target',
  value: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('plan_items')
    .set({ [field]: value, updated_at: now })
    .where('id', '=', itemId)
    .execute();
}

/** Deletes a plan; its items, their tasks and the tasks' units go with it (ON DELETE CASCADE). */
export async function deletePlanRows(db: Kysely<DB>, planId: number): Promise<void> {
  await db.deleteFrom('plan_items').where('plan_id', '=', planId).execute();
  await db.deleteFrom('plans').where('id', '=', planId).execute();
}

export async function insertItem(db: Kysely<DB>, item: Insertable<PlanItemsTable>): Promise<number> {
  const row = await db.insertInto('plan_items').values(item).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateItem(
  db: Kysely<DB>,
  itemId: number,
  values: Updateable<PlanItemsTable>,
): Promise<void> {
  await db.updateTable('plan_items').set(values).where('id', '=', itemId).execute();
}

/** Deletes items (their tasks and the tasks' units follow by cascade). */
export async function deleteItems(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  for (const chunk of chunks(ids, 400)) await db.deleteFrom('plan_items').where('id', 'in', chunk).execute();
}

/**
 * Takes the row locks of the plans of these subjects and reads them, in one statement (as
 * lockAndFindPlan does for one plan): a change of a unit moves them all in its transaction.
 */
export async function lockAndFindPlansOf(db: Kysely<DB>, subjects: readonly number[]): Promise<PlanRecord[]> {
  if (subjects.length === 0) return [];
  const plans = await db
    .updateTable('plans')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('subject_unit_id', 'in', [...subjects])
    .returningAll()
    .execute();
  return plans.sort((a, b) => a.id - b.id);
}

/** The next version of a plan, as written with it: its content hash and list figures. */
export interface PlanVersionWrite {
  id: number;
  content_hash: string;
  figures: Omit<StoredFigures, 'figures_version'>;
}

const INTEGER_FIGURES = ['criteria', 'open_errors', 'open_warnings', 'tasks_followed', 'tasks_done'] as const;
const TEXT_FIGURES = [
  'live_max',
  'live_baseline',
  'live_target',
  'open_deadlines',
  'first_open_deadline',
  'search_key',
] as const;

/**
 * Moves several plans (locked by the caller) to their next version with each one's hash and list
 * figures: one UPDATE per 200 plans, the values picked by id (CASE; integers cast for PostgreSQL).
 */
export async function writePlanVersions(
  db: Kysely<DB>,
  writes: readonly PlanVersionWrite[],
  now: string,
): Promise<void> {
  for (const chunk of chunks(writes, 200)) {
    const pick = (value: (w: PlanVersionWrite) => string | number | null, integer: boolean) =>
      sql`case id ${sql.join(
        chunk.map((w) =>
          integer ? sql`when ${w.id} then cast(${value(w)} as integer)` : sql`when ${w.id} then ${value(w)}`,
        ),
        sql` `,
      )} end`;
    const set: Record<string, unknown> = { content_hash: pick((w) => w.content_hash, false) };
    for (const f of INTEGER_FIGURES) set[f] = pick((w) => w.figures[f], true);
    for (const f of TEXT_FIGURES) set[f] = pick((w) => w.figures[f], false);
    await db
      .updateTable('plans')
      .set((eb) => ({
        ...(set as Partial<Record<keyof PlansTable, never>>),
        version: eb('version', '+', 1),
        figures_version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where(
        'id',
        'in',
        chunk.map((w) => w.id),
      )
      .execute();
  }
}

export async function findPlan(db: Kysely<DB>, id: number): Promise<PlanRecord | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(db: Kysely<DB>, plan: Insertable<PlansTable>): Promise<number> {
  const row = await db.insertInto('plans').values(plan).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(db: Kysely<DB>, id: number, values: PlanUpdate): Promise<void> {
  await db.updateTable('plans').set(values).where('id', '=', id).execute();
}

/** A plan's fields as an edit writes them with its next version. */
export type PlanUpdate = Partial<Omit<Insertable<PlansTable>, 'id'>>;

/**
 * A score edit's writes: the scores of several items of one plan — `leafId` must still be at
 * `leafVersion` and moves to the next version, the others (its ancestors) keep theirs — and the
 * plan's next version with `plan`'s fields. Returns the items written: fewer than asked means the
 * leaf was changed meanwhile (the caller refuses the edit, its transaction undoes both). One
 * statement on PostgreSQL (the items' update a WITH of the plan's; the plan's row is this
 * transaction's already), one round trip fewer per edit; two on SQLite, which has no writes in WITH.
 */
export async function updateItemScoresOf(
  db: Kysely<DB>,
  leafId: number,
  leafVersion: number,
  items: ReadonlyMap<number, { baseline?: string | null; target?: string | null }>,
  now: string,
  planId: number,
  plan: PlanUpdate,
): Promise<number> {
  const valueOf = (field: 'baseline' | 'target') => {
    const set = [...items].filter(([, v]) => v[field] !== undefined);
    if (set.length === 0) return undefined;
    const cases = set.map(([id, v]) => sql`when ${id} then ${v[field] ?? null}`);
    return sql<string | null>`case id ${sql.join(cases, sql` `)} else ${sql.ref(field)} end`;
  };
  const baseline = valueOf('baseline');
  const target = valueOf('target');
  const others = [...items.keys()].filter((id) => id !== leafId);
  const itemsUpdate = (d: QueryCreator<DB>) =>
    d
      .updateTable('plan_items')
      .set((eb) => ({
        ...(baseline ? { baseline } : {}),
        ...(target ? { target } : {}),
        version: eb
          .case()
          .when('id', '=', leafId)
          .then(leafVersion + 1)
          .else(eb.ref('version'))
          .end(),
        updated_at: now,
      }))
      .where((eb) =>
        eb.or([
          eb.and([eb('id', '=', leafId), eb('version', '=', leafVersion)]),
          ...(others.length > 0 ? [eb('id', 'in', others)] : []),
        ]),
      );
  if (onSqlite(db)) {
    const result = await itemsUpdate(db).executeTakeFirst();
    await updatePlan(db, planId, plan);
    return Number(result.numUpdatedRows);
  }
  const row = await db
    .with('written', (w) => itemsUpdate(w).returning('id'))
    .updateTable('plans')
    .set(plan)
    .where('id', '=', planId)
    .returning((eb) => eb.selectFrom('written').select(eb.fn.countAll<number>().as('n')).as('written'))
    .executeTakeFirst();
  return Number(row?.written ?? 0);
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

/** Every plan, archived ones too, in the list's order (the command line's `list`). */
export async function listPlans(db: Kysely<DB>): Promise<PlanListRow[]> {
  return (await listPlanFigures(db, { archived: true })).map(
    ({ id, version, subjectId, subject, year, baselineYear, criteria, updatedAt, archived }) => ({
      id,
      version,
      subjectId,
      subject,
      year,
      baselineYear,
      criteria,
      updatedAt,
      archived,
    }),
  );
}

/** A plan's list figures as stored with its version (migration 0013). */
export type StoredFigures = Pick<
  PlanRecord,
  | 'figures_version'
  | 'criteria'
  | 'live_max'
  | 'live_baseline'
  | 'live_target'
  | 'open_errors'
  | 'open_warnings'
  | 'tasks_followed'
  | 'tasks_done'
  | 'open_deadlines'
  | 'first_open_deadline'
  | 'search_key'
  | 'unit_figures'
>;

/** Stores figures computed at `version`, unless the plan has moved on since; whether it stored them. */
export async function updatePlanFigures(
  db: Kysely<DB>,
  planId: number,
  version: number,
  figures: StoredFigures,
): Promise<boolean> {
  const result = await db
    .updateTable('plans')
    .set(figures)
    .where('id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A plan's list figures as one unit sees it (migration 0017: plans.unit_figures holds them as JSON). */
export type UnitFigures = Omit<Selectable<PlanUnitFiguresTable>, 'plan_id'>;

/**
 * The ids of up to `limit` plans after `afterId` whose stored figures are not those of their
 * version (before 0013, or marked stale by 0017), in id order.
 */
export async function plansWithStaleFigures(db: Kysely<DB>, limit: number, afterId = 0): Promise<number[]> {
  const rows = await db
    .selectFrom('plans')
    .select('id')
    .where('id', '>', afterId)
    .where((eb) => eb.or([eb('figures_version', 'is', null), eb('figures_version', '<>', eb.ref('version'))]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Whole plans within a reach: subjects that are one of `units` or lie under (or are) one of `subtrees`. */
export interface PlanReach {
  subtrees: readonly number[];
  units: readonly number[];
}

export interface PlanListFilter {
  /** archived plans too */
  archived: boolean;
  year?: number;
  /** folded text (core/text.ts#fold) the search key contains */
  search?: string;
  /** folded text the subject's name contains: the search key before its year (the unit filter's) */
  subjectName?: string;
  hasErrors?: boolean;
  /** with (true) or without (false) a not-done task whose deadline is before `today` */
  overdue?: { today: string; value: boolean };
  /** whole plans: those within this reach (absent: all of them; null: none) */
  reach?: PlanReach | null;
  /**
   * lead units: besides the whole plans, the plans of these units' parents where the unit leads or
   * supports a task, with that unit's figures (0017) — at most one of them per parent
   */
  lead?: readonly number[];
  /** only plans whose subject lies under (or is) this unit */
  under?: number;
}

/** A row of the list: the plan and the figures its reader sees (the whole plan's or a lead unit's). */
export type PlanFiguresRow = PlanListRow &
  Omit<StoredFigures, 'unit_figures'> & {
    /** another unit of the subject's name has a plan (nameShared) */
    subjectShared: boolean;
  };

/**
 * Whether a plan's subject is one of the units under `roots` or a root itself (an expression over
 * plans.subject_unit_id): the units whose ancestors include a root, one range of unit_ancestors'
 * key per root (migration 0041). The tree was walked down by units_parent before, one step per level
 * in each of the list's two statements (a reader of the whole country: 3,7 ms a walk on SQLite, 8,7
 * on PostgreSQL).
 *
 * The plans, on PostgreSQL: `= any(array(…))`, the units gathered once and the plans looked up by
 * subject (plans_subject_listed). As `in (…)` the planner expected many more units than a subtree
 * has and hashed them against every unarchived plan, for the page and for its count. SQLite looks
 * the plans up by subject in the units gathered once (a list subquery); both then sort the subtree's
 * plans' keys for a page.
 */
function inSubtree(db: Kysely<DB>, roots: readonly number[]) {
  const units = sql<number>`select a.unit_id from unit_ancestors a where a.ancestor_id in (${sql.join(roots)})`;
  return onSqlite(db)
    ? sql<boolean>`plans.subject_unit_id in (${units})`
    : sql<boolean>`plans.subject_unit_id = any(array(${units}))`;
}

/**
 * The plans whose search key holds `needle` (folded text): `like '%…%'` with its own % _ \ escaped,
 * served by an index of trigrams (migration 0034) once the needle holds three characters in a row
 * besides % and _ (a trigram to look up). PostgreSQL: pg_trgm's GIN index serves this LIKE itself.
 * SQLite: the FTS5 trigram table gives the ids of the plans whose key holds each such run of the
 * needle (a phrase of its trigrams; MATCH, not the table's LIKE, which would read every candidate's
 * key again through plans), then the exact LIKE keeps those that hold the needle as written. Below
 * three characters the LIKE reads every key.
 *
 * SQLite, `inOrder` (a page): the ids are a filter (a list built once, unary + keeps the term off the
 * primary key) on the walk of plans_list_order, which stops at the page's last match; from the ids to
 * the plans by key, as the planner chose, a search 3,960 of 12,045 plans match sorted them all (page
 * 19.5 ms of CPU, walked 6.1). A count goes from the ids to the plans by key (1–8 ms, a walk 22–30).
 *
 * `inName`: the needle within the subject's name only, not across into the year (the unit filter's
 * search: "2024" is no unit's name), checked on the candidates the same index gives (PostgreSQL: a
 * regular expression the GIN index serves instead of the LIKE).
 */
function searched(db: Kysely<DB>, needle: string, inOrder: boolean, inName = false) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const inKey = sql<boolean>`plans.search_key like ${pattern} escape '\\'`;
  // the key is "name year" (plan-view.ts#searchKey): in the name, the needle comes before " year"
  if (!onSqlite(db)) {
    if (!inName) return inKey;
    // a constant regular expression (the needle, later the key's last word, all digits: its year),
    // which the GIN index serves and the planner prices as it does the LIKE; beside it a second
    // pattern built per row made the planner expect few matches and sort every plan's subject
    const needleFirst = `${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* [0-9]+$`;
    return sql<boolean>`plans.search_key ~ ${needleFirst}`;
  }
  // SQLite: the needle's first place in the key ends before the year's space (a needle in the name
  // is first found there); instr, not a LIKE whose pattern is built per row, half again as slow
  const exact = inName
    ? sql<boolean>`instr(plans.search_key, ${needle}) between 1 and length(plans.search_key) - length(cast(plans.year as text)) - ${[...needle].length}`
    : inKey;
  const phrases = needle
    .split(/[%_]/)
    .filter((run) => [...run].length >= 3)
    .map((run) => `"${run.replace(/"/g, '""')}"`);
  if (phrases.length === 0) return exact;
  const id = inOrder ? sql`+plans.id` : sql`plans.id`;
  return sql<boolean>`${id} in (select rowid from plans_search where plans_search match ${phrases.join(' AND ')}) and ${exact}`;
}

/** The plans that pass the filter's conditions on the plan itself (`inOrder`: for a page, searched). */
function plansOf(db: Kysely<DB>, filter: PlanListFilter, inOrder: boolean) {
  let query = db.selectFrom('plans');
  if (!filter.archived) query = query.where('plans.archived', '=', 0);
  if (filter.year !== undefined) query = query.where('plans.year', '=', filter.year);
  if (filter.search) query = query.where(searched(db, filter.search, inOrder));
  if (filter.subjectName) query = query.where(searched(db, filter.subjectName, inOrder, true));
  if (filter.under !== undefined) query = query.where(inSubtree(db, [filter.under]));
  return query;
}

/** Whether a plan's subject lies within a reach (an expression over plans.subject_unit_id). */
function within(db: Kysely<DB>, reach: PlanReach) {
  return sql<boolean>`(${sql.join(
    [
      ...(reach.units.length > 0 ? [sql`plans.subject_unit_id in (${sql.join([...reach.units])})`] : []),
      ...(reach.subtrees.length > 0 ? [inSubtree(db, reach.subtrees)] : []),
      ...(reach.units.length === 0 && reach.subtrees.length === 0 ? [sql`1 = 0`] : []),
    ],
    sql` or `,
  )})`;
}

/** Whether the filter lists whole plans only, none of a lead unit's parts (listed's union). */
function wholeOnly(filter: PlanListFilter): boolean {
  return filter.reach === undefined || (filter.lead ?? []).length === 0;
}

/**
 * A listed plan's own columns, before its figures (a whole plan's or a lead unit's). No subject's
 * name: a page reads it after the page (pageDetails), a count never, so the plans are walked in
 * the list's order (0032) with no join of units.
 */
const LISTED_HEAD = [
  'plans.id as id',
  'plans.version as version',
  'plans.subject_unit_id as subjectId',
  'plans.subject_sort_key as sort_key',
  'plans.year as year',
  'plans.baseline_year as baselineYear',
  'plans.updated_at as updatedAt',
  'plans.archived as archived',
  'plans.figures_version as figures_version',
  'plans.search_key as search_key',
] as const;

/** A whole plan's row of the list: its head and its stored figures. */
const WHOLE_COLUMNS = [
  ...LISTED_HEAD,
  'plans.criteria as criteria',
  'plans.live_max as live_max',
  'plans.live_baseline as live_baseline',
  'plans.live_target as live_target',
  'plans.open_errors as open_errors',
  'plans.open_warnings as open_warnings',
  'plans.tasks_followed as tasks_followed',
  'plans.tasks_done as tasks_done',
  'plans.open_deadlines as open_deadlines',
  'plans.first_open_deadline as first_open_deadline',
] as const;

/**
 * Every plan the filter lists, one row each with the figures its reader sees: a whole plan's
 * stored figures, or a lead unit's (0017; no totals: a part of a plan has none worth showing),
 * then filtered by those figures (errors, overdue). `inOrder`: for a page's statement (see searched).
 */
function listed(db: Kysely<DB>, filter: PlanListFilter, inOrder = false) {
  const reach = filter.reach;
  const whole = plansOf(db, filter, inOrder).select(WHOLE_COLUMNS);
  const lead = filter.lead ?? [];
  let union;
  if (wholeOnly(filter)) {
    union =
      reach === undefined ? whole : whole.where(reach === null ? sql<boolean>`1 = 0` : within(db, reach));
  } else {
    // a reach is given (wholeOnly): a null one reaches no plan whole
    const given = filter.reach as PlanReach | null;
    let parts = plansOf(db, filter, inOrder)
      .innerJoin('plan_unit_figures as f', 'f.plan_id', 'plans.id')
      .innerJoin('units as lead', 'lead.id', 'f.unit_id')
      .where('f.unit_id', 'in', [...lead])
      .whereRef('lead.parent_id', '=', 'plans.subject_unit_id');
    // a plan the reader reaches whole is listed whole
    if (given !== null) parts = parts.where(sql<boolean>`not ${within(db, given)}`);
    const nothing = sql<string | null>`null`;
    const partsListed = parts.select([
      ...LISTED_HEAD,
      'f.criteria as criteria',
      nothing.as('live_max'),
      nothing.as('live_baseline'),
      nothing.as('live_target'),
      'f.open_errors as open_errors',
      'f.open_warnings as open_warnings',
      'f.tasks_followed as tasks_followed',
      'f.tasks_done as tasks_done',
      'f.open_deadlines as open_deadlines',
      'f.first_open_deadline as first_open_deadline',
    ]);
    union = given === null ? partsListed : whole.where(within(db, given)).unionAll(partsListed);
  }
  let query = db.selectFrom(union.as('listed'));
  if (filter.hasErrors !== undefined)
    query = query.where('listed.open_errors', filter.hasErrors ? '>' : '=', 0);
  const overdue = filter.overdue;
  if (overdue)
    query = overdue.value
      ? query.where('listed.first_open_deadline', '<', overdue.today)
      : query.where((eb) =>
          eb.or([
            eb('listed.first_open_deadline', 'is', null),
            eb('listed.first_open_deadline', '>=', overdue.today),
          ]),
        );
  return query;
}

/**
 * The plans list from the stored figures, filtered, sorted and paged in SQL: newest year first, then
 * the subject's name in Vietnamese order (its unit's sort_key compared bytewise, 0014, kept on the
 * plan: 0032), then id — the order of plans_list_order, so a page walks that index and stops after
 * `offset + limit` entries instead of sorting every listed plan (a lead-unit reader's parts, a union,
 * are sorted: they are their parents' plans only). Then, for the page's rows only, the subjects'
 * names and the plans' items counted (a part's count is stored with it, 0017): a second statement
 * over the page's ids.
 *
 * Whole plans only (no lead unit's parts): the first statement finds the page's ids alone, on the
 * indexes (0040: the order and the filters' columns), and the second reads those plans' columns
 * too. A subtree's plans found by their subjects are sorted on plans_subject_listed's keys, not read
 * whole into the sort (a reader of the whole country, 12,045 plans on SQLite: 25 ms as one
 * statement, 10 as two).
 */
export async function listPlanFigures(
  db: Kysely<DB>,
  filter: PlanListFilter,
  page: { limit?: number; offset?: number } = {},
): Promise<PlanFiguresRow[]> {
  const whole = wholeOnly(filter);
  let query = listed(db, filter, true)
    .select(whole ? ['listed.id'] : PAGE_COLUMNS.map((c) => `listed.${c}` as const))
    .orderBy('listed.year', 'desc')
    .orderBy('listed.sort_key')
    .orderBy('listed.id');
  if (page.limit !== undefined) query = query.limit(page.limit);
  // SQLite takes no OFFSET without a LIMIT, PostgreSQL no negative one: the largest is none
  if (page.offset)
    query = (page.limit === undefined ? query.limit(Number.MAX_SAFE_INTEGER) : query).offset(page.offset);
  const found = await query.execute();
  const details = await pageDetails(
    db,
    found.map((r) => r.id),
    whole,
  );
  const rows = whole ? found.flatMap((r) => details.get(r.id)?.row ?? []) : found;
  return rows.map(({ sort_key: _key, criteria, ...r }) => {
    const d = details.get(r.id);
    return {
      ...r,
      subject: d?.subject ?? '',
      subjectShared: d?.shared ?? false,
      criteria: Number(criteria ?? 0),
      archived: Boolean(r.archived),
    };
  });
}

/** The name a column of WHOLE_COLUMNS is selected as ("plans.year as year": year). */
type AliasOf<C> = C extends `${string} as ${infer A}` ? A : never;

/** The columns of `listed` a lead-unit reader's page selects: WHOLE_COLUMNS's names, in its order. */
const PAGE_COLUMNS = WHOLE_COLUMNS.map((c) => c.slice(c.lastIndexOf(' as ') + 4)) as AliasOf<
  (typeof WHOLE_COLUMNS)[number]
>[];

/** A whole plan's row of a page, read by its id (WHOLE_COLUMNS). */
type PageRow = Selection<DB, 'plans', (typeof WHOLE_COLUMNS)[number]>;

/**
 * The subject's name of the plans of a page and whether it is shared, by their ids (one statement:
 * plans and units by primary key); `whole`: each plan's row of the list too (WHOLE_COLUMNS, with its
 * number of criteria: counted on plan_items' key for each of the page's plans until migration 0042
 * stored it with the figures, 0,85 ms of this statement's 1,4 on PostgreSQL). The ids are one value
 * (idList), so the statement is kept (pageNames, pageRows): PostgreSQL planned it again on every
 * list request (0,55–0,85 ms at 12,045 plans, the most of the list's statements), and it was one
 * statement per number of ids.
 */
async function pageDetails(
  db: Kysely<DB>,
  planIds: readonly number[],
  whole: boolean,
): Promise<Map<number, { subject: string; shared: boolean; row?: PageRow }>> {
  const out = new Map<number, { subject: string; shared: boolean; row?: PageRow }>();
  if (planIds.length === 0) return out;
  const rows = await (whole ? pageRows : pageNames)(db, idList(db, planIds));
  for (const { subject, shared, ...row } of rows)
    out.set(row.id, {
      subject: subject ?? '',
      shared: Boolean(shared),
      row: whole ? (row as PageRow) : undefined,
    });
  return out;
}

/** pageDetails' statement: the plans of a list of ids (idList), their subjects' names, shared or not. */
const pageDetailsOf = (whole: boolean) => (db: Kysely<DB>, ids: string) =>
  db
    .selectFrom('plans')
    // the name by a subquery, not a join: PostgreSQL merged the 50 plans with every unit by key
    .select((eb) => [
      'plans.id as id',
      eb
        .selectFrom('units')
        .select('units.name')
        .whereRef('units.id', '=', 'plans.subject_unit_id')
        .as('subject'),
      nameShared(sql.ref('plans.subject_unit_id')).as('shared'),
    ])
    .$if(whole, (q) => q.select(WHOLE_COLUMNS))
    .where(idsIn(db, sql.ref('plans.id'), ids));

// built once, prepared once per PostgreSQL connection (keptQuery)
const pageNames = keptQuery(pageDetailsOf(false));
const pageRows = keptQuery(pageDetailsOf(true));

/**
 * The years of the plans that pass the filter (the list's year filter), newest first: the latest
 * year, then the latest before it, and so on (a recursive statement, one step per year), each a
 * max() that an index in year order answers (plans_list_order: archived, year desc) instead of a
 * `distinct` over every listed plan.
 */
export async function listYears(db: Kysely<DB>, filter: PlanListFilter): Promise<number[]> {
  const latest = listed(db, filter).select((eb) => eb.fn.max('listed.year').as('year'));
  const before = latest.where('listed.year', '<', sql.ref<number>('y.year'));
  const rows = await sql<{ year: number | string }>`with recursive y(year) as (
      select (${latest}) union all select (${before}) from y where y.year is not null
    ) select year from y where year is not null order by year desc`.execute(db);
  return rows.rows.map((r) => Number(r.year));
}

/**
 * Whether a unit other than `unitId` with its name (units.name_key: case, spacing, tone placement
 * and spelling aside) has a plan, archived or not: then the list shows the subject's path and the unit
 * filter its parent. The units of that name by units_name_key (0028), their plans by their subject
 * (plans' unique (subject_unit_id, year)): a few index lookups per unit, never the whole list.
 */
function nameShared(unitId: RawBuilder<unknown>) {
  // a scalar subquery, not EXISTS: PostgreSQL may run an EXISTS in the select list once for every
  // unit (a hashed subplan over units and plans), a scalar one runs for the rows selected only
  return sql<number>`coalesce((select 1 from units s inner join units o on o.name_key = s.name_key
    where s.id = ${unitId} and o.id <> s.id and exists (select 1 from plans x where x.subject_unit_id = o.id)
    limit 1), 0)`;
}

export interface SubjectChoiceRow {
  id: number;
  name: string;
  parent: string | null;
  shared: boolean;
}

/**
 * A page of the subject units of the plans that pass the filter (the list's unit filter), in
 * Vietnamese order (units.sort_key, then id), each with its parent's name and whether its name is
 * shared (nameShared); `id`: that unit only. `limit + 1` rows are read: the caller tells whether more
 * follow. Without a search the units are walked in order (units_sort_key), each asked whether it has
 * a listed plan (plans by subject), and the walk stops after the page; with one (filter.search, in
 * the subject's name: the list's search on plans.search_key and its trigram index, 0034, kept to the
 * key's name, searched#inName) the matching plans' subjects are found first, then sorted.
 */
export async function subjectChoices(
  db: Kysely<DB>,
  filter: PlanListFilter,
  wanted: { id?: number; limit: number; offset: number },
): Promise<SubjectChoiceRow[]> {
  // a unit's name is searched, not the year after it in the plan's key ("2024" names no unit)
  const { search, ...rest } = filter;
  const subjects = listed(db, { ...rest, subjectName: search }).select('listed.subjectId');
  let page = db
    .selectFrom('units as u')
    .select(['u.id as id', 'u.sort_key as sort_key'])
    .where(
      search
        ? (eb) => eb('u.id', 'in', subjects)
        : (eb) => eb.exists(subjects.where('listed.subjectId', '=', sql.ref<number>('u.id'))),
    );
  if (wanted.id !== undefined) page = page.where('u.id', '=', wanted.id);
  page = page
    .orderBy('u.sort_key')
    .orderBy('u.id')
    .limit(wanted.limit + 1);
  if (wanted.offset > 0) page = page.offset(wanted.offset);
  // the names, parents and shared names of the page's units only (not of every match a sort reads)
  const rows = await db
    .selectFrom(page.as('page'))
    .innerJoin('units as u', 'u.id', 'page.id')
    .select([
      'u.id as id',
      'u.name as name',
      sql<string | null>`(select p.name from units p where p.id = u.parent_id)`.as('parent'),
      nameShared(sql.ref('u.id')).as('shared'),
    ])
    .orderBy('page.sort_key')
    .orderBy('page.id')
    .execute();
  return rows.map((r) => ({ ...r, shared: Boolean(r.shared) }));
}

/** How many plans pass the filter (the list's total, beside a page of it). */
export async function countPlanFigures(db: Kysely<DB>, filter: PlanListFilter): Promise<number> {
  const row = await listed(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
  return (await plansRows(db, [planId])).get(planId) ?? [];
}

/** planRows of several plans: one statement per 400 plans; a plan without rows is absent. */
export async function plansRows(
  db: Kysely<DB>,
  planIds: readonly number[],
): Promise<Map<number, StoredRow[]>> {
  const out = new Map<number, StoredRow[]>();
  for (const chunk of chunks(planIds, 400)) {
    const rows = await db
      .selectFrom('plan_items')
      .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
      .leftJoin('tasks', (j) =>
        j.onRef('tasks.plan_item_id', '=', 'plan_items.id').on('tasks.position', '=', 0),
      )
      .select([
        'plan_items.plan_id as planId',
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
      .where('plan_items.plan_id', 'in', chunk)
      .orderBy('plan_items.plan_id')
      .orderBy('criteria.position')
      .execute();
    for (const { planId, ...row } of rows) push(out, planId, row);
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface TaskUnitLink {
  taskId: number;
  role: 'lead' | 'support';
  position: number;
  unitId: number;
  unitName: string;
  sourceText: string;
}

export async function planTaskUnits(db: Kysely<DB>, planId: number): Promise<TaskUnitLink[]> {
  return (await plansTaskUnits(db, [planId])).get(planId) ?? [];
}

/** The units the tasks of several plans name, by plan: one statement per 400 plans. */
export async function plansTaskUnits(
  db: Kysely<DB>,
  planIds: readonly number[],
): Promise<Map<number, TaskUnitLink[]>> {
  const out = new Map<number, TaskUnitLink[]>();
  for (const chunk of chunks(planIds, 400)) {
    const rows = await db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
      .innerJoin('units', 'units.id', 'task_units.unit_id')
      .select([
        'plan_items.plan_id as planId',
        'task_units.task_id as taskId',
        'task_units.role as role',
        'task_units.position as position',
        'units.id as unitId',
        'units.name as unitName',
        'task_units.source_text as sourceText',
      ])
      .where('plan_items.plan_id', 'in', chunk)
      .orderBy('task_units.task_id')
      .orderBy('task_units.role')
      .orderBy('task_units.position')
      .execute();
    for (const { planId, ...link } of rows) push(out, planId, link);
  }
  return out;
}

/** The plans of these units for one year, with their list totals (a successor's "last year"). */
export async function planTotalsOf(
  db: Kysely<DB>,
  unitIds: readonly number[],
  year: number,
): Promise<
  {
    id: number;
    unitId: number;
    liveMax: string | null;
    liveBaseline: string | null;
    liveTarget: string | null;
    statedTarget: string | null;
  }[]
> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('plans')
    .select([
      'id',
      'subject_unit_id as unitId',
      'live_max as liveMax',
      'live_baseline as liveBaseline',
      'live_target as liveTarget',
      'stated_target as statedTarget',
    ])
    .where('subject_unit_id', 'in', [...unitIds])
    .where('year', '=', year)
    .where('archived', '=', 0)
    .orderBy('id')
    .execute();
}
