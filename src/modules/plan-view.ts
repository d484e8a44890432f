/**
 * What the web app shows of a plan: its rows with tasks and units, the checker's findings on the
 * stored plan, and the units that can lead a task. Built from the database; the JSON is kept per
 * plan version, which every change bumps, so a plan is serialised once per change.
 */
import type { Kysely } from 'kysely';
import { checkPlan } from '../core/check.js';
import { findingMessage } from '../core/findings.js';
import type { PlanDocument, PlanRow as CoreRow } from '../core/plan.js';
import { decimalOrNull, fromDecimalString, storedScore, sub, trimScale } from '../core/score.js';
import { buildTree, rollUpRoots } from '../core/tree.js';
import { findPlan, listPlans, planRows, planTaskUnits, type StoredRow } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { unitNames, unitsUnder } from '../db/units-repo.js';
import type { Finding, LeadUnitView, PlanListItem, PlanView, Task, Totals } from '../shared/api.js';
import { AppError } from './errors.js';
import { planHash } from './imports.js';

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
    units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
  };
  return { view, document };
}

/** Per database: plan ids and versions only mean something within one database. */
const caches = new WeakMap<Kysely<DB>, Map<number, { version: number; json: string }>>();

/** The plan as JSON, from the cache when the stored version has not moved. */
export async function planViewJson(
  db: Kysely<DB>,
  planId: number,
): Promise<{ json: string; version: number }> {
  const current = await db.selectFrom('plans').select('version').where('id', '=', planId).executeTakeFirst();
  if (!current) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<number, { version: number; json: string }>()));
  const hit = cache.get(planId);
  if (hit && hit.version === current.version) return hit;
  const { view } = await load(db, planId);
  const entry = { version: view.version, json: JSON.stringify(view) };
  cache.set(planId, entry);
  return entry;
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

export async function planList(db: Kysely<DB>): Promise<PlanListItem[]> {
  const plans = await listPlans(db);
  const out: PlanListItem[] = [];
  for (const p of plans) {
    const { document, view } = await load(db, p.id);
    out.push({
      id: p.id,
      subject: p.subject,
      year: p.year,
      baselineYear: p.baselineYear,
      criteria: p.criteria,
      totals: liveTotals(document),
      errors: view.findings.filter((f) => f.severity === 'error').length,
      warnings: view.findings.filter((f) => f.severity === 'warning').length,
      updatedAt: p.updatedAt,
    });
  }
  return out;
}

/** One unit's criteria and tasks in a plan, the most points at stake first. */
export async function leadUnitView(db: Kysely<DB>, planId: number, unitId: number): Promise<LeadUnitView> {
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
