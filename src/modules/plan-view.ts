/**
 * What the web app shows of a plan: its rows with tasks and units, the checker's findings on the
 * stored plan, and the units that can lead a task. Built from the database; the JSON is kept per
 * plan version, which every change bumps, so a plan is serialised once per change.
 */
import type { Kysely } from 'kysely';
import { checkPlan } from '../core/check.js';
import { sortByName } from '../core/collate.js';
import { findingKey, shownTotal, SUM_RULES } from '../core/consistency.js';
import { findingMessage, type Finding as CoreFinding, type ScoreField } from '../core/findings.js';
import type { PlanDocument, PlanRow as CoreRow } from '../core/plan.js';
import { decimalOrNull, fromDecimalString, storedScore, sub, trimScale } from '../core/score.js';
import { findPlan, listPlans, planRows, planTaskUnits, type StoredRow } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { unitNames, unitsUnder } from '../db/units-repo.js';
import { vietnamDate } from '../core/dates.js';
import { overdueDays } from '../core/progress.js';
import { fold } from '../core/text.js';
import type {
  Access,
  Finding,
  LeadUnitView,
  PlanListItem,
  PlanListQuery,
  PlanView,
  Task,
  Totals,
} from '../shared/api.js';
import {
  isWithin,
  parentsFor,
  planAccess,
  reachesUnit,
  type Actor,
  type Permission,
  type PlanAccess,
} from './access.js';
import { AppError } from './errors.js';
import { planHash } from './hash.js';
import { unitPath } from './units-admin.js';

/** The access block of the stored plan itself; each reader gets their own (accessOf). */
const WHOLE_PLAN: Access = {
  scope: 'full',
  editScores: true,
  editTasks: true,
  editLeadUnits: true,
  export: true,
  readAudit: true,
  archive: true,
  delete: true,
  leadUnitIds: [],
};

interface LoadedPlan {
  view: PlanView;
  document: PlanDocument;
}

