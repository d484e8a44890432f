/**
 * Criteria frameworks as stored (decision 0011): list, one framework with its criteria, the import
 * from a document (preview with findings, the upload kept; confirm in one transaction), edits of a
 * criterion (version-checked), publish (the checker's errors refuse it), a new version, a copy for the
 * next year, what changed from the previous version, and the crosswalk between two versions.
 *
 * States: draft → published → in-use. A draft and a published framework may be edited (every change
 * audited); one in use by a plan or an assessment is frozen: a change needs a new version
 * (FRAMEWORK_FROZEN). Reading needs plan.read; every change framework.manage installation-wide.
 * Each change takes the framework's row lock first and writes its audit entries in its transaction.
 */
import type { Kysely, Updateable } from 'kysely';
import { codeParts } from '../core/codes.js';
import { nameLikeness, proposeCrosswalk } from '../core/crosswalk.js';
import { checkFramework } from '../core/framework-check.js';
import { canonicalJson, diffFrameworks } from '../core/framework-diff.js';
import type {
  FrameworkCriterion,
  FrameworkDocument,
  NotApplicablePolicy,
  Scorer,
  ScoringRule,
} from '../core/framework.js';
import { blockingFindings, type Finding } from '../core/findings.js';
import { add, decimalOrNull, storedScore, ZERO, type Score } from '../core/score.js';
import { cleanFileName } from '../core/text.js';
import { buildTree } from '../core/tree.js';
import { UNIT_GROUPS, unitGroupName } from '../core/unit-groups.js';
import {
  crosswalkRows,
  deleteCrosswalkRows,
  findFrameworkRow,
  frameworkCriteria,
  insertCrosswalkRows,
  insertFramework,
  latestVersion,
  listFrameworkRows,
  lockFramework,
  nextFrameworkIds,
  plansUsing,
  rootCriteria,
  updateCriterionRow,
  updateFrameworkRow,
  type CriterionRecord,
  type FrameworkRecord,
} from '../db/frameworks-repo.js';
import { takePendingImport } from '../db/pending-imports-repo.js';
import type { CriteriaTable, DB, FrameworkStateColumn } from '../db/schema.js';
import { unitExists } from '../db/units-repo.js';
import { writeFrameworkDocx } from '../formats/framework-docx.js';
import type { FrameworkReadOutcome } from '../formats/framework-read.js';
import { writeFrameworkXlsx } from '../formats/framework-xlsx.js';
import { readFrameworksInPool } from '../formats/read-pool.js';
import type {
  Crosswalk,
  CrosswalkConfirm,
  CriterionPatch,
  FrameworkCreated,
  FrameworkDiff,
  FrameworkImportConfirm,
  FrameworkImportPreview,
  FrameworkImportResult,
  FrameworkListQuery,
  FrameworkPatch,
  FrameworkSummary,
  FrameworkView,
} from '../shared/api.js';
import { hasPermission, isGlobal, type Actor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { keepUpload, keptUpload } from './pending-imports.js';
import { sha256 } from './hash.js';

/** A leaf's rule when nothing better is known: a score typed in, in steps of 0,25. */
export const HAND_RULE: ScoringRule = { kind: 'manual', step: { units: 2500, scale: 2 } };

export type { FrameworkReadOutcome };
export type FrameworkReader = (bytes: Uint8Array, fileName: string) => Promise<FrameworkReadOutcome>;

export interface FrameworkDeps extends Deps {
  /** how an upload is read; the server's worker pool by default */
  readFrameworks?: FrameworkReader;
}

const UNNAMED = 'bo-tieu-chi';

function requireRead(actor: Actor): void {
  if (!hasPermission(actor, 'plan.read')) throw new AppError('FORBIDDEN');
}

function requireManage(actor: Actor): void {
  if (!isGlobal(actor, 'framework.manage')) throw new AppError('FORBIDDEN');
}

function readerOf(deps: FrameworkDeps): FrameworkReader {
  return deps.readFrameworks ?? readFrameworksInPool;
}

// ---------------------------------------------------------------- reading

function parseRule(text: string | null): ScoringRule | null {
  return text === null ? null : (JSON.parse(text) as ScoringRule);
}

type StoredCriterion = CriterionRecord & { followed_by_name: string | null };

/** A stored criterion as the domain sees it (core/framework.ts). */
export function criterionOf(row: StoredCriterion): FrameworkCriterion {
  return {
    code: row.code,
    rawCode: row.raw_code,
    name: row.name,
    max: storedScore(row.max_score),
    method: row.method,
    evidence: row.evidence,
    scorer: row.scorer as Scorer,
    notApplicable: row.not_applicable as NotApplicablePolicy,
    followedBy: row.followed_by_name ?? row.followed_by_text,
    rule: parseRule(row.rule),
    location: null,
  };
}

/** A stored framework as a document: what the checker, the writers and the scorer take. */
export function documentOf(
  framework: FrameworkRecord,
  criteria: readonly StoredCriterion[],
): FrameworkDocument {
  return {
    title: framework.title ?? framework.name,
    decision: framework.decision_number
      ? { number: framework.decision_number, date: framework.decision_date }
      : null,
    unitGroup: framework.unit_group,
    yearFrom: framework.year,
    yearTo: framework.year_to ?? framework.year,
    criteria: criteria.map(criterionOf),
  };
}

/** The sum of the top-level criteria's max, bonus and penalty areas aside. */
function totalMax(roots: readonly { max_score: string | null; scorer: string }[]): string | null {
  let total: Score | null = null;
  for (const r of roots) {
    const max = storedScore(r.max_score);
    if (max === null || r.scorer === 'bonus' || r.scorer === 'penalty') continue;
    total = add(total ?? ZERO, max);
  }
  return decimalOrNull(total);
}

function summaryOf(
  f: FrameworkRecord,
  counts: { criteria: number; plans: number },
  roots: readonly { max_score: string | null; scorer: string }[],
): FrameworkSummary {
  return {
    id: f.id,
    name: f.name,
    title: f.title,
    unitGroup: f.unit_group,
    year: f.year,
    yearTo: f.year_to,
    version: f.version,
    state: f.state,
    decisionNumber: f.decision_number,
    decisionDate: f.decision_date,
    previousId: f.previous_id,
    sourceName: f.source_name,
    createdAt: f.created_at,
    criteria: counts.criteria,
    max: totalMax(roots),
    plans: counts.plans,
  };
}

export async function listFrameworks(
  deps: Deps,
  actor: Actor,
  query: FrameworkListQuery,
): Promise<FrameworkSummary[]> {
  requireRead(actor);
  const rows = await listFrameworkRows(deps.db, query);
  const roots = await rootCriteria(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    summaryOf(
      r,
      r,
      roots.filter((c) => c.framework_id === r.id),
    ),
  );
}

async function frameworkOrThrow(db: Kysely<DB>, id: number): Promise<FrameworkRecord> {
  const f = await findFrameworkRow(db, id);
  if (!f) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
  return f;
}

async function viewOf(db: Kysely<DB>, f: FrameworkRecord): Promise<FrameworkView> {
  const criteria = await frameworkCriteria(db, f.id);
  const plans = await plansUsing(db, f.id);
  const parents = new Set(criteria.map((c) => c.parent_code).filter((c) => c !== null));
  return {
    ...summaryOf(
      f,
      { criteria: criteria.length, plans },
      criteria.filter((c) => c.parent_code === null),
    ),
    frozen: f.state === 'in-use',
    criteria: criteria.map((c) => ({
      id: c.id,
      code: c.code,
      rawCode: c.raw_code,
      parentCode: c.parent_code,
      depth: c.depth,
      name: c.name,
      max: c.max_score,
      method: c.method,
      evidence: c.evidence,
      scorer: c.scorer as Scorer,
      notApplicable: c.not_applicable as NotApplicablePolicy,
      followedBy: c.followed_by !== null ? { id: c.followed_by, name: c.followed_by_name ?? '' } : null,
      followedByText: c.followed_by_text,
      // a parent never shows a rule (the sum of its children), whatever an old row holds
      rule: parents.has(c.code) ? null : parseRule(c.rule),
      version: c.version,
    })),
    findings: checkFramework(documentOf(f, criteria)),
    nextIds: await nextFrameworkIds(db, f.id),
  };
}

export async function getFramework(deps: Deps, actor: Actor, id: number): Promise<FrameworkView> {
  requireRead(actor);
  return viewOf(deps.db, await frameworkOrThrow(deps.db, id));
}

/** A stored framework in the official layout (formats/framework-xlsx.ts, framework-docx.ts), with its name. */
export async function exportFramework(
  deps: Deps,
  actor: Actor,
  id: number,
  format: 'xlsx' | 'docx',
): Promise<{ name: string; bytes: Uint8Array }> {
  requireRead(actor);
  const f = await frameworkOrThrow(deps.db, id);
  const doc = documentOf(f, await frameworkCriteria(deps.db, f.id));
  return {
    name: f.name,
    bytes: format === 'xlsx' ? await writeFrameworkXlsx(doc) : await writeFrameworkDocx(doc),
  };
}

// ---------------------------------------------------------------- import

/** The reader's findings and the checker's, each once. */
function findingsOf(document: FrameworkDocument, read: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of [...read, ...checkFramework(document)]) {
    const key = JSON.stringify([f.rule, f.code, f.params]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function leafCount(document: FrameworkDocument): number {
  const codes = document.criteria.map((c) => c.code);
  return codes.filter((code) => !codes.some((c) => c.startsWith(`${code}.`))).length;
}

function documentMax(document: FrameworkDocument): string | null {
  return totalMax(
    document.criteria
      .filter((c) => codeParts(c.code).length === 1)
      .map((c) => ({ max_score: decimalOrNull(c.max), scorer: c.scorer })),
  );
}

export async function previewFrameworkImport(
  deps: FrameworkDeps,
  actor: Actor,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<FrameworkImportPreview> {
  requireManage(actor);
  const fileName = cleanFileName(upload.fileName, UNNAMED);
  const read = await readerOf(deps)(upload.bytes, fileName);
  if (read.failure) throw new AppError('READ_FAILED', { file: fileName, failure: read.failure });
  const now = deps.clock();
  const { token, expiresAt } = await keepUpload(
    deps.db,
    actor,
    now,
    { fileName, bytes: upload.bytes },
    { kind: 'framework' },
  );
  const frameworks: FrameworkImportPreview['frameworks'] = [];
  for (const { document, findings: readFindings } of read.frameworks) {
    const findings = findingsOf(document, readFindings);
    const group = document.unitGroup;
    frameworks.push({
      title: document.title,
      decisionNumber: document.decision?.number ?? null,
      decisionDate: document.decision?.date ?? null,
      unitGroup: group,
      yearFrom: document.yearFrom,
      yearTo: document.yearTo,
      criteria: document.criteria.map((c) => ({
        code: c.code,
        rawCode: c.rawCode,
        depth: codeParts(c.code).length,
        name: c.name,
        max: decimalOrNull(c.max),
        method: c.method,
        evidence: c.evidence,
        scorer: c.scorer,
        notApplicable: c.notApplicable,
        followedBy: c.followedBy,
        rule: c.rule,
      })),
      leaves: leafCount(document),
      max: documentMax(document),
      findings,
      blocking: blockingFindings(findings).length > 0,
      nextVersion:
        group !== null && document.yearFrom !== null
          ? (await latestVersion(deps.db, group, document.yearFrom)) + 1
          : null,
    });
  }
  return {
    token,
    fileName,
    expiresAt,
    frameworks,
    canConfirm: frameworks.length > 0 && frameworks.every((f) => !f.blocking),
  };
}

function checkGroup(group: string): void {
  if (!UNIT_GROUPS.some((g) => g.code === group)) throw new AppError('UNIT_GROUP_UNKNOWN', { group });
}

function defaultName(group: string, year: number, yearTo: number | null): string {
  const years = yearTo !== null && yearTo !== year ? `giai đoạn ${year}–${yearTo}` : `năm ${year}`;
  return `Bộ tiêu chí ${unitGroupName(group, 'vi')} ${years}`;
}

type CriterionRow = Omit<Parameters<typeof insertFramework>[2][number], never>;

/** The rows of a document's criteria, in its order; parents found by code, leaves without a rule get one. */
function criterionRows(criteria: readonly FrameworkCriterion[]): CriterionRow[] {
  const tree = buildTree(criteria);
  return criteria.map((c, position) => {
    const leaf = (tree.byCode.get(c.code)?.children.length ?? 0) === 0;
    return {
      code: c.code,
      parent_code: tree.byCode.get(c.code)?.parent?.row.code ?? null,
      depth: codeParts(c.code).length,
      position,
      name: c.name,
      max_score: decimalOrNull(c.max),
      raw_code: c.rawCode,
      method: c.method,
      evidence: c.evidence,
      scorer: c.scorer,
      not_applicable: c.notApplicable,
      followed_by: null,
      followed_by_text: c.followedBy,
      rule: leaf ? JSON.stringify(c.rule ?? HAND_RULE) : null,
    };
  });
}

/** A framework's content identity; "framework:" keeps it apart from the hashes of plans' trees. */
function contentHash(group: string, rows: readonly CriterionRow[]): string {
  return sha256(`framework:${canonicalJson([group, rows])}`);
}

/**
 * Stores the frameworks a file holds, as drafts, in one transaction (refused whole when any has a
 * blocking finding). `claim` takes the kept upload inside it. What the document leaves unsaid
 * (group, years, name) comes from `choice`.
 */
export async function importFrameworks(
  deps: Deps,
  actor: Actor,
  read: FrameworkReadOutcome,
  sourceName: string,
  choice: FrameworkImportConfirm['frameworks'] = [],
  claim?: (db: Kysely<DB>) => Promise<boolean>,
): Promise<FrameworkImportResult> {
  requireManage(actor);
  if (read.failure) throw new AppError('READ_FAILED', { file: sourceName, failure: read.failure });
  const checked = read.frameworks.map((f) => ({ ...f, findings: findingsOf(f.document, f.findings) }));
  const rejected = checked.filter((f) => blockingFindings(f.findings).length > 0);
  if (rejected.length > 0 || checked.length === 0) {
    throw new AppError('FRAMEWORK_IMPORT_REJECTED', {
      frameworks: rejected.map((f) => ({ title: f.document.title, findings: blockingFindings(f.findings) })),
    });
  }
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (db) => {
    if (claim && !(await claim(db))) throw new AppError('IMPORT_NOT_FOUND');
    const created: FrameworkCreated[] = [];
    for (const [index, { document }] of checked.entries()) {
      const over = choice.find((c) => c.index === index);
      const title = document.title ?? sourceName;
      const group = over?.unitGroup ?? document.unitGroup;
      if (group === null) throw new AppError('FRAMEWORK_INCOMPLETE', { title, missing: 'group' });
      checkGroup(group);
      const year = over?.yearFrom ?? document.yearFrom;
      if (year === null) throw new AppError('FRAMEWORK_INCOMPLETE', { title, missing: 'year' });
      const lastYear = over?.yearTo !== undefined ? over.yearTo : document.yearTo;
      const yearTo = lastYear === null || lastYear === year ? null : lastYear;
      if (yearTo !== null && yearTo < year) throw new AppError('FRAMEWORK_YEARS', { from: year, to: yearTo });
      const rows = criterionRows(document.criteria);
      const version = (await latestVersion(db, group, year)) + 1;
      const name = over?.name ?? defaultName(group, year, yearTo);
      const id = await insertFramework(
        db,
        {
          unit_group: group,
          year,
          version,
          name,
          content_hash: contentHash(group, rows),
          created_at: now,
          title: document.title,
          decision_number: document.decision?.number ?? null,
          decision_date: document.decision?.date ?? null,
          year_to: yearTo,
          state: 'draft',
          previous_id: null,
          source_name: sourceName,
        },
        rows,
      );
      await audit(db, actor, now, [
        {
          action: 'framework.import',
          entity: 'framework',
          entityId: id,
          newValue: JSON.stringify({
            name,
            group,
            year,
            yearTo,
            version,
            criteria: rows.length,
            source: sourceName,
          }),
        },
      ]);
      created.push({ id, name, unitGroup: group, year, version });
    }
    return { frameworks: created };
  });
}

export async function confirmFrameworkImport(
  deps: FrameworkDeps,
  actor: Actor,
  token: string,
  choice: FrameworkImportConfirm,
): Promise<FrameworkImportResult> {
  requireManage(actor);
  // an upload is confirmed by whoever uploaded it, and a plan's upload is not a framework
  const pending = await keptUpload(deps.db, actor, deps.clock(), token, { kind: 'framework' });
  const bytes = new Uint8Array(pending.bytes);
  const read = await readerOf(deps)(bytes, pending.file_name);
  return importFrameworks(deps, actor, read, pending.file_name, choice.frameworks, (db) =>
    takePendingImport(db, token),
  );
}

/** Reads a file and imports it at once (the command line): the same checks, one transaction. */
export async function importFrameworkFile(
  deps: FrameworkDeps,
  actor: Actor,
  file: { fileName: string; bytes: Uint8Array },
  choice: FrameworkImportConfirm['frameworks'] = [],
): Promise<FrameworkImportResult> {
  requireManage(actor);
  const fileName = cleanFileName(file.fileName, UNNAMED);
  const read = await readerOf(deps)(file.bytes, fileName);
  return importFrameworks(deps, actor, read, fileName, choice);
}

// ---------------------------------------------------------------- changes

/** Locks a framework for a change of its content: in use, it is frozen. */
async function lockForEdit(db: Kysely<DB>, id: number): Promise<FrameworkRecord> {
  const f = await lockFramework(db, id);
  if (!f) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
  if (f.state === 'in-use') throw new AppError('FRAMEWORK_FROZEN', { name: f.name });
  return f;
}

const sameText = (a: string | null, b: string | null) => a === b;

export async function updateCriterion(
  deps: Deps,
  actor: Actor,
  frameworkId: number,
  criterionId: number,
  patch: CriterionPatch,
): Promise<FrameworkView> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    await lockForEdit(db, frameworkId);
    const criteria = await frameworkCriteria(db, frameworkId);
    const row = criteria.find((c) => c.id === criterionId);
    if (!row) throw new AppError('CRITERION_NOT_FOUND', { id: criterionId });
    if (row.version !== patch.version) throw new AppError('STALE_VERSION', {});
    const isParent = criteria.some((c) => c.parent_code === row.code);
    if (patch.rule !== undefined) {
      if (patch.rule !== null && isParent) throw new AppError('RULE_ON_PARENT', { code: row.code });
      if (patch.rule === null && !isParent) throw new AppError('RULE_MISSING', { code: row.code });
    }
    if (patch.followedById !== undefined && patch.followedById !== null) {
      if (!(await unitExists(db, patch.followedById))) {
        throw new AppError('UNIT_NOT_FOUND', { id: patch.followedById });
      }
    }
    const set: Updateable<CriteriaTable> = {};
    const entries: AuditEntry[] = [];
    const change = (
      field: AuditEntry['field'] & string,
      column: keyof CriteriaTable,
      old: string | number | null,
      value: string | number | null | undefined,
      same: (a: string | number | null, b: string | number | null) => boolean = (a, b) => a === b,
    ) => {
      if (value === undefined || same(old, value)) return;
      (set as Record<string, unknown>)[column] = value;
      entries.push({
        action: 'criterion.update',
        entity: 'criterion',
        entityId: row.id,
        code: row.code,
        field,
        oldValue: old,
        newValue: value,
      });
    };
    change('name', 'name', row.name, patch.name);
    change('max', 'max_score', row.max_score, patch.max, (a, b) =>
      sameScoreText(a as string | null, b as string | null),
    );
    change('method', 'method', row.method, patch.method);
    change('evidence', 'evidence', row.evidence, patch.evidence);
    change('scorer', 'scorer', row.scorer, patch.scorer);
    change('not_applicable', 'not_applicable', row.not_applicable, patch.notApplicable);
    change('followed_by', 'followed_by', row.followed_by, patch.followedById);
    change('followed_by_text', 'followed_by_text', row.followed_by_text, patch.followedByText, (a, b) =>
      sameText(a as string | null, b as string | null),
    );
    if (patch.rule !== undefined) {
      const old = parseRule(row.rule);
      if (canonicalJson(old) !== canonicalJson(patch.rule)) {
        change(
          'rule',
          'rule',
          row.rule,
          patch.rule === null ? null : JSON.stringify(patch.rule),
          () => false,
        );
      }
    }
    if (entries.length === 0) return;
    if ((await updateCriterionRow(db, row.id, row.version, set)) === 0)
      throw new AppError('STALE_VERSION', {});
    await audit(db, actor, now, entries);
  });
  return viewOf(deps.db, await frameworkOrThrow(deps.db, frameworkId));
}

