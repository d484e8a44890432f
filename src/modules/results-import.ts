/**
 * A published result's table into a ranking pool's result of a year (issue 12 point 1): the file
 * read off the request thread (formats/results-read.ts in the pool), each written name matched to a
 * unit of the register as lead units are (core/units.ts: folding, aliases, the name without its
 * "Tỉnh"/"Thành phố"/"Xã" word when that is unambiguous), the ranks and groups computed
 * (core/ranking.ts, the pool's bands of the year) beside the published ones; then, with the
 * unknown names mapped, stored in one transaction, replacing the pool's result of that year,
 * audited old → new. Nothing is written while an error remains. Only results.manage (admin,
 * installation-wide) imports. The web's wizard previews (the upload kept by modules/pending-imports.ts, its
 * pool, year and title with it) and confirms; the command line reads and writes at once.
 * The store is modules/results.ts#storeResultIn (saveResult's work), inside the confirmation's
 * transaction. The result is tied to the framework its units were scored on that year (their group's
 * newest published or in-use version, as next-plan.ts finds one): a part the file names only by code
 * takes the framework's name, max and parent, so the what-if and next year's plan have the max.
 */
import type { Kysely } from 'kysely';
import {
  blockingFindings,
  finding,
  findingMessage,
  formatLocation,
  type Finding,
  type SourceLocation,
  lineOf,
} from '../core/findings.js';
import { bandOf, rankByIndex } from '../core/ranking.js';
import { compare, storedScore, toDecimalString, type Score } from '../core/score.js';
import { cleanFileName, oneLine } from '../core/text.js';
import { tableUnitMatcher } from '../core/units.js';
import { findSubject } from '../core/subject.js';
import { frameworkCriteria } from '../db/frameworks-repo.js';
import { takePendingImport } from '../db/pending-imports-repo.js';
import { bandsOf, findPool, findPoolResult, resultUnits, type PoolRecord } from '../db/results-repo.js';
import type { DB } from '../db/schema.js';
import { aliasesOf } from '../db/survey-repo.js';
import { allUnits } from '../db/units-repo.js';
import { readResultsInPool } from '../formats/read-pool.js';
import type { ReadPart, ResultsOutcome, ResultsRow } from '../formats/results-read.js';
import type {
  ResultsImportPreview,
  ResultsImportResult,
  ResultsImportUnit,
} from '../shared/api/results-import.js';
import { isGlobal, type Actor } from './access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { frameworkInForce } from './frameworks.js';
import { keepUpload, keptUpload } from './pending-imports.js';
import { bandsOfRows, rankAfterChange, storeResultIn, tieBreakOf } from './results.js';
import { suggest } from './import-sessions.js';

const UNNAMED = 'ket-qua';

/** Reads a results table; the tests may hand another reader (the pool is the default). */
export type ResultsReader = (bytes: Uint8Array) => Promise<ResultsOutcome>;

export interface ResultsImportDeps extends Deps {
  readResults?: ResultsReader;
}

const readerOf = (deps: ResultsImportDeps): ResultsReader => deps.readResults ?? readResultsInPool;

/** What a table is imported as: the pool, the year, the result's title. */
export interface ResultsTarget {
  poolId: number;
  year: number;
  title: string;
}

/** Only results.manage (admin, installation-wide) imports; the route asks before reading the upload. */
export function requireManager(actor: Actor): void {
  if (!isGlobal(actor, 'results.manage')) throw new AppError('FORBIDDEN');
}

async function requirePool(db: Kysely<DB>, poolId: number): Promise<PoolRecord> {
  const pool = await findPool(db, poolId);
  if (!pool) throw new AppError('POOL_NOT_FOUND', { id: poolId });
  return pool;
}

interface Known {
  id: number;
  name: string;
}

/** The register's units by the names a table writes them with (core/units.ts#tableUnitMatcher). */
async function unitMatcher(
  db: Kysely<DB>,
): Promise<{ match: (name: string) => number | null; units: Known[] }> {
  const units = (await allUnits(db)).filter((u) => u.archived === 0);
  const aliases = await aliasesOf(
    db,
    units.map((u) => u.id),
  );
  return {
    match: tableUnitMatcher(
      units.map((u) => ({ name: u.name, aliases: aliases.get(u.id) ?? [], value: u.id })),
    ),
    units: units.map((u) => ({ id: u.id, name: u.name })),
  };
}

/** A row of the table and the unit it is. */
interface CheckedRow {
  read: ResultsRow;
  unitId: number | null;
  unitName: string | null;
  rank: number | null;
  group: string | null;
}

