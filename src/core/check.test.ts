import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.js';
import {
  findingMessage,
  formatLocation,
  type AnyFindingParams,
  type Finding,
  type SourceLocation,
} from './findings.js';
import type { ColumnRole, PlanDocument, PlanRow, Totals } from './plan.js';
import { score, trimScale, type Score } from './score.js';

const sc = (text: string | null): Score | null => (text === null ? null : score(text));

/** A criterion row; by default a leaf with a task and a lead unit, located on text line `line`. */
function row(
  code: string,
  max: string | null,
  baseline: string | null,
  target: string | null,
  extra: Partial<PlanRow> = {},
): PlanRow {
  return {
    code,
    rawCode: code,
    name: `Tiêu chí ${code}`,
    max: sc(max),
    baseline: sc(baseline),
    target: sc(target),
    task: 'Rà soát, cập nhật văn bản',
    leadUnits: 'Phòng Nội vụ',
    supportUnits: '',
    deadline: '',
    location: null,
    ...extra,
  };
}

/** A plan whose rows sit on text lines 1, 2, 3… unless a row says where it is. */
function plan(
  rows: PlanRow[],
  extra: {
    statedTotals?: Totals | null;
    totalLocation?: SourceLocation | null;
    columns?: PlanDocument['columns'];
  } = {},
): PlanDocument {
  return {
    label: 'PHỤ LỤC',
    title: 'KẾ HOẠCH NÂNG CAO CHỈ SỐ CCHC TỈNH ĐẮK NÔNG NĂM 2023',
    subtitle: null,
    subject: 'Tỉnh Đắk Nông',
    year: 2023,
    baselineYear: 2022,
    rows: rows.map((r, i) => ({ ...r, location: r.location ?? { line: i + 1 } })),
    statedTotals: extra.statedTotals ?? null,
    totalLocation: extra.totalLocation ?? null,
    columns: extra.columns ?? {},
  };
}

const totals = (max: string | null, baseline: string | null, target: string | null): Totals => ({
  max: sc(max),
  baseline: sc(baseline),
  target: sc(target),
});

/** Two areas, one criterion with sub-criteria, sums and totals that all add up. */
function consistentRows(): PlanRow[] {
  return [
    row('1', '60', '50', '55'),
    row('1.1', '30', '25', '27'),
    row('1.2', '30', '25', '28'),
    row('2', '40', '30,1234', '35'),
    row('2.1', '20', '15,1234', '17,5'),
    row('2.1.1', '10', '7,1234', '8'),
    row('2.1.2', '10', '8', '9,5'),
    row('2.2', '20', '15', '17,5'),
  ];
}
const consistentTotals = totals('100', '80,1234', '90');

const rulesOf = (findings: readonly Finding[]) => findings.map((f) => `${f.rule}@${f.code ?? ''}`);

function withRow(rows: PlanRow[], code: string, change: Partial<PlanRow>): PlanRow[] {
  return rows.map((r) => (r.code === code ? { ...r, ...change } : r));
}

describe('checkPlan on a consistent plan', () => {
  it('finds nothing', () => {
    expect(checkPlan(plan(consistentRows(), { statedTotals: consistentTotals }))).toEqual([]);
  });

  it('finds nothing when 0,8791 + 1 + 0,83 is stated as 2,7091', () => {
    const rows = [
      row('1', '100', '2,7091', '3'),
      row('1.1', '1', '0,8791', '1'),
      row('1.2', '1', '1', '1'),
      row('1.3', '98', '0,83', '1'),
    ];
    expect(checkPlan(plan(rows, { statedTotals: totals('100', '2,7091', '3') }))).toEqual([]);
  });

  it('does not ask a parent for a task or a lead unit', () => {
    const rows = withRow(consistentRows(), '1', { task: '', leadUnits: '' });
    expect(checkPlan(plan(rows))).toEqual([]);
  });
});