function sameScoreText(a: string | null, b: string | null): boolean {
  const x = storedScore(a);
  const y = storedScore(b);
  return x === null || y === null ? x === y : x.units === y.units;
}

export async function updateFramework(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: FrameworkPatch,
): Promise<FrameworkView> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const f = await lockForEdit(db, id);
    if (patch.yearTo !== undefined && patch.yearTo !== null && patch.yearTo < f.year) {
      throw new AppError('FRAMEWORK_YEARS', { from: f.year, to: patch.yearTo });
    }
    const fields: [
      AuditEntry['field'] & string,
      keyof FrameworkRecord,
      string | number | null | undefined,
    ][] = [
      ['name', 'name', patch.name],
      ['title', 'title', patch.title],
      ['decision_number', 'decision_number', patch.decisionNumber],
      ['decision_date', 'decision_date', patch.decisionDate],
      ['year_to', 'year_to', patch.yearTo === f.year ? null : patch.yearTo],
    ];
    const set: Record<string, unknown> = {};
    const entries: AuditEntry[] = [];
    for (const [field, column, value] of fields) {
      const old = f[column];
      if (value === undefined || value === old) continue;
      set[column] = value;
      entries.push({
        action: 'framework.update',
        entity: 'framework',
        entityId: id,
        field,
        oldValue: old,
        newValue: value,
      });
    }
    if (entries.length === 0) return;
    await updateFrameworkRow(db, id, set);
    await audit(db, actor, now, entries);
  });
  return viewOf(deps.db, await frameworkOrThrow(deps.db, id));
}

