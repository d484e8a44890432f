/**
 * Results and ranking (issue 12, decision 0015): ranking pools and their bands per year, each pool's
 * result of a year stored (saveResult: the import's confirmation and a published round both go
 * through it, replacing the pool's result of that year in one transaction, audited), listed and
 * removed; the ranking computed on reading when the pool's version moved, by the database
 * (db/results-repo.ts#storeRanking: index, the pool's tie-break, the year's bands, the rules of
 * core/ranking.ts) and stored, compared with what the publication printed; a unit's explanation with its history across
 * years through its lineage (a merged commune carries its predecessors' results) and the framework's
 * crosswalk when the criteria's codes changed. Reading needs plan.read (a published result is
 * public); every change results.manage, installation-wide.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { finding, type Finding } from '../core/findings.js';
import { predecessors, type LineageEvent } from '../core/lineage.js';
import { averageOfUnits, bandProblems, pointsLost, type Band, type PartScore } from '../core/ranking.js';
import {
  compare,
  decimalOrNull,
  fromDecimalString,
  storedScore,
  sub,
  toDecimalString,
  trimScale,
  type Score,
} from '../core/score.js';
import { indexOfPoints } from '../core/scoring.js';
import { fold, oneLine } from '../core/text.js';
import { markRetryable } from '../db/errors.js';
import { crosswalkRows } from '../db/frameworks-repo.js';
import {
  bandsOf,
  deleteResult as deleteResultRows,
  existingUnitIds,
  findPool,
  findPoolByKey,
  findPoolResult,
  findResult,
  insertPool,
  insertResult,
  listPools as poolRows,
  listResults,
  movePoolVersion,
  poolYears,
  replaceBands,
  resultParts,
  resultScores,
  resultFigures,
  resultHead,
  storedDiffering,
  storedGroups,
  storedPlaces,
  storedRankPage,
  storedRankPageWithPlaces,
  storeRanking,
  updateRankingSummary,
  resultsOfUnits,
  resultUnitNames,
  resultUnits,
  updatePool,
  type BandRecord,
  type PartScores,
  type PoolRecord,
  type RankingHead,
  type RankingUnitRow,
  type ResultPartRecord,
  type StoredRankRow,
  type ResultRecord,
} from '../db/results-repo.js';
import type { DB } from '../db/schema.js';
import { allUnitEvents, unitEventsBefore, unitNames } from '../db/units-repo.js';
import {
  RANKING_FINDINGS_SHOWN,
  RANKING_PAGE_DEFAULT,
  RANKING_PAGE_MAX,
  type Pool,
  type PoolBand,
  type RankedUnit,
  type RankingPage,
  type RankingQuery,
  type RankingResponse,
  type ResultPart,
  type ResultSummary,
  type UnitExplanation,
} from '../shared/api/results.js';
import { hasPermission, isGlobal, type Actor } from './access.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { loadRound } from './round-context.js';
import { roundTotals } from './round-results.js';
import { versionCache } from './version-cache.js';

// ---------------------------------------------------------------- rights

function requireRead(actor: Actor): void {
  if (!hasPermission(actor, 'plan.read')) throw new AppError('FORBIDDEN');
}

function requireManage(actor: Actor): void {
  if (!isGlobal(actor, 'results.manage')) throw new AppError('FORBIDDEN');
}

const dec = decimalOrNull;
const nowOf = (deps: Deps) => deps.clock().toISOString();

// ---------------------------------------------------------------- pools and bands

/** A pool's bands of a year as stored → as core/ranking.ts takes them. */
export function bandsOfRows(rows: readonly BandRecord[]): Band[] {
  return rows.map((b) => ({ label: b.label, minIndex: fromDecimalString(b.min_index), colour: b.colour }));
}

const wireBand = (b: Band): PoolBand => ({
  label: b.label,
  minIndex: toDecimalString(b.minIndex),
  colour: b.colour,
});

/** The part codes a pool compares after an equal index. */
export const tieBreakOf = (pool: PoolRecord): string[] => JSON.parse(pool.tie_break) as string[];

function poolOf(pool: PoolRecord, years: readonly number[]): Pool {
  return {
    id: pool.id,
    name: pool.name,
    description: pool.description,
    tieBreak: tieBreakOf(pool),
    years: [...new Set(years)].sort((a, b) => b - a),
    version: pool.version,
  };
}

async function requirePool(db: Kysely<DB>, id: number): Promise<PoolRecord> {
  const pool = await findPool(db, id);
  if (!pool) throw new AppError('POOL_NOT_FOUND', { id });
  return pool;
}

/** A pool's name compared without diacritics, case or repeated spaces. */
const poolKey = (name: string) => oneLine(fold(name));

/**
 * A pool by its name as typed (case, diacritics and spacing aside: its name_key), the command line's
 * --pool; without a name the installation's only pool. RESULTS_POOL_NOT_FOUND otherwise.
 */
export async function poolByName(db: Kysely<DB>, name: string | undefined): Promise<PoolRecord> {
  if (name === undefined) {
    const pools = await poolRows(db);
    if (pools.length === 1) return pools[0]!;
    throw new AppError('RESULTS_POOL_NOT_FOUND', { pool: '' });
  }
  const found = await poolNamed(db, name);
  if (!found) throw new AppError('RESULTS_POOL_NOT_FOUND', { pool: name });
  return found;
}

/** The pool of this name (case, diacritics and spacing aside), if there is one. */
export function poolNamed(db: Kysely<DB>, name: string): Promise<PoolRecord | undefined> {
  return findPoolByKey(db, poolKey(name));
}

export async function listPools(deps: Deps, actor: Actor): Promise<Pool[]> {
  requireRead(actor);
  const [pools, years] = await Promise.all([poolRows(deps.db), poolYears(deps.db)]);
  return pools.map((p) =>
    poolOf(
      p,
      years.filter((y) => y.pool_id === p.id).map((y) => y.year),
    ),
  );
}

export interface PoolInput {
  name: string;
  description: string;
  tieBreak: string[];
}

export async function createPool(deps: Deps, actor: Actor, input: PoolInput): Promise<Pool> {
  requireManage(actor);
  const name = oneLine(input.name);
  return deps.db.transaction().execute(async (trx) => {
    if (await findPoolByKey(trx, poolKey(name))) throw new AppError('POOL_EXISTS', { name });
    const at = nowOf(deps);
    const id = await insertPool(trx, {
      name,
      name_key: poolKey(name),
      description: input.description,
      tie_break: JSON.stringify(input.tieBreak),
      created_at: at,
      created_by: actor.username,
    });
    await audit(trx, actor, at, [
      { action: 'pool.create', entity: 'ranking_pool', entityId: id, field: 'name', newValue: name },
    ]);
    return poolOf((await findPool(trx, id))!, []);
  });
}