interface Check {
  layout: ResultsImportPreview['layout'];
  parts: ReadPart[];
  rows: CheckedRow[];
  findings: Finding[];
  /** names no unit answers to and no mapping gave, in the file's order, with their rows */
  unknown: { name: string; rows: number[] }[];
  units: Known[];
  /** the framework the parts were completed from, when one was found */
  frameworkId: number | null;
}

/**
 * The framework the table's units were scored on in the year: their group's (from their names, as
 * next-plan.ts reads a unit's) when they share one (frameworks.ts#frameworkInForce).
 */
async function frameworkOfUnits(
  db: Kysely<DB>,
  names: readonly string[],
  year: number,
): Promise<number | null> {
  const groups = new Set(names.map((n) => findSubject([n])?.group ?? null));
  const [group] = [...groups];
  if (groups.size !== 1 || group === null || group === undefined) return null;
  return (await frameworkInForce(db, group, year))?.id ?? null;
}

/**
 * The file's areas and criteria completed from the framework by code: a name that is only the code
 * becomes the criterion's name, a missing max its max, the parent the nearest ancestor the file has.
 */
async function completedParts(
  db: Kysely<DB>,
  frameworkId: number,
  parts: readonly ReadPart[],
): Promise<ReadPart[]> {
  const criteria = new Map((await frameworkCriteria(db, frameworkId)).map((c) => [c.code, c]));
  const codes = new Set(parts.map((p) => p.code));
  return parts.map((p) => {
    const c = p.kind === 'component' ? undefined : criteria.get(p.code);
    if (!c) return p;
    let parent = c.parent_code;
    while (parent !== null && !codes.has(parent)) parent = criteria.get(parent)?.parent_code ?? null;
    const onlyCode = p.name === p.code || p.name === c.raw_code;
    return {
      ...p,
      name: onlyCode ? c.name : p.name,
      max: p.max ?? storedScore(c.max_score),
      parentCode: parent ?? p.parentCode,
    };
  });
}

/** The table against the register and the pool: units (a mapping first, then by name), one row per unit, ranks. */
async function checkTable(
  db: Kysely<DB>,
  pool: PoolRecord,
  year: number,
  read: ResultsOutcome,
  fileName: string,
  mapping: Readonly<Record<string, number>>,
): Promise<Check> {
  if (!read.ok) throw new AppError('READ_FAILED', { file: fileName, failure: read.failure });
  const { match, units } = await unitMatcher(db);
  const names = new Map(units.map((u) => [u.id, u.name]));
  for (const [name, unitId] of Object.entries(mapping)) {
    if (!names.has(unitId)) throw new AppError('UNIT_NOT_FOUND', { id: `${unitId} (${name})` });
  }
  const findings: Finding[] = [...read.findings];
  const unknown: Check['unknown'] = [];
  const firsts = new Map<number, SourceLocation>();
  const matched = read.rows.map((row) => {
    const mapped = mapping[row.unit];
    const unitId = mapped ?? match(row.unit);
    if (unitId === null) {
      const seen = unknown.find((u) => u.name === row.unit);
      const line = lineOf(row.location);
      if (seen) {
        if (line !== null) seen.rows.push(line);
      } else unknown.push({ name: row.unit, rows: line === null ? [] : [line] });
    } else {
      const first = firsts.get(unitId);
      if (first)
        findings.push(
          finding('results-duplicate-unit', 'error', null, row.unitAt, {
            unit: row.unit,
            first: lineOf(first),
          }),
        );
      else firsts.set(unitId, row.location);
    }
    return { read: row, unitId, unitName: unitId === null ? null : (names.get(unitId) ?? null) };
  });
  const tieBreak = tieBreakOf(pool);
  const bands = bandsOfRows(await bandsOf(db, pool.id, year));
  const scoreOf = (row: ResultsRow, code: string): Score | null =>
    row.scores.find((s) => s.code === code)?.score ?? null;
  const ranked = rankByIndex(
    matched,
    (m) => m.read.index,
    (m) => tieBreak.map((code) => scoreOf(m.read, code)),
  );
  const rankOf = new Map(ranked.map((r) => [r.read, r.rank]));
  const rows = matched.map((m) => ({
    ...m,
    rank: rankOf.get(m.read) ?? null,
    group: bands.length === 0 ? null : (bandOf(m.read.index, bands)?.label ?? null),
  }));
  const known = rows.flatMap((r) => (r.unitName === null ? [] : [r.unitName]));
  const frameworkId = known.length === 0 ? null : await frameworkOfUnits(db, known, year);
  const parts = frameworkId === null ? read.parts : await completedParts(db, frameworkId, read.parts);
  // a max the framework gave is checked as the reader checks a max the file gave
  for (const [i, p] of parts.entries()) {
    if (p.max === null || read.parts[i]!.max !== null) continue;
    for (const r of rows) {
      const s = r.read.scores.find((x) => x.code === p.code)?.score ?? null;
      if (s !== null && compare(s, p.max) > 0)
        findings.push(
          finding('results-above-max', 'error', p.code, r.read.unitAt, {
            part: p.name,
            value: s,
            max: p.max,
          }),
        );
    }
  }
  return { layout: read.layout, parts, rows, findings, unknown, units, frameworkId };
}

