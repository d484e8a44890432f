/**
 * What the plan page derives from a plan: the tree with the stated values (the ones the print view
 * and the exports carry; a parent that disagrees with its children shows a finding), per-area figures for the charts, the criteria losing most points, task completion
 * per lead unit, and the rows a search or a unit filter keeps. Pure, exact (core scores).
 */
import { compareVi } from '@core/collate';
import { daysBetween } from '@core/dates';
import { type Score } from '@core/score';
import { fold } from '@core/text';
import { buildTree, type TreeNode } from '@core/tree';
import type { Finding, PlanRow, PlanView, Task, TaskStatus } from '@shared/api';
import {
  isOverdue as overdueOn,
  planTotals,
  scoreDiff as diff,
  taskRows,
  type TaskRow,
} from '@shared/plan-heading';
import { scoreOf, todayIso } from '../../ui/format';

export interface RowModel {
  key: string;
  row: PlanRow;
  depth: number;
  isLeaf: boolean;
  /** stated values: kept equal to the children's sums by every edit (core/edits.ts) */
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  gain: Score | null;
  findings: Finding[];
  children?: RowModel[];
  /** code, name, task and units without diacritics, for search */
  haystack: string;
}

export interface AreaFigure {
  code: string;
  name: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  lost: Score | null;
}

export interface PlanModel {
  roots: RowModel[];
  byCode: Map<string, RowModel>;
  parentOf: Map<string, string | null>;
  totals: { max: Score | null; baseline: Score | null; target: Score | null; gain: Score | null };
  areas: AreaFigure[];
  planFindings: Finding[];
}

interface Scored {
  code: string;
  row: PlanRow;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
}

export function buildModel(plan: PlanView): PlanModel {
  const scored: Scored[] = plan.rows.map((row) => ({
    code: row.code,
    row,
    max: scoreOf(row.max),
    baseline: scoreOf(row.baseline),
    target: scoreOf(row.target),
  }));
  const tree = buildTree(scored);
  const findingsByCode = new Map<string, Finding[]>();
  const planFindings: Finding[] = [];
  for (const f of plan.findings) {
    if (f.code === null) planFindings.push(f);
    else findingsByCode.set(f.code, [...(findingsByCode.get(f.code) ?? []), f]);
  }
  const byCode = new Map<string, RowModel>();
  const parentOf = new Map<string, string | null>();
  const toModel = (node: TreeNode<Scored>): RowModel => {
    const { row } = node.row;
    const { max, baseline, target } = node.row;
    const units = row.task
      ? [...row.task.leadUnits, ...row.task.supportUnits].map((u) => u.name).join(' ')
      : '';
    const model: RowModel = {
      key: row.code,
      row,
      depth: row.depth,
      isLeaf: node.children.length === 0,
      max,
      baseline,
      target,
      gain: diff(target, baseline),
      findings: findingsByCode.get(row.code) ?? [],
      haystack: fold(`${row.code} ${row.name} ${row.task?.text ?? ''} ${units}`),
    };
    byCode.set(row.code, model);
    parentOf.set(row.code, node.parent?.row.code ?? null);
    if (node.children.length > 0) model.children = node.children.map(toModel);
    return model;
  };
  const roots = tree.roots.map(toModel);
  // the same totals the server lists and the exports print: the stated total row, or the areas' sum
  const totals = planTotals(plan);
  return {
    roots,
    byCode,
    parentOf,
    totals,
    areas: roots.map((r) => ({
      code: r.key,
      name: r.row.name,
      max: r.max,
      baseline: r.baseline,
      target: r.target,
      lost: diff(r.max, r.baseline),
    })),
    planFindings,
  };
}

export function* allRows(roots: readonly RowModel[]): Generator<RowModel> {
  for (const r of roots) {
    yield r;
    if (r.children) yield* allRows(r.children);
  }
}

/** Codes to show for a search and a unit filter: the matching rows and their ancestors. */
export function visibleCodes(model: PlanModel, search: string, unitId: number | null): Set<string> | null {
  const needle = fold(search.trim()).replace(/\s+/g, ' ');
  if (needle === '' && unitId === null) return null;
  const keep = new Set<string>();
  for (const r of allRows(model.roots)) {
    const textOk = needle === '' || r.haystack.includes(needle);
    const unitOk =
      unitId === null ||
      (r.row.task !== null &&
        [...r.row.task.leadUnits, ...r.row.task.supportUnits].some((u) => u.id === unitId));
    if (textOk && unitOk) {
      for (let code: string | null = r.key; code !== null; code = model.parentOf.get(code) ?? null)
        keep.add(code);
    }
  }
  return keep;
}

