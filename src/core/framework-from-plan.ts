/**
 * The criteria tree of an improvement plan as a framework: before frameworks were read from their
 * own documents, the only trees the product knew were the plans' (the seeds: Đắk Nông 2022, Krông
 * Nô 2023). Such a framework has the codes, names and max scores only; every leaf is scored by hand
 * (a quarter-point step), by the unit itself, and must be answered.
 */
import type { FrameworkCriterion, FrameworkDocument } from './framework.js';
import { MANUAL_STEP } from './method-text.js';
import type { PlanDocument } from './plan.js';
import { findSubject } from './subject.js';
import { isLeaf, buildTree } from './tree.js';

export interface FromPlanOptions {
  /** the unit group (core/unit-groups.ts); by default the kind of unit the plan belongs to */
  unitGroup?: string | null;
}

export function frameworkFromPlan(plan: PlanDocument, options: FromPlanOptions = {}): FrameworkDocument {
  const tree = buildTree(plan.rows);
  const criteria = tree.nodes.map((node): FrameworkCriterion => ({
    code: node.row.code,
    rawCode: node.row.rawCode,
    name: node.row.name,
    max: node.row.max,
    method: '',
    evidence: '',
    scorer: 'self',
    notApplicable: 'not-allowed',
    followedBy: null,
    rule: isLeaf(node) ? { kind: 'manual', step: MANUAL_STEP } : null,
    location: node.row.location,
  }));
  return {
    title: plan.title,
    decision: null,
    unitGroup: options.unitGroup !== undefined ? options.unitGroup : groupOfSubject(plan.subject),
    yearFrom: plan.year,
    yearTo: plan.year,
    criteria,
  };
}

/** "Tỉnh Đắk Nông" → province; "Huyện Krông Nô" → district; "Phường …" → ward. */
function groupOfSubject(subject: string | null): string | null {
  const found = findSubject([subject]);
  if (!found) return null;
  return found.kind === 'ward' ? 'ward' : found.group;
}
