/**
 * A plan against the result of its year (issue 12 point 4): per criterion the target against what
 * was achieved, per task its status against the points its criterion gained over the baseline, per
 * lead unit what it fulfilled; the tasks that did not pay off (done, yet the criterion gained nothing
 * or missed its target) and the points gained without a task. Criteria are matched through
 * `resultCodeOf` (the crosswalk when the result's framework is another version; the same code
 * otherwise). Pure and exact.
 */
import type { FollowUpStatus } from './follow-up.js';
import { add, compare, sub, trimScale, type Score } from './score.js';

export interface PlanResultRow {
  code: string;
  name: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  task: {
    text: string;
    status: FollowUpStatus;
    /** null id: a lead unit written but not resolved to the register */
    leadUnits: readonly { id: number | null; name: string }[];
  } | null;
}

/** A criterion's outcome: target reached, missed, no score in the result, or no target set. */
export type TargetOutcome = 'met' | 'not-met' | 'no-result' | 'no-target';

export interface CriterionOutcome {
  code: string;
  name: string;
  /** the code in the result's framework; null when it has no counterpart */
  resultCode: string | null;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
  achieved: Score | null;
  /** achieved − baseline */
  gained: Score | null;
  /** achieved − target */
  gap: Score | null;
  outcome: TargetOutcome;
  hasTask: boolean;
}

export interface TaskOutcome {
  code: string;
  name: string;
  text: string;
  status: FollowUpStatus;
  leadUnits: { id: number | null; name: string }[];
  gained: Score | null;
  outcome: TargetOutcome;
  /** done but the criterion gained nothing or missed its target */
  paidOff: boolean | null;
}

export interface LeadUnitOutcome {
  /** null: tasks without a lead unit */
  unitId: number | null;
  name: string;
  tasks: number;
  done: number;
  /** criteria of its tasks with a target and a result */
  targets: number;
  targetsMet: number;
  /** points its criteria gained over the baseline, each criterion once */
  gained: Score | null;
}

export interface PlanResult {
  criteria: CriterionOutcome[];
  tasks: TaskOutcome[];
  leadUnits: LeadUnitOutcome[];
  /** done, yet the criterion gained nothing or missed its target */
  notPaidOff: TaskOutcome[];
  /** leaf criteria that gained points with no task on them or above them */
  gainedWithoutTask: CriterionOutcome[];
  counts: Record<TargetOutcome, number>;
}

/** A task worth following: some text or a lead unit (as the progress report counts them). */
function followed(task: PlanResultRow['task']): task is NonNullable<PlanResultRow['task']> {
  return task !== null && (task.text.trim() !== '' || task.leadUnits.length > 0);
}

function outcomeOf(target: Score | null, achieved: Score | null): TargetOutcome {
  if (achieved === null) return 'no-result';
  if (target === null) return 'no-target';
  return compare(achieved, target) >= 0 ? 'met' : 'not-met';
}

function diff(a: Score | null, b: Score | null): Score | null {
  return a === null || b === null ? null : trimScale(sub(a, b));
}

/**
 * The plan's rows against the result's scores of the plan's unit: `achievedOf` gives the unit's score
 * on a result code (null: none), `resultCodeOf` the code a plan criterion has in the result.
 */
export function planAgainstResult(
  rows: readonly PlanResultRow[],
  achievedOf: (resultCode: string) => Score | null,
  resultCodeOf: (planCode: string) => string | null = (code) => code,
): PlanResult {
  const criteria: CriterionOutcome[] = rows.map((r) => {
    const resultCode = resultCodeOf(r.code);
    const achieved = resultCode === null ? null : achievedOf(resultCode);
    return {
      code: r.code,
      name: r.name,
      resultCode,
      max: r.max,
      baseline: r.baseline,
      target: r.target,
      achieved,
      gained: diff(achieved, r.baseline),
      gap: diff(achieved, r.target),
      outcome: outcomeOf(r.target, achieved),
      hasTask: followed(r.task),
    };
  });
  const byCode = new Map(criteria.map((c) => [c.code, c]));

  const tasks: TaskOutcome[] = [];
  for (const r of rows) {
    if (!followed(r.task)) continue;
    const c = byCode.get(r.code)!;
    let paidOff: boolean | null = null;
    if (r.task.status === 'done') {
      if (c.outcome === 'not-met' || (c.gained !== null && c.gained.units <= 0)) paidOff = false;
      else if (c.gained !== null || c.outcome === 'met') paidOff = true;
    }
    tasks.push({
      code: r.code,
      name: r.name,
      text: r.task.text,
      status: r.task.status,
      leadUnits: [...r.task.leadUnits],
      gained: c.gained,
      outcome: c.outcome,
      paidOff,
    });
  }

  const units = new Map<string, LeadUnitOutcome & { codes: Set<string> }>();
  for (const t of tasks) {
    const leads = t.leadUnits.length > 0 ? t.leadUnits : [{ id: null, name: '' }];
    for (const u of leads) {
      const key = u.id === null ? `name:${u.name}` : `id:${u.id}`;
      let entry = units.get(key);
      if (!entry) {
        entry = {
          unitId: u.id,
          name: u.name,
          tasks: 0,
          done: 0,
          targets: 0,
          targetsMet: 0,
          gained: null,
          codes: new Set(),
        };
        units.set(key, entry);
      }
      entry.tasks += 1;
      if (t.status === 'done') entry.done += 1;
      if (entry.codes.has(t.code)) continue;
      entry.codes.add(t.code);
      const c = byCode.get(t.code)!;
      if (c.outcome === 'met' || c.outcome === 'not-met') {
        entry.targets += 1;
        if (c.outcome === 'met') entry.targetsMet += 1;
      }
      if (c.gained !== null)
        entry.gained = trimScale(entry.gained === null ? c.gained : add(entry.gained, c.gained));
    }
  }

  // a leaf is a row no other row sits under; a task on a row covers the rows below it
  const codes = rows.map((r) => r.code);
  const isLeaf = (code: string) => !codes.some((other) => other.startsWith(`${code}.`));
  const covered = (code: string) =>
    criteria.some((c) => c.hasTask && (c.code === code || code.startsWith(`${c.code}.`)));
  const gainedWithoutTask = criteria.filter(
    (c) => isLeaf(c.code) && c.gained !== null && c.gained.units > 0 && !covered(c.code),
  );

  const counts: Record<TargetOutcome, number> = { met: 0, 'not-met': 0, 'no-result': 0, 'no-target': 0 };
  for (const c of criteria) if (isLeaf(c.code)) counts[c.outcome] += 1;

  return {
    criteria,
    tasks,
    leadUnits: [...units.values()].map(({ codes: _codes, ...u }) => u),
    notPaidOff: tasks.filter((t) => t.paidOff === false),
    gainedWithoutTask,
    counts,
  };
}