describe('sum rules', () => {
  it.each<[string, string, Partial<PlanRow>, string, Finding]>([
    [
      'a max below 0,01 off is a rounding warning',
      '1.1',
      { max: score('30,005') },
      '1',
      {
        rule: 'sum-max',
        severity: 'warning',
        code: '1',
        location: { line: 1 },
        params: {
          field: 'max',
          stated: score('60'),
          computed: score('60,005'),
          difference: score('0,005'),
          rounding: 1,
          parent: '1',
        },
      },
    ],
    [
      'a baseline a whole point off is an error',
      '1.2',
      { baseline: score('26') },
      '1',
      {
        rule: 'sum-baseline',
        severity: 'error',
        code: '1',
        location: { line: 1 },
        params: {
          field: 'baseline',
          stated: score('50'),
          computed: score('51'),
          difference: score('1'),
          rounding: 0,
          parent: '1',
        },
      },
    ],
    [
      'a target exactly 0,01 off is an error',
      '2.2',
      { target: score('17,49') },
      '2',
      {
        rule: 'sum-target',
        severity: 'error',
        code: '2',
        location: { line: 4 },
        params: {
          field: 'target',
          stated: score('35'),
          computed: score('34,99'),
          difference: score('0,01'),
          rounding: 0,
          parent: '2',
        },
      },
    ],
    [
      'a target 0,0099 off is a rounding warning',
      '2.2',
      { target: score('17,4901') },
      '2',
      {
        rule: 'sum-target',
        severity: 'warning',
        code: '2',
        location: { line: 4 },
        params: {
          field: 'target',
          stated: score('35'),
          computed: score('34,9901'),
          difference: score('0,0099'),
          rounding: 1,
          parent: '2',
        },
      },
    ],
  ])('%s', (_title, code, change, _parent, expected) => {
    // the stated totals are left as they were: only the parent of the changed row disagrees
    expect(checkPlan(plan(withRow(consistentRows(), code, change)))).toEqual([expected]);
  });

  it('checks every level, each parent against the values written for its children', () => {
    // 2.1.2 makes 2.1 wrong; 2 still agrees with the 20 written for 2.1
    const rows = withRow(consistentRows(), '2.1.2', { max: score('11') });
    expect(rulesOf(checkPlan(plan(rows)))).toEqual(['sum-max@2.1']);
  });

  it('an empty child adds nothing; an empty parent over children with values disagrees with them', () => {
    const rows = withRow(withRow(consistentRows(), '1.1', { target: null }), '2', { baseline: null });
    expect(rulesOf(checkPlan(plan(rows)))).toEqual([
      'missing-value@1.1',
      'missing-value@2',
      'sum-target@1',
      'sum-baseline@2',
    ]);
    const [empty] = checkPlan(plan(rows)).filter((f) => f.rule === 'sum-baseline');
    expect(empty!.params).toMatchObject({ stated: null, difference: null, rounding: 0 });
    expect(empty!.severity).toBe('error');
    expect(findingMessage(empty!, 'vi')).not.toContain('chênh');
  });

  it('an empty parent whose children are all empty agrees with them', () => {
    const rows = consistentRows().map((r) => ({ ...r, target: null }));
    expect(rulesOf(checkPlan(plan(rows))).filter((r) => r.startsWith('sum-'))).toEqual([]);
  });

  it('points at the cell of the stated sum in a spreadsheet', () => {
    const columns: Partial<Record<ColumnRole, number>> = { code: 1, name: 2, max: 3, baseline: 4, target: 5 };
    const rows = withRow(consistentRows(), '1.2', { target: score('29') }).map((r, i) => ({
      ...r,
      location: { sheet: 'Phụ lục', row: i + 8 },
    }));
    const [f] = checkPlan(plan(rows, { columns }));
    expect(f?.location).toEqual({ sheet: 'Phụ lục', row: 8, column: 5 });
    expect(formatLocation(f!.location, 'vi')).toBe("trang tính 'Phụ lục', ô E8");
    expect(formatLocation(f!.location, 'en')).toBe("sheet 'Phụ lục', cell E8");
  });

  it('renders the exact sum in each locale', () => {
    const rows = [
      row('1', '100', '2,7', '3'),
      row('1.1', '1', '0,8791', '1'),
      row('1.2', '1', '1', '1'),
      row('1.3', '98', '0,83', '1'),
    ];
    const [f] = checkPlan(plan(rows));
    expect(f).toMatchObject({ rule: 'sum-baseline', severity: 'warning', params: { rounding: 1 } });
    expect(findingMessage(f!, 'vi')).toBe(
      'Tổng điểm đạt được năm trước của các tiêu chí con là 2,7091, khác 2,7 ghi ở tiêu chí 1 (chênh 0,0091, do làm tròn)',
    );
    expect(findingMessage(f!, 'en')).toBe(
      "Children's baseline score add up to 2.7091, not the 2.7 written for 1 (off by 0.0091, rounding)",
    );
  });
});

