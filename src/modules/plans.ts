/** Reading stored plans back as the domain's PlanDocument, for exports, checks and listings. */
import type { Kysely } from 'kysely';
import type { PlanDocument } from '../core/plan.js';
import { fileSlug } from '../core/text.js';
import { findPlan, type PlanListRow } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { writeDocx } from '../formats/docx-write.js';
import { writeXlsx } from '../formats/xlsx-write.js';
import { parentsForPlan, requireWholePlan, type Actor } from './access.js';
import { planDocument } from './plan-view.js';

export type { PlanListRow };
export { listPlans } from '../db/plans-repo.js';

/** A stored plan as a document; unit cells name the units the plan resolved, joined by "; ". */
export async function loadPlanDocument(db: Kysely<DB>, planId: number): Promise<PlanDocument | null> {
  return (await findPlan(db, planId)) ? planDocument(db, planId) : null;
}

export type ExportFormat = 'xlsx' | 'docx';

/**
 * The plan as its official appendix, with a file name that says whose and which year
 * ("ke-hoach-cchc-huyen-krong-no-2023.xlsx"); only for readers of the whole plan.
 */
export async function exportPlan(
  db: Kysely<DB>,
  planId: number,
  format: ExportFormat,
  actor: Actor,
): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  const plan = await findPlan(db, planId);
  if (!plan) return null;
  requireWholePlan(
    actor,
    'plan.read',
    plan.subject_unit_id,
    await parentsForPlan(db, actor, plan.subject_unit_id),
  );
  const doc = await planDocument(db, planId);
  const bytes = format === 'xlsx' ? await writeXlsx([doc]) : await writeDocx([doc]);
  return { bytes, fileName: `ke-hoach-cchc-${fileSlug(doc.subject ?? '') || planId}-${plan.year}.${format}` };
}
