/**
 * Importing a file of plans. One transaction for the whole file: a plan with a blocking finding,
 * or a plan that exists with other content, rejects the file and nothing is written. The same plan
 * imported twice is recognised by its content and left unchanged. A dry run does all the work in a
 * transaction that is rolled back, so it reports exactly what an import would do.
 */
import type { Kysely } from 'kysely';
import { compareCodes } from '../core/codes.js';
import { parseDeadline } from '../core/dates.js';
import { blockingFindings, type Finding } from '../core/findings.js';
import type { PlanDocument, PlanRow } from '../core/plan.js';
import { decimalOrNull } from '../core/score.js';
import type { Subject } from '../core/subject.js';
import { cleanFileName, normaliseTonePlacement, oneLine } from '../core/text.js';
import { buildTree, walk } from '../core/tree.js';
import { resolveUnits, unitKey, type UnitResolution } from '../core/units.js';
import type { UnitGroup } from '../core/unit-names.js';
import type { ReadFailure } from '../formats/errors.js';
import type { ReadOutcome, ReadPlan } from '../formats/read.js';
import { readPlansIsolated } from '../formats/read-pool.js';
import type { SourceFormat } from '../formats/source.js';
import { criterionIds, findFramework, insertFramework, latestVersion } from '../db/frameworks-repo.js';
import {
  deletePlanContent,
  findPlanBySubjectYear,
  insertItems,
  insertPlan,
  updatePlan,
  type NewItem,
} from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { isGlobal, parentsFor, planAccess, type Actor } from './access.js';
import { audit } from './audit.js';
import { sha256 } from './hash.js';
import { findSubjectUnits, insertAliases, insertUnit, unitsUnder } from '../db/units-repo.js';

export interface ImportDeps {
  db: Kysely<DB>;
  clock: () => Date;
  /** how a file is read: by default in the worker pool, within its time and memory limits */
  read?: (bytes: Uint8Array) => Promise<ReadOutcome>;
}

export interface ImportRequest {
  /** who imports: rights are checked per plan, and the import is audited as theirs */
  actor: Actor;
  bytes: Uint8Array;
  /** the file's name, kept with the plan as its source */
  sourceName: string;
  dryRun?: boolean;
  /** a plan for the same subject and year with other content is replaced instead of refused */
  replace?: boolean;
  /**
   * Runs first inside the import's transaction; false stops the import (the wizard claims its
   * upload there, so confirming twice imports once)
   */
  claim?: (db: Kysely<DB>) => Promise<boolean>;
  /** unit names the officer mapped to existing units (by plan index in the file) */
  unitAliases?: readonly { plan: number; name: string; unitId: number }[];
}

export type PlanOutcome = 'created' | 'unchanged' | 'replaced';

export interface ImportedPlan {
  planId: number;
  subject: string;
  year: number;
  criteria: number;
  outcome: PlanOutcome;
  newUnits: string[];
  findings: Finding[];
}

export type ImportError =
  | { code: 'READ_FAILED'; failure: ReadFailure }
  | { code: 'NO_PLANS' }
  | { code: 'PLAN_INVALID'; plans: { subject: string | null; year: number | null; findings: Finding[] }[] }
  | { code: 'PLAN_EXISTS'; subject: string; year: number; planId: number }
  | { code: 'UNIT_NOT_IN_PLAN'; unitId: number; subject: string }
  | { code: 'FORBIDDEN'; subject: string }
  | { code: 'SUBJECT_AMBIGUOUS'; subject: string }
  | { code: 'UPLOAD_GONE' };

export type ImportResult =
  | { ok: true; dryRun: boolean; format: SourceFormat; plans: ImportedPlan[] }
  | { ok: false; error: ImportError };

class Abort extends Error {
  constructor(readonly result: ImportResult) {
    super('import aborted');
  }
}

/** The name kept for a file that came without one. */
export const UNNAMED_FILE = 'tep-tai-len';

