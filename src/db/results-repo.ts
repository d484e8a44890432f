/**
 * Results and ranking (0025): pools, their bands per year, each pool's published result of a year
 * with its parts, units and per-part scores. modules/results.ts decides (replacing a result, rights,
 * audit). The ranking's rules are in two places: storeRanking ranks a stored pool in SQL, and
 * core/ranking.ts ranks in memory (what-if, the web); test/results-rank-sql.test.ts keeps them equal.
 */
import {
  sql,
  type Insertable,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type Updateable,
} from 'kysely';
import { chunks } from './frameworks-repo.js';
import { keptQuery, onSqlite } from './kept-query.js';
import type {
  ClassificationBandsTable,
  DB,
  RankingPoolsTable,
  ResultPartsTable,
  ResultRankingsTable,
  ResultsTable,
  ResultUnitsTable,
} from './schema.js';

export type PoolRecord = Selectable<RankingPoolsTable>;
export type BandRecord = Selectable<ClassificationBandsTable>;
export type ResultRecord = Selectable<ResultsTable>;
export type ResultPartRecord = Selectable<ResultPartsTable>;
export type ResultUnitRecord = Selectable<ResultUnitsTable>;

export function listPools(db: Kysely<DB>): Promise<PoolRecord[]> {
  return db.selectFrom('ranking_pools').selectAll().orderBy('name').orderBy('id').execute();
}

