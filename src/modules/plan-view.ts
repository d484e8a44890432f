/**
 * What the web app shows of a plan: its rows with tasks and units, the checker's findings on the
 * stored plan, and the units that can lead a task. Built from the database; the JSON is kept per
 * plan version, which every change bumps, so a plan is serialised once per change.
 */
import type { Kysely } from 'kysely';
import { checkPlan } from '../core/check.js';
import { sortByName } from '../core/collate.js';
import { findingMessage } from '../core/findings.js';
import type { PlanDocument, PlanRow as CoreRow } from '../core/plan.js';
import { decimalOrNull, fromDecimalString, storedScore, sub, trimScale } from '../core/score.js';
import { buildTree, rollUpRoots } from '../core/tree.js';
import { findPlan, listPlans, planRows, planTaskUnits, type StoredRow } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { unitNames, unitsUnder } from '../db/units-repo.js';
import type { Access, Finding, LeadUnitView, PlanListItem, PlanView, Task, Totals } from '../shared/api.js';
import {
  parentsFor,
  planAccess,
  reachesUnit,
  type Actor,
  type Permission,
  type PlanAccess,
} from './access.js';
import { AppError } from './errors.js';
import { planHash } from './imports.js';

/** The access block of the stored plan itself; each reader gets their own (accessOf). */
const WHOLE_PLAN: Access = {
  scope: 'full',
  editScores: true,
  editTasks: true,
  editLeadUnits: true,
  export: true,
  readAudit: true,
  leadUnitIds: [],
};

interface LoadedPlan {
  view: PlanView;
  document: PlanDocument;
}

async function load(db: Kysely<DB>, planId: number): Promise<LoadedPlan> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const [rows, links, subjectNames, units] = await Promise.all([
    planRows(db, planId),
    planTaskUnits(db, planId),
    unitNames(db, [plan.subject_unit_id]),
    unitsUnder(db, plan.subject_unit_id),
  ]);
  const linksOf = (taskId: number, role: 'lead' | 'support') =>
    links
      .filter((l) => l.taskId === taskId && l.role === role)
      .map((l) => ({ id: l.unitId, name: l.unitName }));
  const task = (r: StoredRow): Task | null =>
    r.taskId === null
      ? null
      : {
          id: r.taskId,
          text: r.taskText ?? '',
          status: r.status ?? 'not_started',
          progress: r.progress ?? 0,
          deadline: r.deadline,
          deadlineText: r.deadlineText ?? '',
          progressNote: r.progressNote ?? '',
          version: r.taskVersion ?? 1,
          leadUnits: linksOf(r.taskId, 'lead'),
          supportUnits: linksOf(r.taskId, 'support'),
          leadUnitsText: r.leadUnitsText ?? '',
        };
  const coreRows: CoreRow[] = rows.map((r) => {
    const t = task(r);
    return {
      code: r.code,
      rawCode: r.code,
      name: r.name,
      max: storedScore(r.maxScore),
      baseline: storedScore(r.baseline),
      target: storedScore(r.target),
      task: t?.text ?? '',
      leadUnits:
        t && t.leadUnits.length > 0 ? t.leadUnits.map((u) => u.name).join('; ') : (t?.leadUnitsText ?? ''),
      supportUnits: t ? t.supportUnits.map((u) => u.name).join('; ') : '',
      deadline: t?.deadlineText ?? '',
      location: null,
    };
  });
  const statedTotals =
    plan.stated_max === null && plan.stated_baseline === null && plan.stated_target === null
      ? null
      : { max: plan.stated_max, baseline: plan.stated_baseline, target: plan.stated_target };
  const subject = subjectNames.get(plan.subject_unit_id) ?? '';
  const document: PlanDocument = {
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    subject,
    year: plan.year,
    baselineYear: plan.baseline_year,
    rows: coreRows,
    statedTotals: statedTotals && {
      max: storedScore(statedTotals.max),
      baseline: storedScore(statedTotals.baseline),
      target: storedScore(statedTotals.target),
    },
    totalLocation: null,
    columns: {},
  };
  const findings: Finding[] = checkPlan(document).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    code: f.code,
    message: findingMessage(f, 'vi'),
    messageEn: findingMessage(f, 'en'),
  }));
  const view: PlanView = {
    id: plan.id,
    subject: { id: plan.subject_unit_id, name: subject },
    year: plan.year,
    baselineYear: plan.baseline_year,
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    sourceName: plan.source_name,
    version: plan.version,
    updatedAt: plan.updated_at,
    statedTotals,
    rows: rows.map((r) => ({
      itemId: r.itemId,
      code: r.code,
      parentCode: r.parentCode,
      depth: r.depth,
      name: r.name,
      max: r.maxScore,
      baseline: r.baseline,
      target: r.target,
      version: r.itemVersion,
      task: task(r),
    })),
    findings,
    units: sortByName(units, (u) => u.name).map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    access: WHOLE_PLAN,
  };
  return { view, document };
}

