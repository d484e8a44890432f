import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingFindings,
  columnLetter,
  finding as makeFinding,
  findingMessage,
  formatLocation,
  type AnyFindingParams,
  RULES,
  ruleBlocksImport,
  type Finding,
  type RuleId,
  type SourceLocation,
} from './findings.js';
import { render } from './messages.js';
import type { LineageConflict } from './messages/errors.js';
import { score } from './score.js';

/** A finding as JSON may bring it: any parameters, some missing (the messages must still read). */
const finding = (rule: RuleId, params: AnyFindingParams, severity: Finding['severity'] = 'error'): Finding =>
  ({ rule, severity, code: null, location: null, params }) as Finding;

describe('finding()', () => {
  it("takes each rule's own parameters and no others (checked by tsc: the lines marked fail to compile)", () => {
    const ok = makeFinding('duplicate-code', 'error', '1.2', null, { code: '1.2', first: 12 });
    expect(findingMessage(ok, 'en')).toBe('Code 1.2 appears twice (first on row 12)');
    const sum = makeFinding('sum-target', 'warning', '1', null, {
      field: 'target',
      stated: score('2'),
      computed: score('2,0001'),
      difference: score('0,0001'),
      rounding: 1,
      parent: '1',
    });
    // narrowing the rule types the parameters
    if (sum.rule === 'sum-target') expect(sum.params.parent).toBe('1');
    const wrong = [
      // @ts-expect-error a parameter is missing (first)
      makeFinding('duplicate-code', 'error', '1.2', null, { code: '1.2' }),
      // @ts-expect-error a parameter of another rule
      makeFinding('malformed-code', 'error', null, null, { raw: 'x', code: '1' }),
      // @ts-expect-error a parameter of the wrong type
      makeFinding('year-assumed', 'info', null, null, { year: '2024' }),
      // @ts-expect-error a rule without parameters takes none
      makeFinding('missing-max', 'error', '1', null, { field: 'max' }),
      // @ts-expect-error no such rule
      makeFinding('no-such-rule', 'error', null, null, {}),
    ];
    expect(wrong).toHaveLength(5);
  });
});