function errorCount(check: Check): number {
  return blockingFindings(check.findings).length + check.unknown.length;
}

function firstError(check: Check): string {
  const f = blockingFindings(check.findings)[0];
  if (f) {
    const where = formatLocation(f.location, 'vi');
    return `${where ? `${where}: ` : ''}${findingMessage(f, 'vi')}`;
  }
  return findingMessage(
    { rule: 'results-unknown-unit', params: { name: check.unknown[0]?.name ?? '' } },
    'vi',
  );
}

function requireClean(check: Check): void {
  if (errorCount(check) > 0)
    throw new AppError(
      'RESULTS_REJECTED',
      { errors: errorCount(check), first: firstError(check) },
      { findings: check.findings, unknownUnits: check.unknown.map((u) => u.name) },
    );
}

function unitOf(r: CheckedRow): ResultsImportUnit {
  return {
    row: lineOf(r.read.location),
    location: r.read.location,
    writtenAs: r.read.unit,
    unitId: r.unitId,
    unitName: r.unitName,
    index: toDecimalString(r.read.index),
    publishedRank: r.read.publishedRank,
    publishedGroup: r.read.publishedGroup,
    rank: r.rank,
    group: r.group,
    scores: Object.fromEntries(
      r.read.scores.map((s) => [s.code, s.score === null ? null : toDecimalString(s.score)]),
    ),
  };
}

/** Rows whose computed rank or group is not the published one (where one was published). */
function differences(check: Check): number {
  return check.rows.filter(
    (r) =>
      (r.read.publishedRank !== null && r.rank !== r.read.publishedRank) ||
      (r.read.publishedGroup !== null && r.group !== null && r.group !== r.read.publishedGroup),
  ).length;
}

function partsOf(check: Check): ResultsImportPreview['parts'] {
  return check.parts.map((p) => ({
    code: p.code,
    kind: p.kind,
    parentCode: p.parentCode,
    name: p.name,
    max: p.max === null ? null : toDecimalString(p.max),
  }));
}

function defaultTitle(pool: PoolRecord, year: number): string {
  return `Chỉ số cải cách hành chính năm ${year} — ${pool.name}`;
}

/** The pool, year and title kept with the upload (pending_imports.file_name, kind 'results'). */
interface Kept {
  name: string;
  poolId: number;
  year: number;
  title: string;
}

