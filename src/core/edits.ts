/**
 * When an officer changes a row's score, the parents that agreed with their children before the
 * change follow it, so a consistent plan stays consistent — whatever the old and new values are,
 * empty included (the rule of core/consistency.ts). A parent that disagreed (an error of the source
 * document) keeps the value the document stated, and the checker keeps reporting it: such a
 * discrepancy is for a person to resolve (adoptChildrenSums, or an acknowledgement), not for an
 * edit elsewhere to hide. A parent within rounding of its children takes their exact new sum.
 */
import { agreement, statedSum } from './consistency.js';
import type { ScoreField } from './findings.js';
import type { Totals } from './plan.js';
import { sameScore, type Score } from './score.js';
import { buildTree, type Tree } from './tree.js';

export interface ScoredRow {
  code: string;
  max: Score | null;
  baseline: Score | null;
  target: Score | null;
}

export interface FollowingChanges {
  /** ancestors whose stated value moves with the edit, nearest first (null: now empty) */
  ancestors: { code: string; value: Score | null }[];
  /** the total row's new value, when it agreed with the areas before; null: the total stays */
  total: { value: Score | null } | null;
}

function areasOf<R extends { code: string }>(tree: Tree<R>) {
  return tree.roots.filter((r) => !tree.orphans.includes(r));
}

/**
 * Which stated ancestors and total follow when `code`'s field becomes `value`. The row may be a
 * leaf (an edit) or a parent (its stated value replaced by its children's sum).
 */
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
  const now = new Map<string, Score | null>([[code, value]]);
  const valueOf = (c: { row: ScoredRow }) => (now.has(c.row.code) ? now.get(c.row.code)! : c.row[field]);
  let current = node;
  for (let parent = node.parent; parent; parent = parent.parent) {
    const before = statedSum(parent.children.map((c) => c.row[field]));
    if (agreement(parent.row[field], before) === 'differs') return out;
    const after = statedSum(parent.children.map(valueOf));
    out.ancestors.push({ code: parent.row.code, value: keepWritten(parent.row[field], after) });
    now.set(parent.row.code, after);
    current = parent;
  }
  if (statedTotals === null || tree.orphans.includes(current)) return out;
  const areas = areasOf(tree);
  const stated = statedTotals[field];
  if (agreement(stated, statedSum(areas.map((a) => a.row[field]))) === 'differs') return out;
  out.total = { value: keepWritten(stated, statedSum(areas.map(valueOf))) };
  return out;
}

/** An unchanged value keeps the precision the document wrote it with ("3,50" stays "3,50"). */
function keepWritten(before: Score | null, after: Score | null): Score | null {
  return before !== null && after !== null && before.units === after.units ? before : after;
}

/** One stated value replaced: a parent's (code) or the total's (code null). */
export interface SumChange {
  code: string | null;
  field: ScoreField;
  old: Score | null;
  new: Score | null;
  /** the row the officer chose (adopted) or one that followed it (follow) */
  kind: 'adopted' | 'follow';
}

export interface ScoredPlan {
  rows: ScoredRow[];
  totals: Totals | null;
}

/**
 * "Use the children's sum": the chosen parents (or the total, code null) take the sum of their
 * children's stated values; ancestors that agreed follow as after an edit. Parents are taken deepest
 * first, so a parent chosen with one of its descendants is computed from the corrected values.
 * Returns the plan after the changes and the changes in the order they were made.
 */
export function adoptChildrenSums(
  plan: ScoredPlan,
  targets: readonly { code: string | null; field: ScoreField }[],
): { plan: ScoredPlan; changes: SumChange[] } {
  let rows = plan.rows.map((r) => ({ ...r }));
  let totals = plan.totals && { ...plan.totals };
  const changes: SumChange[] = [];
  const depth = (code: string | null) => (code === null ? 0 : code.split('.').length);
  const ordered = [...targets].sort((a, b) => depth(b.code) - depth(a.code));
  for (const { code, field } of ordered) {
    const tree = buildTree(rows);
    if (code === null) {
      if (!totals) continue;
      const sum = statedSum(areasOf(tree).map((a) => a.row[field]));
      if (sameScore(totals[field], sum)) continue;
      changes.push({ code: null, field, old: totals[field], new: sum, kind: 'adopted' });
      totals = { ...totals, [field]: sum };
      continue;
    }
    const node = tree.byCode.get(code);
    if (!node || node.children.length === 0) continue;
    const sum = statedSum(node.children.map((c) => c.row[field]));
    if (agreement(node.row[field], sum) === 'exact') continue;
    const follow = followEdit(rows, totals, code, field, sum);
    const moved = new Map<string, Score | null>([[code, sum]]);
    changes.push({ code, field, old: node.row[field], new: sum, kind: 'adopted' });
    for (const a of follow.ancestors) {
      const before = tree.byCode.get(a.code)!.row[field];
      moved.set(a.code, a.value);
      if (!sameScore(before, a.value))
        changes.push({ code: a.code, field, old: before, new: a.value, kind: 'follow' });
    }
    rows = rows.map((r) => (moved.has(r.code) ? { ...r, [field]: moved.get(r.code)! } : r));
    if (follow.total && totals) {
      if (!sameScore(totals[field], follow.total.value))
        changes.push({ code: null, field, old: totals[field], new: follow.total.value, kind: 'follow' });
      totals = { ...totals, [field]: follow.total.value };
    }
  }
  return { plan: { rows, totals }, changes };
}