export function findPool(db: Kysely<DB>, id: number): Promise<PoolRecord | undefined> {
  return db.selectFrom('ranking_pools').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPoolByKey(db: Kysely<DB>, nameKey: string): Promise<PoolRecord | undefined> {
  return db.selectFrom('ranking_pools').selectAll().where('name_key', '=', nameKey).executeTakeFirst();
}

export async function insertPool(db: Kysely<DB>, pool: Insertable<RankingPoolsTable>): Promise<number> {
  const { id } = await db.insertInto('ranking_pools').values(pool).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A pool's bands of a year, highest first. */
export function bandsOf(db: Kysely<DB>, poolId: number, year: number): Promise<BandRecord[]> {
  return db
    .selectFrom('classification_bands')
    .selectAll()
    .where('pool_id', '=', poolId)
    .where('year', '=', year)
    .orderBy('position')
    .execute();
}

/** Replaces a pool's bands of a year (inside the caller's transaction). */
export async function replaceBands(
  db: Kysely<DB>,
  poolId: number,
  year: number,
  bands: readonly Omit<Insertable<ClassificationBandsTable>, 'pool_id' | 'year' | 'position'>[],
): Promise<void> {
  await db
    .deleteFrom('classification_bands')
    .where('pool_id', '=', poolId)
    .where('year', '=', year)
    .execute();
  if (bands.length === 0) return;
  await db
    .insertInto('classification_bands')
    .values(bands.map((b, position) => ({ ...b, pool_id: poolId, year, position })))
    .execute();
}

export function findResult(db: Kysely<DB>, id: number): Promise<ResultRecord | undefined> {
  return db.selectFrom('results').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPoolResult(
  db: Kysely<DB>,
  poolId: number,
  year: number,
): Promise<ResultRecord | undefined> {
  return db
    .selectFrom('results')
    .selectAll()
    .where('pool_id', '=', poolId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Every result, newest year first, with its pool's name and its number of units. */
export function listResults(
  db: Kysely<DB>,
  filter: { poolId?: number | undefined; year?: number | undefined } = {},
): Promise<(ResultRecord & { pool_name: string; units: number })[]> {
  let query = db
    .selectFrom('results as r')
    .innerJoin('ranking_pools as p', 'p.id', 'r.pool_id')
    .selectAll('r')
    .select((eb) => [
      'p.name as pool_name',
      eb
        .selectFrom('result_units as u')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.result_id', '=', 'r.id')
        .as('units'),
    ]);
  if (filter.poolId !== undefined) query = query.where('r.pool_id', '=', filter.poolId);
  if (filter.year !== undefined) query = query.where('r.year', '=', filter.year);
  return query
    .orderBy('r.year', 'desc')
    .orderBy('p.name')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, units: Number(r.units) })));
}

export interface NewResultUnit {
  unit_id: number;
  name: string;
  points: string | null;
  max: string | null;
  index: string;
  published_rank: number | null;
  published_group: string | null;
  /** per part code: the score (and the unit's applicable max where it differs from the part's) */
  scores: readonly { code: string; score: string | null; max: string | null }[];
}

/** A unit's component and area scores as `result_units.part_scores` holds them: code → [score, max]. */
export type PartScores = Record<string, readonly [score: string | null, max: string | null]>;

/**
 * The `part_scores` text of a unit: its scores on the parts that are not criteria (`rankedCodes`),
 * in the given order (0027 backfills with it, insertResult writes with it).
 */
export function partScoresText(
  rankedCodes: ReadonlySet<string>,
  scores: readonly { code: string; score: string | null; max: string | null }[],
): string {
  const out: PartScores = {};
  for (const s of scores) if (rankedCodes.has(s.code)) out[s.code] = [s.score, s.max];
  return JSON.stringify(out);
}

/** Stores a result with its parts, units and scores (inside the caller's transaction); its id. */
export async function insertResult(
  db: Kysely<DB>,
  result: Insertable<ResultsTable>,
  parts: readonly Omit<Insertable<ResultPartsTable>, 'result_id' | 'position'>[],
  units: readonly NewResultUnit[],
): Promise<number> {
  const { id } = await db.insertInto('results').values(result).returning('id').executeTakeFirstOrThrow();
  const rankedCodes = new Set(parts.filter((p) => p.kind !== 'criterion').map((p) => p.code));
  for (const chunk of chunks(
    parts.map((p, position) => ({ ...p, result_id: id, position })),
    500,
  )) {
    await db.insertInto('result_parts').values(chunk).execute();
  }
  for (const chunk of chunks(
    units.map((u, position) => ({ ...u, position })),
    200,
  )) {
    const ids = await db
      .insertInto('result_units')
      .values(
        chunk.map(({ scores, ...u }) => ({
          ...u,
          result_id: id,
          part_scores: partScoresText(rankedCodes, scores),
        })),
      )
      .returning(['id', 'unit_id'])
      .execute();
    const idOf = new Map(ids.map((r) => [r.unit_id, r.id]));
    const scores = chunk.flatMap((u) =>
      u.scores.map((s) => ({ ...s, result_unit_id: idOf.get(u.unit_id)! })),
    );
    for (const part of chunks(scores, 500)) await db.insertInto('result_scores').values(part).execute();
  }
  return id;
}

/**
 * Removes a result with everything under it: its stored ranking's head before its places, the order
 * storeRanking takes their locks in (two transactions taking them the other way round could each wait
 * for the other on PostgreSQL).
 */
export async function deleteResult(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('result_rankings').where('result_id', '=', id).execute();
  await db.deleteFrom('result_places').where('result_id', '=', id).execute();
  const unitIds = db.selectFrom('result_units').select('id').where('result_id', '=', id);
  await db.deleteFrom('result_scores').where('result_unit_id', 'in', unitIds).execute();
  await db.deleteFrom('result_units').where('result_id', '=', id).execute();
  await db.deleteFrom('result_parts').where('result_id', '=', id).execute();
  await db.deleteFrom('results').where('id', '=', id).execute();
}

export function resultParts(db: Kysely<DB>, resultId: number): Promise<ResultPartRecord[]> {
  return db
    .selectFrom('result_parts')
    .selectAll()
    .where('result_id', '=', resultId)
    .orderBy('position')
    .execute();
}

/**
 * A result unit's columns as the app reads them: not `selectAll`, which on PostgreSQL also brings
 * part_scores_jsonb (0039, the ranking's) for node-pg to parse into an object nobody reads.
 */
const RESULT_UNIT_COLUMNS = [
  'id',
  'result_id',
  'unit_id',
  'name',
  'points',
  'max',
  'index',
  'published_rank',
  'published_group',
  'position',
  'part_scores',
] as const satisfies readonly (keyof ResultUnitsTable)[];

/** A result's units in the publication's order. */
export function resultUnits(db: Kysely<DB>, resultId: number): Promise<ResultUnitRecord[]> {
  return db
    .selectFrom('result_units')
    .select(RESULT_UNIT_COLUMNS)
    .where('result_id', '=', resultId)
    .orderBy('position')
    .execute();
}

/** A result's unit row as a ranking reads it (its place in the publication aside). */
export type RankingUnitRow = Omit<ResultUnitRecord, 'result_id' | 'position'>;

/**
 * The register's name of each unit of a result, by unit id; of these units only when `unitIds` is
 * given (a page of the ranking: a few hundred at most).
 */
export async function resultUnitNames(
  db: Kysely<DB>,
  resultId: number,
  unitIds?: readonly number[],
): Promise<Map<number, string>> {
  if (unitIds?.length === 0) return new Map();
  let query = db
    .selectFrom('result_units as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['u.id', 'u.name'])
    .where('r.result_id', '=', resultId);
  if (unitIds) query = query.where('r.unit_id', 'in', [...unitIds]);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ResultScoreRow {
  result_unit_id: number;
  code: string;
  score: string | null;
  max: string | null;
}

/** The per-part scores of a result's units (all of them, or the given result_units ids). */
export function resultScores(
  db: Kysely<DB>,
  resultId: number,
  resultUnitIds?: readonly number[],
): Promise<ResultScoreRow[]> {
  let query = db
    .selectFrom('result_scores as s')
    .innerJoin('result_units as u', 'u.id', 's.result_unit_id')
    .select(['s.result_unit_id', 's.code', 's.score', 's.max'])
    .where('u.result_id', '=', resultId);
  if (resultUnitIds !== undefined) {
    if (resultUnitIds.length === 0) return Promise.resolve([]);
    query = query.where('s.result_unit_id', 'in', [...resultUnitIds]);
  }
  return query.orderBy('s.result_unit_id').execute();
}

/** Every result row of these units (any pool, any year), with the result's year and pool: a unit's history. */
export function resultsOfUnits(
  db: Kysely<DB>,
  unitIds: readonly number[],
): Promise<(ResultUnitRecord & { year: number; pool_id: number; framework_id: number | null })[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('result_units as u')
    .innerJoin('results as r', 'r.id', 'u.result_id')
    .select(RESULT_UNIT_COLUMNS.map((c) => `u.${c}` as const))
    .select(['r.year', 'r.pool_id', 'r.framework_id'])
    .where('u.unit_id', 'in', [...unitIds])
    .orderBy('r.year')
    .execute();
}

/** The years each pool has a result or bands for (the pools list). */
export async function poolYears(db: Kysely<DB>): Promise<{ pool_id: number; year: number }[]> {
  const [results, bands] = await Promise.all([
    db.selectFrom('results').select(['pool_id', 'year']).execute(),
    db.selectFrom('classification_bands').select(['pool_id', 'year']).distinct().execute(),
  ]);
  return [...results, ...bands];
}

/** Changes a pool if its version is still `version` (and moves the version on); whether it did. */
export async function updatePool(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Pick<Updateable<RankingPoolsTable>, 'name' | 'name_key' | 'description' | 'tie_break'>,
): Promise<boolean> {
  const r = await db
    .updateTable('ranking_pools')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves a pool's version on (its bands changed: a ranking kept at the old version is not used again). */
export async function movePoolVersion(db: Kysely<DB>, id: number): Promise<void> {
  await db
    .updateTable('ranking_pools')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The scores of every unit of a result on some parts only (a ranking reads components and areas, not criteria). */
export function resultScoresOfCodes(
  db: Kysely<DB>,
  resultId: number,
  codes: readonly string[],
): Promise<ResultScoreRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('result_scores as s')
    .innerJoin('result_units as u', 'u.id', 's.result_unit_id')
    .select(['s.result_unit_id', 's.code', 's.score', 's.max'])
    .where('u.result_id', '=', resultId)
    .where('s.code', 'in', [...codes])
    .execute();
}

/** The units that exist among these ids. */
export async function existingUnitIds(db: Kysely<DB>, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db.selectFrom('units').select('id').where('id', 'in', chunk).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * A result's units in rank order by SQL alone (index as a number, highest first) with their
 * component and area scores: what the database costs for the rows a ranking needs — bench/ranking.ts
 * compares rankingOf with it. `layout`: the scores as result_scores rows (0025, one per unit and
 * part: `codes`), or as each unit's part_scores (0027, what rankingOf reads); `page`: only these
 * rows of that order (a page of GET /api/results/:id/ranking, bench/scale.ts).
 */
export async function rankedInSql(
  db: Kysely<DB>,
  resultId: number,
  codes: readonly string[],
  layout: 'result_scores' | 'part_scores',
  page?: { offset: number; limit: number },
): Promise<{ units: { id: number; unit_id: number; index: string }[]; scores: number }> {
  let query = db
    .selectFrom('result_units')
    .select(['id', 'unit_id', 'index'])
    .where('result_id', '=', resultId)
    .orderBy(sql`cast(${sql.ref('index')} as decimal(10, 4))`, 'desc');
  if (page) query = query.limit(page.limit).offset(page.offset);
  if (layout === 'part_scores') {
    const units = await query.select('part_scores').execute();
    return { units, scores: units.length * codes.length };
  }
  const units = await query.execute();
  const scores = await resultScoresOfCodes(db, resultId, codes);
  return { units, scores: scores.length };
}

// ---------------------------------------------------------------- stored rankings (0030, 0035)

export type StoredRankingRecord = Selectable<ResultRankingsTable>;

/** A unit's row of a stored ranking: as a ranking reads it, with its rank, group and position. */
export type StoredRankRow = RankingUnitRow & { rank: number | null; grp: string | null; position: number };

/** A result's stored ranking (its pool version, summary and places), if it has one. */
export function storedRanking(db: Kysely<DB>, resultId: number): Promise<StoredRankingRecord | undefined> {
  return db.selectFrom('result_rankings').selectAll().where('result_id', '=', resultId).executeTakeFirst();
}

/** What a ranking reads of a result first: the result, its pool, the summary of its current stored ranking. */
export interface RankingHead {
  result: ResultRecord;
  pool: PoolRecord;
  /** result_rankings.summary when the ranking stored is at the pool's current version; else null */
  summary: string | null;
  /** the summary stored at whatever pool version (what of it the result alone decides outlives the version) */
  lastSummary: string | null;
  /** the pool's result of the latest year before this one's (a ranking's "previous place"), if any */
  earlier: { id: number; year: number } | null;
}

/**
 * A result with its pool, its stored ranking's summary, current when it is at the pool's current
 * version, and the pool's result of the year before: one statement, so the version the summary was
 * checked against is the pool's as read here.
 */
export async function resultHead(db: Kysely<DB>, resultId: number): Promise<RankingHead | undefined> {
  const [row] = await resultHeadQuery(db, resultId);
  return row && rankingHeadOf(row);
}

/** A row of resultHeadSelect: the result's columns, its pool's (p_), its stored ranking's, the year before's. */
export type RankingHeadRow = Awaited<ReturnType<typeof resultHeadQuery>>[number];

/**
 * A ranking's head from a row of resultHeadSelect — read alone (resultHead) or left-joined to a
 * session's row (sessions-repo.ts: its columns then null when the result is not there): undefined
 * when there is no result.
 */
export function rankingHeadOf(row: RankingHeadRow | Nullable<RankingHeadRow>): RankingHead | undefined {
  if (row.id === null) return undefined;
  const r = row as RankingHeadRow;
  // column by column: a session's row carries its own columns beside these
  const result: ResultRecord = {
    id: r.id,
    pool_id: r.pool_id,
    year: r.year,
    source: r.source,
    round_id: r.round_id,
    framework_id: r.framework_id,
    title: r.title,
    source_name: r.source_name,
    created_at: r.created_at,
    created_by: r.created_by,
  };
  const pool: PoolRecord = {
    id: r.pool_id,
    name: r.p_name,
    name_key: r.p_name_key,
    description: r.p_description,
    tie_break: r.p_tie_break,
    created_at: r.p_created_at,
    created_by: r.p_created_by,
    version: r.p_version,
  };
  return {
    result,
    pool,
    summary: r.g_pool_version === r.p_version ? r.summary : null,
    lastSummary: r.summary,
    earlier:
      r.earlier_id === null || r.earlier_year === null ? null : { id: r.earlier_id, year: r.earlier_year },
  };
}

/** Every column of a row, null when its outer join found nothing. */
type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * The statement of a result's head (one row, or none): read on every page of a ranking — alone
 * (resultHeadQuery), or as a derived table of the session's statement (sessions-repo.ts).
 */
export const resultHeadSelect = (db: Kysely<DB>, resultId: number) =>
  db
    .selectFrom('results as r')
    .innerJoin('ranking_pools as p', 'p.id', 'r.pool_id')
    .leftJoin('result_rankings as g', 'g.result_id', 'r.id')
    .selectAll('r')
    .select([
      'p.name as p_name',
      'p.name_key as p_name_key',
      'p.description as p_description',
      'p.tie_break as p_tie_break',
      'p.created_at as p_created_at',
      'p.created_by as p_created_by',
      'p.version as p_version',
      'g.summary',
      'g.pool_version as g_pool_version',
      (eb) => earlierOf(eb, 'e.id').as('earlier_id'),
      (eb) => earlierOf(eb, 'e.year').as('earlier_year'),
    ])
    .where('r.id', '=', resultId);

// built once, prepared once per PostgreSQL connection (keptQuery)
const resultHeadQuery = keptQuery(resultHeadSelect);

/** A column of the pool's result of the latest year before r's (results_pool_year: one key each). */
const earlierOf = (eb: ExpressionBuilder<DB & { r: ResultsTable }, 'r'>, column: 'e.id' | 'e.year') =>
  eb
    .selectFrom('results as e')
    .select(column)
    .whereRef('e.pool_id', '=', 'r.pool_id')
    .whereRef('e.year', '<', 'r.year')
    .orderBy('e.year', 'desc')
    .limit(1);

/**
 * A stored decimal string as a number SQL compares: numeric on PostgreSQL (exact); a double on SQLite,
 * exact in order and equality for the stored scores (at most 9 digits before the point and 4 after:
 * core/score.ts, 13 significant digits of a double's 15).
 */
const decimal = (sqlite: boolean, text: RawBuilder<unknown>) =>
  sqlite ? sql`cast(${text} as real)` : sql`cast(${text} as numeric)`;

/** A stored decimal string as whole ten-thousandths (core/score.ts's units). */
const unitsOf = (sqlite: boolean, text: RawBuilder<unknown>) =>
  sqlite
    ? sql`cast(round(cast(${text} as real) * 10000) as integer)`
    : sql`round(cast(${text} as numeric) * 10000)::bigint`;

/** The decimals a stored decimal string writes (core/score.ts's scale). */
const scaleOf = (sqlite: boolean, text: RawBuilder<unknown>) => {
  const dot = sqlite ? sql`instr(${text}, '.')` : sql`strpos(${text}, '.')`;
  return sql`case when ${dot} > 0 then length(${text}) - ${dot} else 0 end`;
};

/** A part's score in a unit's part scores (code → [score, max]; on PostgreSQL their jsonb, 0039: rankingOf). */
const partScoreOf = (sqlite: boolean, code: string) =>
  sqlite
    ? sql`json_extract(u.part_scores, ${`$.${JSON.stringify(code)}[0]`})`
    : sql`(u.part_scores -> ${code} ->> 0)`;

/** What storeRanking ranks a result's units by, after their index, highest first. */
export interface TieBreakKey {
  code: string;
  /** a component or area: read from part_scores; else (a criterion) from result_scores */
  inPartScores: boolean;
}

/** What a result's units are ranked with (rankingOf): the pool's bands of its year and tie-break. */
export interface RankingRules {
  /** the pool's bands of the result's year, highest lowest index first */
  bands: readonly { label: string; minIndex: string }[];
  tieBreak: readonly TieBreakKey[];
}

/** What storeRanking did: the stored summary it found, and how many places it wrote or removed. */
export interface RankingStored {
  /**
   * The result's stored summary as it was when the store locked it ('{}' for a first ranking): it
   * describes the places as they were, and still describes them when `moved` is 0.
   */
  before: string;
  /** places written (a new or moved unit, rank or group) and removed (past the result's units) */
  moved: number;
}

/**
 * Ranks a result's units and stores the ranking at pool version `poolVersion` (inside the caller's
 * transaction): by index, then the tie-break's keys (highest first, a missing one after any; on
 * SQLite and for a criterion read only for the units whose index another shares), equal ones
 * sharing a rank (RANK(): 1, 1, 3), the publication's order otherwise; each unit's band (`bands`,
 * highest first: the first whose lowest index it reaches). Three statements: the ranking's head
 * written when the pool's version is still `poolVersion` (the bands given are the version's: a
 * change of them moves it) and no ranking of a later version is stored — its row then locks the
 * result's ranking for this transaction, so that two stores of one result follow each other, and it
 * gives back the summary stored before —; the places ranked and written by one INSERT…SELECT
 * (result_places, 0037), only those that differ from the stored ones (a version moved by a change
 * that moved no unit writes none: 0038); the places past the result's units removed. Null when the
 * head was not written.
 */
export async function storeRanking(
  db: Kysely<DB>,
  ranking: RankingRules & { resultId: number; poolId: number; poolVersion: number; at: string },
): Promise<RankingStored | null> {
  const { resultId, poolId, poolVersion, at } = ranking;
  // the summary is left as it is until the caller replaces it (updateRankingSummary, same transaction)
  const head = await sql<{
    summary: string;
  }>`insert into result_rankings (result_id, pool_version, summary, ranked_at)
    select ${resultId}, ${poolVersion}, '{}', ${at}
    where exists (select 1 from results r join ranking_pools p on p.id = r.pool_id
      where r.id = ${resultId} and p.id = ${poolId} and p.version = ${poolVersion})
    on conflict (result_id) do update set pool_version = excluded.pool_version, ranked_at = excluded.ranked_at
      where result_rankings.pool_version <= excluded.pool_version
    returning summary`.execute(db);
  const before = head.rows[0]?.summary;
  if (before === undefined) return null;
  const ranked = rankingOf(onSqlite(db), resultId, ranking);
  const rank = sql.ref('rank');
  const written = await sql`insert into result_places (result_id, position, result_unit_id, ${rank}, grp)
    select ${resultId}, x.pos, x.id, x.rk, x.grp from (${ranked}) x
      left join result_places e on e.result_id = ${resultId} and e.position = x.pos
    where e.result_id is null or e.result_unit_id <> x.id or e.${rank} is distinct from x.rk
      or e.grp is distinct from x.grp
    on conflict (result_id, position) do update set result_unit_id = excluded.result_unit_id,
      ${rank} = excluded.${rank}, grp = excluded.grp`.execute(db);
  const removed = await sql`delete from result_places where result_id = ${resultId}
    and position >= (select count(*) from result_units where result_id = ${resultId})`.execute(db);
  return { before, moved: Number(written.numAffectedRows ?? 0) + Number(removed.numAffectedRows ?? 0) };
}

/**
 * A page of a result's units ranked by SQL alone the way storeRanking ranks them (its one SELECT: the
 * whole pool ranked with the tie-break and bands), with their rows as a page reads them and nothing
 * stored: what the database costs for a stale page's rows — bench/scale.ts's second floor for it.
 */
export async function rankedPageInSql(
  db: Kysely<DB>,
  resultId: number,
  ranking: RankingRules,
  page: { offset: number; limit: number },
): Promise<(RankingUnitRow & { rank: number | null; grp: string | null })[]> {
  const ranked = rankingOf(onSqlite(db), resultId, ranking);
  const { rows } = await sql<RankingUnitRow & { rank: number | null; grp: string | null }>`
    select u.id, u.unit_id, u.name, u.points, u.max, u.${sql.ref('index')}, u.published_rank,
      u.published_group, u.part_scores, x.rk as ${sql.ref('rank')}, x.grp
    from (${ranked}) x join result_units u on u.id = x.id
    where x.pos >= ${page.offset} and x.pos < ${page.offset + page.limit}
    order by x.pos`.execute(db);
  return rows;
}

/**
 * A result's whole pool ranked by SQL alone the way storeRanking ranks it (its one SELECT), every
 * unit's result_units id, place, rank and band, nothing stored: what ranking a pool costs the
 * database at least — bench/scale.ts's floor for a result ranked and stored by the use-case.
 */
export async function rankedPoolInSql(
  db: Kysely<DB>,
  resultId: number,
  ranking: RankingRules,
): Promise<{ id: number; pos: number; rk: number; grp: string | null }[]> {
  const ranked = rankingOf(onSqlite(db), resultId, ranking);
  const { rows } = await sql<{ id: number; pos: number; rk: number; grp: string | null }>`
    select x.id, x.pos, x.rk, x.grp from (${ranked}) x`.execute(db);
  return rows;
}

/**
 * The ranking of a result's units as one SELECT (storeRanking's rules): each unit's result_units id,
 * its place `pos` (0, 1, …: the rank order, then the publication's), rank `rk` and band `grp`. Both
 * windows order alike (the place's order extends the rank's), so the database sorts once for them. The
 * tie-break's keys only order units of equal index: a unit whose index no other has ranks the same
 * whatever its keys say, so a key may be left unread (null) for it where reading costs.
 */
function rankingOf(
  sqlite: boolean,
  resultId: number,
  { bands, tieBreak }: RankingRules,
): RawBuilder<unknown> {
  const key = (i: number) => sql.raw(`k${i}`);
  const index = decimal(sqlite, sql`r.${sql.ref('index')}`);
  // a key is read only for the units whose index another shares (`shared`: how many have it) where
  // reading it costs more than counting them (a sort of its own): on SQLite (json_extract parses the
  // text on each read) and for a criterion (a statement per unit); PostgreSQL reads a part's score
  // out of the jsonb parsed when the unit was stored (0039) for every unit in less time than the count
  const onlyShared = (t: TieBreakKey) => sqlite || !t.inPartScores;
  const counted = tieBreak.some(onlyShared);
  const keys = tieBreak.map((t, i) => {
    const text = t.inPartScores
      ? partScoreOf(sqlite, t.code)
      : sql`(select s.score from result_scores s where s.result_unit_id = u.id and s.code = ${t.code})`;
    const value = decimal(sqlite, text);
    return onlyShared(t)
      ? sql`case when u.shared > 1 then ${value} end as ${key(i + 1)}`
      : sql`${value} as ${key(i + 1)}`;
  });
  const order = sql.join([sql`k0 desc`, ...tieBreak.map((_, i) => sql`${key(i + 1)} desc nulls last`)]);
  const band =
    bands.length === 0
      ? sql`null`
      : sql`case ${sql.join(
          bands.map((b) => sql`when k0 >= ${decimal(sqlite, sql`${b.minIndex}`)} then ${b.label}`),
          sql` `,
        )} end`;
  const partScores = sqlite ? sql`r.part_scores` : sql`r.part_scores_jsonb`;
  const shared = counted ? sql`, count(*) over (partition by ${index}) as shared` : sql``;
  return sql`select t.id, t.position, t.k0, rank() over (order by ${order}) as rk,
      row_number() over (order by ${order}, t.position) - 1 as pos, ${band} as grp
    from (select u.id, u.position, u.k0${keys.length === 0 ? sql`` : sql`, ${sql.join(keys)}`}
      from (select r.id, r.position, ${partScores} as part_scores, ${index} as k0${shared}
        from result_units r where r.result_id = ${resultId}) u) t`;
}

/** A stored ranking's summary replaced (in storeRanking's transaction, once what it needs is counted). */
export async function updateRankingSummary(db: Kysely<DB>, resultId: number, summary: string): Promise<void> {
  await db.updateTable('result_rankings').set({ summary }).where('result_id', '=', resultId).execute();
}

/** A stored ranking's head g with its result r and pool p (for the version check: atVersion). */
const heads = sql`result_rankings g join results r on r.id = g.result_id join ranking_pools p on p.id = r.pool_id`;

/** A stored ranking's places: its head (heads), its places e in rank order, their units u. */
const places = sql`${heads} join result_places e on e.result_id = g.result_id join result_units u on u.id = e.result_unit_id`;

/**
 * A result's stored places e with their units u, nothing else (storedGroups and storedDiffering, in
 * storeRanking's transaction: no version to check). The units are the result's own (`u.result_id`:
 * the planner reads that result's units by result_units_key, not every year's and pool's units).
 * It ends in its WHERE: a caller adds conditions with `and`.
 */
const placesOf = (resultId: number) =>
  sql`result_places e join result_units u on u.id = e.result_unit_id and u.result_id = ${resultId} where e.result_id = ${resultId}`;

/** The places of a result's ranking stored at pool version `version`, while that is still the pool's. */
const atVersion = (resultId: number, version: number) =>
  sql`g.result_id = ${resultId} and g.pool_version = ${version} and p.version = g.pool_version`;

/**
 * A stored ranking's units per group, and how many of them a computed rank or group (when the pool has
 * bands for the year: `banded`) differs from the published one (in storeRanking's transaction).
 */
export async function storedGroups(
  db: Kysely<DB>,
  resultId: number,
  banded: boolean,
): Promise<{ grp: string | null; units: number; rank_differs: number; group_differs: number }[]> {
  const { rows } = await sql<{
    grp: string | null;
    units: unknown;
    rank_differs: unknown;
    group_differs: unknown;
  }>`
    select e.grp, count(*) as units,
      sum(case when ${rankDiffers} then 1 else 0 end) as rank_differs,
      sum(case when ${groupDiffers(banded)} then 1 else 0 end) as group_differs
    from ${placesOf(resultId)} group by e.grp`.execute(db);
  return rows.map((r) => ({
    grp: r.grp,
    units: Number(r.units),
    rank_differs: Number(r.rank_differs),
    group_differs: Number(r.group_differs),
  }));
}

const rankDiffers = sql`u.published_rank is not null and (e.${sql.ref('rank')} is null or u.published_rank <> e.${sql.ref('rank')})`;
const groupDiffers = (banded: boolean) =>
  banded ? sql`u.published_group is not null and (e.grp is null or u.published_group <> e.grp)` : sql`1 = 0`;

/** The first `limit` units of a stored ranking whose computed rank or group differs from the published one. */
export async function storedDiffering(
  db: Kysely<DB>,
  resultId: number,
  banded: boolean,
  limit: number,
): Promise<
  Pick<StoredRankRow, 'unit_id' | 'name' | 'rank' | 'grp' | 'published_rank' | 'published_group'>[]
> {
  const { rows } = await sql<
    Pick<StoredRankRow, 'unit_id' | 'name' | 'rank' | 'grp' | 'published_rank' | 'published_group'>
  >`select u.unit_id, u.name, e.${sql.ref('rank')}, e.grp, u.published_rank, u.published_group
    from ${placesOf(resultId)}
      and ((${rankDiffers}) or (${groupDiffers(banded)}))
    order by e.position limit ${limit}`.execute(db);
  return rows;
}

/**
 * What a result's rows alone give a ranking (its pool's tie-break and bands aside): per component and
 * area code, how many units have a score, their sum in ten-thousandths and the highest (its units and
 * written decimals: of equal ones, the one written with most); code null: every unit's index. Only
 * the units at positions `from` ≤ p < `to` (modules/results.ts#poolFigures sums the ranges: the whole
 * pool's part scores in one statement held SQLite's thread 43 ms at 3,500 units).
 */
export async function resultFigures(
  db: Kysely<DB>,
  resultId: number,
  positions: { from: number; to: number },
): Promise<
  { code: string | null; given: number; total: bigint; best: { units: number; scale: number } | null }[]
> {
  const sqlite = onSqlite(db);
  const v = sql.ref('v');
  const inRange = sql`u.result_id = ${resultId} and u.position >= ${positions.from} and u.position < ${positions.to}`;
  const each = sqlite
    ? sql`select j.key as code, j.value ->> 0 as v from result_units u, json_each(u.part_scores) j where ${inRange}`
    : sql`select j.key as code, j.value ->> 0 as v from result_units u, jsonb_each(u.part_scores_jsonb) j where ${inRange}`;
  const { rows } = await sql<{
    code: string | null;
    given: number | string;
    total: number | string | null;
    best: number | string | null;
  }>`
    select null as code, count(*) as given, sum(${unitsOf(sqlite, sql`u.${sql.ref('index')}`)}) as total, null as best
      from result_units u where ${inRange}
    union all
    select code, count(${v}), sum(${unitsOf(sqlite, v)}), max(${unitsOf(sqlite, v)} * 10 + ${scaleOf(sqlite, v)})
      from (${each}) s group by code`.execute(db);
  return rows.map((r) => {
    const key = r.best === null ? null : Number(r.best);
    const scale = key === null ? 0 : ((key % 10) + 10) % 10;
    return {
      code: r.code,
      given: Number(r.given),
      total: BigInt(r.total ?? 0),
      best: key === null ? null : { units: (key - scale) / 10, scale },
    };
  });
}

/**
 * The rows of a stored ranking at pool version `version`, still current, at positions `offset` ≤ p <
 * `offset + limit`, in rank order: a page (none when the ranking is not at that version any more).
 */
export async function storedRankPage(
  db: Kysely<DB>,
  resultId: number,
  version: number,
  offset: number,
  limit: number,
): Promise<StoredRankRow[]> {
  const { rows } = await rankPage<StoredRankRow>(
    resultId,
    version,
    offset,
    offset + limit,
    sql``,
    sql``,
  ).execute(db);
  return rows;
}

/** A page's row of a stored ranking with its unit's register name and its place the year before. */
export type StoredPageRow = StoredRankRow & {
  /** units.name (null: the unit is gone from the register) */
  register_name: string | null;
  /** not null when the earlier result's ranking is stored at the same pool version */
  previous_stored: number | null;
  /** the unit's own place in the earlier result's ranking, when it has one (index null: none) */
  previous_index: string | null;
  previous_rank: number | null;
  previous_grp: string | null;
};

/**
 * storedRankPage's rows for GET /api/results/:id/ranking, in the same statement: each unit's register
 * name and, when `earlierId` (the pool's result of the year before) has its ranking stored at the same
 * pool version, the unit's own place in it — the page's previous places without a statement of their
 * own (a unit whose row is not there may stand in through its lineage: modules/results.ts#rankedSlice).
 * Read on every page: its two shapes (with and without an earlier result) built once, prepared once
 * per PostgreSQL connection (keptQuery).
 */
export function storedRankPageWithPlaces(
  db: Kysely<DB>,
  resultId: number,
  version: number,
  offset: number,
  limit: number,
  earlierId: number | null,
): Promise<StoredPageRow[]> {
  return earlierId === null
    ? pageWithoutEarlier(db, resultId, version, offset, offset + limit)
    : pageWithEarlier(db, resultId, version, offset, offset + limit, earlierId);
}

/** The page's register names and, with no earlier result, no previous places. */
const pageWithoutEarlier = keptQuery(
  (db: Kysely<DB>, resultId: number, version: number, from: number, to: number) =>
    rankPage<StoredPageRow>(
      resultId,
      version,
      from,
      to,
      sql`, n.name as register_name,
      null as previous_stored, null as previous_index, null as previous_rank, null as previous_grp`,
      sql`left join units n on n.id = u.unit_id`,
    ),
);

/** The page's register names and each unit's place in the earlier result's ranking at the same version. */
const pageWithEarlier = keptQuery(
  (db: Kysely<DB>, resultId: number, version: number, from: number, to: number, earlierId: number) =>
    rankPage<StoredPageRow>(
      resultId,
      version,
      from,
      to,
      sql`, n.name as register_name, pg.result_id as previous_stored,
        case when pe.result_unit_id is not null then pu.${sql.ref('index')} end as previous_index,
        pe.${sql.ref('rank')} as previous_rank, pe.grp as previous_grp`,
      sql`left join units n on n.id = u.unit_id
        left join result_rankings pg on pg.result_id = ${earlierId} and pg.pool_version = g.pool_version
        left join result_units pu on pu.result_id = pg.result_id and pu.unit_id = u.unit_id
        left join result_places pe on pe.result_unit_id = pu.id`,
    ),
);

/**
 * The statement of a stored ranking's rows at positions `from` ≤ p < `to` in rank order (at pool
 * version `version`, still current), with `columns` and the `joins` they read.
 */
function rankPage<Row>(
  resultId: number,
  version: number,
  from: number,
  to: number,
  columns: RawBuilder<unknown>,
  joins: RawBuilder<unknown>,
): RawBuilder<Row> {
  return sql<Row>`select u.id, u.unit_id, u.name, u.points, u.max, u.${sql.ref('index')},
      u.published_rank, u.published_group, u.part_scores,
      e.${sql.ref('rank')}, e.grp, e.position${columns}
    from ${places} ${joins} where ${atVersion(resultId, version)}
      and e.position >= ${from} and e.position < ${to}
    order by e.position`;
}

/** A unit's place in a stored ranking: what "previous place" shows. */
export interface StoredPlace {
  unit_id: number;
  index: string;
  rank: number | null;
  grp: string | null;
}

/**
 * The places of these units (a page's and their predecessors') in a result's ranking stored at pool
 * version `version`; null when it is not stored at that version or the pool's has moved on. One
 * statement per 500 units: their places (their result_units rows found by unit, then each one's place
 * by result_unit_id — the places are not joined by result id, which would let SQLite's planner scan
 * the result's 3,500 when its figures for result_places are stale), and a row of nulls that says the
 * ranking is current.
 */
export async function storedPlaces(
  db: Kysely<DB>,
  resultId: number,
  version: number,
  unitIds: readonly number[],
): Promise<StoredPlace[] | null> {
  const out: StoredPlace[] = [];
  for (const chunk of chunks([...new Set(unitIds)], 500)) {
    const { rows } = await sql<{
      unit_id: number | null;
      index: string | null;
      rank: number | null;
      grp: string | null;
    }>`
      select u.unit_id, u.${sql.ref('index')}, e.${sql.ref('rank')}, e.grp
        from ${heads} join result_units u on u.result_id = g.result_id and u.unit_id in (${sql.join(chunk)})
          join result_places e on e.result_unit_id = u.id
        where ${atVersion(resultId, version)}
      union all
      select null, null, null, null from ${heads} where ${atVersion(resultId, version)}`.execute(db);
    if (rows.length === 0) return null;
    for (const r of rows) {
      if (r.unit_id !== null && r.index !== null)
        out.push({ unit_id: r.unit_id, index: r.index, rank: r.rank, grp: r.grp });
    }
  }
  return out;
}
