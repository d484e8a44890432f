import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followEdit, type FollowingChanges, type ScoredRow } from './edits.js';
import type { Totals } from './plan.js';
import { score, sum, toDecimalString, type Score } from './score.js';
import { buildTree } from './tree.js';

type EditField = 'baseline' | 'target';

/** A row with its baseline and target written as Vietnamese documents do ("0,8791"); max is unused. */
const row = (code: string, baseline: string | null, target: string | null = baseline): ScoredRow => ({
  code,
  max: null,
  baseline: baseline === null ? null : score(baseline),
  target: target === null ? null : score(target),
});

const totals = (baseline: string | null, target: string | null = baseline): Totals => ({
  max: null,
  baseline: baseline === null ? null : score(baseline),
  target: target === null ? null : score(target),
});

/** The changes as decimal strings, so a test reads like the document. */
function shown(changes: FollowingChanges) {
  return {
    ancestors: changes.ancestors.map((a) => [a.code, toDecimalString(a.value)]),
    total: changes.total === null ? null : toDecimalString(changes.total),
  };
}

/**
 * Area 1 (consistent at every level, four-decimal scores) and area 2 (consistent), stated total
 * consistent: 2,7091 + 1,25 + 3 = 6,9591.
 *   1      2,7091 + 1,25 = 3,9591
 *   1.1    0,8791 + 1 + 0,83 = 2,7091
 *   1.1.1  0,8791
 *   1.1.2  1
 *   1.1.3  0,83
 *   1.2    1,25
 *   2      3
 *   2.1    1,5
 *   2.2    1,5
 */
const CONSISTENT: ScoredRow[] = [
  row('1', '3,9591'),
  row('1.1', '2,7091'),
  row('1.1.1', '0,8791'),
  row('1.1.2', '1'),
  row('1.1.3', '0,83'),
  row('1.2', '1,25'),
  row('2', '3'),
  row('2.1', '1,5'),
  row('2.2', '1,5'),
];
const CONSISTENT_TOTAL = totals('6,9591');