/** Renames a pool, changes its description or tie-break order; STALE_VERSION when changed meanwhile. */
export async function editPool(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: Partial<PoolInput> & { version: number },
): Promise<Pool> {
  requireManage(actor);
  const edited = await deps.db.transaction().execute(async (trx) => {
    const pool = await requirePool(trx, id);
    if (pool.version !== patch.version) throw new AppError('STALE_VERSION');
    const name = patch.name === undefined ? pool.name : oneLine(patch.name);
    const other = await findPoolByKey(trx, poolKey(name));
    if (other && other.id !== id) throw new AppError('POOL_EXISTS', { name });
    const next = {
      name,
      name_key: poolKey(name),
      description: patch.description ?? pool.description,
      tie_break: JSON.stringify(patch.tieBreak ?? tieBreakOf(pool)),
    };
    if (!(await updatePool(trx, id, pool.version, next))) throw new AppError('STALE_VERSION');
    const changes = (
      [
        ['name', pool.name, next.name],
        ['description', pool.description, next.description],
        ['tie_break', pool.tie_break, next.tie_break],
      ] as const
    ).filter(([, before, after]) => before !== after);
    await audit(
      trx,
      actor,
      nowOf(deps),
      changes.map(([field, oldValue, newValue]) => ({
        action: 'pool.update' as const,
        entity: 'ranking_pool' as const,
        entityId: id,
        field,
        oldValue,
        newValue,
      })),
    );
    const years = (await poolYears(trx)).filter((y) => y.pool_id === id).map((y) => y.year);
    return poolOf((await findPool(trx, id))!, years);
  });
  // the version moved: the pool's stored rankings are stale (the tie-break may have changed)
  await rankAfterChange(deps.db, await poolResultIds(deps.db, id));
  return edited;
}

export async function poolBands(
  deps: Deps,
  actor: Actor,
  poolId: number,
  year: number,
): Promise<{ poolId: number; year: number; bands: PoolBand[] }> {
  requireRead(actor);
  await requirePool(deps.db, poolId);
  return { poolId, year, bands: bandsOfRows(await bandsOf(deps.db, poolId, year)).map(wireBand) };
}

/** Replaces a pool's bands of a year whole, highest first; BANDS_INVALID names each band's problem. */
export async function savePoolBands(
  deps: Deps,
  actor: Actor,
  poolId: number,
  year: number,
  given: readonly PoolBand[],
): Promise<{ poolId: number; year: number; bands: PoolBand[] }> {
  requireManage(actor);
  const bands: Band[] = given.map((b) => ({
    label: oneLine(b.label),
    minIndex: fromDecimalString(b.minIndex),
    colour: b.colour,
  }));
  const problems = bandProblems(bands);
  if (problems.length > 0) throw new AppError('BANDS_INVALID', { problems });
  const ordered = [...bands].sort((a, b) => compare(b.minIndex, a.minIndex));
  const saved = await deps.db.transaction().execute(async (trx) => {
    await requirePool(trx, poolId);
    const before = bandsOfRows(await bandsOf(trx, poolId, year)).map(wireBand);
    const after = ordered.map(wireBand);
    await replaceBands(
      trx,
      poolId,
      year,
      after.map((b) => ({ label: b.label, min_index: b.minIndex, colour: b.colour })),
    );
    const oldValue = JSON.stringify(before);
    const newValue = JSON.stringify(after);
    if (oldValue !== newValue) {
      // the pool's rankings kept (in memory, stored) were grouped with the old bands
      await movePoolVersion(trx, poolId);
      await audit(trx, actor, nowOf(deps), [
        {
          action: 'pool.bands',
          entity: 'ranking_pool',
          entityId: poolId,
          field: 'bands',
          code: String(year),
          oldValue,
          newValue,
        },
      ]);
    }
    return { poolId, year, bands: after, moved: oldValue !== newValue };
  });
  if (saved.moved) await rankAfterChange(deps.db, await poolResultIds(deps.db, poolId));
  return { poolId, year, bands: saved.bands };
}

// ---------------------------------------------------------------- storing a result

/** A part of a result as it is handed over. */
export interface ResultPartInput {
  code: string;
  kind: ResultPart['kind'];
  parentCode: string | null;
  name: string;
  max: Score | null;
}

/** A unit's row of a result as it is handed over (rank and group as published; null: none printed). */
export interface ResultUnitInput {
  unitId: number;
  /** as the publication wrote it */
  name: string;
  points: Score | null;
  max: Score | null;
  index: Score;
  publishedRank: number | null;
  publishedGroup: string | null;
  /** per part code: the score, and the unit's applicable max where it differs from the part's */
  scores: readonly { code: string; score: Score | null; max: Score | null }[];
}

export interface ResultInput {
  poolId: number;
  year: number;
  source: 'round' | 'import';
  roundId?: number | null;
  frameworkId?: number | null;
  title: string;
  /** the file it was read from */
  sourceName?: string | null;
  parts: readonly ResultPartInput[];
  units: readonly ResultUnitInput[];
}

/** What the trail keeps of a result: enough to say what was replaced. */
function summaryOf(r: {
  year: number;
  source: string;
  title: string;
  sourceName: string | null;
  units: number;
}): string {
  return JSON.stringify(r);
}

function checkInput(input: ResultInput, existing: ReadonlySet<number>): void {
  const parts = new Set<string>();
  for (const p of input.parts) {
    if (parts.has(p.code)) throw new AppError('RESULT_INVALID', { problem: 'duplicate-part', value: p.code });
    parts.add(p.code);
  }
  if (input.units.length === 0)
    throw new AppError('RESULT_INVALID', { problem: 'no-units', value: input.title });
  const units = new Set<number>();
  for (const u of input.units) {
    if (units.has(u.unitId))
      throw new AppError('RESULT_INVALID', { problem: 'duplicate-unit', value: u.name });
    units.add(u.unitId);
    if (!existing.has(u.unitId))
      throw new AppError('RESULT_INVALID', { problem: 'unknown-unit', value: String(u.unitId) });
    for (const s of u.scores) {
      if (!parts.has(s.code))
        throw new AppError('RESULT_INVALID', { problem: 'unknown-part', value: s.code });
    }
  }
}

/**
 * Stores a pool's result of a year, replacing the one it had (its parts, units and scores go with
 * it), in one transaction with the trail's entry old → new: 'result.publish' for a round's,
 * 'result.import' otherwise. results.manage installation-wide.
 */
export async function saveResult(
  deps: Deps,
  actor: Actor,
  input: ResultInput,
): Promise<{ resultId: number; replaced: number | null }> {
  requireManage(actor);
  const stored = await deps.db.transaction().execute((trx) => storeResultIn(trx, actor, input, nowOf(deps)));
  await rankAfterChange(deps.db, [stored.resultId]);
  return stored;
}

/**
 * saveResult's work inside the caller's transaction (the import's confirmation takes its upload and
 * stores the result in one): checks the input, replaces the pool's result of the year, audits.
 * The caller has checked results.manage.
 */
