/** The headline figures of a plan: counts and totals, as the CLI and the import preview show them. */
import type { PlanDocument } from './plan.js';
import { sum, trimScale, type Score } from './score.js';
import { buildTree, rollUp } from './tree.js';

export interface DocumentSummary {
  title: string | null;
  subject: string | null;
  year: number | null;
  baselineYear: number | null;
  criteria: number;
  areas: number;
  totals: { max: Score | null; baseline: Score | null; target: Score | null };
  /** what the areas add up to, whatever the total row says */
  computedTotals: { max: Score | null; baseline: Score | null; target: Score | null };
}

export function summarise(plan: PlanDocument): DocumentSummary {
  const tree = buildTree(plan.rows);
  const areas = tree.roots.filter((r) => !tree.orphans.includes(r));
  const computed = (key: 'max' | 'baseline' | 'target') => {
    const parts = areas
      .map((a) => a.row[key] ?? rollUp(a, (r) => r[key]))
      .filter((s): s is Score => s !== null);
    return parts.length > 0 ? trimScale(sum(parts)) : null;
  };
  const computedTotals = { max: computed('max'), baseline: computed('baseline'), target: computed('target') };
  return {
    title: plan.title,
    subject: plan.subject,
    year: plan.year,
    baselineYear: plan.baselineYear,
    criteria: plan.rows.length,
    areas: areas.length,
    totals: {
      max: plan.statedTotals?.max ?? computedTotals.max,
      baseline: plan.statedTotals?.baseline ?? computedTotals.baseline,
      target: plan.statedTotals?.target ?? computedTotals.target,
    },
    computedTotals,
  };
}