/** Per database: plan ids and versions only mean something within one database. */
/** What the plans list shows of a whole plan. */
interface ListFigures {
  totals: Totals;
  errors: number;
  warnings: number;
}

interface Cached {
  version: number;
  /** UTF-8 JSON of the plan without its closing brace (the reader's access block goes there) */
  json: Buffer;
  figures: ListFigures;
}

/** Per database: plan ids and versions only mean something within one database. */
const caches = new WeakMap<Kysely<DB>, Map<number, Cached>>();

function figuresOf(view: PlanView, document: PlanDocument): ListFigures {
  return {
    totals: liveTotals(document),
    errors: view.findings.filter((f) => f.severity === 'error').length,
    warnings: view.findings.filter((f) => f.severity === 'warning').length,
  };
}

/**
 * The whole plan, from the cache when the stored version has not moved: its JSON kept as UTF-8
 * bytes (encoding 70 KB of Vietnamese text again for every request costs more than sending it) and
 * the figures of the plans list.
 */
async function cachedPlan(db: Kysely<DB>, planId: number, version: number): Promise<Cached> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<number, Cached>()));
  const hit = cache.get(planId);
  if (hit && hit.version === version) return hit;
  const { view, document } = await load(db, planId);
  const { access: _access, ...shared } = view;
  const entry = {
    version: view.version,
    json: Buffer.from(JSON.stringify(shared).slice(0, -1)),
    figures: figuresOf(view, document),
  };
  cache.set(planId, entry);
  return entry;
}

function accessOf(
  actor: Actor,
  subjectId: number,
  parents: ReadonlyMap<number, number | null>,
  read: PlanAccess,
): Access {
  const all = (p: Permission) => planAccess(actor, p, subjectId, parents)?.kind === 'all';
  const follow = planAccess(actor, 'task.follow', subjectId, parents);
  return {
    scope: read?.kind === 'all' ? 'full' : 'lead',
    editScores: all('plan.edit'),
    editTasks: follow !== null,
    editLeadUnits: all('plan.edit'),
    export: read?.kind === 'all',
    readAudit: reachesUnit(actor, 'audit.read', subjectId, parents),
    leadUnitIds: read?.kind === 'lead' ? [...read.units] : [],
  };
}

/**
 * The plan as one reader sees it, as JSON with a version for its ETag: the whole plan, or for a
 * lead-unit officer only the rows where one of their units leads or supports a task.
 */
