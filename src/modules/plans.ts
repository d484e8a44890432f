/** Reading stored plans back as the domain's PlanDocument, for exports, checks and listings. */
import type { Kysely } from 'kysely';
import type { PlanDocument, PlanRow } from '../core/plan.js';
import { fromDecimalString, type Score } from '../core/score.js';
import {
  listPlans as listPlanRows,
  findPlan,
  planRows,
  planTaskUnits,
  type PlanListRow,
} from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { unitNames } from '../db/units-repo.js';
import { writeDocx } from '../formats/docx-write.js';
import { writeXlsx } from '../formats/xlsx-write.js';

export type { PlanListRow };

export function listPlans(db: Kysely<DB>): Promise<PlanListRow[]> {
  return listPlanRows(db);
}

function score(text: string | null): Score | null {
  return text === null ? null : fromDecimalString(text);
}

/** A stored plan as a document; unit cells name the units the plan resolved, joined by "; ". */
export async function loadPlanDocument(db: Kysely<DB>, planId: number): Promise<PlanDocument | null> {
  const plan = await findPlan(db, planId);
  if (!plan) return null;
  const [rows, units, subjects] = await Promise.all([
    planRows(db, planId),
    planTaskUnits(db, planId),
    unitNames(db, [plan.subject_unit_id]),
  ]);
  const unitsOf = (taskId: number | null, role: 'lead' | 'support') =>
    units.filter((u) => u.taskId === taskId && u.role === role).map((u) => u.unitName);
  const planRowsOut: PlanRow[] = rows.map((r) => {
    const lead = unitsOf(r.taskId, 'lead');
    const support = unitsOf(r.taskId, 'support');
    return {
      code: r.code,
      rawCode: r.code,
      name: r.name,
      max: score(r.maxScore),
      baseline: score(r.baseline),
      target: score(r.target),
      task: r.taskText ?? '',
      leadUnits: lead.length > 0 ? lead.join('; ') : (r.leadUnitsText ?? ''),
      supportUnits: support.length > 0 ? support.join('; ') : (r.supportUnitsText ?? ''),
      deadline: r.deadlineText ?? '',
      location: null,
    };
  });
  const totals = [plan.stated_max, plan.stated_baseline, plan.stated_target];
  return {
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    subject: subjects.get(plan.subject_unit_id) ?? null,
    year: plan.year,
    baselineYear: plan.baseline_year,
    rows: planRowsOut,
    statedTotals: totals.every((t) => t === null)
      ? null
      : {
          max: score(plan.stated_max),
          baseline: score(plan.stated_baseline),
          target: score(plan.stated_target),
        },
    totalLocation: null,
    columns: {},
  };
}

export type ExportFormat = 'xlsx' | 'docx';

export async function exportPlan(
  db: Kysely<DB>,
  planId: number,
  format: ExportFormat,
): Promise<Uint8Array | null> {
  const doc = await loadPlanDocument(db, planId);
  if (!doc) return null;
  return format === 'xlsx' ? writeXlsx([doc]) : writeDocx([doc]);
}
