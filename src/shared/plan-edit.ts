/**
 * A score edit's answer (api/plans.ts#PlanEdit) applied to the plan a page holds: the one way the web
 * app and the tests turn it into the plan as a reload of that version would show it.
 */
import type { PlanEdit, PlanView } from './api.js';

/**
 * The plan after an edit: its changed rows, stated total, findings, version and date replaced.
 * `null` when the answer does not follow the version held (another change came between them, or
 * answers arrived out of order): only a reload then shows the plan as stored.
 */
export function mergePlanEdit(plan: PlanView, edit: PlanEdit): PlanView | null {
  if (edit.id !== plan.id || edit.version !== plan.version + 1) return null;
  const changed = new Map(edit.rows.map((r) => [r.itemId, r]));
  return {
    ...plan,
    version: edit.version,
    updatedAt: edit.updatedAt,
    statedTotals: edit.statedTotals,
    rows: plan.rows.map((r) => changed.get(r.itemId) ?? r),
    findings: edit.findings,
  };
}