describe('findingMessage', () => {
  const sumMax = finding('sum-max', {
    field: 'max',
    stated: score('2,7'),
    computed: score('2,7091'),
    difference: score('0,0091'),
    rounding: 1,
    parent: '1',
  });

  it('writes numbers with a decimal comma in Vietnamese and a point in English', () => {
    expect(findingMessage(sumMax, 'vi')).toBe(
      'Tổng điểm chuẩn của các tiêu chí con là 2,7091, khác 2,7 ghi ở tiêu chí 1 (chênh 0,0091, do làm tròn)',
    );
    expect(findingMessage(sumMax, 'en')).toBe(
      "Children's max score add up to 2.7091, not the 2.7 written for 1 (off by 0.0091, rounding)",
    );
  });

  it('says "rounding" only for a rounding difference', () => {
    const error = { ...sumMax, params: { ...sumMax.params, rounding: 0, difference: score('1,5') } };
    expect(findingMessage(error, 'vi')).not.toContain('làm tròn');
    expect(findingMessage(error, 'vi')).toContain('(chênh 1,5)');
    expect(findingMessage(error, 'en')).not.toContain('rounding');
  });

  it.each<[RuleId, Finding['params'], string, string]>([
    [
      'total-target',
      {
        field: 'target',
        stated: score('86,26'),
        computed: score('86,2'),
        difference: score('0,06'),
        rounding: 0,
      },
      'Dòng tổng ghi điểm mục tiêu 86,26, nhưng tổng các lĩnh vực là 86,2 (chênh 0,06)',
      'The total row states target 86.26, but the areas add up to 86.2 (off by 0.06)',
    ],
    [
      'areas-not-100',
      { computed: score('99,5') },
      'Tổng điểm chuẩn các lĩnh vực là 99,5, không phải 100',
      "The areas' max scores add up to 99.5, not 100",
    ],
    [
      'target-above-max',
      { field: 'target', value: score('10,10'), max: score('10') },
      'Điểm mục tiêu 10,10 vượt điểm chuẩn 10',
      'Target 10.10 is above the max score 10',
    ],
    [
      'baseline-above-max',
      { field: 'baseline', value: score('1,25'), max: score('1') },
      'Điểm đạt được năm trước 1,25 vượt điểm chuẩn 1',
      'Baseline score 1.25 is above the max score 1',
    ],
    [
      'negative-score',
      { field: 'baseline', value: score('-0,5') },
      'Điểm đạt được năm trước âm: -0,5',
      'Negative baseline score: -0.5',
    ],
    [
      'target-below-baseline',
      { target: score('0,75'), baseline: score('0,8791') },
      'Mục tiêu 0,75 thấp hơn điểm đạt được năm trước 0,8791',
      'Target 0.75 is below the baseline 0.8791',
    ],
    [
      'duplicate-code',
      { code: '1.2', first: 12 },
      'Mã 1.2 lặp lại (đã có ở dòng 12)',
      'Code 1.2 appears twice (first on row 12)',
    ],
    [
      'missing-parent',
      { code: '3.4.1', parent: '3.4' },
      'Không có tiêu chí cha 3.4 của 3.4.1',
      'Parent 3.4 of 3.4.1 is missing',
    ],
    [
      'numbering-gap',
      { code: '1.4', previous: '1.2' },
      'Số thứ tự bị nhảy: sau 1.2 là 1.4',
      'Numbering gap: 1.4 follows 1.2',
    ],
    [
      'code-normalised',
      { raw: '2,3.', code: '2.3', fixes: 'comma,trailing-dot' },
      'Mã "2,3." được hiểu là 2.3 (dấu phẩy thay dấu chấm, dấu chấm ở cuối)',
      'Code "2,3." read as 2.3 (comma for a dot, trailing dot)',
    ],
    ['missing-value', { field: 'target' }, 'Chưa có điểm mục tiêu', 'No target'],
    ['missing-max', {}, 'Tiêu chí chưa có điểm chuẩn', 'No max score for this criterion'],
    ['leaf-without-lead-unit', {}, 'Tiêu chí chưa có đơn vị chủ trì', 'No lead unit for this criterion'],
    ['leaf-without-task', {}, 'Tiêu chí chưa có nhiệm vụ, giải pháp', 'No task for this criterion'],
    [
      'invalid-number',
      { field: 'max', text: 'abc' },
      'Điểm chuẩn không phải là số: "abc"',
      'Max score is not a number: "abc"',
    ],
    [
      'unit-name-folded',
      { original: 'Phòng nội vụ', unit: 'Phòng Nội vụ' },
      'Tên đơn vị "Phòng nội vụ" được hiểu là "Phòng Nội vụ"',
      'Unit name "Phòng nội vụ" read as "Phòng Nội vụ"',
    ],
  ])('renders %s in both languages', (rule, params, vi, en) => {
    const f = finding(rule, params);
    expect(findingMessage(f, 'vi')).toBe(vi);
    expect(findingMessage(f, 'en')).toBe(en);
  });

  it.each<LineageConflict>([
    { problem: 'shape', kind: 'merged', from: 2, to: 0 },
    { problem: 'same-unit', unit: 'Xã Đắk Sôr' },
    { problem: 'twice', unit: 'Xã Nâm Nung', kind: 'merged', date: '2025-07-01' },
    { problem: 'twice', unit: 'Xã Nâm Nung', kind: 'dissolved', date: null },
    { problem: 'cycle', unit: 'Xã Krông Nô' },
    { problem: 'order', unit: 'Xã Krông Nô', began: '2025-07-01' },
    { problem: 'ended', unit: 'Huyện Krông Nô', until: '2025-06-30' },
  ])('words a lineage conflict as the error LINEAGE_CONFLICT does (%o)', (params) => {
    const f = makeFinding('lineage-conflict', 'error', null, { line: 2, column: 4 }, params);
    for (const lang of ['vi', 'en'] as const) {
      expect(findingMessage(f, lang)).toBe(render('LINEAGE_CONFLICT', params, lang));
    }
  });

  it('words a lineage conflict of an unknown problem (from JSON) with the general sentence', () => {
    const f = finding('lineage-conflict', { problem: 'sideways', unit: 'Xã Đắk Sôr' });
    expect(findingMessage(f, 'vi')).toBe('Sự kiện không khớp với các lần sắp xếp đã ghi nhận');
    expect(findingMessage(f, 'en')).toBe('The event does not fit the reorganisations recorded');
  });

  it('shows a missing parameter as empty rather than "undefined"', () => {
    const f = finding('duplicate-code', { code: '1.2', first: null });
    expect(findingMessage(f, 'vi')).toBe('Mã 1.2 lặp lại (đã có ở dòng (trống))');
    expect(findingMessage(f, 'en')).toBe('Code 1.2 appears twice (first on row (empty))');
  });

  it('has a non-empty message in both languages for every rule', () => {
    for (const rule of Object.keys(RULES) as RuleId[]) {
      const f = finding(rule, {});
      expect(findingMessage(f, 'vi').length).toBeGreaterThan(0);
      expect(findingMessage(f, 'en').length).toBeGreaterThan(0);
      expect(findingMessage(f, 'vi')).not.toContain('undefined');
      expect(findingMessage(f, 'en')).not.toContain('undefined');
    }
  });
});