describe('total rules', () => {
  const totalLocation: SourceLocation = { sheet: 'Phụ lục', row: 40 };
  const columns = { code: 1, max: 3, baseline: 4, target: 5 };

  it.each<[string, Totals, Finding[]]>([
    [
      'a stated max total off by half a point',
      totals('100,5', '80,1234', '90'),
      [
        {
          rule: 'total-max',
          severity: 'error',
          code: null,
          location: { sheet: 'Phụ lục', row: 40, column: 3 },
          params: {
            field: 'max',
            stated: score('100,5'),
            computed: score('100'),
            difference: score('0,5'),
            rounding: 0,
          },
        },
      ],
    ],
    [
      'a baseline total rounded to two decimals',
      totals('100', '80,12', '90'),
      [
        {
          rule: 'total-baseline',
          severity: 'warning',
          code: null,
          location: { sheet: 'Phụ lục', row: 40, column: 4 },
          params: {
            field: 'baseline',
            stated: score('80,12'),
            computed: score('80,1234'),
            difference: score('0,0034'),
            rounding: 1,
          },
        },
      ],
    ],
    [
      'an empty target total over areas with targets disagrees with them',
      totals('100', '80,1234', null),
      [
        {
          rule: 'total-target',
          severity: 'error',
          code: null,
          location: { sheet: 'Phụ lục', row: 40, column: 5 },
          params: { field: 'target', stated: null, computed: score('90'), difference: null, rounding: 0 },
        },
      ],
    ],
  ])('%s', (_title, stated, expected) => {
    expect(checkPlan(plan(consistentRows(), { statedTotals: stated, totalLocation, columns }))).toEqual(
      expected,
    );
  });

  it('has no location without a total row location', () => {
    const [f] = checkPlan(plan(consistentRows(), { statedTotals: totals('100', '80', '90') }));
    expect(f).toMatchObject({ rule: 'total-baseline', severity: 'error', location: null });
  });
});

describe('areas-not-100', () => {
  it('warns when the areas add up to something else, at the total row', () => {
    const rows = withRow(withRow(consistentRows(), '2', { max: score('39,5') }), '2.2', {
      max: score('19,5'),
    });
    const findings = checkPlan(
      plan(rows, {
        statedTotals: totals('99,5', '80,1234', '90'),
        totalLocation: { line: 30 },
        columns: { max: 3 },
      }),
    );
    expect(findings).toEqual([
      {
        rule: 'areas-not-100',
        severity: 'warning',
        code: null,
        location: { line: 30, column: 3 },
        params: { computed: score('99,5') },
      },
    ]);
  });

  it('is not checked while an area has no max', () => {
    const rows = [row('1', null, '50', '60'), row('2', '40', '30', '35')];
    expect(rulesOf(checkPlan(plan(rows)))).toEqual(['missing-max@1']);
  });
});

