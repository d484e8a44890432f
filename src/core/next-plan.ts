/**
 * Next year's plan from the points a unit lost (issue 12.6). Pure: from the unit's result (its score
 * per criterion), the next year's framework (through a crosswalk when the criteria changed) and this
 * year's plan (its tasks and their last status), a draft appendix in the official layout:
 *
 *  - baseline ("Điểm N đạt được") = the score achieved, max = the next year's framework's;
 *  - a criterion at its max keeps its target; one that lost points gets, by its area's choice, its
 *    max back (full), a share of what it lost (baseline + share × lost, half-up to the criterion's
 *    precision: the decimals its max or baseline is written with), or no target (manual: the
 *    officer writes it);
 *  - this year's task of a criterion that still lost points is carried over (its status noted in the
 *    proposal); a criterion that lost points without a task gets a row to write; lead units stay;
 *  - parents and the total are the sums of their children (core/tree.ts#rollUp).
 */
import { proposeCrosswalk } from './crosswalk.js';
import type { FollowUpStatus } from './follow-up.js';
import type { PlanDocument, PlanRow } from './plan.js';
import { compare, sub, trimScale, type Score } from './score.js';
import { buildTree, rollUp, rollUpRoots, walk, type TreeNode } from './tree.js';

/** A criterion of the next year's framework, in tree order. */
export interface NextCriterion {
  code: string;
  /** the code as the framework writes it ("1.1", "II") */
  rawCode: string;
  name: string;
  max: Score | null;
}

/** A criterion of the result and what the unit scored on it (its codes are the result's framework's). */
export interface AchievedCriterion {
  code: string;
  name: string;
  score: Score | null;
}

/** A row of this year's plan of the unit (codes of the result's year). */
export interface LastPlanRow {
  code: string;
  task: string;
  leadUnits: string;
  /** the task's last follow-up status; null: no task */
  status: FollowUpStatus | null;
}

export type Recovery = { mode: 'full' } | { mode: 'share'; share: Score } | { mode: 'manual' };
export type RecoveryMode = Recovery['mode'];

export interface NextPlanInput {
  /** the unit's name: "Tỉnh Đắk Nông" */
  subject: string;
  /** the plan's year (the result's year + 1, usually) */
  year: number;
  resultYear: number;
  criteria: readonly NextCriterion[];
  achieved: readonly AchievedCriterion[];
  /** from the result's codes to the next year's; null: proposed here (same code, then the name) */
  crosswalk: readonly { fromCode: string; toCode: string | null }[] | null;
  lastPlan: readonly LastPlanRow[];
  /** by area code (a root of the next year's tree); an area not given recovers fully */
  recovery: Readonly<Record<string, Recovery>>;
}

/** How a row's target was proposed. */
export type TargetBasis = 'kept' | RecoveryMode | 'sum';

export interface NextPlanRow {
  code: string;
  name: string;
  /** the area (root) the row belongs to */
  area: string;
  leaf: boolean;
  /** the result's criterion it continues (null: new, or a parent) */
  fromCode: string | null;
  max: Score | null;
  baseline: Score | null;
  /** max − baseline on a leaf, above 0; null when nothing was lost or nothing is known */
  lost: Score | null;
  target: Score | null;
  basis: TargetBasis;
  /** carried: this year's task continues; new: a task to write */
  task: 'carried' | 'new' | null;
  /** the carried task's last status */
  carriedStatus: FollowUpStatus | null;
  taskText: string;
  leadUnits: string;
}

export interface NextPlanDraft {
  document: PlanDocument;
  rows: NextPlanRow[];
}

export const DEFAULT_RECOVERY: Recovery = { mode: 'full' };

/** The appendix's title for a unit and year, worded as the published appendices are. */
export function nextPlanTitle(subject: string, year: number): string {
  return `NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC ${subject.toLocaleUpperCase('vi')} NĂM ${year}`;
}

/**
 * baseline + share × lost, half-up to `decimals` (share a fraction 0..1). Exact: ten-thousandths
 * times ten-thousandths stay far below 2^53 for any PAR score.
 */
export function shareTarget(baseline: Score, lost: Score, share: Score, decimals: number): Score {
  const numerator = baseline.units * 10_000 + share.units * lost.units;
  const step = 10 ** (4 - decimals) * 10_000;
  const units = Math.floor((numerator + step / 2) / step) * 10 ** (4 - decimals);
  return { units, scale: decimals };
}