describe('followEdit', () => {
  it('moves every consistent ancestor by the change, nearest first, in exact decimals', () => {
    const changes = followEdit(CONSISTENT, CONSISTENT_TOTAL, '1.1.3', 'target', score('0,8305'));
    expect(shown(changes)).toEqual({
      ancestors: [
        ['1.1', '2.7096'],
        ['1', '3.9596'],
      ],
      total: '6.9596',
    });
    // not a binary float anywhere: 2,7091 + 0,0005 is exactly 27 096 ten-thousandths
    expect(changes.ancestors[0]!.value).toEqual({ units: 27_096, scale: 4 });
  });

  it('moves the chain down as well as up, keeping the precision the document wrote', () => {
    const changes = followEdit(CONSISTENT, CONSISTENT_TOTAL, '2.1', 'baseline', score('0,25'));
    expect(shown(changes)).toEqual({ ancestors: [['2', '1.75']], total: '5.7091' });
    expect(changes.ancestors[0]!.value.scale).toBe(2);
  });

  it('moves the ancestors by zero when the value does not change', () => {
    const changes = followEdit(CONSISTENT, CONSISTENT_TOTAL, '1.2', 'baseline', score('1,25'));
    expect(shown(changes)).toEqual({
      ancestors: [['1', '3.9591']],
      total: '6.9591',
    });
  });

  it('touches only the edited field', () => {
    const rows = [row('1', '5', '9'), row('1.1', '2', '4'), row('1.2', '3', '5')];
    const changes = followEdit(rows, totals('5', '7'), '1.1', 'target', score('4,5'));
    // area 1's target agrees with its children (4 + 5 = 9); the stated total target (7) does not
    expect(shown(changes)).toEqual({ ancestors: [['1', '9.5']], total: null });
  });

  it('stops at an inconsistent ancestor: it keeps its stated value and its own ancestors do not move', () => {
    const rows = [
      row('7', '13,25'), // 6,9 + 6,35 = 13,25: consistent on its own
      row('7.1', '6,9'), // children add up to 6,8: inconsistent
      row('7.1.1', '0,5'),
      row('7.1.2', '6,3'),
      row('7.2', '6,35'),
      row('7.2.1', '6,35'),
    ];
    expect(shown(followEdit(rows, totals('13,25'), '7.1.1', 'baseline', score('0,25')))).toEqual({
      ancestors: [],
      total: null,
    });
    // the sibling branch is consistent all the way up; a computed value carries no written precision
    expect(shown(followEdit(rows, totals('13,25'), '7.2.1', 'baseline', score('6')))).toEqual({
      ancestors: [
        ['7.2', '6'],
        ['7', '12.9'],
      ],
      total: '12.9',
    });
  });

  it('stops higher up when only an upper ancestor is inconsistent', () => {
    const rows = [row('1', '10'), row('1.1', '2'), row('1.1.1', '1'), row('1.1.2', '1'), row('1.2', '3')];
    const changes = followEdit(rows, totals('10'), '1.1.1', 'target', score('0,5'));
    expect(shown(changes)).toEqual({ ancestors: [['1.1', '1.5']], total: null });
  });

  it('moves the total only when the chain reaches the area and the total agreed with the areas', () => {
    // the stated total (7) disagrees with the areas (3,9591 + 3): the areas follow, the total does not
    expect(shown(followEdit(CONSISTENT, totals('7'), '2.2', 'target', score('1')))).toEqual({
      ancestors: [['2', '2.5']],
      total: null,
    });
    // no total row at all
    expect(shown(followEdit(CONSISTENT, null, '2.2', 'target', score('1')))).toEqual({
      ancestors: [['2', '2.5']],
      total: null,
    });
    // a total row without this field
    expect(shown(followEdit(CONSISTENT, totals(null), '2.2', 'target', score('1')))).toEqual({
      ancestors: [['2', '2.5']],
      total: null,
    });
  });

  it('moves the total for an area that is itself a leaf', () => {
    const rows = [row('1', '4'), row('2', '6')];
    expect(shown(followEdit(rows, totals('10'), '2', 'target', score('5,5')))).toEqual({
      ancestors: [],
      total: '9.5',
    });
  });

  it('does not move the total when an area has no value', () => {
    const rows = [row('1', '4'), row('1.1', '4'), row('2', null)];
    expect(shown(followEdit(rows, totals('4'), '1.1', 'target', score('3')))).toEqual({
      ancestors: [['1', '3']],
      total: null,
    });
  });

  describe('null values', () => {
    it('moves nothing when the leaf had no value before', () => {
      const rows = [row('1', '2'), row('1.1', null), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('2'), '1.1', 'target', score('1')))).toEqual({
        ancestors: [],
        total: null,
      });
    });

    it('moves nothing when the value is cleared', () => {
      expect(shown(followEdit(CONSISTENT, CONSISTENT_TOTAL, '1.1.1', 'baseline', null))).toEqual({
        ancestors: [],
        total: null,
      });
    });

    it('stops at an ancestor with no stated value', () => {
      const rows = [row('1', '3'), row('1.1', null), row('1.1.1', '1'), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('3'), '1.1.1', 'target', score('0,5')))).toEqual({
        ancestors: [],
        total: null,
      });
    });

    it('stops at an ancestor one of whose children has no value', () => {
      const rows = [row('1', '3'), row('1.1', '1'), row('1.1.1', '1'), row('1.1.2', null), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('3'), '1.1.1', 'target', score('0,5')))).toEqual({
        ancestors: [],
        total: null,
      });
    });
  });

  it('moves nothing for a code the plan does not have', () => {
    expect(followEdit(CONSISTENT, CONSISTENT_TOTAL, '9.9', 'target', score('1'))).toEqual({
      ancestors: [],
      total: null,
    });
  });
});

// ---- properties over generated plans --------------------------------------------------------

interface Spec {
  /** a leaf's baseline and target; a parent's are the sums of its children's */
  baseline: Score;
  target: Score;
  /** for a parent: state a value that is not the sum (an error of the source document) */
  wrong: { baseline: boolean; target: boolean };
  children: Spec[];
}

/** 0..10 with 0 to 4 decimals, written with exactly that many. */
const scoreArb: fc.Arbitrary<Score> = fc
  .integer({ min: 0, max: 4 })
  .chain((scale) =>
    fc.integer({ min: 0, max: 10 * 10 ** scale }).map((k) => ({ units: k * 10 ** (4 - scale), scale })),
  );

function specArb(depth: number, wrongRate: number): fc.Arbitrary<Spec> {
  const maxChildren = [0, 4, 11, 3, 2][depth] ?? 0;
  const wrong =
    wrongRate === 0 ? fc.constant(false) : fc.integer({ min: 1, max: wrongRate }).map((n) => n === 1);
  return fc.record({
    baseline: scoreArb,
    target: scoreArb,
    wrong: fc.record({ baseline: wrong, target: wrong }),
    children:
      depth >= 4 ? fc.constant([]) : fc.array(specArb(depth + 1, wrongRate), { maxLength: maxChildren }),
  });
}

function toRows(specs: readonly Spec[], prefix: string | null, out: ScoredRow[]): ScoredRow[] {
  return specs.map((spec, i) => {
    const code = prefix === null ? String(i + 1) : `${prefix}.${i + 1}`;
    const r: ScoredRow = { code, max: null, baseline: spec.baseline, target: spec.target };
    out.push(r);
    const children = toRows(spec.children, code, out);
    if (children.length > 0) {
      for (const field of ['baseline', 'target'] as const) {
        const total = sum(children.map((c) => c[field]!));
        // an inconsistent parent states its children's sum plus something
        r[field] = spec.wrong[field] ? { units: total.units + spec[field].units + 1, scale: 4 } : total;
      }
    }
    return r;
  });
}