export async function publishFramework(deps: Deps, actor: Actor, id: number): Promise<FrameworkView> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const f = await lockForEdit(db, id);
    if (f.state !== 'draft') throw new AppError('FRAMEWORK_STATE', { name: f.name, state: f.state });
    const findings = checkFramework(documentOf(f, await frameworkCriteria(db, id)));
    const errors = blockingFindings(findings).length;
    if (errors > 0) throw new AppError('FRAMEWORK_HAS_ERRORS', { name: f.name, errors });
    await setState(db, actor, now, f, 'published', 'framework.publish');
  });
  return viewOf(deps.db, await frameworkOrThrow(deps.db, id));
}

async function setState(
  db: Kysely<DB>,
  actor: Actor,
  at: string,
  f: FrameworkRecord,
  state: FrameworkStateColumn,
  action: 'framework.publish' | 'framework.in_use',
): Promise<void> {
  await updateFrameworkRow(db, f.id, { state });
  await audit(db, actor, at, [
    { action, entity: 'framework', entityId: f.id, field: 'state', oldValue: f.state, newValue: state },
  ]);
}

/**
 * The framework a unit group is scored on in a year: its newest version published or in use then
 * (a draft never counts). What a result's units were scored on, what next year's plan follows.
 */
export async function frameworkInForce(
  db: Kysely<DB>,
  group: string,
  year: number,
): Promise<FrameworkRecord | undefined> {
  return (await listFrameworkRows(db, { group, year })).find((f) => f.state !== 'draft');
}