export async function importPlans(deps: ImportDeps, given: ImportRequest): Promise<ImportResult> {
  const read = await (deps.read ?? readPlansIsolated)(given.bytes);
  const request = { ...given, sourceName: cleanFileName(given.sourceName, UNNAMED_FILE) };
  if (!read.ok) return { ok: false, error: { code: 'READ_FAILED', failure: read.failure } };
  if (read.plans.length === 0) return { ok: false, error: { code: 'NO_PLANS' } };
  const invalid = read.plans
    .map((p) => ({ subject: p.plan.subject, year: p.plan.year, findings: blockingFindings(p.findings) }))
    .filter((p) => p.findings.length > 0);
  if (invalid.length > 0) return { ok: false, error: { code: 'PLAN_INVALID', plans: invalid } };

  const now = deps.clock().toISOString();
  try {
    const plans = await deps.db.transaction().execute(async (trx) => {
      if (request.claim && !(await request.claim(trx)))
        throw new Abort({ ok: false, error: { code: 'UPLOAD_GONE' } });
      const out: ImportedPlan[] = [];
      for (const [index, plan] of read.plans.entries()) {
        out.push(await storePlan(trx, plan, index, request, read.format, now));
      }
      if (request.dryRun) throw new Abort({ ok: true, dryRun: true, format: read.format, plans: out });
      return out;
    });
    return { ok: true, dryRun: false, format: read.format, plans };
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}

async function storePlan(
  db: Kysely<DB>,
  read: ReadPlan,
  index: number,
  request: ImportRequest,
  format: SourceFormat,
  now: string,
): Promise<ImportedPlan> {
  const { plan } = read;
  // blocking findings were refused above, so subject and year are known here
  const subject = read.subject!;
  const year = plan.year!;
  const subjectId = await ensureSubject(db, request.actor, subject, now);
  const aliases = (request.unitAliases ?? []).filter((a) => a.plan === index);
  const { unitIds, resolution, created } = await ensureUnits(db, plan.rows, subject, subjectId, aliases, now);
  await audit(
    db,
    request.actor,
    now,
    created.map((u) => ({
      action: 'unit.create',
      entity: 'unit',
      entityId: u.id,
      unitId: u.id,
      newValue: u.name,
    })),
  );
  const unitNames = resolution.cells.map((mentions) => mentions.map((m) => resolution.units[m.unit]!.name));
  const contentHash = planHash(plan, unitNames);
  const base = { subject: subject.name, year, criteria: plan.rows.length, findings: read.findings };

  const existing = await findPlanBySubjectYear(db, subjectId, year);
  if (existing && existing.content_hash === contentHash) {
    return { ...base, planId: existing.id, outcome: 'unchanged', newUnits: created.map((u) => u.name) };
  }
  if (existing && !request.replace) {
    throw new Abort({
      ok: false,
      error: { code: 'PLAN_EXISTS', subject: subject.name, year, planId: existing.id },
    });
  }
  const frameworkId = await ensureFramework(db, plan, subject.group, year, now);

  const header = {
    framework_id: frameworkId,
    baseline_year: plan.baselineYear,
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    source_name: request.sourceName,
    source_format: format,
    content_hash: contentHash,
    stated_max: decimalOrNull(plan.statedTotals?.max ?? null),
    stated_baseline: decimalOrNull(plan.statedTotals?.baseline ?? null),
    stated_target: decimalOrNull(plan.statedTotals?.target ?? null),
    updated_at: now,
  };
  let planId: number;
  if (existing) {
    planId = existing.id;
    await deletePlanContent(db, planId);
    await updatePlan(db, planId, { ...header, version: existing.version + 1 });
  } else {
    planId = await insertPlan(db, {
      ...header,
      subject_unit_id: subjectId,
      year,
      version: 1,
      created_at: now,
    });
  }

  const criteria = await criterionIds(db, frameworkId);
  const rowCount = plan.rows.length;
  const items: NewItem[] = plan.rows.map((row, i) => {
    const units = [
      ...resolution.cells[i]!.map((m, position) => ({ role: 'lead' as const, position, m })),
      ...resolution.cells[rowCount + i]!.map((m, position) => ({ role: 'support' as const, position, m })),
    ].map(({ role, position, m }) => ({ role, position, unit_id: unitIds[m.unit]!, source_text: m.text }));
    const hasTask = row.task !== '' || row.leadUnits !== '' || row.supportUnits !== '' || row.deadline !== '';
    return {
      criterion_id: criteria.get(row.code)!,
      baseline: decimalOrNull(row.baseline),
      target: decimalOrNull(row.target),
      task: hasTask ? newTask(row, now) : null,
      units,
    };
  });
  await insertItems(db, planId, items, now);
  await audit(db, request.actor, now, [
    {
      action: existing ? 'plan.replace' : 'plan.import',
      entity: 'plan',
      entityId: planId,
      planId,
      unitId: subjectId,
      oldValue: existing ? `v${existing.version}` : null,
      newValue: `${subject.name} ${year}: ${plan.rows.length} tiêu chí (${request.sourceName})`,
    },
  ]);
  return {
    ...base,
    planId,
    outcome: existing ? 'replaced' : 'created',
    newUnits: created.map((u) => u.name),
  };
}

function newTask(row: PlanRow, now: string): NonNullable<NewItem['task']> {
  return {
    position: 0,
    text: row.task,
    lead_units_text: row.leadUnits,
    support_units_text: row.supportUnits,
    deadline: parseDeadline(row.deadline),
    deadline_text: row.deadline,
    status: 'not_started',
    progress: 0,
    progress_note: '',
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

export type ImportTarget =
  { kind: 'existing'; id: number } | { kind: 'new' } | { kind: 'forbidden' } | { kind: 'ambiguous' };

/**
 * Where a plan of this subject goes for this importer: the one unit of that name within the
 * importer's reach; a new unit only for an installation-wide right; otherwise refused. Names repeat
 * across provinces, so a unit outside the importer's reach is never taken for theirs.
 */
export async function resolveImportTarget(
  db: Kysely<DB>,
  actor: Actor,
  subject: Subject,
): Promise<ImportTarget> {
  const candidates = await findSubjectUnits(db, unitKey(subject.name, { levelWords: [] }), subject.kind);
  const parents = await parentsFor(db, actor);
  const reachable = candidates.filter((c) => planAccess(actor, 'plan.import', c.id, parents)?.kind === 'all');
  if (reachable.length === 1) return { kind: 'existing', id: reachable[0]!.id };
  if (reachable.length > 1) return { kind: 'ambiguous' };
  if (candidates.length === 0 && isGlobal(actor, 'plan.import')) return { kind: 'new' };
  return { kind: 'forbidden' };
}

/** The subject's unit, found or created (see resolveImportTarget). */
async function ensureSubject(db: Kysely<DB>, actor: Actor, subject: Subject, now: string): Promise<number> {
  const target = await resolveImportTarget(db, actor, subject);
  if (target.kind === 'existing') return target.id;
  if (target.kind === 'forbidden')
    throw new Abort({ ok: false, error: { code: 'FORBIDDEN', subject: subject.name } });
  if (target.kind === 'ambiguous') {
    throw new Abort({ ok: false, error: { code: 'SUBJECT_AMBIGUOUS', subject: subject.name } });
  }
  const id = await insertUnit(db, {
    name: subject.name,
    name_key: unitKey(subject.name, { levelWords: [] }),
    kind: subject.kind,
    parent_id: null,
    created_at: now,
  });
  await audit(db, actor, now, [
    { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, newValue: subject.name },
  ]);
  return id;
}

const GROUP_NAMES: Record<UnitGroup, string> = {
  province: 'cấp tỉnh',
  district: 'cấp huyện',
  commune: 'cấp xã',
  department: 'sở, ban, ngành',
};

async function ensureFramework(
  db: Kysely<DB>,
  plan: PlanDocument,
  group: UnitGroup,
  year: number,
  now: string,
): Promise<number> {
  const tree = buildTree(plan.rows);
  const ordered: PlanRow[] = [];
  walk(tree.roots, (n) => ordered.push(n.row));
  const criteria = ordered.map((row, position) => ({
    code: row.code,
    parent_code: tree.byCode.get(row.code)?.parent?.row.code ?? null,
    depth: row.code.split('.').length,
    position,
    name: row.name,
    max_score: decimalOrNull(row.max),
  }));
  const hash = sha256(JSON.stringify([group, criteria.map((c) => [c.code, c.name, c.max_score])]));
  const found = await findFramework(db, group, year, hash);
  if (found) return found.id;
  const version = (await latestVersion(db, group, year)) + 1;
  const name = `Bộ tiêu chí ${GROUP_NAMES[group]} năm ${year}${version > 1 ? ` (phiên bản ${version})` : ''}`;
  return insertFramework(
    db,
    { unit_group: group, year, version, name, content_hash: hash, created_at: now },
    criteria,
  );
}

async function ensureUnits(
  db: Kysely<DB>,
  rows: readonly PlanRow[],
  subject: Subject,
  subjectId: number,
  aliases: readonly { name: string; unitId: number }[],
  now: string,
): Promise<{ unitIds: number[]; resolution: UnitResolution; created: { id: number; name: string }[] }> {
  const ctx = { levelWords: [subject.levelWord] };
  const known = (await unitsUnder(db, subjectId)).map((u) => ({
    ...u,
    aliases: [...u.aliases, ...aliases.filter((a) => a.unitId === u.id).map((a) => a.name)],
  }));
  const foreign = aliases.find((a) => !known.some((u) => u.id === a.unitId));
  if (foreign)
    throw new Abort({
      ok: false,
      error: { code: 'UNIT_NOT_IN_PLAN', unitId: foreign.unitId, subject: subject.name },
    });
  const cells = [...rows.map((r) => r.leadUnits), ...rows.map((r) => r.supportUnits)];
  const resolution = resolveUnits(cells, known, ctx);
  const unitIds: number[] = [];
  const created: { id: number; name: string }[] = [];
  for (const unit of resolution.units) {
    let id = unit.id;
    if (id === null) {
      id = await insertUnit(db, {
        name: unit.name,
        name_key: unitKey(unit.name, ctx),
        kind: unit.kind,
        parent_id: subjectId,
        created_at: now,
      });
      created.push({ id, name: unit.name });
    }
    unitIds.push(id);
    const aliases = unit.variants
      .filter((v) => v !== unit.name)
      // keyed by the spelling itself: unitKey folds every variant to the unit's own key, so one
      // alias per unitKey would keep only the first variant the document used
      .map((v) => ({
        unit_id: id,
        alias: v,
        alias_key: normaliseTonePlacement(oneLine(v)).toLocaleLowerCase('vi'),
      }))
      .filter((a, i, all) => all.findIndex((b) => b.alias_key === a.alias_key) === i);
    await insertAliases(db, aliases);
  }
  return { unitIds, resolution, created };
}

/**
 * The identity of a plan's content, whatever format it came in: units count by the unit they
 * resolve to, so a plan read back from its own export is the same plan. Follow-up (status,
 * progress) is not content: a file never holds it.
 */
export function planHash(plan: PlanDocument, unitNames: readonly (readonly string[])[]): string {
  const n = plan.rows.length;
  return sha256(
    JSON.stringify([
      plan.label,
      plan.title,
      plan.subtitle,
      plan.subject,
      plan.year,
      plan.baselineYear,
      [plan.statedTotals?.max, plan.statedTotals?.baseline, plan.statedTotals?.target].map((s) =>
        decimalOrNull(s ?? null),
      ),
      plan.rows
        .map((r, i) => [
          r.code,
          r.name,
          decimalOrNull(r.max),
          decimalOrNull(r.baseline),
          decimalOrNull(r.target),
          r.task,
          unitNames[i],
          unitNames[n + i],
          r.deadline,
        ])
        // the order rows are listed in is not content: the tree is
        .sort((a, b) => compareCodes(a[0] as string, b[0] as string)),
    ]),
  );
}