export function proposeNextPlan(input: NextPlanInput): NextPlanDraft {
  const toCodeOf = crosswalkOf(input);
  const achievedTo = new Map<string, AchievedCriterion>();
  for (const a of input.achieved) {
    const to = toCodeOf(a.code);
    if (to !== null && !achievedTo.has(to)) achievedTo.set(to, a);
  }
  const lastTo = new Map<string, LastPlanRow[]>();
  for (const r of input.lastPlan) {
    const to = toCodeOf(r.code);
    if (to === null) continue;
    lastTo.set(to, [...(lastTo.get(to) ?? []), r]);
  }

  const tree = buildTree(input.criteria.map((c) => ({ ...c })));
  const rows = new Map<string, NextPlanRow>();
  const areaOf = (node: TreeNode<NextCriterion>): string => {
    let n = node;
    while (n.parent) n = n.parent;
    return n.row.code;
  };
  // leaves first: their baselines and targets
  walk(tree.roots, (node) => {
    const c = node.row;
    const from = achievedTo.get(c.code) ?? null;
    const last = lastTo.get(c.code) ?? [];
    const leaf = node.children.length === 0;
    const baseline = leaf ? (from?.score ?? null) : null;
    const lost = leaf && baseline !== null && c.max !== null ? positive(sub(c.max, baseline)) : null;
    const area = areaOf(node);
    const { target, basis } = leaf
      ? leafTarget(c.max, baseline, lost, input.recovery[area] ?? DEFAULT_RECOVERY)
      : { target: null, basis: 'sum' as const };
    const tasks = last.filter((r) => r.task.trim() !== '');
    const carried = leaf && lost !== null && tasks.length > 0;
    rows.set(c.code, {
      code: c.code,
      name: c.name,
      area,
      leaf,
      fromCode: leaf ? (from?.code ?? null) : null,
      max: c.max,
      baseline,
      lost,
      target,
      basis,
      task: carried ? 'carried' : leaf && lost !== null ? 'new' : null,
      carriedStatus: carried ? worstStatus(tasks) : null,
      taskText: carried ? tasks.map((r) => r.task).join('\n') : '',
      leadUnits: joinUnits(last.map((r) => r.leadUnits)),
    });
  });
  // parents: the sums of their children
  const ordered: NextPlanRow[] = [];
  walk(tree.roots, (node) => {
    const row = rows.get(node.row.code)!;
    if (!row.leaf) {
      row.baseline = rollUp(node, (c) => rows.get(c.code)!.baseline);
      row.target = rollUp(node, (c) => rows.get(c.code)!.target);
    }
    ordered.push(row);
  });

  const planRows: PlanRow[] = ordered.map((r) => ({
    code: r.code,
    rawCode: input.criteria.find((c) => c.code === r.code)?.rawCode ?? r.code,
    name: r.name,
    max: r.max,
    baseline: r.baseline,
    target: r.target,
    task: r.taskText,
    leadUnits: r.leadUnits,
    supportUnits: '',
    deadline: '',
    location: null,
  }));
  const totalOf = (field: 'max' | 'baseline' | 'target') =>
    rollUpRoots(tree, (c) => (field === 'max' ? c.max : rows.get(c.code)![field]));
  const document: PlanDocument = {
    label: 'PHỤ LỤC',
    title: nextPlanTitle(input.subject, input.year),
    subtitle: null,
    subject: input.subject,
    year: input.year,
    baselineYear: input.resultYear,
    rows: planRows,
    statedTotals: { max: totalOf('max'), baseline: totalOf('baseline'), target: totalOf('target') },
    totalLocation: null,
    columns: {},
  };
  return { document, rows: ordered };
}

function leafTarget(
  max: Score | null,
  baseline: Score | null,
  lost: Score | null,
  recovery: Recovery,
): { target: Score | null; basis: TargetBasis } {
  if (baseline === null) {
    // nothing achieved is known (a new criterion): only a full recovery proposes a figure
    return recovery.mode === 'full' && max !== null
      ? { target: max, basis: 'full' }
      : { target: null, basis: 'manual' };
  }
  if (max === null) return { target: baseline, basis: 'kept' };
  // at the max (or above a max that was lowered): the max
  if (lost === null) return { target: compare(baseline, max) > 0 ? max : baseline, basis: 'kept' };
  switch (recovery.mode) {
    case 'full':
      return { target: max, basis: 'full' };
    case 'share': {
      const decimals = Math.max(max.scale, baseline.scale);
      const target = shareTarget(baseline, lost, recovery.share, decimals);
      return { target: compare(target, max) > 0 ? max : target, basis: 'share' };
    }
    case 'manual':
      return { target: null, basis: 'manual' };
  }
}

function positive(s: Score): Score | null {
  return s.units > 0 ? trimScale(s) : null;
}

/** The result's code → the next year's: the crosswalk given, else proposed; codes it does not know stay. */
function crosswalkOf(input: NextPlanInput): (fromCode: string) => string | null {
  const matches =
    input.crosswalk ??
    proposeCrosswalk(
      input.achieved.map((a) => ({ code: a.code, name: a.name })),
      input.criteria.map((c) => ({ code: c.code, name: c.name })),
    ).matches;
  const map = new Map(matches.map((m) => [m.fromCode, m.toCode]));
  const known = new Set(input.criteria.map((c) => c.code));
  return (code) => (map.has(code) ? map.get(code)! : known.has(code) ? code : null);
}

const STATUS_ORDER: readonly FollowUpStatus[] = ['at_risk', 'not_started', 'in_progress', 'done'];

/** Of several tasks carried into one row, the status that needs the most attention. */
function worstStatus(rows: readonly LastPlanRow[]): FollowUpStatus | null {
  const statuses = rows.map((r) => r.status).filter((s): s is FollowUpStatus => s !== null);
  if (statuses.length === 0) return null;
  return STATUS_ORDER.find((s) => statuses.includes(s)) ?? null;
}

function joinUnits(cells: readonly string[]): string {
  const seen: string[] = [];
  for (const cell of cells) {
    const text = cell.trim();
    if (text !== '' && !seen.includes(text)) seen.push(text);
  }
  return seen.join('; ');
}