/** Reads the upload, keeps it for its confirmation and says what it would store; stores nothing. */
export async function previewResults(
  deps: ResultsImportDeps,
  actor: Actor,
  target: ResultsTarget,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<ResultsImportPreview> {
  requireManager(actor);
  const now = deps.clock();
  const pool = await requirePool(deps.db, target.poolId);
  const fileName = cleanFileName(upload.fileName, UNNAMED);
  const title = oneLine(target.title).trim() || defaultTitle(pool, target.year);
  const read = await readerOf(deps)(upload.bytes);
  const check = await checkTable(deps.db, pool, target.year, read, fileName, {});
  const kept: Kept = { name: fileName, poolId: pool.id, year: target.year, title };
  const { token, expiresAt } = await keepUpload(
    deps.db,
    actor,
    now,
    { fileName: JSON.stringify(kept), bytes: upload.bytes },
    { kind: 'results' },
  );
  const previous = await findPoolResult(deps.db, pool.id, target.year);
  return {
    token,
    fileName,
    expiresAt,
    year: target.year,
    poolId: pool.id,
    poolName: pool.name,
    title,
    layout: check.layout,
    parts: partsOf(check),
    units: check.rows.map(unitOf),
    unknownNames: check.unknown.map((u) => {
      const best = suggest(u.name, check.units);
      return { name: u.name, rows: u.rows, candidates: best ? [best] : [] };
    }),
    findings: check.findings,
    replaces: previous
      ? {
          resultId: previous.id,
          title: previous.title,
          units: (await resultUnits(deps.db, previous.id)).length,
        }
      : null,
    differences: differences(check),
    canConfirm: blockingFindings(check.findings).length === 0,
  };
}

/**
 * Stores the checked table as the pool's result of the year in the caller's transaction, replacing
 * the one there was, audited old → new. (To become modules/results.ts#saveResult at the merge.)
 */
async function storeResult(
  db: Kysely<DB>,
  actor: Actor,
  pool: PoolRecord,
  target: ResultsTarget,
  sourceName: string,
  check: Check,
  at: string,
): Promise<ResultsImportResult> {
  const { resultId, replaced } = await storeResultIn(
    db,
    actor,
    {
      poolId: pool.id,
      year: target.year,
      source: 'import',
      frameworkId: check.frameworkId,
      title: target.title,
      sourceName,
      parts: check.parts,
      units: check.rows.map((r) => ({
        unitId: r.unitId!,
        name: r.read.unit,
        points: null,
        max: null,
        index: r.read.index,
        publishedRank: r.read.publishedRank,
        publishedGroup: r.read.publishedGroup,
        scores: r.read.scores.flatMap((s) =>
          s.score === null ? [] : [{ code: s.code, score: s.score, max: null }],
        ),
      })),
    },
    at,
  );
  return { resultId, replaced, units: check.rows.length };
}

/** Stores the previewed table with the names mapped, in one transaction; nothing while an error remains. */
export async function confirmResults(
  deps: ResultsImportDeps,
  actor: Actor,
  token: string,
  mapping: Readonly<Record<string, number>>,
): Promise<ResultsImportResult> {
  requireManager(actor);
  const now = deps.clock();
  const pending = await keptUpload(deps.db, actor, now, token, { kind: 'results' });
  const kept = JSON.parse(pending.file_name) as Kept;
  const read = await readerOf(deps)(new Uint8Array(pending.bytes));
  const stored = await deps.db.transaction().execute(async (db) => {
    const pool = await requirePool(db, kept.poolId);
    const target = { poolId: pool.id, year: kept.year, title: kept.title };
    const check = await checkTable(db, pool, kept.year, read, kept.name, mapping);
    requireClean(check);
    // a second confirmation finds the upload gone
    if (!(await takePendingImport(db, token))) throw new AppError('IMPORT_NOT_FOUND');
    return storeResult(db, actor, pool, target, kept.name, check, now.toISOString());
  });
  await rankAfterChange(deps.db, [stored.resultId]);
  return stored;
}

/** What the command line prints of a table: every row with its computed rank and group, and what was stored. */
export interface ResultsFileOutcome {
  poolName: string;
  year: number;
  units: ResultsImportUnit[];
  findings: Finding[];
  differences: number;
  /** null with --dry-run */
  stored: ResultsImportResult | null;
}

/**
 * The command line's import: the same checks, then one transaction; `dryRun` stores nothing.
 * Unknown names fail (RESULTS_REJECTED naming them) unless mapped.
 */
export async function importResultsFile(
  deps: ResultsImportDeps,
  actor: Actor,
  target: { pool: PoolRecord; year: number; title: string },
  file: { fileName: string; bytes: Uint8Array },
  options: { mapping: Readonly<Record<string, number>>; dryRun: boolean },
): Promise<ResultsFileOutcome> {
  requireManager(actor);
  const now = deps.clock();
  const fileName = cleanFileName(file.fileName, UNNAMED);
  const read = await readerOf(deps)(file.bytes);
  const outcome = await deps.db.transaction().execute(async (db) => {
    const pool = await requirePool(db, target.pool.id);
    const title = oneLine(target.title).trim() || defaultTitle(pool, target.year);
    const check = await checkTable(db, pool, target.year, read, fileName, options.mapping);
    requireClean(check);
    const stored = options.dryRun
      ? null
      : await storeResult(
          db,
          actor,
          pool,
          { poolId: pool.id, year: target.year, title },
          fileName,
          check,
          now.toISOString(),
        );
    return {
      poolName: pool.name,
      year: target.year,
      units: check.rows.map(unitOf),
      findings: check.findings,
      differences: differences(check),
      stored,
    };
  });
  if (outcome.stored) await rankAfterChange(deps.db, [outcome.stored.resultId]);
  return outcome;
}