/**
 * Puts a framework in use (a plan or an assessment now scores against it): frozen from then on. Call
 * it in the transaction that starts using it; nothing happens when it is in use already.
 */
export async function setFrameworkInUse(db: Kysely<DB>, id: number, actor: Actor, at: string): Promise<void> {
  const f = await lockFramework(db, id);
  if (!f) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
  if (f.state === 'in-use') return;
  await setState(db, actor, at, f, 'in-use', 'framework.in_use');
}

const VERSION_SUFFIX = / \(phiên bản \d+\)$/u;

/** Copies a framework's criteria into a new draft made from it. */
async function copyFramework(
  deps: Deps,
  actor: Actor,
  id: number,
  next: (f: FrameworkRecord) => { year: number; yearTo: number | null; name: string; title: string | null },
  action: 'framework.version' | 'framework.next_year',
): Promise<FrameworkCreated> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (db) => {
    const f = await lockFramework(db, id);
    if (!f) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
    const criteria = await frameworkCriteria(db, id);
    const target = next(f);
    const version = (await latestVersion(db, f.unit_group, target.year)) + 1;
    const name =
      action === 'framework.version'
        ? `${target.name.replace(VERSION_SUFFIX, '')} (phiên bản ${version})`
        : target.name.replace(VERSION_SUFFIX, '');
    const rows = criteria.map((c) => ({
      code: c.code,
      parent_code: c.parent_code,
      depth: c.depth,
      position: c.position,
      name: c.name,
      max_score: c.max_score,
      raw_code: c.raw_code,
      method: c.method,
      evidence: c.evidence,
      scorer: c.scorer,
      not_applicable: c.not_applicable,
      followed_by: c.followed_by,
      followed_by_text: c.followed_by_text,
      rule: c.rule,
    }));
    const newId = await insertFramework(
      db,
      {
        unit_group: f.unit_group,
        year: target.year,
        version,
        name,
        content_hash: contentHash(f.unit_group, rows),
        created_at: now,
        title: target.title,
        decision_number: f.decision_number,
        decision_date: f.decision_date,
        year_to: target.yearTo,
        state: 'draft',
        previous_id: f.id,
        source_name: f.source_name,
      },
      rows,
    );
    await audit(db, actor, now, [
      {
        action,
        entity: 'framework',
        entityId: newId,
        oldValue: f.id,
        newValue: JSON.stringify({ name, year: target.year, version }),
      },
    ]);
    return { id: newId, name, unitGroup: f.unit_group, year: target.year, version };
  });
}

