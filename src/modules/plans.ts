/** Reading stored plans back as the domain's PlanDocument, for exports, checks and listings. */
import type { Kysely } from 'kysely';
import type { PlanDocument } from '../core/plan.js';
import { findPlan, listPlans as listPlanRows, type PlanListRow } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { writeDocx } from '../formats/docx-write.js';
import { writeXlsx } from '../formats/xlsx-write.js';
import { parentsFor, requireWholePlan, type Actor } from './access.js';
import { AppError } from './errors.js';
import { planDocument } from './plan-view.js';

export type { PlanListRow };

export function listPlans(db: Kysely<DB>): Promise<PlanListRow[]> {
  return listPlanRows(db);
}

/** A stored plan as a document; unit cells name the units the plan resolved, joined by "; ". */
export async function loadPlanDocument(db: Kysely<DB>, planId: number): Promise<PlanDocument | null> {
  try {
    return await planDocument(db, planId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'PLAN_NOT_FOUND') return null;
    throw error;
  }
}

export type ExportFormat = 'xlsx' | 'docx';

/** The plan as its official appendix; only for readers of the whole plan. */
export async function exportPlan(
  db: Kysely<DB>,
  planId: number,
  format: ExportFormat,
  actor: Actor,
): Promise<Uint8Array | null> {
  const plan = await findPlan(db, planId);
  if (!plan) return null;
  requireWholePlan(actor, 'plan.read', plan.subject_unit_id, await parentsFor(db, actor));
  const doc = await loadPlanDocument(db, planId);
  if (!doc) return null;
  return format === 'xlsx' ? writeXlsx([doc]) : writeDocx([doc]);
}