export async function storeResultIn(
  trx: Kysely<DB>,
  actor: Actor,
  input: ResultInput,
  at: string,
): Promise<{ resultId: number; replaced: number | null }> {
  const existing = await existingUnitIds(
    trx,
    input.units.map((u) => u.unitId),
  );
  checkInput(input, existing);
  await requirePool(trx, input.poolId);
  const before = await findPoolResult(trx, input.poolId, input.year);
  let oldValue: string | null = null;
  if (before) {
    const units = (await listResults(trx, { poolId: input.poolId, year: input.year }))[0]?.units ?? 0;
    oldValue = summaryOf({
      year: before.year,
      source: before.source,
      title: before.title,
      sourceName: before.source_name,
      units,
    });
    await deleteResultRows(trx, before.id);
  }
  const resultId = await insertResult(
    trx,
    {
      pool_id: input.poolId,
      year: input.year,
      source: input.source,
      round_id: input.roundId ?? null,
      framework_id: input.frameworkId ?? null,
      title: input.title,
      source_name: input.sourceName ?? null,
      created_at: at,
      created_by: actor.username,
    },
    input.parts.map((p) => ({
      code: p.code,
      kind: p.kind,
      parent_code: p.parentCode,
      name: p.name,
      max: dec(p.max),
    })),
    input.units.map((u) => ({
      unit_id: u.unitId,
      name: u.name,
      points: dec(u.points),
      max: dec(u.max),
      index: toDecimalString(u.index),
      published_rank: u.publishedRank,
      published_group: u.publishedGroup,
      scores: u.scores.map((s) => ({ code: s.code, score: dec(s.score), max: dec(s.max) })),
    })),
  );
  await audit(trx, actor, at, [
    {
      action: input.source === 'round' ? 'result.publish' : 'result.import',
      entity: 'result',
      entityId: resultId,
      field: 'result',
      code: String(input.year),
      oldValue,
      newValue: summaryOf({
        year: input.year,
        source: input.source,
        title: input.title,
        sourceName: input.sourceName ?? null,
        units: input.units.length,
      }),
    },
  ]);
  return { resultId, replaced: before?.id ?? null };
}

/** Removes a result with everything under it (audited). */
export async function removeResult(deps: Deps, actor: Actor, resultId: number): Promise<void> {
  requireManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const result = await requireResult(trx, resultId);
    const units = (await listResults(trx, { poolId: result.pool_id, year: result.year }))[0]?.units ?? 0;
    await deleteResultRows(trx, resultId);
    await audit(trx, actor, nowOf(deps), [
      {
        action: 'result.delete',
        entity: 'result',
        entityId: resultId,
        field: 'result',
        code: String(result.year),
        oldValue: summaryOf({
          year: result.year,
          source: result.source,
          title: result.title,
          sourceName: result.source_name,
          units,
        }),
        newValue: null,
      },
    ]);
  });
}

/**
 * A published round's final scores as the pool's result of the round's year: the framework's areas
 * and criteria as parts, each unit's final total, applicable max and index (modules/round-results.ts
 * computes them; units without an index yet are left out), the round's own rank as the published one.
 */
export async function publishRoundResult(
  deps: Deps,
  actor: Actor,
  roundId: number,
  poolId: number,
): Promise<{ resultId: number; replaced: number | null }> {
  requireManage(actor);
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  if (!ctx.published) throw new AppError('ROUND_NOT_PUBLISHED', { round: ctx.round.name });
  await requirePool(deps.db, poolId);
  const { units } = await roundTotals(deps, ctx);
  const parts: ResultPartInput[] = ctx.criteria.map((c) => ({
    code: c.code,
    kind: c.parentCode === null ? 'area' : 'criterion',
    parentCode: c.parentCode,
    name: c.name,
    max: c.max,
  }));
  const partMax = new Map(parts.map((p) => [p.code, p.max]));
  return saveResult(deps, actor, {
    poolId,
    year: ctx.round.year,
    source: 'round',
    roundId,
    frameworkId: ctx.round.framework_id,
    title: ctx.round.name,
    parts,
    units: units.flatMap((u) => {
      const final = u.totals.final;
      if (final.index === null) return [];
      const areaMax = new Map(final.areas.map((a) => [a.code, a.max]));
      return [
        {
          unitId: u.unitId,
          name: u.unitName,
          points: final.total,
          max: final.max,
          index: final.index,
          publishedRank: u.rank,
          publishedGroup: null,
          scores: ctx.criteria.map((c) => {
            const applicable = areaMax.get(c.code) ?? null;
            const max = partMax.get(c.code) ?? null;
            const differs = applicable !== null && (max === null || compare(applicable, max) !== 0);
            return {
              code: c.code,
              score: final.scores.get(c.code) ?? null,
              max: differs ? applicable : null,
            };
          }),
        },
      ];
    }),
  });
}

// ---------------------------------------------------------------- reading

async function requireResult(db: Kysely<DB>, id: number): Promise<ResultRecord> {
  const result = await findResult(db, id);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id });
  return result;
}

type ResultListRow = Awaited<ReturnType<typeof listResults>>[number];