/** A new draft version of a framework (any state), for the same group and years. */
export function newFrameworkVersion(deps: Deps, actor: Actor, id: number): Promise<FrameworkCreated> {
  return copyFramework(
    deps,
    actor,
    id,
    (f) => ({ year: f.year, yearTo: f.year_to, name: f.name, title: f.title }),
    'framework.version',
  );
}

/** The framework copied for the year after (its years + 1), as a draft. */
export function copyFrameworkToNextYear(deps: Deps, actor: Actor, id: number): Promise<FrameworkCreated> {
  const bump = (text: string, year: number) => text.replaceAll(String(year), String(year + 1));
  return copyFramework(
    deps,
    actor,
    id,
    (f) => ({
      year: f.year + 1,
      yearTo: f.year_to === null ? null : f.year_to + 1,
      // "… năm 2026" → "… năm 2027" (and a span's last year too)
      name: f.year_to === null ? bump(f.name, f.year) : bump(bump(f.name, f.year_to), f.year),
      title:
        f.title === null
          ? null
          : f.year_to === null
            ? bump(f.title, f.year)
            : bump(bump(f.title, f.year_to), f.year),
    }),
    'framework.next_year',
  );
}

// ---------------------------------------------------------------- diff and crosswalk

const refOf = (f: FrameworkRecord) => ({ id: f.id, name: f.name, year: f.year, version: f.version });

