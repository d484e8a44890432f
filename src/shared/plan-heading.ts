/**
 * What the top of a plan's page shows — its totals, its tasks done and overdue, its open findings —
 * from the plan as the API sends it (PlanView): the web page (features/plans) and the server's first
 * screen of that page (http/first-screen.ts) both count them here, so the two cannot disagree.
 */
import { shownTotal } from '../core/consistency.js';
import { formatScore, storedScore, sub, trimScale, type Score } from '../core/score.js';
import type { PlanRow, PlanView, Task } from './api.js';

export type TaskRow = PlanRow & { task: Task };

/** The rows with a task worth following (a text or a lead unit), as the page and the report count them. */
export function taskRows(plan: Pick<PlanView, 'rows'>): TaskRow[] {
  return plan.rows.filter(
    (r): r is TaskRow => r.task !== null && (r.task.text !== '' || r.task.leadUnits.length > 0),
  );
}

/** Not done, its deadline passed (`today` as yyyy-mm-dd in Vietnam). */
export function isOverdue(task: Pick<Task, 'deadline' | 'status'>, today: string): boolean {
  return task.deadline !== null && task.deadline < today && task.status !== 'done';
}

/** a − b, null when either is empty. */
export function scoreDiff(a: Score | null, b: Score | null): Score | null {
  return a === null || b === null ? null : trimScale(sub(a, b));
}

/**
 * A score as the pages show it: "86,26"; a negative one (a penalty) with the minus sign, "−1,5", as
 * its signed differences are written (formatSigned). parseScore reads either sign back.
 */
export function formatShownScore(value: Score, lang: 'vi' | 'en'): string {
  const text = formatScore({ units: Math.abs(value.units), scale: value.scale }, lang);
  return value.units < 0 ? `−${text}` : text;
}

/** A signed difference as the page shows it: "+0,5", "−0,25", "0". */
export function formatSigned(value: Score, lang: 'vi' | 'en'): string {
  if (value.units === 0) return '0';
  return value.units > 0 ? `+${formatShownScore(value, lang)}` : formatShownScore(value, lang);
}

export interface PlanTotals {
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  /** target − baseline */
  gain: Score | null;
}

/** The totals the page shows: the stated total row, or the areas' sum (core/consistency.ts#shownTotal). */
export function planTotals(plan: Pick<PlanView, 'rows' | 'statedTotals'>): PlanTotals {
  const rows = plan.rows.map((row) => ({
    code: row.code,
    max: storedScore(row.max),
    baseline: storedScore(row.baseline),
    target: storedScore(row.target),
  }));
  const stated = plan.statedTotals && {
    max: storedScore(plan.statedTotals.max),
    baseline: storedScore(plan.statedTotals.baseline),
    target: storedScore(plan.statedTotals.target),
  };
  const max = shownTotal(rows, stated, 'max');
  const baseline = shownTotal(rows, stated, 'baseline');
  const target = shownTotal(rows, stated, 'target');
  return { max, baseline, target, gain: scoreDiff(target, baseline) };
}

export interface PlanCounts {
  tasks: number;
  done: number;
  overdue: number;
  /** open errors and warnings: a finding kept as written (acknowledged) is no longer open */
  errors: number;
  warnings: number;
}

export function planCounts(plan: Pick<PlanView, 'rows' | 'findings'>, today: string): PlanCounts {
  const tasks = taskRows(plan);
  const open = plan.findings.filter((f) => f.severity !== 'info' && !f.acknowledgement);
  const errors = open.filter((f) => f.severity === 'error').length;
  return {
    tasks: tasks.length,
    done: tasks.filter((r) => r.task.status === 'done').length,
    overdue: tasks.filter((r) => isOverdue(r.task, today)).length,
    errors,
    warnings: open.length - errors,
  };
}

/**
 * The ids of what the server puts into a plan's page (http/first-screen.ts) and the web app takes
 * out (web/src/main.tsx, features/plans/planQuery.ts): the first screen, in the app's root, and the
 * plan's JSON beside it.
 */
export const FIRST_SCREEN_ID = 'first-screen';
export const PLAN_DATA_ID = 'plan-data';