const summaryWire = (r: ResultListRow): ResultSummary => ({
  id: r.id,
  poolId: r.pool_id,
  poolName: r.pool_name,
  year: r.year,
  source: r.source,
  roundId: r.round_id,
  frameworkId: r.framework_id,
  title: r.title,
  sourceName: r.source_name,
  units: r.units,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function listResultSummaries(
  deps: Deps,
  actor: Actor,
  filter: { poolId?: number | undefined; year?: number | undefined },
): Promise<ResultSummary[]> {
  requireRead(actor);
  return (await listResults(deps.db, filter)).map(summaryWire);
}

const partWire = (p: ResultPartRecord): ResultPart => ({
  code: p.code,
  kind: p.kind,
  parentCode: p.parent_code,
  name: p.name,
  max: p.max,
});

/** A result's units ranked and grouped, from its stored indexes and the tie-break's part scores. */
interface Ranked {
  result: ResultRecord;
  pool: PoolRecord;
  bands: Band[];
  /** the result's components and areas (rankingPartsOf), in its order */
  parts: ResultPartRecord[];
  units: RankedRow[];
  /** by unit id */
  byUnit: Map<number, RankedRow>;
  /** the pool's average and best (its stored summary's) */
  figures: Pick<RankingResponse, 'average' | 'best'>;
  /** what a ranking shows of the whole pool, once it has been asked for */
  view?: RankingView;
}

/**
 * What a ranking shows of the whole pool that the result's rows and the pool (tie-break, bands)
 * alone decide: the components and areas, the pool's average and best, the units per group, the rows
 * whose computed rank or group differs from the published one. A unit's scores and losses are read
 * for the units shown only (unitScores). Frozen: responses share it.
 */
interface RankingView {
  parts: readonly ResultPart[];
  /** the same parts with their max read once */
  read: readonly ReadPart[];
  /** where points are lost (lossParts), by their place in `read` */
  losses: readonly { part: ReadPart; at: number }[];
  average: RankingResponse['average'];
  best: RankingResponse['best'];
  groups: RankingPage['groups'];
  /** in rank order */
  differing: readonly DifferingRow[];
  /** the findings of `differing` (differences) */
  findings: number;
}

/**
 * Rankings kept per result id at its pool's version. A result never changes once stored (a new one
 * replaces it under a new id); editPool (tie-break) and savePoolBands move the pool's version.
 */
const rankings = versionCache<Ranked>(32, 'ranking');

/**
 * A unit's row ranked: as stored (its component and area scores still the stored JSON, read for the
 * units shown only: unitScores), with its rank and band.
 */
type RankedRow = RankingUnitRow & {
  rank: number | null;
  group: string | null;
};

/**
 * What result_rankings.summary keeps of a ranking (0030): what a page shows of the whole pool
 * (RankingView's figures) and the first RANKING_FINDINGS_SHOWN differing rows (what their findings say).
 */
interface StoredSummary {
  average: RankingResponse['average'];
  best: RankingResponse['best'];
  groups: RankingPage['groups'];
  findings: number;
  differing: DifferingRow[];
  /**
   * The pool's bands of the result's year and the result's components and areas, as it was ranked
   * with them (both fixed at a pool version), so that a page reads no more than its summary and rows.
   */
  bands: PoolBand[];
  parts: ResultPartRecord[];
}

/** A stored summary; null when there is none or it was stored before it carried its bands and parts. */
function storedSummary(text: string | null): StoredSummary | null {
  if (text === null) return null;
  const summary = JSON.parse(text) as Partial<StoredSummary>;
  return summary.bands && summary.parts ? (summary as StoredSummary) : null;
}

/** The units of a stored ranking: every unit is counted in one group (null: none). */
const unitsOf = (summary: StoredSummary) => summary.groups.reduce((n, g) => n + g.units, 0);

const bandOfWire = (b: PoolBand): Band => ({
  label: b.label,
  minIndex: fromDecimalString(b.minIndex),
  colour: b.colour,
});

/**
 * Rows read per statement when a whole stored ranking is read (rankingOf, a unit's explanation). On
 * SQLite a read holds the server's thread (better-sqlite3 is synchronous, and Kysely's awaits between
 * statements are microtasks that let nothing else run): the thread is handed back between two
 * (nextTurn), so that no turn of the event loop holds more than one chunk's read.
 */
const READ_CHUNK = 500;

/** Times a ranking is stored or read again when the pool's version moved under it (storedRead). */
const RANK_ATTEMPTS = 3;

/**
 * A result with its pool and its current stored ranking's summary (one statement; or `known`, read
 * with the request's session: http/auth.ts, null when there is no such result); RESULT_NOT_FOUND.
 */
async function requireHead(db: Kysely<DB>, id: number, known?: RankingHead | null): Promise<RankingHead> {
  const head = known !== undefined ? known : await resultHead(db, id);
  if (!head) throw new AppError('RESULT_NOT_FOUND', { id });
  return head;
}

/** What a request read with its session of the result its :id names (http/auth.ts, `resultHead`). */
export interface KnownHead {
  /** the result's ranking's head (null: no such result); left out, it is read here */
  head?: RankingHead | null;
}

/** A unit's row ranked as stored: its rank and group as storeRanking gave them. */
const rankedOfStored = ({ grp, position: _position, ...row }: StoredRankRow): RankedRow => ({
  ...row,
  group: grp,
});

/**
 * `read` of a result's ranking stored at its pool's version: the stored one when it is current, else
 * the result ranked and stored first (rankAndStoreOnce). A read takes one or more statements after
 * the head's: when the pool's version moves meanwhile (`read` gives null: storedRankPage and
 * storedPlaces read only that version; or the ranking could not be stored at it), it starts again
 * from the result's head, at most RANK_ATTEMPTS times, so that what comes back is all of one version.
 * After that the request is refused as one that met other changes at the same moment (503 TRY_AGAIN,
 * http/errors.ts; the command line says to try again): a read changes nothing, sent again it may pass.
 */
async function storedRead<T>(
  db: Kysely<DB>,
  first: RankingHead,
  read: (head: RankingHead, summary: StoredSummary) => Promise<T | null>,
): Promise<T> {
  let head = first;
  for (let attempt = 1; attempt <= RANK_ATTEMPTS; attempt++) {
    if (attempt > 1) head = await requireHead(db, head.result.id);
    const summary = await summaryAt(db, head);
    const out = summary === null ? null : await read(head, summary);
    if (out !== null) return out;
  }
  throw markRetryable(
    new Error(`result ${first.result.id}: its pool's version moved ${RANK_ATTEMPTS} times while it was read`),
  );
}

/**
 * The summary of a result's ranking stored at the head's pool version: the head's when current, else
 * the result ranked and stored first (null: the pool's version moved meanwhile).
 */
async function summaryAt(db: Kysely<DB>, head: RankingHead): Promise<StoredSummary | null> {
  return storedSummary(head.summary) ?? (await rankAndStoreOnce(db, head));
}

/**
 * The stores of stale rankings in flight, per database handle, by result and pool version: the
 * readers of one stale ranking at the same moment wait for one store (each used to rank and store it
 * again, one after the other on SQLite's connection).
 */
const storing = new WeakMap<Kysely<DB>, Map<string, Promise<StoredSummary | null>>>();

/** rankAndStore, shared with the other readers of the same result at the same pool version. */
function rankAndStoreOnce(db: Kysely<DB>, head: RankingHead): Promise<StoredSummary | null> {
  // inside a caller's transaction the store is that transaction's own
  if (db.isTransaction) return rankAndStore(db, head);
  let inFlight = storing.get(db);
  if (!inFlight) storing.set(db, (inFlight = new Map<string, Promise<StoredSummary | null>>()));
  const key = `${head.result.id}@${head.pool.version}`;
  const held = inFlight.get(key);
  if (held) return held;
  const store = rankAndStore(db, head).finally(() => inFlight.delete(key));
  inFlight.set(key, store);
  return store;
}

/**
 * A result ranked whole at its pool's version: kept from an earlier call, else its stored ranking read
 * whole (ranked and stored first when it is missing or stale: storedRead), kept in memory.
 */
async function rankResult(db: Kysely<DB>, head: RankingHead): Promise<Ranked> {
  const held = rankings.get(db, head.result.id, head.pool.version);
  if (held) return held;
  return storedRead(db, head, async (at, summary) => {
    const ranked = await readStoredRanking(db, at, summary);
    if (ranked) rankings.set(db, at.result.id, at.pool.version, ranked);
    return ranked;
  });
}

/** A stored ranking read whole at the head's version; null when that version moved on meanwhile. */
async function readStoredRanking(
  db: Kysely<DB>,
  head: RankingHead,
  summary: StoredSummary,
): Promise<Ranked | null> {
  const { result, pool } = head;
  const total = unitsOf(summary);
  const units: RankedRow[] = [];
  for (let offset = 0; offset < total; offset += READ_CHUNK) {
    if (offset > 0) await nextTurn();
    const chunk = await storedRankPage(db, result.id, pool.version, offset, READ_CHUNK);
    if (chunk.length < Math.min(READ_CHUNK, total - offset)) return null;
    for (const row of chunk) units.push(rankedOfStored(row));
  }
  return {
    result,
    pool,
    bands: summary.bands.map(bandOfWire),
    parts: summary.parts,
    units,
    byUnit: new Map(units.map((u) => [u.unit_id, u])),
    figures: { average: summary.average, best: summary.best },
  };
}

/**
 * A result ranked and stored at the head's pool version (db/results-repo.ts#storeRanking: one
 * statement ranks, bands and writes the places that moved; nothing of the 3,500 units comes to the
 * server's thread) with its summary: the pool's figures (kept from the last ranking stored, whatever
 * its version: the result's rows alone decide them; else read: resultFigures), the units per group
 * and the findings counted by the database over what it stored (kept from the summary stored before
 * when no place moved and the bands and parts are the same: they would count the same), the first
 * RANKING_FINDINGS_SHOWN differing units, the bands and parts it was ranked with. In one transaction
 * (the caller's when `db` is one: an error here must roll it back, since the head moves to the new
 * version before the summary is replaced); null when the pool's version moved meanwhile.
 */
async function rankAndStore(db: Kysely<DB>, head: RankingHead): Promise<StoredSummary | null> {
  const { result, pool } = head;
  const [bandRows, allParts] = await Promise.all([
    bandsOf(db, pool.id, result.year),
    resultParts(db, result.id),
  ]);
  const bands = bandsOfRows(bandRows);
  const parts = rankingPartsOf(allParts);
  const inParts = new Set(parts.map((p) => p.code));
  const figures = storedSummary(head.lastSummary) ?? (await poolFigures(db, result.id, parts));
  const banded = bands.length > 0;
  const wireBands = bands.map(wireBand);
  // each statement in a turn of the event loop of its own (on SQLite each holds the thread; inside the
  // transaction the other requests' statements wait for the connection, not the thread)
  const store = async (trx: Kysely<DB>): Promise<StoredSummary | null> => {
    await nextTurn();
    const stored = await storeRanking(trx, {
      resultId: result.id,
      poolId: pool.id,
      poolVersion: pool.version,
      bands: [...bands]
        .sort((a, b) => compare(b.minIndex, a.minIndex))
        .map((b) => ({ label: b.label, minIndex: toDecimalString(b.minIndex) })),
      tieBreak: tieBreakOf(pool).map((code) => ({ code, inPartScores: inParts.has(code) })),
      at: new Date().toISOString(),
    });
    if (!stored) return null;
    const before = storedSummary(stored.before);
    const counted =
      stored.moved === 0 &&
      before !== null &&
      JSON.stringify([before.bands, before.parts]) === JSON.stringify([wireBands, parts])
        ? before
        : await countStored(trx, result.id, bands, banded);
    const summary: StoredSummary = {
      average: figures.average,
      best: figures.best,
      groups: counted.groups,
      findings: counted.findings,
      differing: counted.differing,
      bands: wireBands,
      parts,
    };
    await updateRankingSummary(trx, result.id, JSON.stringify(summary));
    return summary;
  };
  return db.isTransaction ? store(db) : db.transaction().execute(store);
}

/** A stored ranking's units per group, findings and first differing units, counted by the database. */
async function countStored(
  trx: Kysely<DB>,
  resultId: number,
  bands: readonly Band[],
  banded: boolean,
): Promise<Pick<StoredSummary, 'groups' | 'findings' | 'differing'>> {
  await nextTurn();
  const counts = await storedGroups(trx, resultId, banded);
  await nextTurn();
  const differing = await storedDiffering(trx, resultId, banded, RANKING_FINDINGS_SHOWN);
  const perGroup = new Map(counts.map((c) => [c.grp, c.units]));
  return {
    // the bands in their order (none reached: 0 units), then the units of no band
    groups: [
      ...bands.map((b) => ({ group: b.label, units: perGroup.get(b.label) ?? 0 })),
      ...(perGroup.has(null) ? [{ group: null, units: perGroup.get(null)! }] : []),
    ],
    findings: counts.reduce((n, c) => n + c.rank_differs + c.group_differs, 0),
    differing: differing.map(({ grp, ...u }) => ({ ...u, group: grp })),
  };
}

/** The pool's average index and each component's and area's average and best (averageOfUnits: half-up). */
async function poolFigures(
  db: Kysely<DB>,
  resultId: number,
  parts: readonly ResultPartRecord[],
): Promise<Pick<StoredSummary, 'average' | 'best'>> {
  // READ_CHUNK units a statement, each in a turn of its own, summed here (positions run 0, 1, … with
  // no gap: the first range with no unit is past the last)
  type Figures = Awaited<ReturnType<typeof resultFigures>>[number];
  const byCode = new Map<string | null, Figures>();
  const bestKey = (b: Figures['best']) => (b === null ? -Infinity : b.units * 10 + b.scale);
  for (let from = 0; ; from += READ_CHUNK) {
    if (from > 0) await nextTurn();
    const rows = await resultFigures(db, resultId, { from, to: from + READ_CHUNK });
    if (!rows.some((r) => r.code === null && r.given > 0)) break;
    for (const row of rows) {
      const was = byCode.get(row.code);
      byCode.set(
        row.code,
        was === undefined
          ? row
          : {
              code: row.code,
              given: was.given + row.given,
              total: was.total + row.total,
              best: bestKey(row.best) > bestKey(was.best) ? row.best : was.best,
            },
      );
    }
  }
  const index = byCode.get(null);
  const averageOf = (r: Figures | undefined) =>
    r === undefined ? null : decimalOrNull(averageOfUnits(r.total, r.given));
  return {
    average: {
      index: averageOf(index),
      parts: Object.fromEntries(parts.map((p) => [p.code, averageOf(byCode.get(p.code))])),
    },
    best: {
      parts: Object.fromEntries(parts.map((p) => [p.code, decimalOrNull(byCode.get(p.code)?.best ?? null)])),
    },
  };
}

/**
 * Ranks and stores, after a change has been committed, these results (a new one; a pool's results
 * after its bands or tie-break changed): the next page is then read from the stored ranking. A
 * failure here leaves the change as committed; the next reading ranks it again (rankResult).
 */
export async function rankAfterChange(db: Kysely<DB>, resultIds: readonly number[]): Promise<void> {
  for (const id of resultIds) {
    const head = await resultHead(db, id);
    // stored only: a page reads it from storage
    if (head) await storedRead(db, head, () => Promise.resolve(true)).catch(() => undefined);
  }
}

/** The ids of a pool's results, to rank again after its version moved. */
const poolResultIds = async (db: Kysely<DB>, poolId: number) =>
  (await listResults(db, { poolId })).map((r) => r.id);

/**
 * The lineage of every unit: the reorganisations recorded (read once per request); of these units
 * only (the events their predecessors() walk reads: unitEventsBefore) when `unitIds` is given.
 */
async function lineageEvents(db: Kysely<DB>, unitIds?: readonly number[]): Promise<LineageEvent[]> {
  const events = unitIds === undefined ? await allUnitEvents(db) : await unitEventsBefore(db, unitIds);
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    date: e.date,
    decision: e.decision,
    from: e.from,
    to: e.to,
  }));
}

