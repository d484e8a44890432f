/**
 * Results and ranking (0025): pools, their bands per year, each pool's published result of a year
 * with its parts, units and per-part scores. Queries only, no rules: modules/results.ts decides
 * (replacing a result, rights, audit) and core/ranking.ts ranks.
 */
import { sql, SqliteAdapter, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { chunks } from './frameworks-repo.js';
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

/** Removes a result with everything under it. */
export async function deleteResult(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('result_ranks').where('result_id', '=', id).execute();
  await db.deleteFrom('result_rankings').where('result_id', '=', id).execute();
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

/** A result's units in the publication's order. */
export function resultUnits(db: Kysely<DB>, resultId: number): Promise<ResultUnitRecord[]> {
  return db
    .selectFrom('result_units')
    .selectAll()
    .where('result_id', '=', resultId)
    .orderBy('position')
    .execute();
}

/** A result's unit row as a ranking reads it (its place in the publication aside). */
export type RankingUnitRow = Omit<ResultUnitRecord, 'result_id' | 'position'>;

/**
 * A result's units with what a ranking shows of them (part_scores included), in the publication's
 * order; only those at positions `from` ≤ p < `to` when given (a ranking reads a large pool in such
 * chunks, so that no single read holds the server's thread: modules/results.ts#rankResult).
 */
export function rankingUnits(
  db: Kysely<DB>,
  resultId: number,
  positions?: { from: number; to: number },
): Promise<RankingUnitRow[]> {
  let query = db.selectFrom('result_units').where('result_id', '=', resultId);
  if (positions) query = query.where('position', '>=', positions.from).where('position', '<', positions.to);
  return query
    .select([
      'id',
      'unit_id',
      'name',
      'points',
      'max',
      'index',
      'published_rank',
      'published_group',
      'part_scores',
    ])
    .orderBy('position')
    .execute();
}

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
    .selectAll('u')
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

// ---------------------------------------------------------------- stored rankings (0030)

export type StoredRankingRecord = Selectable<ResultRankingsTable>;

/** A unit's row of a stored ranking: as a ranking reads it, with its rank, group and position. */
export type StoredRankRow = RankingUnitRow & { rank: number | null; grp: string | null; position: number };

/** A result's stored ranking (its pool version and summary), if it has one. */
export function storedRanking(db: Kysely<DB>, resultId: number): Promise<StoredRankingRecord | undefined> {
  return db.selectFrom('result_rankings').selectAll().where('result_id', '=', resultId).executeTakeFirst();
}

/** What a ranking reads of a result first: the result, its pool, the summary of its current stored ranking. */
export interface RankingHead {
  result: ResultRecord;
  pool: PoolRecord;
  /** result_rankings.summary when the ranking stored is at the pool's current version; else null */
  summary: string | null;
}

/**
 * A result with its pool and, when it is at the pool's current version, its stored ranking's summary:
 * one statement, so the version the summary was checked against is the pool's as read here.
 */
export async function resultHead(db: Kysely<DB>, resultId: number): Promise<RankingHead | undefined> {
  const row = await db
    .selectFrom('results as r')
    .innerJoin('ranking_pools as p', 'p.id', 'r.pool_id')
    .leftJoin('result_rankings as g', (j) =>
      j.onRef('g.result_id', '=', 'r.id').onRef('g.pool_version', '=', 'p.version'),
    )
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
    ])
    .where('r.id', '=', resultId)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    summary,
    p_name,
    p_name_key,
    p_description,
    p_tie_break,
    p_created_at,
    p_created_by,
    p_version,
    ...result
  } = row;
  const pool: PoolRecord = {
    id: result.pool_id,
    name: p_name,
    name_key: p_name_key,
    description: p_description,
    tie_break: p_tie_break,
    created_at: p_created_at,
    created_by: p_created_by,
    version: p_version,
  };
  return { result, pool, summary };
}

/**
 * A result's stored rows ranked, only while its stored ranking is at `version` and that is still the
 * pool's (none otherwise): the versions checked in the same statement as the rows read, so that the
 * reads of one ranking in several statements are all of the one version or come back short.
 */
function storedRanks(db: Kysely<DB>, resultId: number, version: number) {
  return db
    .selectFrom('result_ranks as k')
    .innerJoin('result_units as u', 'u.id', 'k.result_unit_id')
    .innerJoin('result_rankings as g', 'g.result_id', 'k.result_id')
    .innerJoin('results as r', 'r.id', 'k.result_id')
    .innerJoin('ranking_pools as p', (j) =>
      j.onRef('p.id', '=', 'r.pool_id').onRef('p.version', '=', 'g.pool_version'),
    )
    .where('k.result_id', '=', resultId)
    .where('g.pool_version', '=', version);
}

/**
 * The rows of a stored ranking at pool version `version`, still current, at positions `offset` ≤ p <
 * `offset + limit`, in rank order: a page (none when the ranking is not at that version any more).
 */
