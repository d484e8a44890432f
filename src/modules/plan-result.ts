/**
 * A plan against the result of its year (issue 12 point 4): the result of the plan's year whose units
 * include the plan's subject (results-repo#resultsOfUnits), its scores matched to the plan's criteria
 * (through the confirmed crosswalk when the result's framework is another version) and compared by
 * core/plan-result.ts. Also names the pool's latest result of the unit: the what-if panel's and the
 * next year's plan's starting point. Read by the plan's readers (a lead-unit officer: their rows).
 */
import { planAgainstResult, type CriterionOutcome, type TaskOutcome } from '../core/plan-result.js';
import { decimalOrNull, storedScore, type Score } from '../core/score.js';
import { crosswalkRows } from '../db/frameworks-repo.js';
import { findPlan } from '../db/plans-repo.js';
import { findPool, findResult, resultScores, resultsOfUnits } from '../db/results-repo.js';
import type { PlanResultResponse, PlanView } from '../shared/api.js';
import { parentsForPlan, planAccess, type Actor } from './access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { planView } from './plan-view.js';

type UnitResultRow = Awaited<ReturnType<typeof resultsOfUnits>>[number];

/** The plan's code → the result's code: the confirmed crosswalk either way, else the same code. */
async function codeMatcher(
  deps: Deps,
  planFramework: number,
  resultFramework: number | null,
): Promise<{ resultCodeOf: (code: string) => string | null; crosswalk: boolean }> {
  if (resultFramework === null || resultFramework === planFramework)
    return { resultCodeOf: (code) => code, crosswalk: false };
  const forward = await crosswalkRows(deps.db, planFramework, resultFramework);
  const backward = forward.length > 0 ? [] : await crosswalkRows(deps.db, resultFramework, planFramework);
  const map = new Map<string, string | null>();
  for (const r of forward) if (r.status === 'confirmed') map.set(r.from_code, r.to_code);
  for (const r of backward)
    if (r.status === 'confirmed' && r.to_code !== null) map.set(r.to_code, r.from_code);
  if (map.size === 0) return { resultCodeOf: (code) => code, crosswalk: false };
  return { resultCodeOf: (code) => map.get(code) ?? null, crosswalk: true };
}

async function refOf(deps: Deps, row: UnitResultRow, crosswalk: boolean) {
  const [result, pool] = await Promise.all([
    findResult(deps.db, row.result_id),
    findPool(deps.db, row.pool_id),
  ]);
  return {
    id: row.result_id,
    year: row.year,
    poolId: row.pool_id,
    poolName: pool?.name ?? '',
    title: result?.title ?? '',
    index: decimalOrNull(storedScore(row.index))!,
    crosswalk,
  };
}

/** The rows of the plan a lead-unit officer reads: where one of their units leads or supports a task. */
function readableRows(view: PlanView, units: ReadonlySet<number> | null): PlanView['rows'] {
  if (units === null) return view.rows;
  return view.rows.filter(
    (r) => r.task && [...r.task.leadUnits, ...r.task.supportUnits].some((u) => units.has(u.id)),
  );
}

export async function planResult(deps: Deps, actor: Actor, planId: number): Promise<PlanResultResponse> {
  const { db } = deps;
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
  const read = planAccess(
    actor,
    'plan.read',
    plan.subject_unit_id,
    await parentsForPlan(db, actor, plan.subject_unit_id),
  );
  if (!read) throw new AppError('FORBIDDEN');
  const view = await planView(db, planId);
  const rows = readableRows(view, read.kind === 'lead' ? read.units : null);
  if (rows.length === 0) throw new AppError('FORBIDDEN');

  const history = await resultsOfUnits(db, [plan.subject_unit_id]);
  const ofYear = history.filter((r) => r.year === plan.year);
  const chosen = ofYear.find((r) => r.framework_id === plan.framework_id) ?? ofYear[0] ?? null;
  const poolId = chosen?.pool_id ?? history.at(-1)?.pool_id ?? null;
  const latestRow = history.filter((r) => r.pool_id === poolId).at(-1) ?? null;

  const base = { planId, year: plan.year, unitId: plan.subject_unit_id, unit: view.subject.name };
  const latest = latestRow && (await refOf(deps, latestRow, false));
  if (!chosen) return { ...base, result: null, latest, comparison: null };

  const match = await codeMatcher(deps, plan.framework_id, chosen.framework_id);
  const scores = new Map<string, Score | null>(
    (await resultScores(db, chosen.result_id, [chosen.id])).map((s) => [s.code, storedScore(s.score)]),
  );
  const compared = planAgainstResult(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      max: storedScore(r.max),
      baseline: storedScore(r.baseline),
      target: storedScore(r.target),
      task: r.task && {
        text: r.task.text,
        status: r.task.status,
        leadUnits:
          r.task.leadUnits.length > 0
            ? r.task.leadUnits.map((u) => ({ id: u.id, name: u.name }))
            : r.task.leadUnitsText.trim() === ''
              ? []
              : [{ id: null, name: r.task.leadUnitsText.trim() }],
      },
    })),
    (code) => scores.get(code) ?? null,
    match.resultCodeOf,
  );
  const criterion = (c: CriterionOutcome) => ({
    ...c,
    max: decimalOrNull(c.max),
    baseline: decimalOrNull(c.baseline),
    target: decimalOrNull(c.target),
    achieved: decimalOrNull(c.achieved),
    gained: decimalOrNull(c.gained),
    gap: decimalOrNull(c.gap),
  });
  const task = (t: TaskOutcome) => ({ ...t, gained: decimalOrNull(t.gained) });
  return {
    ...base,
    result: await refOf(deps, chosen, match.crosswalk),
    latest,
    comparison: {
      criteria: compared.criteria.map(criterion),
      tasks: compared.tasks.map(task),
      leadUnits: compared.leadUnits.map((u) => ({ ...u, gained: decimalOrNull(u.gained) })),
      notPaidOff: compared.notPaidOff.map(task),
      gainedWithoutTask: compared.gainedWithoutTask.map(criterion),
      counts: compared.counts,
    },
  };
}
