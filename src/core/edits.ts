/**
 * When an officer changes a leaf's score, the parents that agreed with their children before the
 * change follow it, so a consistent plan stays consistent. A parent that disagreed (an error of the
 * source document) keeps the value the document stated, and the checker keeps reporting it: such a
 * discrepancy is for a person to resolve, not for an edit elsewhere to hide.
 */
import type { ScoreField } from './findings.js';
import type { Totals } from './plan.js';
import { add, sub, sum, trimScale, type Score } from './score.js';
import { buildTree } from './tree.js';

export interface ScoredRow {
  code: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
}

export interface FollowingChanges {
  /** ancestors whose stated value moves with the edit, nearest first */
  ancestors: { code: string; value: Score }[];
  /** the total row's new value, when it agreed with the areas before */
  total: Score | null;
}

export function followEdit(
  rows: readonly ScoredRow[],
  statedTotals: Totals | null,
  code: string,
  field: ScoreField,
  value: Score | null,
): FollowingChanges {
  const tree = buildTree(rows);
  const node = tree.byCode.get(code);
  const out: FollowingChanges = { ancestors: [], total: null };
  if (!node) return out;
  const before = node.row[field];
  if (before === null || value === null) return out;
  const delta = sub(value, before);
  let current = node;
  for (let parent = node.parent; parent; parent = parent.parent) {
    const stated = parent.row[field];
    const children = parent.children.map((c) => c.row[field]);
    if (stated === null || children.some((c) => c === null)) return out;
    if (sum(children as Score[]).units !== stated.units) return out;
    // a value computed here has no written precision of its own: 8,5 − 0,5 is 8, not 8,0
    const moved = trimScale(add(stated, delta));
    out.ancestors.push({ code: parent.row.code, value: moved });
    current = parent;
  }
  const total = statedTotals?.[field] ?? null;
  const areas = tree.roots.map((r) => r.row[field]);
  if (total !== null && current.parent === null && areas.every((a) => a !== null)) {
    if (sum(areas).units === total.units) out.total = trimScale(add(total, delta));
  }
  return out;
}