/**
 * Whose row stands for a unit in an earlier result: its own; else, among its predecessors
 * (transitively), the one with the highest index (the "largest" rule of core/lineage.ts, decision 0015).
 */
function standIn<U extends { index: string }>(
  byUnit: ReadonlyMap<number, U>,
  unitId: number,
  predecessorIds: readonly number[],
): U | null {
  const own = byUnit.get(unitId);
  if (own) return own;
  let best: U | null = null;
  for (const id of predecessorIds) {
    const r = byUnit.get(id);
    if (r && (best === null || compare(fromDecimalString(r.index), fromDecimalString(best.index)) > 0))
      best = r;
  }
  return best;
}

/** The part codes a ranking reads: components and areas (criteria only in a unit's explanation). */
const rankingPartsOf = (parts: readonly ResultPartRecord[]) => parts.filter((p) => p.kind !== 'criterion');

/** Where points were lost for the ranking: the areas when the result has any, else its components. */
function lossParts(parts: readonly ResultPartRecord[]): ResultPartRecord[] {
  const areas = parts.filter((p) => p.kind === 'area');
  return areas.length > 0 ? areas : parts.filter((p) => p.kind === 'component');
}

/** The parts with their max read once (a ranking applies them to every unit). */
type ReadPart = ResultPartRecord & { maxScore: Score | null };
const readParts = (parts: readonly ResultPartRecord[]): ReadPart[] =>
  parts.map((p) => ({ ...p, maxScore: storedScore(p.max) }));

function partScoresOf(
  parts: readonly ReadPart[],
  scores: ReadonlyMap<string, { score: Score | null; max: Score | null }>,
): PartScore[] {
  return parts.map((p) => {
    const s = scores.get(p.code);
    return { code: p.code, max: s?.max ?? p.maxScore, score: s?.score ?? null };
  });
}