async function earlierOf(
  db: Kysely<DB>,
  f: FrameworkRecord,
  fromId: number | undefined,
): Promise<FrameworkRecord> {
  const id = fromId ?? f.previous_id;
  if (id === null) throw new AppError('FRAMEWORK_NO_PREVIOUS', { name: f.name });
  return frameworkOrThrow(db, id);
}

/** What changed from the previous version (or from `fromId`). */
export async function frameworkDiff(
  deps: Deps,
  actor: Actor,
  id: number,
  fromId?: number,
): Promise<FrameworkDiff> {
  requireRead(actor);
  const to = await frameworkOrThrow(deps.db, id);
  const from = await earlierOf(deps.db, to, fromId);
  const diff = diffFrameworks(
    (await frameworkCriteria(deps.db, from.id)).map(criterionOf),
    (await frameworkCriteria(deps.db, to.id)).map(criterionOf),
  );
  return { from: refOf(from), to: refOf(to), ...diff };
}

async function crosswalkView(db: Kysely<DB>, from: FrameworkRecord, to: FrameworkRecord): Promise<Crosswalk> {
  const fromCriteria = await frameworkCriteria(db, from.id);
  const toCriteria = await frameworkCriteria(db, to.id);
  const toName = new Map(toCriteria.map((c) => [c.code, c.name]));
  const stored = new Map((await crosswalkRows(db, from.id, to.id)).map((r) => [r.from_code, r]));
  const rows = fromCriteria.map((c) => {
    const r = stored.get(c.code);
    const toCode = r?.to_code ?? null;
    const name = toCode === null ? null : (toName.get(toCode) ?? null);
    return {
      fromCode: c.code,
      fromName: c.name,
      toCode,
      toName: name,
      status: r?.status ?? ('proposed' as const),
      method: r?.to_code === null && r.method !== 'officer' ? null : (r?.method ?? null),
      likeness: name === null ? 0 : Math.round(nameLikeness(c.name, name) * 100) / 100,
      by: r?.username ?? null,
      at: r?.created_at ?? null,
    };
  });
  const matched = new Set(rows.map((r) => r.toCode).filter((c) => c !== null));
  return {
    from: refOf(from),
    to: refOf(to),
    rows,
    unmatched: toCriteria.filter((c) => !matched.has(c.code)).map((c) => ({ code: c.code, name: c.name })),
  };
}

