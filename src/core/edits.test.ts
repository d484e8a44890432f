import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreement, statedSum, type Agreement } from './consistency.js';
import { adoptChildrenSums, followEdit, type FollowingChanges, type ScoredRow } from './edits.js';
import type { Totals } from './plan.js';
import { score, toDecimalString, type Score } from './score.js';
import { buildTree, rollUpRoots } from './tree.js';

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
    ancestors: changes.ancestors.map((a) => [a.code, a.value && toDecimalString(a.value)]),
    total: changes.total === null ? null : changes.total.value && toDecimalString(changes.total.value),
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
    expect(changes.ancestors[0]!.value!.scale).toBe(2);
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

  it('moves the total when an empty area adds nothing to it', () => {
    const rows = [row('1', '4'), row('1.1', '4'), row('2', null)];
    expect(shown(followEdit(rows, totals('4'), '1.1', 'target', score('3')))).toEqual({
      ancestors: [['1', '3']],
      total: '3',
    });
  });

  describe('empty values: an empty child adds nothing, all children empty make an empty parent', () => {
    it('follows when the leaf had no value before', () => {
      const rows = [row('1', '2'), row('1.1', null), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('2'), '1.1', 'target', score('1')))).toEqual({
        ancestors: [['1', '3']],
        total: '3',
      });
    });

    it('follows when the value is cleared', () => {
      expect(shown(followEdit(CONSISTENT, CONSISTENT_TOTAL, '1.1.1', 'baseline', null))).toEqual({
        ancestors: [
          ['1.1', '1.83'],
          ['1', '3.08'],
        ],
        total: '6.08',
      });
    });

    it('Krông Nô 1.2.2: 0,25 → empty → 0,2 leaves 1.2 at 0,95, the sum of its children', () => {
      let rows = [row('1', '1'), row('1.2', '1'), row('1.2.1', '0,75'), row('1.2.2', '0,25')];
      const step = (value: Score | null) => {
        const c = followEdit(rows, null, '1.2.2', 'target', value);
        const moved = new Map<string, Score | null>([
          ['1.2.2', value],
          ...c.ancestors.map((a) => [a.code, a.value] as const),
        ]);
        rows = rows.map((r) => (moved.has(r.code) ? { ...r, target: moved.get(r.code)! } : r));
        return shown(c);
      };
      expect(step(null)).toEqual({
        ancestors: [
          ['1.2', '0.75'],
          ['1', '0.75'],
        ],
        total: null,
      });
      expect(step(score('0,2'))).toEqual({
        ancestors: [
          ['1.2', '0.95'],
          ['1', '0.95'],
        ],
        total: null,
      });
    });

    it('empties a parent whose children are all cleared, and fills it again', () => {
      const rows = [row('1', '1'), row('1.1', '1'), row('1.1.1', '1'), row('1.2', null)];
      expect(shown(followEdit(rows, totals('1'), '1.1.1', 'target', null))).toEqual({
        ancestors: [
          ['1.1', null],
          ['1', null],
        ],
        total: null,
      });
      const empty = [row('1', null), row('1.1', null), row('1.1.1', null), row('1.2', null)];
      expect(shown(followEdit(empty, totals(null), '1.1.1', 'target', score('0,5')))).toEqual({
        ancestors: [
          ['1.1', '0.5'],
          ['1', '0.5'],
        ],
        total: '0.5',
      });
    });

    it('stops at an empty ancestor whose children have values (inconsistent)', () => {
      const rows = [row('1', '3'), row('1.1', null), row('1.1.1', '1'), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('3'), '1.1.1', 'target', score('0,5')))).toEqual({
        ancestors: [],
        total: null,
      });
    });

    it('follows through an ancestor one of whose children is empty', () => {
      const rows = [row('1', '3'), row('1.1', '1'), row('1.1.1', '1'), row('1.1.2', null), row('1.2', '2')];
      expect(shown(followEdit(rows, totals('3'), '1.1.1', 'target', score('0,5')))).toEqual({
        ancestors: [
          ['1.1', '0.5'],
          ['1', '2.5'],
        ],
        total: '2.5',
      });
    });

    it('a parent within rounding of its children takes their exact new sum', () => {
      const rows = [row('6', '2,71'), row('6.1', '2,71'), row('6.1.1', '1,7091'), row('6.1.2', '1')];
      expect(shown(followEdit(rows, totals('2,71'), '6.1.2', 'baseline', score('0,5')))).toEqual({
        ancestors: [
          ['6.1', '2.2091'],
          ['6', '2.2091'],
        ],
        total: '2.2091',
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
  /** a leaf's baseline and target (null: left empty); a parent's are the sums of its children's */
  baseline: Score | null;
  target: Score | null;
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
/** A score or, one time in four, an empty cell. */
const cellArb: fc.Arbitrary<Score | null> = fc.option(scoreArb, { freq: 4 });

function specArb(depth: number, wrongRate: number): fc.Arbitrary<Spec> {
  const maxChildren = [0, 4, 11, 3, 2][depth] ?? 0;
  const wrong =
    wrongRate === 0 ? fc.constant(false) : fc.integer({ min: 1, max: wrongRate }).map((n) => n === 1);
  return fc.record({
    baseline: cellArb,
    target: cellArb,
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
        const total = statedSum(children.map((c) => c[field]));
        // an inconsistent parent states its children's sum plus something, or a value where they are all empty
        r[field] = spec.wrong[field]
          ? { units: (total?.units ?? 0) + (spec[field]?.units ?? 0) + 1, scale: 4 }
          : total;
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
        const s = statedSum(roots.map((r) => r[field]));
        return wrongTotal ? { units: (s?.units ?? 0) + 1, scale: 4 } : s;
      };
      return { rows, totals: { max: null, baseline: total('baseline'), target: total('target') } };
    });
}

interface Edit {
  code: string;
  field: EditField;
  value: Score | null;
}

/** A plan and a sequence of edits of its leaves: set, clear, set again. */
function editsArb(wrongRate: number) {
  return planArb(wrongRate).chain((plan) => {
    const tree = buildTree(plan.rows);
    const leaves = tree.nodes.filter((n) => n.children.length === 0).map((n) => n.row.code);
    const edit: fc.Arbitrary<Edit> = fc.record({
      code: fc.constantFrom(...leaves),
      field: fc.constantFrom<EditField>('baseline', 'target'),
      value: cellArb,
    });
    return fc.record({ plan: fc.constant(plan), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) });
  });
}

/** The plan after the edit and the changes followEdit asked for. */
function applied(plan: GeneratedPlan, { code, field, value }: Edit): GeneratedPlan {
  const changes = followEdit(plan.rows, plan.totals, code, field, value);
  const moved = new Map<string, Score | null>(changes.ancestors.map((a) => [a.code, a.value]));
  const rows = plan.rows.map((r) => {
    if (r.code === code) return { ...r, [field]: value };
    return moved.has(r.code) ? { ...r, [field]: moved.get(r.code)! } : r;
  });
  const totals = changes.total === null ? plan.totals : { ...plan.totals, [field]: changes.total.value };
  return { rows, totals };
}

/** Per parent code and for the total: how the stated value agrees with the children's sum. */
function consistency(plan: GeneratedPlan, field: EditField): Map<string, Agreement> {
  const tree = buildTree(plan.rows);
  const out = new Map<string, Agreement>();
  for (const node of tree.nodes) {
    if (node.children.length === 0) continue;
    out.set(node.row.code, agreement(node.row[field], statedSum(node.children.map((c) => c.row[field]))));
  }
  out.set('TOTAL', agreement(plan.totals[field], statedSum(tree.roots.map((r) => r.row[field]))));
  return out;
}

const stated = (plan: GeneratedPlan, code: string, field: EditField) =>
  code === 'TOTAL' ? plan.totals[field] : plan.rows.find((r) => r.code === code)![field];

describe('followEdit on generated plans', () => {
  it('keeps a consistent plan consistent through any sequence of edits, empties included', () => {
    fc.assert(
      fc.property(editsArb(0), ({ plan, edits }) => {
        let after = plan;
        for (const edit of edits) after = applied(after, edit);
        for (const f of ['baseline', 'target'] as const) {
          expect([...consistency(after, f)].filter(([, ok]) => ok !== 'exact')).toEqual([]);
          // the stated total is the live roll-up of every leaf, exactly (empty when all are empty)
          const tree = buildTree(after.rows);
          expect(after.totals[f]?.units ?? null).toBe(rollUpRoots(tree, (r) => r[f])?.units ?? null);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on any plan, each edit keeps each consistent parent consistent and leaves each inconsistent one as stated', () => {
    fc.assert(
      fc.property(editsArb(4), ({ plan, edits }) => {
        let current = plan;
        for (const edit of edits) {
          const after = applied(current, edit);
          const before = consistency(current, edit.field);
          const now = consistency(after, edit.field);
          for (const [parent, agrees] of before) {
            // a parent within rounding stays within it (exact once the edit reaches it)
            if (agrees === 'exact') expect(now.get(parent), parent).toBe('exact');
            else if (agrees === 'rounding') expect(now.get(parent), parent).not.toBe('differs');
            else
              expect(stated(after, parent, edit.field), parent).toEqual(stated(current, parent, edit.field));
          }
          // the other field is untouched
          const other = edit.field === 'baseline' ? 'target' : 'baseline';
          expect(after.rows.map((r) => r[other])).toEqual(current.rows.map((r) => r[other]));
          expect(after.totals[other]).toEqual(current.totals[other]);
          current = after;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('generates the cases that matter (inconsistent parents, deep trees, empties, clearing)', () => {
    const samples = fc.sample(editsArb(4), { numRuns: 100, seed: 7 });
    const inconsistent = samples.filter(({ plan }) =>
      [...consistency(plan, 'target').values()].includes('differs'),
    );
    expect(inconsistent.length).toBeGreaterThan(10);
    expect(samples.some(({ edits }) => edits.some((e) => e.code.split('.').length >= 3))).toBe(true);
    expect(samples.filter(({ edits }) => edits.some((e) => e.value === null)).length).toBeGreaterThan(10);
    expect(samples.filter(({ plan }) => plan.rows.some((r) => r.target === null)).length).toBeGreaterThan(10);
  });
});

describe('adoptChildrenSums', () => {
  it('Đắk Nông 7.2 (1,21 stated, children 1,5): 7.2 takes 1,5, and area 7 (13,25) then agrees', () => {
    const rows = [
      row('7', '13,25'),
      row('7.1', '11,75'),
      row('7.2', '1,21'),
      row('7.2.1', '1'),
      row('7.2.2', '0,5'),
    ];
    const { plan, changes } = adoptChildrenSums({ rows, totals: totals('13,25') }, [
      { code: '7.2', field: 'baseline' },
    ]);
    expect(
      changes.map((c) => [c.code, c.kind, c.old && toDecimalString(c.old), c.new && toDecimalString(c.new)]),
    ).toEqual([['7.2', 'adopted', '1.21', '1.5']]);
    expect(plan.rows.find((r) => r.code === '7')!.baseline).toEqual(score('13,25'));
  });

  it('a consistent ancestor follows the adopted value; the total is adopted last', () => {
    const rows = [
      row('6', '2,71'),
      row('6.1', '2,71'),
      row('6.1.1', '1,7091'),
      row('6.1.2', '1'),
      row('7', '1'),
    ];
    const { plan, changes } = adoptChildrenSums({ rows, totals: totals('4') }, [
      { code: null, field: 'baseline' },
      { code: '6.1', field: 'baseline' },
    ]);
    expect(changes.map((c) => [c.code, c.kind, c.new && toDecimalString(c.new)])).toEqual([
      ['6.1', 'adopted', '2.7091'],
      ['6', 'follow', '2.7091'],
      [null, 'adopted', '3.7091'],
    ]);
    expect(plan.totals!.baseline).toEqual(score('3,7091'));
  });

  it('adopting every sum finding leaves every parent and the total consistent', () => {
    fc.assert(
      fc.property(planArb(3), (generated) => {
        const targets = (['baseline', 'target'] as const).flatMap((field) =>
          [...consistency(generated, field)]
            .filter(([, a]) => a !== 'exact')
            .map(([code]) => ({ code: code === 'TOTAL' ? null : code, field })),
        );
        const { plan } = adoptChildrenSums(generated, targets);
        const after = { rows: plan.rows, totals: plan.totals! };
        for (const f of ['baseline', 'target'] as const)
          expect([...consistency(after, f)].filter(([, a]) => a !== 'exact')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