async function load(db: Kysely<DB>, planId: number): Promise<LoadedPlan> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const [rows, links, subjectNames, units, acknowledgements] = await Promise.all([
    planRows(db, planId),
    planTaskUnits(db, planId),
    unitNames(db, [plan.subject_unit_id]),
    unitsUnder(db, plan.subject_unit_id),
    planAcknowledgements(db, planId),
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
  const findings: Finding[] = checkPlan(document).map((f) => {
    const key = findingKey(f);
    const shown: Finding = {
      rule: f.rule,
      severity: f.severity,
      code: f.code,
      message: findingMessage(f, 'vi'),
      messageEn: findingMessage(f, 'en'),
    };
    if (key === null) return shown;
    return {
      ...shown,
      key,
      adoptable: isAdoptable(f),
      acknowledgement: acknowledgements.get(key) ?? null,
    };
  });
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
    archived: Boolean(plan.archived),
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

/** What the plans list shows of a whole plan. */
interface ListFigures {
  totals: Totals;
  errors: number;
  warnings: number;
  /** the followed tasks' status and deadline: overdue depends on the day, so it is counted per request */
  tasks: FollowedTask[];
}

type FollowedTask = Pick<Task, 'status' | 'deadline'>;

/** The tasks worth following, as the plan page and the progress report count them. */
function followedTasks(rows: PlanView['rows']): FollowedTask[] {
  return rows
    .map((r) => r.task)
    .filter((t): t is Task => t !== null && (t.text.trim() !== '' || t.leadUnits.length > 0))
    .map((t) => ({ status: t.status, deadline: t.deadline }));
}

interface Cached {
  version: number;
  /** UTF-8 JSON of the plan without its closing brace (the reader's access block goes there) */
  json: Buffer;
  figures: ListFigures;
}

/** Per database: plan ids and versions only mean something within one database. */
const caches = new WeakMap<Kysely<DB>, Map<number, Cached>>();

/** Errors and warnings still open: an acknowledged finding ("keep as written") is not. */
export function openFindings(findings: readonly Finding[], severity: 'error' | 'warning'): number {
  return findings.filter((f) => f.severity === severity && !f.acknowledgement).length;
}

function figuresOf(view: PlanView, document: PlanDocument): ListFigures {
  return {
    totals: shownTotals(document),
    errors: openFindings(view.findings, 'error'),
    warnings: openFindings(view.findings, 'warning'),
    tasks: followedTasks(view.rows),
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
  archived: boolean,
): Access {
  const all = (p: Permission) => planAccess(actor, p, subjectId, parents)?.kind === 'all';
  const follow = planAccess(actor, 'task.follow', subjectId, parents);
  // an archived plan is read-only for everyone (plan-edits.ts refuses it too)
  const open = !archived;
  return {
    scope: read?.kind === 'all' ? 'full' : 'lead',
    editScores: open && all('plan.edit'),
    editTasks: open && follow !== null,
    editLeadUnits: open && all('plan.edit'),
    export: read?.kind === 'all',
    readAudit: reachesUnit(actor, 'audit.read', subjectId, parents),
    archive: all('plan.edit'),
    delete: all('plan.delete'),
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
    .select(['version', 'subject_unit_id', 'archived'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const parents = await parentsFor(db, actor);
  const read = planAccess(actor, 'plan.read', plan.subject_unit_id, parents);
  if (!read) throw new AppError('FORBIDDEN');
  const access = accessOf(actor, plan.subject_unit_id, parents, read, Boolean(plan.archived));
  if (read.kind === 'all') {
    const { json: shared } = await cachedPlan(db, planId, plan.version);
    return {
      json: Buffer.concat([shared, Buffer.from(`,"access":${JSON.stringify(access)}}`)]),
      version: plan.version,
    };
  }
  const { view } = await load(db, planId);
  const part = restrictToUnits(view, read.units, access);
  // a plan where none of the reader's units leads or supports a task is not theirs to see at all
  if (part.rows.length === 0) throw new AppError('FORBIDDEN');
  return { json: Buffer.from(JSON.stringify(part)), version: plan.version };
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

/** The totals the plan page, the print view and the exports show (core/consistency.ts#shownTotal). */
function shownTotals(doc: PlanDocument): Totals {
  const total = (field: ScoreField) => decimalOrNull(shownTotal(doc.rows, doc.statedTotals, field));
  return { max: total('max'), baseline: total('baseline'), target: total('target') };
}

/** Sum findings a plan can resolve itself: a parent's baseline or target, or the total row. */
export function isAdoptable(f: Pick<CoreFinding, 'rule'>): boolean {
  return f.rule !== 'sum-max' && SUM_RULES.has(f.rule);
}

/** The plan's acknowledgements by finding key. */
async function planAcknowledgements(
  db: Kysely<DB>,
  planId: number,
): Promise<Map<string, { note: string; by: string; at: string }>> {
  const rows = await db
    .selectFrom('finding_acknowledgements')
    .select(['finding_key', 'note', 'username', 'created_at'])
    .where('plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.finding_key, { note: r.note, by: r.username, at: r.created_at }]));
}

/**
 * The plans a reader may see with their list figures, filtered as asked: a search in the unit's
 * name and the year without diacritics, a year, a unit (and the units below it), with errors, with
 * an overdue task. Overdue is counted on today's date in Vietnam. Archived plans only when asked for.
 */
export async function planList(
  db: Kysely<DB>,
  actor: Actor,
  clock: () => Date,
  query: PlanListQuery = {},
): Promise<PlanListItem[]> {
  const today = vietnamDate(clock());
  const plans = (await listPlans(db)).filter((p) => query.archived === true || !p.archived);
  // names repeat across provinces: each plan carries its subject's path for the list to tell them apart
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'name', 'parent_id']).execute()).map((u) => [u.id, u]),
  );
  const parents = new Map([...units.values()].map((u) => [u.id, u.parent_id]));
  const needle = fold(query.q?.trim() ?? '').replace(/\s+/g, ' ');
  const out: PlanListItem[] = [];
  for (const p of plans) {
    if (query.year !== undefined && p.year !== query.year) continue;
    if (needle !== '' && !fold(`${p.subject} ${p.year}`).includes(needle)) continue;
    if (query.unit !== undefined && !isWithin(p.subjectId, query.unit, parents)) continue;
    const read = planAccess(actor, 'plan.read', p.subjectId, parents);
    if (!read) continue;
    const head = {
      id: p.id,
      subject: p.subject,
      subjectPath: unitPath(p.subjectId, units),
      subjectId: p.subjectId,
      year: p.year,
      baselineYear: p.baselineYear,
      updatedAt: p.updatedAt,
      archived: p.archived,
    };
    let item: PlanListItem;
    if (read.kind === 'all') {
      const { tasks, ...figures } = (await cachedPlan(db, p.id, p.version)).figures;
      item = { ...head, criteria: p.criteria, ...figures, ...taskFigures(tasks, today) };
    } else {
      const { view } = await load(db, p.id);
      const seen = restrictToUnits(view, read.units, accessOf(actor, p.subjectId, parents, read, p.archived));
      item = {
        ...head,
        criteria: seen.rows.length,
        // a part of a plan has no totals worth showing
        totals: { max: null, baseline: null, target: null },
        errors: openFindings(seen.findings, 'error'),
        warnings: openFindings(seen.findings, 'warning'),
        ...taskFigures(followedTasks(seen.rows), today),
      };
    }
    if (item.criteria === 0 && read.kind !== 'all') continue;
    if (query.hasErrors !== undefined && item.errors > 0 !== query.hasErrors) continue;
    if (query.overdue !== undefined && item.overdue > 0 !== query.overdue) continue;
    out.push(item);
  }
  return out;
}

function taskFigures(
  tasks: readonly FollowedTask[],
  today: string,
): Pick<PlanListItem, 'tasks' | 'tasksDone' | 'overdue'> {
  return {
    tasks: tasks.length,
    tasksDone: tasks.filter((t) => t.status === 'done').length,
    overdue: tasks.filter((t) => overdueDays(t, today) !== null).length,
  };
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
  // a lead-unit officer whose unit has no task in the plan does not see the plan at all
  if (read.kind === 'lead' && rows.length === 0) throw new AppError('FORBIDDEN');
  rows.sort((a, b) => stake(b) - stake(a));
  return { plan: { id: view.id, subject: view.subject.name, year: view.year }, unit, rows };
}