describe('row rules', () => {
  const columns = { code: 1, max: 3, baseline: 4, target: 5, task: 6, lead: 7 };
  const at = (column: number): SourceLocation => ({ sheet: 'S', row: 5, column });
  const one = (r: PlanRow) => plan([{ ...r, location: { sheet: 'S', row: 5 } }], { columns });

  it.each<[string, PlanRow, Finding[]]>([
    [
      'baseline and target above max',
      row('1', '100', '100,5', '100,75'),
      [
        {
          rule: 'baseline-above-max',
          severity: 'error',
          code: '1',
          location: at(4),
          params: { field: 'baseline', value: score('100,5'), max: score('100') },
        },
        {
          rule: 'target-above-max',
          severity: 'error',
          code: '1',
          location: at(5),
          params: { field: 'target', value: score('100,75'), max: score('100') },
        },
      ],
    ],
    [
      'a target at the max is fine, just above is not',
      row('1', '100', '100', '100,0001'),
      [
        {
          rule: 'target-above-max',
          severity: 'error',
          code: '1',
          location: at(5),
          params: { field: 'target', value: score('100,0001'), max: score('100') },
        },
      ],
    ],
    [
      'a negative baseline',
      row('1', '100', '-0,5', '10'),
      [
        {
          rule: 'negative-score',
          severity: 'error',
          code: '1',
          location: at(4),
          params: { field: 'baseline', value: score('-0,5') },
        },
      ],
    ],
    [
      'a target below the baseline',
      row('1', '100', '80', '79,99'),
      [
        {
          rule: 'target-below-baseline',
          severity: 'warning',
          code: '1',
          location: at(5),
          params: { target: score('79,99'), baseline: score('80') },
        },
      ],
    ],
    [
      'no max score',
      row('1', null, '80', '90'),
      [{ rule: 'missing-max', severity: 'error', code: '1', location: at(3), params: {} }],
    ],
    [
      'no baseline and no target',
      row('1', '100', null, null),
      [
        {
          rule: 'missing-value',
          severity: 'warning',
          code: '1',
          location: at(4),
          params: { field: 'baseline' },
        },
        {
          rule: 'missing-value',
          severity: 'warning',
          code: '1',
          location: at(5),
          params: { field: 'target' },
        },
      ],
    ],
    [
      'a leaf without a lead unit',
      row('1', '100', '80', '90', { leadUnits: ' \n ' }),
      [{ rule: 'leaf-without-lead-unit', severity: 'warning', code: '1', location: at(7), params: {} }],
    ],
    [
      'a leaf without a task',
      row('1', '100', '80', '90', { task: '' }),
      [{ rule: 'leaf-without-task', severity: 'warning', code: '1', location: at(6), params: {} }],
    ],
  ])('%s', (_title, r, expected) => {
    expect(checkPlan(one(r))).toEqual(expected);
  });

  it('keeps the row location when the table has no column for the role', () => {
    expect(checkPlan(plan([row('1', '100', '80', '90', { task: '' })]))).toEqual([
      { rule: 'leaf-without-task', severity: 'warning', code: '1', location: { line: 1 }, params: {} },
    ]);
  });

  it('compares target with baseline on leaves only', () => {
    const rows = [row('1', '100', '80', '75'), row('1.1', '50', '40', '40'), row('1.2', '50', '40', '35')];
    expect(rulesOf(checkPlan(plan(rows)))).toEqual(['target-below-baseline@1.2']);
  });
});

describe('tree rules', () => {
  it('reports a repeated code at the second row, naming the first', () => {
    const rows = [
      row('1', '100', '80', '90'),
      row('1.1', '100', '80', '90'),
      row('1.1', '5', '1', '2', { location: { line: 9 } }),
    ];
    expect(checkPlan(plan(rows))).toEqual([
      {
        rule: 'duplicate-code',
        severity: 'error',
        code: '1.1',
        location: { line: 9 },
        params: { code: '1.1', first: 2 },
      },
    ]);
  });

  it('names the first row by its spreadsheet row when there is no line', () => {
    const rows = [
      row('1', '100', '80', '90', { location: { sheet: 'S', row: 7 } }),
      row('1', '100', '80', '90', { location: { sheet: 'S', row: 12 } }),
    ];
    const [f] = checkPlan(plan(rows, { columns: { code: 1 } }));
    expect(f).toMatchObject({
      rule: 'duplicate-code',
      location: { sheet: 'S', row: 12, column: 1 },
      params: { code: '1', first: 7 },
    });
  });

  it('reports a row whose parent is missing, and leaves it out of the areas', () => {
    const rows = [row('1', '100', '80', '90'), row('1.1', '100', '80', '90'), row('2.1', '10', '5', '6')];
    expect(checkPlan(plan(rows))).toEqual([
      {
        rule: 'missing-parent',
        severity: 'error',
        code: '2.1',
        location: { line: 3 },
        params: { code: '2.1', parent: '2' },
      },
    ]);
  });

  it.each<[string, string[], string, string]>([
    ['1.1, 1.2, 1.4', ['1', '1.1', '1.2', '1.4'], '1.4', '1.2'],
    ['a first child numbered 2', ['1', '1.2'], '1.2', '1'],
    ['areas 1 and 3', ['1', '3'], '3', '1'],
    ['a gap written out of order', ['1', '1.4', '1.1', '1.2'], '1.4', '1.2'],
    ['the first area numbered 2', ['2'], '2', '—'],
  ])('reports a numbering gap: %s', (_title, codes, code, previous) => {
    const rows = codes.map((c) => row(c, null, null, null));
    const gaps = checkPlan(plan(rows)).filter((f) => f.rule === 'numbering-gap');
    expect(gaps).toEqual([
      {
        rule: 'numbering-gap',
        severity: 'warning',
        code,
        location: { line: codes.indexOf(code) + 1 },
        params: { code, previous },
      },
    ]);
  });

  it('finds no gap in 1, 1.1, 1.2, 1.3, 2, 2.1', () => {
    const rows = ['1', '1.1', '1.2', '1.3', '2', '2.1'].map((c) => row(c, null, null, null));
    expect(checkPlan(plan(rows)).filter((f) => f.rule === 'numbering-gap')).toEqual([]);
  });
});

