/**
 * A survey's scores (điều tra xã hội học, SIPAS; issue 11 point 5) into a round: the file read off
 * the request thread (formats/survey-read.ts in the pool), each row checked against the round —
 * the unit's name matched to the round's units as lead units are (core/units.ts: folding, aliases,
 * the name without its "Xã"/"Phường"), the code to a leaf of the round's framework scored by survey,
 * the score within [0, max], one score per unit and criterion — and then, with the names mapped,
 * written in one transaction as stage 'survey' scores, each replaced score audited old → new.
 * Nothing is written while an error remains. The round's managers (round.manage reaching every unit
 * of the round) import, in any phase before publication. The web's wizard previews (the upload kept
 * in pending_imports for its round) and confirms; the command line reads and writes at once.
 */
import { canManageRound } from '../core/assessment.js';
import {
  blockingFindings,
  finding,
  findingMessage,
  formatLocation,
  type Finding,
  type FindingParamsOf,
  type RuleId,
  type SourceLocation,
  lineOf,
} from '../core/findings.js';
import { compare, fromDecimalString, sameScore, toDecimalString, ZERO } from '../core/score.js';
import { cleanFileName } from '../core/text.js';
import { tableUnitMatcher } from '../core/units.js';
import { takePendingImport } from '../db/pending-imports-repo.js';
import type { DB } from '../db/schema.js';
import {
  aliasesOf,
  insertSurveyScore,
  surveyScores,
  updateSurveyScore,
  type SurveyScoreRecord,
} from '../db/survey-repo.js';
import type { SurveyOutcome, SurveyRow } from '../formats/survey-read.js';
import { readSurveyInPool } from '../formats/read-pool.js';
import type { SurveyConfirm, SurveyPreview, SurveyPreviewRow, SurveyResult } from '../shared/api.js';
import type { Kysely } from 'kysely';
import { parentsFor, type Actor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { keepUpload, keptUpload } from './pending-imports.js';
import { suggest } from './import-sessions.js';
import { loadRound, requireNotPublished, type RoundContext, type RoundCriterion } from './round-context.js';

/** The name of a file uploaded without one. */
const UNNAMED = 'khao-sat';

/** Reads a survey file; the tests may hand another reader (the pool is the default). */
export type SurveyReader = (bytes: Uint8Array) => Promise<SurveyOutcome>;

/** A row the file gives and what the round makes of it. */
export interface CheckedRow {
  read: SurveyRow;
  unitId: number | null;
  unitName: string | null;
  criterion: RoundCriterion | null;
  previous: SurveyScoreRecord | null;
  status: SurveyPreviewRow['status'];
}

export interface SurveyCheck {
  layout: SurveyPreview['layout'];
  rows: CheckedRow[];
  findings: Finding[];
  /** names no unit of the round answers to and no mapping gave, in the file's order */
  unknown: string[];
}

/** A round's managers reach every unit of it (core/assessment.ts#canManageRound). */
async function requireManager(db: Kysely<DB>, actor: Actor, ctx: RoundContext): Promise<void> {
  const parents = await parentsFor(db, actor);
  const units = ctx.units.map((u) => u.unit_id);
  if (units.length === 0 || !canManageRound(actor, units, parents)) throw new AppError('FORBIDDEN');
}

/** The round's units by the names a table writes them with (core/units.ts#tableUnitMatcher). */
async function unitMatcher(db: Kysely<DB>, ctx: RoundContext) {
  const aliases = await aliasesOf(
    db,
    ctx.units.map((u) => u.unit_id),
  );
  return tableUnitMatcher(
    ctx.units.map((u) => ({ name: u.unit_name, aliases: aliases.get(u.unit_id) ?? [], value: u.unit_id })),
  );
}

/**
 * Each row against the round: criterion, score range, unit (a mapping first, then by name),
 * duplicates. Pure but for the matcher handed in.
 */
export function checkRows(
  ctx: RoundContext,
  read: Extract<SurveyOutcome, { ok: true }>,
  match: (name: string) => number | null,
  mapping: Readonly<Record<string, number>>,
  existing: readonly SurveyScoreRecord[],
): SurveyCheck {
  const findings: Finding[] = [...read.findings];
  const seen = new Set<string>();
  const add = <R extends RuleId>(
    rule: R,
    code: string | null,
    at: SourceLocation,
    params: FindingParamsOf[R],
  ) => {
    // a wide file's criterion column is one place: its problem is said once
    const key = JSON.stringify([rule, code, at]);
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding(rule, 'error', code, at, params));
  };
  const byCode = new Map(ctx.criteria.map((c) => [c.code, c]));
  const parents = new Set(ctx.criteria.flatMap((c) => (c.parentCode === null ? [] : [c.parentCode])));
  const names = new Map(ctx.units.map((u) => [u.unit_id, u.unit_name]));
  const firsts = new Map<string, SourceLocation>();
  const unknown: string[] = [];
  const rows = read.rows.map((row): CheckedRow => {
    let status: CheckedRow['status'] = 'ok';
    const criterion = byCode.get(row.code) ?? null;
    if (criterion === null) {
      add('survey-unknown-criterion', row.code, row.codeAt, { code: row.code });
      status = 'error';
    } else if (parents.has(criterion.code) || criterion.scorer !== 'survey') {
      add('survey-not-survey-criterion', row.code, row.codeAt, { code: row.code });
      status = 'error';
    } else if (
      compare(row.score, ZERO) < 0 ||
      (criterion.max !== null && compare(row.score, criterion.max) > 0)
    ) {
      add('survey-score-out-of-range', row.code, row.scoreAt, {
        value: row.score,
        max: criterion.max ?? ZERO,
      });
      status = 'error';
    }
    const mapped = mapping[row.unit];
    const unitId = mapped !== undefined && names.has(mapped) ? mapped : match(row.unit);
    if (unitId === null) {
      if (!unknown.includes(row.unit)) unknown.push(row.unit);
      if (status === 'ok') status = 'unknown-unit';
    }
    const key = `${unitId ?? `?${row.unit}`}:${row.code}`;
    const first = firsts.get(key);
    if (first) {
      add('survey-duplicate', row.code, row.unitAt, { unit: row.unit, first: lineOf(first) });
      status = 'error';
    } else firsts.set(key, row.location);
    const previous =
      unitId === null || criterion === null
        ? null
        : (existing.find((e) => e.unit_id === unitId && e.criterion_id === criterion.id) ?? null);
    return {
      read: row,
      unitId,
      unitName: unitId === null ? null : (names.get(unitId) ?? null),
      criterion,
      previous,
      status,
    };
  });
  return { layout: read.layout, rows, findings, unknown };
}