export function filterTree(roots: readonly RowModel[], keep: Set<string> | null): RowModel[] {
  if (keep === null) return [...roots];
  return roots
    .filter((r) => keep.has(r.key))
    .map((r) => (r.children ? { ...r, children: filterTree(r.children, keep) } : r))
    .map((r) => (r.children && r.children.length === 0 ? { ...r, children: undefined } : r));
}

export interface Loss {
  row: RowModel;
  lost: Score;
  hasTask: boolean;
  hasLead: boolean;
}

/** The leaves that lose the most points (max − baseline), most first. */
export function topLosses(model: PlanModel, count = 10): Loss[] {
  const out: Loss[] = [];
  for (const r of allRows(model.roots)) {
    if (!r.isLeaf) continue;
    const lost = diff(r.max, r.baseline);
    if (lost === null || lost.units <= 0) continue;
    out.push({
      row: r,
      lost,
      hasTask: (r.row.task?.text.trim() ?? '') !== '',
      hasLead: (r.row.task?.leadUnits.length ?? 0) > 0,
    });
  }
  return out
    .sort((a, b) => b.lost.units - a.lost.units || a.row.key.localeCompare(b.row.key))
    .slice(0, count);
}

export { taskRows, type TaskRow };

/** The lead units named in a plan, as options for a filter, in Vietnamese order. */
export function leadUnitOptions(rows: readonly PlanRow[]): { value: number; label: string }[] {
  const used = new Map<number, string>();
  for (const r of rows) for (const u of r.task?.leadUnits ?? []) used.set(u.id, u.name);
  return [...used].map(([value, label]) => ({ value, label })).sort((a, b) => compareVi(a.label, b.label));
}

export function isOverdue(task: Task, today = todayIso()): boolean {
  return overdueOn(task, today);
}

export interface UnitCompletion {
  unitId: number;
  unit: string;
  tasks: number;
  byStatus: Record<TaskStatus, number>;
  overdue: number;
  /** share of tasks done, 0..100 */
  done: number;
}

/** Task completion per lead unit, over the criteria that have a task. */
export function completionByUnit(plan: PlanView, today = todayIso()): UnitCompletion[] {
  const map = new Map<number, UnitCompletion>();
  for (const row of plan.rows) {
    const task = row.task;
    if (!task) continue;
    for (const unit of task.leadUnits) {
      let c = map.get(unit.id);
      if (!c) {
        c = {
          unitId: unit.id,
          unit: unit.name,
          tasks: 0,
          byStatus: { not_started: 0, in_progress: 0, done: 0, at_risk: 0 },
          overdue: 0,
          done: 0,
        };
        map.set(unit.id, c);
      }
      c.tasks += 1;
      c.byStatus[task.status] += 1;
      if (isOverdue(task, today)) c.overdue += 1;
    }
  }
  return [...map.values()]
    .map((c) => ({ ...c, done: Math.round((c.byStatus.done / c.tasks) * 100) }))
    .sort((a, b) => b.tasks - a.tasks || compareVi(a.unit, b.unit));
}

export type Due =
  | { kind: 'none' }
  | { kind: 'done' }
  | { kind: 'later'; days: number }
  | { kind: 'today' }
  | { kind: 'overdue'; days: number };

/** How a task stands against its deadline today: "còn N ngày", "quá hạn N ngày". */
export function dueOf(task: Pick<Task, 'deadline' | 'status'>, today = todayIso()): Due {
  if (task.deadline === null) return { kind: 'none' };
  if (task.status === 'done') return { kind: 'done' };
  const days = daysBetween(today, task.deadline);
  if (days > 0) return { kind: 'later', days };
  return days === 0 ? { kind: 'today' } : { kind: 'overdue', days: -days };
}

/**
 * A task's progress as typed: a whole percent from 0 to 100, "%" allowed after it — what the server
 * takes (shared/api/plans.ts#TaskPatch: an integer 0–100); null for anything else ("12,5", "150",
 * "-5", "", "abc"), which the field refuses before sending.
 */
export function parseProgress(text: string): number | null {
  const match = /^\s*(\d{1,3})\s*%?\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return value <= 100 ? value : null;
}
