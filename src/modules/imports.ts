/**
 * Importing a file of plans. One transaction for the whole file: a plan with a blocking finding,
 * or a plan that exists with other content, rejects the file and nothing is written. The same plan
 * imported twice is recognised by its content and left unchanged. A dry run does all the work in a
 * transaction that is rolled back, so it reports exactly what an import would do.
 */
import type { Kysely } from 'kysely';
import { parseDeadline } from '../core/dates.js';
import { blockingFindings, type Finding } from '../core/findings.js';
import type { PlanDocument, PlanRow } from '../core/plan.js';
import { diffPlan, type PlanDiff } from '../core/plan-diff.js';
import { decimalOrNull } from '../core/score.js';
import { liveSuccessors } from '../core/lineage.js';
import { endedBefore, parentKindsFor } from '../core/subject-unit.js';
import type { Subject } from '../core/subject.js';
import { cleanFileName, normaliseTonePlacement, oneLine } from '../core/text.js';
import { buildTree, walk } from '../core/tree.js';
import { resolveUnits, unitKey, type UnitResolution } from '../core/units.js';
import type { SubjectEnded } from '../core/messages.js';
import type { UnitGroup } from '../core/unit-names.js';
import type { ReadOutcome, ReadPlan } from '../formats/read.js';
import { readPlansIsolated } from '../formats/read-pool.js';
import type { SourceFormat } from '../formats/source.js';
import { refreshStatistics } from '../db/database.js';
import { criterionIds, findFramework, insertFramework, latestVersion } from '../db/frameworks-repo.js';
import {
  findPlanBySubjectYear,
  insertItems,
  insertPlan,
  updatePlan,
  type NewItem,
} from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { isGlobal, parentsFor, planAccess, reachesUnit, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { hasTask, incomingDiffRows, mergePlan, storedDiffRows } from './import-merge.js';
import { planHash, sha256 } from './hash.js';
import { storedPlanHash, storeFigures } from './plan-view.js';
import {
  findSubjectUnits,
  insertAliases,
  insertUnit,
  unitsOfKinds,
  unitsUnder,
  unitWithSuccessor,
  allUnitEvents,
  unitNames as namesOfUnits,
} from '../db/units-repo.js';
import type { Deps } from './deps.js';
import { HAND_RULE } from './frameworks.js';

export interface ImportDeps extends Deps {
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
  /**
   * Where a new subject unit goes (by plan index): under an existing unit, or under the subject of
   * an earlier plan of the same file. Without one, a new subject stands at the top level.
   */
  subjectParents?: readonly SubjectParent[];
  /** a new subject that belongs under another unit (a district, a commune…) must be given a parent */
  requireParent?: boolean;
  /**
   * The version of each stored plan (by plan index) the preview compared the file with: a plan
   * changed since then is not replaced, since the differences and the follow-up lost were counted
   * on what it was
   */
  seenVersions?: readonly { plan: number; version: number }[];
  /** runs last inside the import's transaction, with the plans stored (next-plan.ts audits its draft there) */
  after?: (db: Kysely<DB>, plans: readonly ImportedPlan[]) => Promise<void>;
}

export type SubjectParent = { plan: number; unitId: number } | { plan: number; parentPlan: number };

export type PlanOutcome = 'created' | 'unchanged' | 'replaced';

export interface ImportedPlan {
  planId: number;
  subject: string;
  year: number;
  criteria: number;
  outcome: PlanOutcome;
  newUnits: string[];
  findings: Finding[];
  /** what a replacement changed in the stored plan (null when created or unchanged) */
  diff: PlanDiff | null;
}

/** A refused import is an AppError (core/messages.ts names its codes and parameters). */
export type ImportError = AppError;

export type { SubjectEnded };

export type ImportResult =
  { ok: true; dryRun: boolean; format: SourceFormat; plans: ImportedPlan[] } | { ok: false; error: AppError };

/** The name kept for a file that came without one. */
export const UNNAMED_FILE = 'tep-tai-len';

/** An import of this many plans or more is a bulk write: statistics are refreshed after it. */
export const BULK_IMPORT_PLANS = 20;

export async function importPlans(deps: ImportDeps, given: ImportRequest): Promise<ImportResult> {
  const read = await (deps.read ?? readPlansIsolated)(given.bytes);
  const request = { ...given, sourceName: cleanFileName(given.sourceName, UNNAMED_FILE) };
  if (!read.ok) {
    return {
      ok: false,
      error: new AppError('READ_FAILED', { file: request.sourceName, failure: read.failure }),
    };
  }
  const invalid = read.plans
    .map((p) => ({ subject: p.plan.subject, year: p.plan.year, findings: blockingFindings(p.findings) }))
    .filter((p) => p.findings.length > 0);
  // a file without plans is refused as one whose plans all have errors: there is nothing to import
  if (read.plans.length === 0 || invalid.length > 0)
    return { ok: false, error: new AppError('IMPORT_REJECTED', { plans: invalid }) };

  const now = deps.clock().toISOString();
  // a controlled transaction: a dry run does all the work, then rolls it back instead of committing
  const trx = await deps.db.startTransaction().execute();
  let finished = false;
  try {
    if (request.claim && !(await request.claim(trx))) throw new AppError('IMPORT_NOT_FOUND');
    const plans: ImportedPlan[] = [];
    const subjectIds: number[] = [];
    for (const [index, plan] of read.plans.entries()) {
      const stored = await storePlan(trx, plan, index, request, read.format, now, subjectIds);
      plans.push(stored.plan);
      subjectIds.push(stored.subjectId);
    }
    if (request.after) await request.after(trx, plans);
    finished = true;
    if (request.dryRun) await trx.rollback().execute();
    else await trx.commit().execute();
    // many plans at once change the tables' figures: the planner takes them again (issue 13)
    if (!request.dryRun && plans.length >= BULK_IMPORT_PLANS) await refreshStatistics({ db: deps.db });
    return { ok: true, dryRun: request.dryRun ?? false, format: read.format, plans };
  } catch (error) {
    // a failed commit or rollback leaves nothing to roll back: its error is the one to report
    if (!finished) await trx.rollback().execute();
    if (error instanceof AppError) return { ok: false, error };
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
  earlierSubjects: readonly number[],
): Promise<{ plan: ImportedPlan; subjectId: number }> {
  const { plan } = read;
  // blocking findings were refused above, so subject and year are known here
  const subject = read.subject!;
  const year = plan.year!;
  const parent = request.subjectParents?.find((p) => p.plan === index);
  const parentId =
    parent === undefined
      ? undefined
      : 'unitId' in parent
        ? parent.unitId
        : earlierSubjects[parent.parentPlan];
  if (parent !== undefined && parentId === undefined) {
    throw new AppError('PARENT_INVALID', { subject: subject.name, group: subject.group });
  }
  const subjectId = await ensureSubject(db, request, subject, year, parentId, now);
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
  const base = {
    subject: subject.name,
    year,
    criteria: plan.rows.length,
    findings: read.findings,
    newUnits: created.map((u) => u.name),
  };

  const existing = await findPlanBySubjectYear(db, subjectId, year);
  if (existing && (await sameContent(db, existing, contentHash))) {
    return { plan: { ...base, planId: existing.id, outcome: 'unchanged', diff: null }, subjectId };
  }
  // an archived plan is read-only: unarchive it before replacing its content
  if (existing?.archived) {
    throw new AppError('PLAN_ARCHIVED', { subject: subject.name, year, planId: existing.id });
  }
  if (existing && !request.replace) {
    throw new AppError('PLAN_EXISTS', { subject: subject.name, year, planId: existing.id });
  }
  const seen = request.seenVersions?.find((v) => v.plan === index);
  if (existing && seen && seen.version !== existing.version) {
    throw new AppError('PLAN_CHANGED', { subject: subject.name, year });
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
  const criteria = await criterionIds(db, frameworkId);
  const rowCount = plan.rows.length;
  const items: NewItem[] = plan.rows.map((row, i) => {
    const units = [
      ...resolution.cells[i]!.map((m, position) => ({ role: 'lead' as const, position, m })),
      ...resolution.cells[rowCount + i]!.map((m, position) => ({ role: 'support' as const, position, m })),
    ].map(({ role, position, m }) => ({ role, position, unit_id: unitIds[m.unit]!, source_text: m.text }));
    return {
      criterion_id: criteria.get(row.code)!,
      baseline: decimalOrNull(row.baseline),
      target: decimalOrNull(row.target),
      task: hasTask(row) ? newTask(row, now) : null,
      units,
    };
  });
  const summary = `${subject.name} ${year}: ${plan.rows.length} tiêu chí (${request.sourceName})`;
  if (existing) {
    const planId = existing.id;
    const diff = diffPlan(await storedDiffRows(db, planId), incomingDiffRows(plan, unitNames));
    const trail = await mergePlan(db, planId, plan.rows, items, diff, now);
    await updatePlan(db, planId, { ...header, version: existing.version + 1 });
    await storeFigures(db, planId);
    await audit(db, request.actor, now, [
      {
        action: 'plan.replace',
        entity: 'plan',
        entityId: planId,
        planId,
        unitId: subjectId,
        oldValue: `v${existing.version}`,
        newValue:
          `${summary}: ${diff.added} thêm, ${diff.removed} bỏ, ${diff.changed} sửa, ` +
          `${diff.moved} chuyển dòng, ${diff.lostFollowUp} mục theo dõi bị bỏ`,
      },
      ...trail.map((e) => ({ ...e, planId, unitId: subjectId })),
    ]);
    return { plan: { ...base, planId, outcome: 'replaced', diff }, subjectId };
  }
  const planId = await insertPlan(db, {
    ...header,
    subject_unit_id: subjectId,
    year,
    version: 1,
    created_at: now,
  });
  await insertItems(db, planId, items, now);
  await storeFigures(db, planId);
  await audit(db, request.actor, now, [
    {
      action: 'plan.import',
      entity: 'plan',
      entityId: planId,
      planId,
      unitId: subjectId,
      oldValue: null,
      newValue: summary,
    },
  ]);
  return { plan: { ...base, planId, outcome: 'created', diff: null }, subjectId };
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

/** The subject's unit, found or created (see resolveImportTarget), and alive in the plan's year. */
async function ensureSubject(
  db: Kysely<DB>,
  request: ImportRequest,
  subject: Subject,
  year: number,
  parentId: number | undefined,
  now: string,
): Promise<number> {
  const { actor } = request;
  const target = await resolveImportTarget(db, actor, subject);
  if (target.kind === 'existing') {
    const ended = await subjectEnded(db, target.id, year);
    if (ended) throw new AppError('UNIT_DISSOLVED', ended);
    return target.id;
  }
  if (target.kind === 'forbidden') throw new AppError('FORBIDDEN');
  if (target.kind === 'ambiguous') {
    throw new AppError('SUBJECT_AMBIGUOUS', { subject: subject.name });
  }
  if (parentId === undefined && request.requireParent && parentKindsFor(subject.group).length > 0) {
    throw new AppError('PARENT_REQUIRED', { subject: subject.name });
  }
  if (parentId !== undefined) {
    const options = await parentOptions(db, actor, subject, year);
    if (!options.some((o) => o.id === parentId)) {
      throw new AppError('PARENT_INVALID', { subject: subject.name, group: subject.group });
    }
  }
  const id = await insertUnit(db, {
    name: subject.name,
    name_key: unitKey(subject.name, { levelWords: [] }),
    kind: subject.kind,
    parent_id: parentId ?? null,
    created_at: now,
  });
  await audit(db, actor, now, [
    { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, newValue: subject.name },
  ]);
  return id;
}

/**
 * The units a new subject can be placed under: of a sensible kind (a district under a province…),
 * within the importer's reach, and still existing in the plan's year.
 */
export async function parentOptions(
  db: Kysely<DB>,
  actor: Actor,
  subject: Subject,
  year: number,
): Promise<{ id: number; name: string; kind: string }[]> {
  const kinds = parentKindsFor(subject.group);
  if (kinds.length === 0) return [];
  const units = await unitsOfKinds(db, kinds);
  const parents = await parentsFor(db, actor);
  const vi = new Intl.Collator('vi');
  return units
    .filter((u) => !endedBefore(u, year) && reachesUnit(actor, 'plan.import', u.id, parents))
    .sort((a, b) => vi.compare(a.name, b.name))
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

/** Whether the unit ended before the plan's year, and what became of it. */
export async function subjectEnded(
  db: Kysely<DB>,
  unitId: number,
  year: number,
): Promise<SubjectEnded | null> {
  const unit = await unitWithSuccessor(db, unitId);
  if (!endedBefore(unit, year)) return null;
  // the units that exist now in its place, through later renames and merges (a split names each)
  const live = liveSuccessors(await allUnitEvents(db), unitId);
  const names = await namesOfUnits(db, live);
  const successor = live
    .map((id) => names.get(id))
    .filter((n): n is string => n !== undefined)
    .join(', ');
  return {
    subject: unit.name,
    year,
    until: unit.validTo!,
    lineage: unit.lineage,
    successor: successor === '' ? unit.successor : successor,
  };
}

const GROUP_NAMES: Record<UnitGroup, string> = {
  province: 'cấp tỉnh',
  district: 'cấp huyện',
  commune: 'cấp xã',
  department: 'sở, ban, ngành',
};

export async function ensureFramework(
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
    raw_code: row.rawCode,
    // a plan's tree is a framework of max only: its leaves are scored by hand (0015)
    rule: tree.byCode.get(row.code)?.children.length ? null : JSON.stringify(HAND_RULE),
  }));
  const hash = sha256(JSON.stringify([group, criteria.map((c) => [c.code, c.name, c.max_score])]));
  const found = await findFramework(db, group, year, hash);
  if (found) return found.id;
  const version = (await latestVersion(db, group, year)) + 1;
  const name = `Bộ tiêu chí ${GROUP_NAMES[group]} năm ${year}${version > 1 ? ` (phiên bản ${version})` : ''}`;
  return insertFramework(
    db,
    // the plan uses it from now on: frozen (decision 0011)
    { unit_group: group, year, version, name, content_hash: hash, created_at: now, state: 'in-use' },
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
  if (foreign) throw new AppError('UNIT_NOT_IN_PLAN', { id: foreign.unitId, subject: subject.name });
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

/** The content identity, shared with stored plans (plan-view.ts): core/identity.ts, hashed. */
export { planHash } from './hash.js';

/**
 * Whether a stored plan holds this content. A hash stored by an older identity rule is recomputed
 * before a plan is called changed.
 */
export async function sameContent(
  db: Kysely<DB>,
  stored: { id: number; content_hash: string },
  contentHash: string,
): Promise<boolean> {
  return stored.content_hash === contentHash || (await storedPlanHash(db, stored.id)) === contentHash;
}