/** The stored crosswalk from the previous version (or `fromId`) to this framework. */
export async function getCrosswalk(
  deps: Deps,
  actor: Actor,
  id: number,
  fromId?: number,
): Promise<Crosswalk> {
  requireRead(actor);
  const to = await frameworkOrThrow(deps.db, id);
  return crosswalkView(deps.db, await earlierOf(deps.db, to, fromId), to);
}

/**
 * Proposes matches for the earlier criteria not confirmed yet (core/crosswalk.ts), replacing the
 * earlier proposals; confirmed rows stay. The crosswalk is not the framework's content: it may be
 * proposed and confirmed whatever the state.
 */
export async function proposeFrameworkCrosswalk(
  deps: Deps,
  actor: Actor,
  id: number,
  fromId?: number,
): Promise<Crosswalk> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  const { from, to } = await deps.db.transaction().execute(async (db) => {
    const to = await lockFramework(db, id);
    if (!to) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
    const from = await earlierOf(db, to, fromId);
    await deleteCrosswalkRows(db, from.id, to.id, { status: 'proposed' });
    const confirmed = await crosswalkRows(db, from.id, to.id);
    const done = new Set(confirmed.map((r) => r.from_code));
    const claimed = new Set(confirmed.map((r) => r.to_code).filter((c) => c !== null));
    const proposal = proposeCrosswalk(
      (await frameworkCriteria(db, from.id)).filter((c) => !done.has(c.code)),
      (await frameworkCriteria(db, to.id)).filter((c) => !claimed.has(c.code)),
    );
    const found = proposal.matches.filter((m) => m.toCode !== null && m.method !== null);
    await insertCrosswalkRows(
      db,
      found.map((m) => ({
        from_framework_id: from.id,
        to_framework_id: to.id,
        from_code: m.fromCode,
        to_code: m.toCode,
        status: 'proposed' as const,
        method: m.method!,
        user_id: actor.userId,
        username: actor.username,
        created_at: now,
      })),
    );
    const count = (method: string) => found.filter((m) => m.method === method).length;
    await audit(db, actor, now, [
      {
        action: 'crosswalk.propose',
        entity: 'crosswalk',
        entityId: `${from.id}-${to.id}`,
        newValue: JSON.stringify({
          code: count('code'),
          name: count('name'),
          none: proposal.matches.length - found.length,
        }),
      },
    ]);
    return { from, to };
  });
  return crosswalkView(deps.db, from, to);
}

