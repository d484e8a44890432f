import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { score, sum, trimScale, type Score } from './score.js';
import { buildTree, isLeaf, rollUp, rollUpRoots, walk, type TreeNode } from './tree.js';

interface Row {
  code: string;
  value: Score | null;
  n?: number;
}

const r = (code: string, value: string | null = null, n?: number): Row => ({
  code,
  value: value === null ? null : score(value),
  n,
});
const value = (row: Row) => row.value;
const codes = (nodes: readonly TreeNode<Row>[]) => nodes.map((x) => x.row.code);

describe('buildTree', () => {
  it('links children to parents in document order at any depth', () => {
    const tree = buildTree([r('1'), r('1.1'), r('1.2'), r('2'), r('2.1'), r('2.1.1'), r('2.1.2'), r('1.3')]);
    expect(codes(tree.roots)).toEqual(['1', '2']);
    expect(codes(tree.byCode.get('1')!.children)).toEqual(['1.1', '1.2', '1.3']);
    expect(codes(tree.byCode.get('2.1')!.children)).toEqual(['2.1.1', '2.1.2']);
    expect(tree.byCode.get('2.1.2')!.parent!.row.code).toBe('2.1');
    expect(tree.byCode.get('2.1.2')!.depth).toBe(3);
    expect(tree.byCode.get('1')!.parent).toBeNull();
    expect(codes(tree.nodes)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.1.1', '2.1.2', '1.3']);
    expect(tree.duplicates).toEqual([]);
    expect(tree.orphans).toEqual([]);
    expect(isLeaf(tree.byCode.get('1.1')!)).toBe(true);
    expect(isLeaf(tree.byCode.get('2.1')!)).toBe(false);
  });

  it('reports a repeated code with the row that first took it, and keeps it out of the tree', () => {
    const first = r('1.1', '1', 3);
    const again = r('1.1', '2', 5);
    const tree = buildTree([r('1', null, 2), first, again]);
    expect(tree.duplicates).toEqual([{ row: again, first }]);
    expect(tree.byCode.get('1.1')!.row).toBe(first);
    expect(tree.byCode.get('1')!.children).toHaveLength(1);
    expect(tree.nodes).toHaveLength(2);
  });

  it('keeps a row whose parent is absent as an orphan root', () => {
    const tree = buildTree([r('1'), r('1.1'), r('2.1'), r('2.1.1'), r('3.4.4.1')]);
    expect(codes(tree.orphans)).toEqual(['2.1', '3.4.4.1']);
    expect(codes(tree.roots)).toEqual(['1', '2.1', '3.4.4.1']);
    expect(codes(tree.byCode.get('2.1')!.children)).toEqual(['2.1.1']);
  });

  it('finds a parent written after its child', () => {
    const tree = buildTree([r('1.1'), r('1')]);
    expect(tree.orphans).toEqual([]);
    expect(codes(tree.roots)).toEqual(['1']);
    expect(codes(tree.byCode.get('1')!.children)).toEqual(['1.1']);
  });

  it('walks depth-first, parents before children', () => {
    const tree = buildTree([r('2'), r('1'), r('1.1'), r('2.1'), r('1.1.1')]);
    const seen: string[] = [];
    walk(tree.roots, (n) => seen.push(n.row.code));
    expect(seen).toEqual(['2', '2.1', '1', '1.1', '1.1.1']);
  });

  it('places every distinct code exactly once, whatever the rows', () => {
    const code = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
      .map((p) => p.join('.'));
    fc.assert(
      fc.property(fc.array(code, { maxLength: 30 }), (list) => {
        const tree = buildTree(list.map((c) => r(c)));
        const distinct = [...new Set(list)];
        expect(codes(tree.nodes)).toEqual(distinct);
        expect(tree.duplicates).toHaveLength(list.length - distinct.length);
        const seen: string[] = [];
        walk(tree.roots, (n) => seen.push(n.row.code));
        expect([...seen].sort()).toEqual([...distinct].sort());
        for (const node of tree.nodes) {
          if (node.parent) expect(node.parent.children).toContain(node);
          else expect(tree.roots).toContain(node);
        }
      }),
    );
  });
});

describe('rollUp', () => {
  it('sums the leaves exactly: 0,8791 + 1 + 0,83 = 2,7091', () => {
    const tree = buildTree([r('1', '99'), r('1.1', '0,8791'), r('1.2', '1'), r('1.3', '0,83')]);
    // the parent's own (wrong) value is ignored: it is the children that count
    expect(rollUp(tree.byCode.get('1')!, value)).toEqual({ units: 27_091, scale: 4 });
  });

  it('sums through several levels and skips leaves without a value', () => {
    const tree = buildTree([
      r('1'),
      r('1.1'),
      r('1.1.1', '0,25'),
      r('1.1.2'),
      r('1.2', '0,5'),
      r('2'),
      r('2.1'),
      r('3', '10,10'),
    ]);
    expect(rollUp(tree.byCode.get('1')!, value)).toEqual({ units: 7_500, scale: 2 });
    expect(rollUp(tree.byCode.get('2')!, value)).toBeNull();
    expect(rollUp(tree.byCode.get('3')!, value)).toEqual({ units: 101_000, scale: 2 });
    expect(rollUpRoots(tree, value)).toEqual({ units: 108_500, scale: 2 });
  });

  it('leaves orphans out of the root total', () => {
    const tree = buildTree([r('1', '5'), r('2.1', '7')]);
    expect(rollUpRoots(tree, value)).toEqual({ units: 50_000, scale: 0 });
    expect(rollUpRoots(buildTree([r('2.1', '7')]), value)).toBeNull();
  });

  it('a parent rolls up to the exact sum of its leaves', () => {
    const leaf = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(
        fc.array(fc.array(leaf, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        (areas) => {
          const rows: Row[] = [];
          areas.forEach((leaves, i) => {
            rows.push(r(`${i + 1}`));
            leaves.forEach((u, j) => rows.push({ code: `${i + 1}.${j + 1}`, value: { units: u, scale: 4 } }));
          });
          const tree = buildTree(rows);
          const all = areas.flat();
          expect(rollUpRoots(tree, value)!.units).toBe(all.reduce((a, b) => a + b, 0));
          // a computed value carries no written precision: the sum's natural scale
          expect(rollUpRoots(tree, value)).toEqual(trimScale(sum(tree.roots.map((n) => rollUp(n, value)!))));
        },
      ),
    );
  });
});