/** What a finding says of a row whose rank or group differs from the published one. */
type DifferingRow = Pick<
  RankedRow,
  'unit_id' | 'name' | 'rank' | 'group' | 'published_rank' | 'published_group'
>;

const rankDiffers = (u: DifferingRow): u is DifferingRow & { published_rank: number } =>
  u.published_rank !== null && u.published_rank !== u.rank;
const groupDiffers = (
  u: DifferingRow,
  bands: readonly Band[],
): u is DifferingRow & { published_group: string } =>
  u.published_group !== null && bands.length > 0 && u.published_group !== u.group;

/** The findings of these rows: a computed rank or group that differs from the published one. */
function differences(
  rows: readonly DifferingRow[],
  bands: readonly Band[],
  names: ReadonlyMap<number, string>,
): Finding[] {
  const out: Finding[] = [];
  for (const u of rows) {
    const unit = names.get(u.unit_id) ?? u.name;
    if (rankDiffers(u)) {
      out.push(
        finding('result-rank-differs', 'warning', null, null, {
          unit,
          published: u.published_rank,
          computed: u.rank,
        }),
      );
    }
    if (groupDiffers(u, bands)) {
      out.push(
        finding('result-group-differs', 'warning', null, null, {
          unit,
          published: u.published_group,
          computed: u.group,
        }),
      );
    }
  }
  return out;
}

/** A unit's place in a ranking: what "previous place" shows. */
type Place = Pick<RankedRow, 'index' | 'rank' | 'group'>;

/**
 * The places of these units (all when null) in a result's ranking at pool version `pool.version` (the
 * slice's: the result is of the same pool): from the ranking kept in memory, else from the stored one
 * when it is at that version (one statement for a page's units), else the result ranked and stored at
 * it first while it is still the pool's. Null when the pool's version has moved on from it: a ranking
 * is stored at the pool's current version only, so the places at the slice's can no longer be read —
 * the slice is read again at the new one (rankedSlice), never shown with places of another version.
 */
async function placesIn(
  db: Kysely<DB>,
  resultId: number,
  pool: PoolRecord,
  unitIds: readonly number[] | null,
): Promise<ReadonlyMap<number, Place> | null> {
  const { version } = pool;
  const held = rankings.get(db, resultId, version);
  if (held) return held.byUnit;
  const placesAt = async (ids: readonly number[]) => {
    const rows = await storedPlaces(db, resultId, version, ids);
    return rows && new Map(rows.map((r) => [r.unit_id, { index: r.index, rank: r.rank, group: r.grp }]));
  };
  const stored = unitIds === null ? null : await placesAt(unitIds);
  if (stored) return stored;
  const head = await requireHead(db, resultId);
  if (head.pool.version !== version) return null;
  if (unitIds === null) {
    const ranked = await rankResult(db, head);
    return ranked.pool.version === version ? ranked.byUnit : null;
  }
  return (await summaryAt(db, head)) === null ? null : placesAt(unitIds);
}

/** The rows of a ranking a response shows, and what it shows of the whole pool. */
interface Slice {
  pool: PoolRecord;
  bands: Band[];
  view: RankingView;
  rows: readonly RankedRow[];
  /** the rows whose rank or group differs from the published one, as many as the response shows */
  differing: readonly DifferingRow[];
  total: number;
  /** the pool's result of the year before (the head's the slice was read with) */
  earlier: RankingHead['earlier'];
  /**
   * Read with a page's rows (storedRankPageWithPlaces): the register's names of its rows and of
   * `differing`, and when the earlier result's ranking is stored at the same pool version, the rows'
   * own places in it (a row without one may stand in through its lineage).
   */
  page?: { names: ReadonlyMap<number, string>; previous: ReadonlyMap<number, Place> | null };
}

/** `pick`'s rows of a result's whole ranking (rankResult), with the first `findingsShown` differing. */
function wholeSlice(
  pick: (units: readonly RankedRow[]) => readonly RankedRow[],
  findingsShown: number,
): (db: Kysely<DB>, head: RankingHead) => Promise<Slice> {
  return async (db, head) => {
    const ranked = await rankResult(db, head);
    const view = (ranked.view ??= viewOf(ranked));
    return {
      pool: ranked.pool,
      bands: ranked.bands,
      view,
      rows: pick(ranked.units),
      differing: view.differing.slice(0, findingsShown),
      total: ranked.units.length,
      earlier: head.earlier,
    };
  };
}

/**
 * A page of a result's ranking (positions `offset` ≤ p < `offset + limit`): read from its stored
 * ranking (one paged statement at the head's version, with the units' names and their own places the
 * year before; the whole pool's figures, bands and parts from its summary; the differing units' names
 * beside it), ranked and stored first when it is stale or missing (storedRead).
 */
function pageSlice(offset: number, limit: number): (db: Kysely<DB>, head: RankingHead) => Promise<Slice> {
  return (db, first) =>
    storedRead(db, first, async (head, summary) => {
      const total = unitsOf(summary);
      const earlier = head.earlier;
      const differingIds = [...new Set(summary.differing.map((u) => u.unit_id))];
      const [rows, names] = await Promise.all([
        storedRankPageWithPlaces(db, head.result.id, head.pool.version, offset, limit, earlier?.id ?? null),
        resultUnitNames(db, head.result.id, differingIds),
      ]);
      if (rows.length === 0 && offset < total) return null;
      for (const r of rows) if (r.register_name !== null) names.set(r.unit_id, r.register_name);
      // the rows' own places the year before, when that ranking is stored at this version
      const previous =
        earlier !== null && rows.length > 0 && rows[0]!.previous_stored !== null
          ? new Map(
              rows.flatMap((r) =>
                r.previous_index === null
                  ? []
                  : [
                      [
                        r.unit_id,
                        { index: r.previous_index, rank: r.previous_rank, group: r.previous_grp },
                      ] as const,
                    ],
              ),
            )
          : null;
      const view: RankingView = frozen({
        ...partsViewOf(summary.parts),
        average: summary.average,
        best: summary.best,
        groups: summary.groups,
        differing: summary.differing,
        findings: summary.findings,
      });
      return {
        pool: head.pool,
        bands: summary.bands.map(bandOfWire),
        view,
        rows: rows.map(
          ({
            register_name: _name,
            previous_stored: _stored,
            previous_index: _index,
            previous_rank: _rank,
            previous_grp: _grp,
            ...row
          }) => rankedOfStored(row),
        ),
        differing: view.differing,
        total,
        earlier,
        page: { names, previous },
      };
    });
}

/**
 * The units `slice` takes of a result's ranking (in rank order, unranked last) as the API shows them
 * — names from the register, scores, losses, the place the year before through the lineage — and the
 * findings of the differing units it shows. Only the units shown are read one by one: a page of a
 * 3,500-unit pool costs its 50 units, the ranking itself being stored per result and pool version.
 * The rights are checked before the head is used, whether read here or with the session (`known`).
 * All of one pool version: when the version moves on before the year before's places are read, the
 * slice is read again from the result's head (at most RANK_ATTEMPTS times, then 503 TRY_AGAIN as
 * storedRead).
 */