/** Confirms rows as proposed, or corrects them (another code, or none): each audited. */
export async function confirmFrameworkCrosswalk(
  deps: Deps,
  actor: Actor,
  id: number,
  body: CrosswalkConfirm,
): Promise<Crosswalk> {
  requireManage(actor);
  const now = deps.clock().toISOString();
  const { from, to } = await deps.db.transaction().execute(async (db) => {
    const to = await lockFramework(db, id);
    if (!to) throw new AppError('FRAMEWORK_NOT_FOUND', { id });
    const from = await earlierOf(db, to, body.from);
    const fromCodes = new Set((await frameworkCriteria(db, from.id)).map((c) => c.code));
    const toCodes = new Set((await frameworkCriteria(db, to.id)).map((c) => c.code));
    const stored = new Map((await crosswalkRows(db, from.id, to.id)).map((r) => [r.from_code, r]));
    const last = new Map(body.rows.map((r) => [r.fromCode, r.toCode]));
    for (const [fromCode, toCode] of last) {
      if (!fromCodes.has(fromCode)) throw new AppError('CROSSWALK_CODE_UNKNOWN', { code: fromCode });
      if (toCode !== null && !toCodes.has(toCode))
        throw new AppError('CROSSWALK_CODE_UNKNOWN', { code: toCode });
    }
    const rows = [...last].map(([fromCode, toCode]) => {
      const before = stored.get(fromCode);
      // confirmed as proposed keeps how it was found; anything else is the officer's match
      const asProposed = before !== undefined && before.to_code === toCode;
      return {
        from_framework_id: from.id,
        to_framework_id: to.id,
        from_code: fromCode,
        to_code: toCode,
        status: 'confirmed' as const,
        method: asProposed ? before.method : ('officer' as const),
        user_id: actor.userId,
        username: actor.username,
        created_at: now,
      };
    });
    await deleteCrosswalkRows(db, from.id, to.id, { fromCodes: [...last.keys()] });
    await insertCrosswalkRows(db, rows);
    await audit(
      db,
      actor,
      now,
      rows.map((r) => ({
        action: 'crosswalk.confirm' as const,
        entity: 'crosswalk' as const,
        entityId: `${from.id}-${to.id}`,
        code: r.from_code,
        field: 'to_code' as const,
        oldValue: stored.get(r.from_code)?.to_code ?? null,
        newValue: r.to_code,
      })),
    );
    return { from, to };
  });
  return crosswalkView(deps.db, from, to);
}
