/**
 * When a parent's stated value agrees with its children (docs/decisions/0007). Empty cells are
 * common in real appendices (a target not yet set, a baseline not scored), so the rule says what an
 * empty child and an empty parent mean:
 *
 * - the children's sum adds the children's stated values, an empty child adding nothing;
 * - when every child is empty, the sum is empty (not zero);
 * - a parent is consistent when its stated value equals that sum: both empty, or the same number.
 *
 * The same rule holds for the total row over the areas. By induction a plan whose parents are all
 * consistent states, at every row, what the live roll-up computes (core/tree.ts#rollUp), so the page,
 * the print view and the exports cannot disagree.
 */
import type { AnyFindingParams, Finding, FindingJson, RuleId, ScoreField } from './findings.js';
import { abs, decimalOrNull, sub, sum, trimScale, type Score } from './score.js';
import { buildTree } from './tree.js';

/** A difference below 0,01 point is a rounding in the document, not a mistake (100 ten-thousandths). */
export const ROUNDING_UNITS = 100;

/** The children's sum under the rule above: empties add nothing; all empty → empty. */
export function statedSum(values: readonly (Score | null)[]): Score | null {
  const present = values.filter((v): v is Score => v !== null);
  return present.length === 0 ? null : trimScale(sum(present));
}

/** exact: the same value (or both empty); rounding: off by less than 0,01; differs: anything else. */
export type Agreement = 'exact' | 'rounding' | 'differs';

export function agreement(stated: Score | null, computed: Score | null): Agreement {
  if (stated === null || computed === null) return stated === computed ? 'exact' : 'differs';
  const difference = Math.abs(stated.units - computed.units);
  if (difference === 0) return 'exact';
  return difference < ROUNDING_UNITS ? 'rounding' : 'differs';
}

/** |stated − computed|, or null when one of them is empty. */
export function difference(stated: Score | null, computed: Score | null): Score | null {
  return stated === null || computed === null ? null : trimScale(abs(sub(stated, computed)));
}

/** The rules about a stated value that disagrees with its children or with the areas. */
export const SUM_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'sum-max',
  'sum-baseline',
  'sum-target',
  'total-max',
  'total-baseline',
  'total-target',
]);

/** What a sum finding is about: the parent (null: the total row), the field, both values. */
export interface SumSubject {
  code: string | null;
  field: ScoreField;
  stated: Score | null;
  computed: Score | null;
}

export function sumSubject(f: Pick<Finding | FindingJson, 'rule' | 'code' | 'params'>): SumSubject | null {
  if (!SUM_RULES.has(f.rule)) return null;
  // a finding from JSON (the API's) has its parameters untyped: read them as values
  const params: AnyFindingParams = f.params;
  const score = (v: unknown): Score | null =>
    typeof v === 'object' && v !== null && 'units' in v ? (v as Score) : null;
  return {
    code: f.rule.startsWith('total-') ? null : f.code,
    field: params.field as ScoreField,
    stated: score(params.stated),
    computed: score(params.computed),
  };
}

/**
 * The identity of a sum finding for an acknowledgement ("keep as written"): rule, row, field and
 * both values. When the stated value or the children's sum changes later, the key changes and the
 * acknowledgement no longer applies — it was given for those numbers.
 */
export function findingKey(f: Pick<Finding | FindingJson, 'rule' | 'code' | 'params'>): string | null {
  const s = sumSubject(f);
  if (!s) return null;
  const value = (v: Score | null) => decimalOrNull(v === null ? null : trimScale(v));
  return JSON.stringify([f.rule, s.code, s.field, value(s.stated), value(s.computed)]);
}

/**
 * The total a plan shows and exports: the stated total row, or — where the document has no total
 * (or leaves this field empty) — the sum of the areas' stated values. The page, the print view, the
 * writers and the content identity all take it from here, so they cannot disagree.
 */
export function shownTotal<R extends { code: string } & Record<ScoreField, Score | null>>(
  rows: readonly R[],
  statedTotals: Record<ScoreField, Score | null> | null,
  field: ScoreField,
): Score | null {
  const stated = statedTotals?.[field] ?? null;
  if (stated !== null) return stated;
  const tree = buildTree(rows);
  return statedSum(tree.roots.filter((r) => !tree.orphans.includes(r)).map((r) => r.row[field]));
}