/** The first error in words with its place, for SURVEY_REJECTED. */
function firstError(check: SurveyCheck): string {
  const f = blockingFindings(check.findings)[0];
  if (f) {
    const where = formatLocation(f.location, 'vi');
    return `${where ? `${where}: ` : ''}${findingMessage(f, 'vi')}`;
  }
  const name = check.unknown[0] ?? '';
  return findingMessage({ rule: 'survey-unknown-unit', params: { name } }, 'vi');
}

function errorCount(check: SurveyCheck): number {
  return blockingFindings(check.findings).length + check.unknown.length;
}

/** The checks of one file against one round, the names mapped (mapping to a unit outside the round refused). */
async function checkFile(
  db: Kysely<DB>,
  ctx: RoundContext,
  read: SurveyOutcome,
  fileName: string,
  mapping: Readonly<Record<string, number>>,
): Promise<SurveyCheck> {
  if (!read.ok) throw new AppError('READ_FAILED', { file: fileName, failure: read.failure });
  for (const [name, unitId] of Object.entries(mapping)) {
    if (!ctx.units.some((u) => u.unit_id === unitId))
      throw new AppError('UNIT_NOT_IN_ROUND', { unit: `${name} (#${unitId})`, round: ctx.round.name });
  }
  const [match, existing] = await Promise.all([unitMatcher(db, ctx), surveyScores(db, ctx.round.id)]);
  return checkRows(ctx, read, match, mapping, existing);
}

function previewRow(r: CheckedRow): SurveyPreviewRow {
  return {
    location: r.read.location,
    unit: r.read.unit,
    unitId: r.unitId,
    unitName: r.unitName,
    code: r.read.code,
    criterionName: r.criterion?.name ?? null,
    score: toDecimalString(r.read.score),
    max: r.criterion?.max ? toDecimalString(r.criterion.max) : null,
    previous: r.previous?.score ?? null,
    status: r.status,
  };
}

export interface SurveyDeps extends Deps {
  readSurvey?: SurveyReader;
}

const readerOf = (deps: SurveyDeps): SurveyReader => deps.readSurvey ?? readSurveyInPool;