describe('blocking', () => {
  it.each<[RuleId, boolean]>([
    ['duplicate-code', true],
    ['missing-parent', true],
    ['negative-score', true],
    ['target-above-max', true],
    ['missing-max', true],
    ['sum-max', false],
    ['total-target', false],
    ['areas-not-100', false],
    ['numbering-gap', false],
    ['target-below-baseline', false],
  ])('%s blocks an import: %j', (rule, blocks) => {
    expect(ruleBlocksImport(rule)).toBe(blocks);
  });

  it('only errors of blocking rules block', () => {
    const list = [
      finding('duplicate-code', {}, 'error'),
      finding('sum-max', {}, 'error'),
      finding('target-above-max', {}, 'warning'),
      finding('missing-max', {}, 'error'),
    ];
    expect(blockingFindings(list).map((f) => f.rule)).toEqual(['duplicate-code', 'missing-max']);
  });
});

describe('formatLocation', () => {
  it.each<[SourceLocation | null, string, string]>([
    [{ line: 177 }, 'dòng 177', 'line 177'],
    [{ sheet: 'X', row: 5, column: 4 }, "trang tính 'X', ô D5", "sheet 'X', cell D5"],
    [{ sheet: 'Phụ lục', row: 12, column: 3 }, "trang tính 'Phụ lục', ô C12", "sheet 'Phụ lục', cell C12"],
    [{ sheet: 'Phụ lục', row: 12 }, "trang tính 'Phụ lục', hàng 12", "sheet 'Phụ lục', row 12"],
    [{ table: 1, row: 5, column: 3 }, 'bảng 1, hàng 5, cột 3', 'table 1, row 5, column 3'],
    [{ table: 2, row: 7 }, 'bảng 2, hàng 7', 'table 2, row 7'],
    [{ line: 9, column: 4 }, 'dòng 9, cột 4', 'line 9, column 4'],
    [null, '', ''],
    [{}, '', ''],
  ])('formats %j', (loc, vi, en) => {
    expect(formatLocation(loc, 'vi')).toBe(vi);
    expect(formatLocation(loc, 'en')).toBe(en);
  });
});

describe('columnLetter', () => {
  it.each([
    [1, 'A'],
    [4, 'D'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('column %d is %s', (n, letters) => {
    expect(columnLetter(n)).toBe(letters);
  });

  it('is the bijective base-26 numeral of the column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
        const letters = columnLetter(n);
        expect(letters).toMatch(/^[A-Z]+$/);
        const back = [...letters].reduce((acc, ch) => acc * 26 + (ch.charCodeAt(0) - 64), 0);
        expect(back).toBe(n);
      }),
    );
  });
});