export async function planViewFor(
  db: Kysely<DB>,
  planId: number,
  actor: Actor,
): Promise<{ json: Buffer; version: number }> {
  const plan = await db
    .selectFrom('plans')
    .select(['version', 'subject_unit_id'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const parents = await parentsFor(db, actor);
  const read = planAccess(actor, 'plan.read', plan.subject_unit_id, parents);
  if (!read) throw new AppError('FORBIDDEN');
  const access = accessOf(actor, plan.subject_unit_id, parents, read);
  if (read.kind === 'all') {
    const { json: shared } = await cachedPlan(db, planId, plan.version);
    return {
      json: Buffer.concat([shared, Buffer.from(`,"access":${JSON.stringify(access)}}`)]),
      version: plan.version,
    };
  }
  const { view } = await load(db, planId);
  return {
    json: Buffer.from(JSON.stringify(restrictToUnits(view, read.units, access))),
    version: plan.version,
  };
}

/** A lead-unit officer's part of a plan: their rows, their findings, their units. */
function restrictToUnits(view: PlanView, units: ReadonlySet<number>, access: Access): PlanView {
  const mine = (t: Task | null) =>
    t !== null && [...t.leadUnits, ...t.supportUnits].some((u) => units.has(u.id));
  const rows = view.rows.filter((r) => mine(r.task));
  const codes = new Set(rows.map((r) => r.code));
  return {
    ...view,
    rows,
    findings: view.findings.filter((f) => f.code !== null && codes.has(f.code)),
    units: view.units.filter((u) => units.has(u.id)),
    statedTotals: null,
    access,
  };
}

export async function planView(db: Kysely<DB>, planId: number): Promise<PlanView> {
  return (await load(db, planId)).view;
}

/** The content hash of a stored plan, the same function an import uses on a file (imports.ts). */
export async function storedPlanHash(db: Kysely<DB>, planId: number): Promise<string> {
  const { view, document } = await load(db, planId);
  const names = (pick: (t: Task) => { name: string }[]) =>
    view.rows.map((r) => (r.task ? pick(r.task).map((u) => u.name) : []));
  return planHash(document, [...names((t) => t.leadUnits), ...names((t) => t.supportUnits)]);
}

export async function planDocument(db: Kysely<DB>, planId: number): Promise<PlanDocument> {
  return (await load(db, planId)).document;
}

/** Live totals: every parent is the sum of its children, whatever the document stated. */
function liveTotals(doc: PlanDocument): Totals {
  const tree = buildTree(doc.rows);
  return {
    max: decimalOrNull(rollUpRoots(tree, (r) => r.max)),
    baseline: decimalOrNull(rollUpRoots(tree, (r) => r.baseline)),
    target: decimalOrNull(rollUpRoots(tree, (r) => r.target)),
  };
}

export async function planList(db: Kysely<DB>, actor: Actor): Promise<PlanListItem[]> {
  const plans = await listPlans(db);
  const parents = await parentsFor(db, actor);
  const out: PlanListItem[] = [];
  for (const p of plans) {
    const read = planAccess(actor, 'plan.read', p.subjectId, parents);
    if (!read) continue;
    const head = {
      id: p.id,
      subject: p.subject,
      year: p.year,
      baselineYear: p.baselineYear,
      updatedAt: p.updatedAt,
    };
    if (read.kind === 'all') {
      out.push({ ...head, criteria: p.criteria, ...(await cachedPlan(db, p.id, p.version)).figures });
      continue;
    }
    const { view } = await load(db, p.id);
    const seen = restrictToUnits(view, read.units, accessOf(actor, p.subjectId, parents, read));
    out.push({
      ...head,
      criteria: seen.rows.length,
      // a part of a plan has no totals worth showing
      totals: { max: null, baseline: null, target: null },
      errors: seen.findings.filter((f) => f.severity === 'error').length,
      warnings: seen.findings.filter((f) => f.severity === 'warning').length,
    });
  }
  return out;
}

/** One unit's criteria and tasks in a plan, the most points at stake first. */
export async function leadUnitView(
  db: Kysely<DB>,
  planId: number,
  unitId: number,
  actor: Actor,
): Promise<LeadUnitView> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const read = planAccess(actor, 'plan.read', plan.subject_unit_id, await parentsFor(db, actor));
  if (!read || (read.kind === 'lead' && !read.units.has(unitId))) throw new AppError('FORBIDDEN');
  const { view } = await load(db, planId);
  const unit = view.units.find((u) => u.id === unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  const rows: LeadUnitView['rows'] = [];
  for (const r of view.rows) {
    const t = r.task;
    if (!t) continue;
    const role = t.leadUnits.some((u) => u.id === unitId)
      ? 'lead'
      : t.supportUnits.some((u) => u.id === unitId)
        ? 'support'
        : null;
    if (!role) continue;
    const max = storedScore(r.max);
    const baseline = storedScore(r.baseline);
    const target = storedScore(r.target);
    rows.push({
      itemId: r.itemId,
      code: r.code,
      name: r.name,
      role,
      max: r.max,
      baseline: r.baseline,
      target: r.target,
      atStake: max && baseline ? decimalOrNull(trimScale(sub(max, baseline))) : null,
      gain: target && baseline ? decimalOrNull(trimScale(sub(target, baseline))) : null,
      task: t,
    });
  }
  const stake = (x: (typeof rows)[number]) => (x.atStake === null ? -1 : fromDecimalString(x.atStake).units);
  rows.sort((a, b) => stake(b) - stake(a));
  return { plan: { id: view.id, subject: view.subject.name, year: view.year }, unit, rows };
}