describe('sums, as a property', () => {
  interface Leaf {
    max: number;
    baseline: number;
    target: number;
  }
  const leafArb: fc.Arbitrary<Leaf> = fc
    .tuple(fc.integer({ min: 0, max: 200_000 }), fc.nat(), fc.nat())
    .map(([max, a, b]) => {
      const baseline = max === 0 ? 0 : a % (max + 1);
      const target = baseline + (max === baseline ? 0 : b % (max - baseline + 1));
      return { max, baseline, target };
    });
  const areasArb = fc.array(fc.array(leafArb, { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 4,
  });
  const fields = ['max', 'baseline', 'target'] as const;
  const u = (units: number): Score => ({ units, scale: 4 });

  function build(areas: Leaf[][]): { rows: PlanRow[]; statedTotals: Totals } {
    const rows: PlanRow[] = [];
    const total = { max: 0, baseline: 0, target: 0 };
    areas.forEach((leaves, i) => {
      const s = { max: 0, baseline: 0, target: 0 };
      for (const l of leaves) for (const f of fields) s[f] += l[f];
      for (const f of fields) total[f] += s[f];
      rows.push(
        row(`${i + 1}`, null, null, null, { max: u(s.max), baseline: u(s.baseline), target: u(s.target) }),
      );
      leaves.forEach((l, j) =>
        rows.push(
          row(`${i + 1}.${j + 1}`, null, null, null, {
            max: u(l.max),
            baseline: u(l.baseline),
            target: u(l.target),
          }),
        ),
      );
    });
    return {
      rows,
      statedTotals: { max: u(total.max), baseline: u(total.baseline), target: u(total.target) },
    };
  }

  it('a plan whose parents are the exact sums of their children has no finding but the 100-point one', () => {
    fc.assert(
      fc.property(areasArb, (areas) => {
        const { rows, statedTotals } = build(areas);
        const findings = checkPlan(plan(rows, { statedTotals })).filter((f) => f.rule !== 'areas-not-100');
        expect(findings).toEqual([]);
      }),
    );
  });

  it('changing one written value is reported where it disagrees, by how much it is off', () => {
    const change = fc.tuple(
      areasArb,
      fc.nat(),
      fc.nat(),
      fc.boolean(),
      fc.constantFrom(...fields),
      fc.integer({ min: -500, max: 500 }).filter((d) => d !== 0),
    );
    fc.assert(
      fc.property(change, ([areas, ai, li, atArea, field, delta]) => {
        const { rows, statedTotals } = build(areas);
        const area = ai % areas.length;
        const leaf = li % areas[area]!.length;
        const code = atArea ? `${area + 1}` : `${area + 1}.${leaf + 1}`;
        const changed = rows.map((r) =>
          r.code === code ? { ...r, [field]: u(r[field]!.units + delta) } : r,
        );
        const sums = checkPlan(plan(changed, { statedTotals })).filter(
          (f) => f.rule.startsWith('sum-') || f.rule.startsWith('total-'),
        );
        const severity = Math.abs(delta) < 100 ? 'warning' : 'error';
        // a leaf disagrees with its area; an area disagrees with its children and with the total row
        const expected = atArea
          ? [
              [`sum-${field}`, `${area + 1}`, severity],
              [`total-${field}`, null, severity],
            ]
          : [[`sum-${field}`, `${area + 1}`, severity]];
        expect(sums.map((f) => [f.rule, f.code, f.severity])).toEqual(expected);
        for (const { params } of sums) {
          const p: AnyFindingParams = params;
          // the difference is a computed value: shown with its natural precision
          expect(p.difference).toEqual(trimScale(u(Math.abs(delta))));
          expect(p.rounding).toBe(severity === 'warning' ? 1 : 0);
        }
      }),
    );
  });
});