interface GeneratedPlan {
  rows: ScoredRow[];
  totals: Totals;
}

function planArb(wrongRate: number): fc.Arbitrary<GeneratedPlan> {
  return fc
    .record({
      areas: fc.array(specArb(1, wrongRate), { minLength: 1, maxLength: 4 }),
      wrongTotal: wrongRate === 0 ? fc.constant(false) : fc.boolean(),
    })
    .map(({ areas, wrongTotal }) => {
      const rows: ScoredRow[] = [];
      const roots = toRows(areas, null, rows);
      const total = (field: EditField) => {
        const s = sum(roots.map((r) => r[field]!));
        return wrongTotal ? { units: s.units + 1, scale: 4 } : s;
      };
      return { rows, totals: { max: null, baseline: total('baseline'), target: total('target') } };
    });
}

/** A plan, one of its leaves, a field and the new value. */
function editArb(wrongRate: number) {
  return planArb(wrongRate).chain((plan) => {
    const tree = buildTree(plan.rows);
    const leaves = tree.nodes.filter((n) => n.children.length === 0).map((n) => n.row.code);
    return fc.record({
      plan: fc.constant(plan),
      code: fc.constantFrom(...leaves),
      field: fc.constantFrom<EditField>('baseline', 'target'),
      value: scoreArb,
    });
  });
}

/** The plan after the edit and the changes followEdit asked for. */
function applied(plan: GeneratedPlan, code: string, field: EditField, value: Score): GeneratedPlan {
  const changes = followEdit(plan.rows, plan.totals, code, field, value);
  const moved = new Map(changes.ancestors.map((a) => [a.code, a.value]));
  const rows = plan.rows.map((r) => {
    if (r.code === code) return { ...r, [field]: value };
    const v = moved.get(r.code);
    return v === undefined ? r : { ...r, [field]: v };
  });
  const totals = changes.total === null ? plan.totals : { ...plan.totals, [field]: changes.total };
  return { rows, totals };
}

/** Per parent code and for the total: does the stated value equal the sum of the children? */
function consistency(plan: GeneratedPlan, field: EditField): Map<string, boolean> {
  const tree = buildTree(plan.rows);
  const out = new Map<string, boolean>();
  for (const node of tree.nodes) {
    if (node.children.length === 0) continue;
    out.set(node.row.code, sum(node.children.map((c) => c.row[field]!)).units === node.row[field]!.units);
  }
  out.set('TOTAL', sum(tree.roots.map((r) => r.row[field]!)).units === plan.totals[field]!.units);
  return out;
}

describe('followEdit on generated plans', () => {
  it('keeps a consistent plan consistent: every parent is the sum of its children, the total of the areas', () => {
    fc.assert(
      fc.property(editArb(0), ({ plan, code, field, value }) => {
        const after = applied(plan, code, field, value);
        for (const f of ['baseline', 'target'] as const) {
          expect([...consistency(after, f)].filter(([, ok]) => !ok)).toEqual([]);
        }
        // the edited field's total is the sum of every leaf, exactly
        const tree = buildTree(after.rows);
        const leaves = tree.nodes.filter((n) => n.children.length === 0).map((n) => n.row[field]!);
        expect(after.totals[field]!.units).toBe(sum(leaves).units);
      }),
      { numRuns: 300 },
    );
  });

  it('on any plan, keeps each consistent parent consistent and leaves each inconsistent one as stated', () => {
    fc.assert(
      fc.property(editArb(4), ({ plan, code, field, value }) => {
        const after = applied(plan, code, field, value);
        const before = consistency(plan, field);
        const now = consistency(after, field);
        const stated = new Map(plan.rows.map((r) => [r.code, r[field]!.units]));
        for (const [parent, ok] of before) {
          if (ok) expect(now.get(parent), parent).toBe(true);
          else if (parent === 'TOTAL') expect(after.totals[field]).toEqual(plan.totals[field]);
          else
            expect(after.rows.find((r) => r.code === parent)![field]!.units, parent).toBe(stated.get(parent));
        }
        // the other field is untouched
        const other = field === 'baseline' ? 'target' : 'baseline';
        expect(after.rows.map((r) => r[other])).toEqual(plan.rows.map((r) => r[other]));
        expect(after.totals[other]).toEqual(plan.totals[other]);
      }),
      { numRuns: 300 },
    );
  });

  it('generates the cases that matter (inconsistent parents, deep trees)', () => {
    const samples = fc.sample(editArb(4), { numRuns: 100, seed: 7 });
    const inconsistent = samples.filter(({ plan, field }) =>
      [...consistency(plan, field).values()].includes(false),
    );
    expect(inconsistent.length).toBeGreaterThan(10);
    expect(samples.some(({ code }) => code.split('.').length >= 3)).toBe(true);
  });
});
