/**
 * The criteria tree built from dotted codes: area → criterion → sub-criterion → … at any depth.
 * Children keep document order. A parent's value is the sum of its children's.
 */
import { parentCode } from './codes.js';
import { sum, trimScale, type Score } from './score.js';

export interface TreeNode<R extends { code: string }> {
  row: R;
  parent: TreeNode<R> | null;
  children: TreeNode<R>[];
  depth: number;
}

export interface Tree<R extends { code: string }> {
  roots: TreeNode<R>[];
  byCode: Map<string, TreeNode<R>>;
  /** rows whose code was already taken by an earlier row (kept out of the tree) */
  duplicates: { row: R; first: R }[];
  /** rows whose parent code is absent (kept as roots so nothing is lost) */
  orphans: TreeNode<R>[];
  /** every node in document order */
  nodes: TreeNode<R>[];
}

export function buildTree<R extends { code: string }>(rows: readonly R[]): Tree<R> {
  const byCode = new Map<string, TreeNode<R>>();
  const duplicates: { row: R; first: R }[] = [];
  const nodes: TreeNode<R>[] = [];
  for (const row of rows) {
    const seen = byCode.get(row.code);
    if (seen) {
      duplicates.push({ row, first: seen.row });
      continue;
    }
    const node: TreeNode<R> = { row, parent: null, children: [], depth: row.code.split('.').length };
    byCode.set(row.code, node);
    nodes.push(node);
  }
  const roots: TreeNode<R>[] = [];
  const orphans: TreeNode<R>[] = [];
  for (const node of nodes) {
    const pc = parentCode(node.row.code);
    const parent = pc === null ? undefined : byCode.get(pc);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      if (pc !== null) orphans.push(node);
      roots.push(node);
    }
  }
  return { roots, byCode, duplicates, orphans, nodes };
}

export function isLeaf<R extends { code: string }>(node: TreeNode<R>): boolean {
  return node.children.length === 0;
}

/**
 * The live value of a node: a leaf's own value, a parent's sum of its children's live values.
 * Leaves without a value add nothing; a subtree with no value at all has none.
 */
export function rollUp<R extends { code: string }>(
  node: TreeNode<R>,
  value: (row: R) => Score | null,
): Score | null {
  if (node.children.length === 0) return value(node.row);
  const parts = node.children.map((c) => rollUp(c, value)).filter((s): s is Score => s !== null);
  return parts.length === 0 ? null : trimScale(sum(parts));
}

/** Live totals over the areas (the roots). */
export function rollUpRoots<R extends { code: string }>(
  tree: Tree<R>,
  value: (row: R) => Score | null,
): Score | null {
  const parts = tree.roots
    .filter((r) => r.parent === null && !tree.orphans.includes(r))
    .map((r) => rollUp(r, value))
    .filter((s): s is Score => s !== null);
  return parts.length === 0 ? null : trimScale(sum(parts));
}

export function walk<R extends { code: string }>(
  roots: readonly TreeNode<R>[],
  visit: (node: TreeNode<R>) => void,
): void {
  for (const node of roots) {
    visit(node);
    walk(node.children, visit);
  }
}
