/**
 * The progress of a plan's tasks on a given day, as a report sent upward reads it: every task with
 * its status and whether it is overdue, and the counts per area and per lead unit with the points at
 * stake. Pure: the day is an argument, never the clock.
 */
import { daysBetween } from './dates.js';
import { sub, sum, trimScale, type Score } from './score.js';
import { buildTree, rollUp, type TreeNode } from './tree.js';

export type ProgressStatus = 'not_started' | 'in_progress' | 'done' | 'at_risk';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['not_started', 'in_progress', 'at_risk', 'done'];

export interface ProgressInput {
  code: string;
  name: string;
  max: Score | null;
  baseline: Score | null;
  task: {
    text: string;
    status: ProgressStatus;
    /** 0..100 */
    progress: number;
    /** yyyy-mm-dd, or null when the task has no calendar deadline */
    deadline: string | null;
    /** the deadline as the document wrote it ("Quý II/2023") */
    deadlineText: string;
    note: string;
    leadUnits: readonly string[];
  } | null;
}

export interface ProgressRow {
  code: string;
  name: string;
  areaCode: string;
  task: string;
  leadUnits: readonly string[];
  deadline: string | null;
  deadlineText: string;
  status: ProgressStatus;
  progress: number;
  note: string;
  /** days past the deadline on the report's day; null when not overdue (done, no deadline, not yet due) */
  overdueDays: number | null;
  /** max − baseline of the criterion (live sums for a parent); null when either is missing */
  atStake: Score | null;
}

export interface ProgressCounts {
  tasks: number;
  byStatus: Record<ProgressStatus, number>;
  overdue: number;
  /** share of tasks done, 0..100, rounded */
  donePercent: number;
  /** points at stake of the criteria with a task, each criterion counted once */
  atStake: Score | null;
  /** of which on tasks not done yet */
  atStakeOpen: Score | null;
}

export interface ProgressGroup extends ProgressCounts {
  key: string;
  label: string;
}

export interface ProgressReport {
  asOf: string;
  rows: ProgressRow[];
  total: ProgressCounts;
  byArea: ProgressGroup[];
  byUnit: ProgressGroup[];
}

/** The label of the tasks no lead unit was given. */
export const NO_LEAD_UNIT = 'Chưa giao đơn vị chủ trì';

/** A row carries a task worth following when it has some text or a lead unit (as the page lists them). */
function followed(r: ProgressInput): r is ProgressInput & { task: NonNullable<ProgressInput['task']> } {
  return r.task !== null && (r.task.text.trim() !== '' || r.task.leadUnits.length > 0);
}

export function overdueDays(
  task: { deadline: string | null; status: ProgressStatus },
  asOf: string,
): number | null {
  if (task.deadline === null || task.status === 'done') return null;
  const days = daysBetween(task.deadline, asOf);
  return days > 0 ? days : null;
}

/**
 * Rows are the plan's criteria in document order. `keep` picks the rows of the report (a lead
 * unit's report keeps its rows); the area figures are then over the kept rows only.
 */
export function progressReport(
  rows: readonly ProgressInput[],
  asOf: string,
  keep: (row: ProgressInput) => boolean = () => true,
): ProgressReport {
  const tree = buildTree(rows);
  const areaOf = (node: TreeNode<ProgressInput>) => {
    let n = node;
    while (n.parent) n = n.parent;
    return n;
  };
  const out: ProgressRow[] = [];
  // a criterion's points count once, even when it and one of its ancestors both carry a task
  const counted = new Map<ProgressRow, boolean>();
  const chosen = new Set<TreeNode<ProgressInput>>();
  for (const node of tree.nodes) {
    const r = node.row;
    if (!followed(r) || !keep(r)) continue;
    chosen.add(node);
  }
  for (const node of tree.nodes) {
    if (!chosen.has(node)) continue;
    const { row: r } = node;
    const task = r.task!;
    const max = rollUp(node, (x) => x.max);
    const baseline = rollUp(node, (x) => x.baseline);
    const row: ProgressRow = {
      code: r.code,
      name: r.name,
      areaCode: areaOf(node).row.code,
      task: task.text,
      leadUnits: task.leadUnits,
      deadline: task.deadline,
      deadlineText: task.deadlineText,
      status: task.status,
      progress: task.progress,
      note: task.note,
      overdueDays: overdueDays(task, asOf),
      atStake: max !== null && baseline !== null ? trimScale(sub(max, baseline)) : null,
    };
    let ancestorChosen = false;
    for (let p = node.parent; p; p = p.parent) if (chosen.has(p)) ancestorChosen = true;
    counted.set(row, !ancestorChosen);
    out.push(row);
  }

  const counts = (members: readonly ProgressRow[]): ProgressCounts => {
    const byStatus: Record<ProgressStatus, number> = { not_started: 0, in_progress: 0, at_risk: 0, done: 0 };
    for (const m of members) byStatus[m.status] += 1;
    const stakes = (open: boolean) => {
      const parts = members
        .filter((m) => counted.get(m) && (!open || m.status !== 'done'))
        .map((m) => m.atStake)
        .filter((s): s is Score => s !== null);
      return parts.length > 0 ? trimScale(sum(parts)) : null;
    };
    return {
      tasks: members.length,
      byStatus,
      overdue: members.filter((m) => m.overdueDays !== null).length,
      donePercent: members.length === 0 ? 0 : Math.round((byStatus.done / members.length) * 100),
      atStake: stakes(false),
      atStakeOpen: stakes(true),
    };
  };

  const byArea: ProgressGroup[] = tree.roots
    .map((root) => ({ root, members: out.filter((r) => r.areaCode === root.row.code) }))
    .filter((a) => a.members.length > 0)
    .map(({ root, members }) => ({ key: root.row.code, label: root.row.name, ...counts(members) }));

  const unitMembers = new Map<string, ProgressRow[]>();
  for (const r of out) {
    for (const u of r.leadUnits.length > 0 ? r.leadUnits : [NO_LEAD_UNIT]) {
      unitMembers.set(u, [...(unitMembers.get(u) ?? []), r]);
    }
  }
  const byUnit: ProgressGroup[] = [...unitMembers]
    .map(([unit, members]) => ({ key: unit, label: unit, ...counts(members) }))
    .sort(
      (a, b) =>
        Number(a.key === NO_LEAD_UNIT) - Number(b.key === NO_LEAD_UNIT) ||
        b.tasks - a.tasks ||
        a.label.localeCompare(b.label, 'vi'),
    );

  return { asOf, rows: out, total: counts(out), byArea, byUnit };
}