async function rankedSlice(
  deps: Deps,
  actor: Actor,
  resultId: number,
  slice: (db: Kysely<DB>, head: RankingHead) => Promise<Slice>,
  known: KnownHead,
): Promise<SliceAnswer> {
  requireRead(actor);
  const db = deps.db;
  let head = await requireHead(db, resultId, known.head);
  for (let attempt = 1; ; attempt++) {
    const taken = await slice(db, head);
    const { rows, differing, earlier, page } = taken;
    const whole = rows.length === taken.total;
    // the year before's places: a page's own ones came with its rows; the lineage is read for the rows
    // without one (a whole ranking's: every event), and the places of their predecessors
    const lacking = page?.previous ? rows.filter((u) => !page.previous!.has(u.unit_id)) : rows;
    const events =
      earlier === null || lacking.length === 0
        ? []
        : await lineageEvents(db, whole ? undefined : lacking.map((u) => u.unit_id));
    const predecessorsOf = (unitId: number) =>
      events.length === 0 ? [] : predecessors(events, unitId).map((s) => s.unitId);
    const wanted = page?.previous
      ? lacking.flatMap((u) => predecessorsOf(u.unit_id))
      : rows.flatMap((u) => [u.unit_id, ...predecessorsOf(u.unit_id)]);
    const [names, read] = await Promise.all([
      page?.names ??
        resultUnitNames(
          db,
          resultId,
          whole ? undefined : [...new Set([...rows, ...differing].map((u) => u.unit_id))],
        ),
      earlier === null || (page?.previous && wanted.length === 0)
        ? new Map<number, Place>()
        : placesIn(db, earlier.id, taken.pool, whole && !page?.previous ? null : wanted),
    ]);
    if (read === null) {
      // the pool's version moved on after the slice was read: all of it again at the new one
      if (attempt === RANK_ATTEMPTS)
        throw markRetryable(
          new Error(`result ${resultId}: its pool's version moved ${RANK_ATTEMPTS} times while it was read`),
        );
      head = await requireHead(db, resultId);
      continue;
    }
    const previous =
      page?.previous && read.size > 0 ? new Map([...read, ...page.previous]) : (page?.previous ?? read);
    return sliceAnswer(head, taken, names, previous, predecessorsOf);
  }
}

/** What rankedSlice answers. */
interface SliceAnswer {
  summary: ResultSummary;
  slice: Slice;
  units: RankedUnit[];
  findings: Finding[];
}

/** rankedSlice's answer: the slice's rows as the API shows them, with their places the year before. */
function sliceAnswer(
  head: RankingHead,
  taken: Slice,
  names: ReadonlyMap<number, string>,
  previous: ReadonlyMap<number, Place>,
  predecessorsOf: (unitId: number) => number[],
): SliceAnswer {
  const { rows, differing, earlier } = taken;
  const units: RankedUnit[] = rows.map((u) => {
    const before = standIn(previous, u.unit_id, predecessorsOf(u.unit_id));
    return {
      unitId: u.unit_id,
      unit: names.get(u.unit_id) ?? u.name,
      writtenAs: u.name,
      index: u.index,
      points: u.points,
      max: u.max,
      rank: u.rank,
      group: u.group,
      publishedRank: u.published_rank,
      publishedGroup: u.published_group,
      ...unitScores(taken.view, u),
      previous:
        earlier === null || before === null
          ? null
          : { year: earlier.year, index: before.index, rank: before.rank, group: before.group },
    };
  });
  return {
    summary: summaryWire({ ...head.result, pool_name: taken.pool.name, units: taken.total }),
    slice: taken,
    units,
    findings: differences(differing, taken.bands, names),
  };
}

/**
 * A result's whole ranking (RankingResponse): every unit with its rank, group, scores and biggest
 * losses, the pool's average and best, every finding. For the results XLSX and the command line;
 * the API answers a page of it (rankingPageOf).
 */
export async function rankingOf(
  deps: Deps,
  actor: Actor,
  resultId: number,
  known: KnownHead = {},
): Promise<RankingResponse> {
  const { summary, slice, units, findings } = await rankedSlice(
    deps,
    actor,
    resultId,
    wholeSlice((all) => all, Infinity),
    known,
  );
  return { ...rankingHead(summary, slice), units, findings };
}

/**
 * A page of a result's ranking (GET /api/results/:id/ranking): the units from `offset` (at most
 * `limit`, RANKING_PAGE_DEFAULT when left out) in rank order, with the whole pool's count, average and
 * best, units per group and findings (the first RANKING_FINDINGS_SHOWN units' of them). The result's
 * head is the one `known` gives when the request read it with its session (http/auth.ts).
 */
export async function rankingPageOf(
  deps: Deps,
  actor: Actor,
  resultId: number,
  query: RankingQuery,
  known: KnownHead = {},
): Promise<RankingPage> {
  const offset = query.offset ?? 0;
  const limit = Math.min(query.limit ?? RANKING_PAGE_DEFAULT, RANKING_PAGE_MAX);
  const { summary, slice, units, findings } = await rankedSlice(
    deps,
    actor,
    resultId,
    pageSlice(offset, limit),
    known,
  );
  return {
    ...rankingHead(summary, slice),
    units,
    offset,
    limit,
    total: slice.total,
    groups: [...slice.view.groups],
    findings,
    findingsTotal: slice.view.findings,
  };
}

/** What the whole ranking and a page of it both carry about the result and its pool. */
function rankingHead(summary: ResultSummary, slice: Slice) {
  return {
    result: summary,
    parts: [...slice.view.parts],
    bands: slice.bands.map(wireBand),
    tieBreak: tieBreakOf(slice.pool),
    average: slice.view.average,
    best: slice.view.best,
  };
}

/** Frozen, typed as it was: a response shares it and none may change it. */
const frozen = <T>(value: T): T => Object.freeze(value);

/** A ranked unit's component and area scores as stored, and the three parts where it lost most. */
function unitScores(view: RankingView, u: RankedRow): Pick<RankedUnit, 'scores' | 'lost'> {
  const stored = JSON.parse(u.part_scores) as PartScores;
  const scores: Record<string, string | null> = {};
  // the stored decimal strings as they are (canonical already)
  for (const p of view.read) scores[p.code] = stored[p.code]?.[0] ?? null;
  const lost = pointsLost(
    view.losses.map(({ part }) => ({
      code: part.code,
      max: storedScore(stored[part.code]?.[1] ?? null) ?? part.maxScore,
      score: storedScore(scores[part.code] ?? null),
    })),
  )
    .slice(0, 3)
    .map((l) => ({ code: l.code, lost: toDecimalString(l.lost) }));
  return { scores, lost };
}

/** What a ranking shows of a result's parts: the components and areas, read once, and where points are lost. */
function partsViewOf(allParts: readonly ResultPartRecord[]): Pick<RankingView, 'parts' | 'read' | 'losses'> {
  const parts = rankingPartsOf(allParts);
  const read = readParts(parts);
  const lossCodes = new Set(lossParts(parts).map((p) => p.code));
  const losses = read.flatMap((p, at) => (lossCodes.has(p.code) ? [{ part: p, at }] : []));
  return {
    parts: frozen(parts.map((p) => frozen(partWire(p)))),
    read: frozen(read),
    losses: frozen(losses),
  };
}

