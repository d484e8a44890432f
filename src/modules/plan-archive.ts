/**
 * Archiving and deleting a plan. An archived plan is kept whole with its audit trail, read-only
 * (plan-edits.ts refuses every edit) and left out of the plans list unless asked for. Deleting is
 * for an administrator (`plan.delete`) who types the plan's name; the plan's full content goes into
 * the audit entry as JSON in the same transaction, so nothing is lost.
 */
import { confirms, planConfirmName } from '../core/plan-name.js';
import { deletePlanRows, lockAndFindPlan } from '../db/plans-repo.js';
import { unitNames } from '../db/units-repo.js';
import { requireWholePlanOf, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { bumpPlan } from './plan-edits.js';
import { planView } from './plan-view.js';
import type { Deps } from './deps.js';

export type ArchiveDeps = Deps;

/** Archives or unarchives a plan (plan.edit on the whole plan); the same state again changes nothing. */
export async function setPlanArchived(
  deps: ArchiveDeps,
  actor: Actor,
  planId: number,
  archived: boolean,
): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const plan = await lockAndFindPlan(db, planId);
    if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
    await requireWholePlanOf(db, actor, 'plan.edit', plan.subject_unit_id);
    const before = Number(plan.archived);
    const after = Number(archived);
    if (before === after) return;
    await bumpPlan(db, planId, now, { archived: after });
    await audit(db, actor, now, [
      {
        action: 'plan.archive',
        entity: 'plan',
        entityId: planId,
        planId,
        unitId: plan.subject_unit_id,
        field: 'archived',
        oldValue: before,
        newValue: after,
      },
    ]);
  });
}

/**
 * Deletes a plan with everything in it. The administrator confirms by typing the plan's name
 * (core/plan-name.ts); the audit entry keeps the plan as the API showed it (rows, tasks, follow-up,
 * units, findings) and its stored record, as JSON in `old_value`.
 */
export async function deletePlan(
  deps: ArchiveDeps,
  actor: Actor,
  planId: number,
  confirmation: string,
): Promise<void> {
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const plan = await lockAndFindPlan(db, planId);
    if (!plan) throw new AppError('PLAN_NOT_FOUND', { id: planId });
    await requireWholePlanOf(db, actor, 'plan.delete', plan.subject_unit_id);
    const subject = (await unitNames(db, [plan.subject_unit_id])).get(plan.subject_unit_id) ?? '';
    const expected = planConfirmName(subject, plan.year);
    if (!confirms(confirmation, expected)) throw new AppError('CONFIRMATION_MISMATCH', { expected });
    const { access: _access, ...content } = await planView(db, planId);
    const kept = { record: plan, plan: content };
    await audit(db, actor, now, [
      {
        action: 'plan.delete',
        entity: 'plan',
        entityId: planId,
        planId,
        unitId: plan.subject_unit_id,
        field: 'content',
        oldValue: JSON.stringify(kept),
        newValue: null,
      },
    ]);
    // items, their tasks and the tasks' units go with the plan (ON DELETE CASCADE, migration 0001)
    await deletePlanRows(db, planId);
  });
}