export function storedRankPage(
  db: Kysely<DB>,
  resultId: number,
  version: number,
  offset: number,
  limit: number,
): Promise<StoredRankRow[]> {
  return storedRanks(db, resultId, version)
    .select([
      'u.id',
      'u.unit_id',
      'u.name',
      'u.points',
      'u.max',
      'u.index',
      'u.published_rank',
      'u.published_group',
      'u.part_scores',
      'k.rank',
      'k.grp',
      'k.position',
    ])
    .where('k.position', '>=', offset)
    .where('k.position', '<', offset + limit)
    .orderBy('k.position')
    .execute();
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
 * statement per 500 units: the ranking's row (current or not) left-joined with the units' places.
 */
export async function storedPlaces(
  db: Kysely<DB>,
  resultId: number,
  version: number,
  unitIds: readonly number[],
): Promise<StoredPlace[] | null> {
  const out: StoredPlace[] = [];
  for (const chunk of chunks([...new Set(unitIds)], 500)) {
    const rows = await db
      .selectFrom('result_rankings as g')
      .innerJoin('results as r', 'r.id', 'g.result_id')
      .innerJoin('ranking_pools as p', (j) =>
        j.onRef('p.id', '=', 'r.pool_id').onRef('p.version', '=', 'g.pool_version'),
      )
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('result_ranks as k')
            .innerJoin('result_units as u', 'u.id', 'k.result_unit_id')
            .select(['k.result_id', 'u.unit_id', 'u.index', 'k.rank', 'k.grp'])
            .where('k.result_id', '=', resultId)
            .where('u.unit_id', 'in', chunk)
            .as('x'),
        (j) => j.onRef('x.result_id', '=', 'g.result_id'),
      )
      .select(['x.unit_id', 'x.index', 'x.rank', 'x.grp'])
      .where('g.result_id', '=', resultId)
      .where('g.pool_version', '=', version)
      .execute();
    if (rows.length === 0) return null;
    for (const r of rows) {
      if (r.unit_id !== null && r.index !== null)
        out.push({ unit_id: r.unit_id, index: r.index, rank: r.rank, grp: r.grp });
    }
  }
  return out;
}

/**
 * Starts storing a result's ranking computed at pool version `poolVersion` (inside the caller's
 * transaction, which then inserts its ranks: insertRanks): its summary replaces the one it had and
 * its old ranks go — unless the pool's version has moved on or the result is gone meanwhile (then
 * nothing: what was computed is already stale); whether it did. The summary's row is written first:
 * on PostgreSQL its lock orders two servers storing the same ranking, the second replacing the
 * first's rows with the same ones.
 */
export async function storeRankingSummary(
  db: Kysely<DB>,
  ranking: { resultId: number; poolId: number; poolVersion: number; summary: string; at: string },
): Promise<boolean> {
  const { resultId, poolId, poolVersion, summary, at } = ranking;
  const current = await db
    .selectFrom('results as r')
    .innerJoin('ranking_pools as p', 'p.id', 'r.pool_id')
    .select('p.version')
    .where('r.id', '=', resultId)
    .where('p.id', '=', poolId)
    .executeTakeFirst();
  if (current?.version !== poolVersion) return false;
  await db
    .insertInto('result_rankings')
    .values({ result_id: resultId, pool_version: poolVersion, summary, ranked_at: at })
    .onConflict((oc) =>
      oc.column('result_id').doUpdateSet({ pool_version: poolVersion, summary, ranked_at: at }),
    )
    .execute();
  await db.deleteFrom('result_ranks').where('result_id', '=', resultId).execute();
  return true;
}

/**
 * A stored ranking's rows, in rank order (in storeRankingSummary's transaction). They go in as one
 * JSON text that the database takes apart (json_each, jsonb_array_elements): one statement whatever
 * the pool's size, where rows of values are built, bound and run by the server's thread in chunks
 * (twice the time on SQLite, which holds the thread throughout: issue 13).
 */
export async function insertRanks(
  db: Kysely<DB>,
  resultId: number,
  ranks: readonly { result_unit_id: number; rank: number | null; grp: string | null }[],
): Promise<void> {
  // [[result_unit_id, rank, group], …]: a row's position is its place in the array
  const text = JSON.stringify(ranks.map((r) => [r.result_unit_id, r.rank, r.grp]));
  const columns = sql`insert into result_ranks (result_id, position, result_unit_id, ${sql.ref('rank')}, grp)`;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`${columns} select ${resultId}, key, value ->> 0, value ->> 1, value ->> 2 from json_each(${text})`.execute(
      db,
    );
  } else {
    await sql`${columns} select ${resultId}, t.n - 1, (t.v ->> 0)::integer, (t.v ->> 1)::integer, t.v ->> 2
      from jsonb_array_elements(${text}::jsonb) with ordinality as t(v, n)`.execute(db);
  }
}