/** A ranking's view of the whole pool (RankingView): what the ranked rows and the pool's figures give. */
function viewOf(ranked: Ranked): RankingView {
  const perGroup = new Map<string | null, number>(ranked.bands.map((b) => [b.label, 0]));
  const differing: RankedRow[] = [];
  let findings = 0;
  for (const u of ranked.units) {
    perGroup.set(u.group, (perGroup.get(u.group) ?? 0) + 1);
    const found = Number(rankDiffers(u)) + Number(groupDiffers(u, ranked.bands));
    if (found > 0) differing.push(u);
    findings += found;
  }
  return frozen({
    ...partsViewOf(ranked.parts),
    average: frozen({ index: ranked.figures.average.index, parts: frozen(ranked.figures.average.parts) }),
    best: frozen({ parts: frozen(ranked.figures.best.parts) }),
    groups: frozen([...perGroup].map(([group, units]) => frozen({ group, units }))),
    differing: frozen(differing),
    findings,
  });
}

/** Codes of an earlier framework's criteria → this one's, through the confirmed or proposed crosswalk. */
async function codeMap(
  db: Kysely<DB>,
  fromFramework: number | null,
  toFramework: number | null,
): Promise<(code: string) => string | null> {
  if (fromFramework === null || toFramework === null || fromFramework === toFramework) return (c) => c;
  const rows = await crosswalkRows(db, fromFramework, toFramework);
  if (rows.length === 0) return (c) => c;
  const map = new Map(rows.map((r) => [r.from_code, r.to_code]));
  return (c) => (map.has(c) ? map.get(c)! : c);
}

/**
 * Why a unit's rank is what it is: every part with its score, what was lost and its index; the
 * unit's history across the years (its own results and its predecessors', each ranked in its
 * result); the change against the year before (its own row, else its best-placed predecessor's),
 * with the areas that moved most, their codes matched through the framework's crosswalk. The reads
 * after the ranking may meet the result replaced or removed meanwhile (a re-import, a removal): the
 * unit's result or row gone is answered as absent (404), and an earlier result gone leaves the
 * history and the change without it — never a half-read answer or a failure of the server.
 */
export async function explainUnit(
  deps: Deps,
  actor: Actor,
  resultId: number,
  unitId: number,
  known: KnownHead = {},
): Promise<UnitExplanation> {
  const { units } = await rankedSlice(
    deps,
    actor,
    resultId,
    wholeSlice((all) => all.filter((u) => u.unit_id === unitId), 0),
    known,
  );
  const unit = units[0];
  if (!unit) throw new AppError('RESULT_UNIT_NOT_FOUND', { resultId, unitId });
  const db = deps.db;
  const result = await findResult(db, resultId);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id: resultId });
  const [allParts, rows] = await Promise.all([resultParts(db, resultId), resultUnits(db, resultId)]);
  const row = rows.find((r) => r.unit_id === unitId);
  if (!row) throw new AppError('RESULT_UNIT_NOT_FOUND', { resultId, unitId });
  const own = new Map(
    (await resultScores(db, resultId, [row.id])).map((s) => [
      s.code,
      { score: storedScore(s.score), max: storedScore(s.max) },
    ]),
  );
  const parts = allParts.map((p) => {
    const s = own.get(p.code);
    const max = s?.max ?? storedScore(p.max);
    const score = s?.score ?? null;
    const lost = max === null || score === null ? null : trimScale(sub(max, score));
    return {
      ...partWire(p),
      score: dec(score),
      unitMax: dec(s?.max ?? null),
      lost: dec(lost),
      index: dec(max === null || score === null ? null : indexOfPoints(score, max)),
    };
  });
  const parentCodes = new Set(allParts.map((p) => p.parent_code).filter((c) => c !== null));
  const finest =
    (['criterion', 'area', 'component'] as const)
      .map((kind) => allParts.filter((p) => p.kind === kind && !parentCodes.has(p.code)))
      .find((ps) => ps.length > 0) ?? [];
  const lost = pointsLost(partScoresOf(readParts(finest), own)).map((l) => ({
    code: l.code,
    lost: toDecimalString(l.lost),
  }));

  // history: the unit's and its predecessors' rows in every result, each ranked in its own result
  const events = await lineageEvents(db);
  const preds = predecessors(events, unitId).map((s) => s.unitId);
  const found = await resultsOfUnits(db, [unitId, ...preds]);
  const rankedOf = new Map<number, Ranked>();
  for (const id of new Set(found.map((r) => r.result_id))) {
    const head = await resultHead(db, id);
    if (head) rankedOf.set(id, await rankResult(db, head));
  }
  // a row's place in its result as ranked; none when the result was removed or replaced meanwhile
  const placed = (r: { result_id: number; id: number }) =>
    rankedOf.get(r.result_id)?.units.find((u) => u.id === r.id);
  const rowsOf = found.filter((r) => placed(r) !== undefined);
  const [pools, names] = await Promise.all([poolRows(db), unitNames(db, [unitId, ...preds])]);
  const poolName = new Map(pools.map((p) => [p.id, p.name]));
  const history = rowsOf
    .map((r) => {
      const ranked = rankedOf.get(r.result_id)!;
      const place = placed(r)!;
      return {
        year: r.year,
        resultId: r.result_id,
        poolName: poolName.get(r.pool_id) ?? '',
        unit: names.get(r.unit_id) ?? r.name,
        index: r.index,
        rank: place.rank,
        group: place.group,
        of: ranked.units.length,
      };
    })
    .sort((a, b) => a.year - b.year || a.unit.localeCompare(b.unit, 'vi'));

  // the change against the latest earlier year: the unit's own row, else its best-placed predecessor's
  const earlierYear = Math.max(-Infinity, ...rowsOf.filter((r) => r.year < result.year).map((r) => r.year));
  let change: UnitExplanation['change'] = null;
  if (Number.isFinite(earlierYear)) {
    const candidates = new Map(rowsOf.filter((r) => r.year === earlierYear).map((r) => [r.unit_id, r]));
    const before = standIn(candidates, unitId, preds)!;
    const ranked = rankedOf.get(before.result_id)!;
    const place = placed(before)!;
    const beforeResult = ranked.result;
    const map = await codeMap(db, beforeResult.framework_id, result.framework_id);
    const beforeScores = await resultScores(db, before.result_id, [before.id]);
    const beforeParts = await resultParts(db, before.result_id);
    const areaCodes = new Set(beforeParts.filter((p) => p.kind === 'area').map((p) => p.code));
    const beforeByCode = new Map<string, Score>();
    for (const s of beforeScores) {
      const code = areaCodes.has(s.code) ? map(s.code) : null;
      if (code !== null && s.score !== null) beforeByCode.set(code, fromDecimalString(s.score));
    }
    const areas = allParts
      .filter((p) => p.kind === 'area')
      .flatMap((p) => {
        const now = own.get(p.code)?.score ?? null;
        const then = beforeByCode.get(p.code) ?? null;
        if (now === null || then === null) return [];
        const moved = trimScale(sub(now, then));
        return moved.units === 0 ? [] : [{ code: p.code, name: p.name, moved }];
      })
      .sort((a, b) => Math.abs(b.moved.units) - Math.abs(a.moved.units))
      .map((a) => ({ code: a.code, name: a.name, change: toDecimalString(a.moved) }));
    change = {
      year: earlierYear,
      index: toDecimalString(trimScale(sub(fromDecimalString(unit.index), fromDecimalString(before.index)))),
      rank: place.rank === null || unit.rank === null ? null : place.rank - unit.rank,
      groupBefore: place.group,
      areas,
    };
  }
  return { resultId, unit, parts, lost, history, change };
}