/** Reads the upload, keeps it for its confirmation and says what it would write; writes no score. */
export async function previewSurvey(
  deps: SurveyDeps,
  actor: Actor,
  roundId: number,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<SurveyPreview> {
  const now = deps.clock();
  const ctx = await loadRound(deps.db, roundId, now);
  await requireManager(deps.db, actor, ctx);
  requireNotPublished(ctx);
  const fileName = cleanFileName(upload.fileName, UNNAMED);
  const read = await readerOf(deps)(upload.bytes);
  const check = await checkFile(deps.db, ctx, read, fileName, {});
  const { token, expiresAt } = await keepUpload(
    deps.db,
    actor,
    now,
    { fileName, bytes: upload.bytes },
    { kind: 'survey', roundId },
  );
  const units = ctx.units.map((u) => ({ id: u.unit_id, name: u.unit_name }));
  const parents = new Set(ctx.criteria.flatMap((c) => (c.parentCode === null ? [] : [c.parentCode])));
  return {
    token,
    fileName,
    expiresAt,
    layout: check.layout,
    rows: check.rows.map(previewRow),
    findings: check.findings,
    unknownUnits: check.unknown.map((name) => ({ name, suggestion: suggest(name, units) })),
    units,
    criteria: ctx.criteria
      .filter((c) => c.scorer === 'survey' && !parents.has(c.code))
      .map((c) => ({ code: c.code, name: c.name, max: c.max ? toDecimalString(c.max) : null })),
    canConfirm: blockingFindings(check.findings).length === 0,
  };
}

/** What a confirmation writes: new and changed scores; unchanged ones counted. */
interface Plan {
  writes: CheckedRow[];
  unchanged: number;
}

function planOf(check: SurveyCheck): Plan {
  const writes = check.rows.filter(
    (r) => r.previous === null || !sameScore(fromDecimalString(r.previous.score), r.read.score),
  );
  return { writes, unchanged: check.rows.length - writes.length };
}

/** Writes the scores in the caller's transaction, each audited old → new. */
async function writeScores(
  db: Kysely<DB>,
  actor: Actor,
  ctx: RoundContext,
  plan: Plan,
  at: string,
): Promise<SurveyResult> {
  const entries: AuditEntry[] = [];
  let replaced = 0;
  for (const r of plan.writes) {
    const score = toDecimalString(r.read.score);
    const unitId = r.unitId!;
    const criterion = r.criterion!;
    const who = { user_id: actor.userId, username: actor.username, at };
    if (r.previous === null) {
      await insertSurveyScore(db, {
        round_id: ctx.round.id,
        unit_id: unitId,
        criterion_id: criterion.id,
        score,
        ...who,
      });
    } else {
      const done = await updateSurveyScore(db, r.previous.id, { score, version: r.previous.version, ...who });
      if (!done) throw new AppError('STALE_VERSION');
      replaced += 1;
    }
    entries.push({
      action: 'survey.import',
      entity: 'assessment',
      entityId: `${ctx.round.id}:${unitId}`,
      code: criterion.code,
      unitId,
      field: 'score',
      oldValue: r.previous?.score ?? null,
      newValue: score,
    });
  }
  await audit(db, actor, at, entries);
  return { written: plan.writes.length, replaced, unchanged: plan.unchanged };
}

function requireClean(check: SurveyCheck): void {
  if (errorCount(check) > 0) {
    throw new AppError(
      'SURVEY_REJECTED',
      { errors: errorCount(check), first: firstError(check) },
      { findings: check.findings, unknownUnits: check.unknown },
    );
  }
}

/** Writes the previewed file with the names mapped, in one transaction; nothing while an error remains. */
export async function confirmSurvey(
  deps: SurveyDeps,
  actor: Actor,
  roundId: number,
  token: string,
  choice: SurveyConfirm,
): Promise<SurveyResult> {
  const now = deps.clock();
  // confirmed by whoever uploaded it, for the round it was previewed against
  const pending = await keptUpload(deps.db, actor, now, token, { kind: 'survey', roundId });
  const read = await readerOf(deps)(new Uint8Array(pending.bytes));
  return deps.db.transaction().execute(async (db) => {
    const ctx = await loadRound(db, roundId, now);
    await requireManager(db, actor, ctx);
    requireNotPublished(ctx);
    const check = await checkFile(db, ctx, read, pending.file_name, choice.units);
    requireClean(check);
    // a second confirmation finds the upload gone
    if (!(await takePendingImport(db, token))) throw new AppError('IMPORT_NOT_FOUND');
    return writeScores(db, actor, ctx, planOf(check), now.toISOString());
  });
}

/** What the command line prints of a file: every row it would write (or wrote), and the counts. */
export interface SurveyFileOutcome {
  result: SurveyResult;
  rows: SurveyPreviewRow[];
  written: boolean;
}

/**
 * The command line's import: the same checks, then one transaction; `dryRun` writes nothing.
 * Unknown names fail (SURVEY_REJECTED naming them) unless mapped.
 */
export async function importSurveyFile(
  deps: SurveyDeps,
  actor: Actor,
  roundId: number,
  file: { fileName: string; bytes: Uint8Array },
  options: { mapping: Readonly<Record<string, number>>; dryRun: boolean },
): Promise<SurveyFileOutcome> {
  const now = deps.clock();
  const fileName = cleanFileName(file.fileName, UNNAMED);
  const read = await readerOf(deps)(file.bytes);
  return deps.db.transaction().execute(async (db) => {
    const ctx = await loadRound(db, roundId, now);
    await requireManager(db, actor, ctx);
    requireNotPublished(ctx);
    const check = await checkFile(db, ctx, read, fileName, options.mapping);
    requireClean(check);
    const plan = planOf(check);
    const rows = plan.writes.map(previewRow);
    if (options.dryRun) {
      const replaced = plan.writes.filter((r) => r.previous !== null).length;
      return {
        result: { written: plan.writes.length, replaced, unchanged: plan.unchanged },
        rows,
        written: false,
      };
    }
    return { result: await writeScores(db, actor, ctx, plan, now.toISOString()), rows, written: true };
  });
}
