import { describe, expect, it } from 'vitest';
import { checkFramework } from './framework-check.js';
import type { FrameworkCriterion, FrameworkDocument, Scorer, ScoringRule } from './framework.js';
import { findingMessage, ruleBlocksImport, type Finding } from './findings.js';
import { score, type Score } from './score.js';

const pts = (text: string): Score => score(text);

function criterion(
  code: string,
  max: string | null,
  rule: ScoringRule | null,
  scorer: Scorer = 'self',
  line?: number,
): FrameworkCriterion {
  return {
    code,
    rawCode: code,
    name: `Tiêu chí ${code}`,
    max: max === null ? null : pts(max),
    method: '',
    evidence: '',
    scorer,
    notApplicable: 'not-allowed',
    followedBy: null,
    rule,
    location: line === undefined ? null : { line },
  };
}

const doc = (criteria: FrameworkCriterion[]): FrameworkDocument => ({
  title: 'BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ',
  decision: { number: '244/PNV', date: '2022-03-01' },
  unitGroup: null,
  yearFrom: 2022,
  yearTo: 2022,
  criteria,
});

const manual: ScoringRule = { kind: 'manual', step: pts('0,25') };
const issuedPlan: ScoringRule = {
  kind: 'choice',
  options: [
    { label: 'Ban hành kịp thời', points: pts('1') },
    { label: 'Ban hành không kịp thời', points: pts('0,5') },
    { label: 'Không ban hành', points: pts('0') },
  ],
};
const planDone: ScoringRule = {
  kind: 'bands',
  bands: [
    { edge: 9000, strict: true, points: pts('2') },
    { edge: 7000, strict: false, points: pts('1') },
    { edge: null, strict: false, points: pts('0') },
  ],
};

/** A framework of 100 points with one leaf whose rule is under test in area 1 (max `max`). */
function withLeaf(rule: ScoringRule | null, max = '1', scorer: Scorer = 'self'): FrameworkDocument {
  const rest = (100 - Number(max.replace(',', '.'))).toString().replace('.', ',');
  return doc([
    criterion('1', max, null),
    criterion('1.1', max, rule, scorer),
    criterion('2', rest, null),
    criterion('2.1', rest, manual),
  ]);
}

const rules = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.code ?? '-'}`);

describe('checkFramework', () => {
  it('finds nothing in a sound framework (a choice, gated bands, bonus and penalty apart)', () => {
    const findings = checkFramework(
      doc([
        criterion('1', '3', null),
        criterion('1.1', '3', null),
        criterion('1.1.1', '1', issuedPlan),
        criterion('1.1.2', '2', { kind: 'gate', code: '1.1.1', rule: planDone }),
        criterion('2', '97', null),
        criterion('2.1', '97', manual),
        criterion('3', null, null),
        criterion('3.1', null, { kind: 'bonus', cap: pts('2') }, 'bonus'),
        criterion('3.2', null, { kind: 'penalty', cap: pts('2'), each: pts('0,25') }, 'penalty'),
      ]),
    );
    expect(rules(findings)).toEqual([]);
  });

  it('reports codes as the plan checker does', () => {
    const findings = checkFramework(
      doc([
        criterion('1', '100', null, 'self', 1),
        criterion('1.1', '50', manual, 'self', 2),
        criterion('1.1', '50', manual, 'self', 3),
        criterion('1.3', '50', manual, 'self', 4),
        criterion('2.1', '1', manual, 'self', 5),
      ]),
    );
    expect(rules(findings)).toEqual([
      'error duplicate-code 1.1',
      'error missing-parent 2.1',
      'warning numbering-gap 1.3',
    ]);
    expect(findings[0]!.params).toEqual({ code: '1.1', first: 2 });
    expect(findings[0]!.location).toEqual({ line: 3 });
  });

  it("a parent's max against its children's, bonus and penalty children aside", () => {
    const findings = checkFramework(
      doc([
        criterion('1', '100', null),
        criterion('1.1', '60', manual),
        criterion('1.2', '39', manual),
        criterion('1.3', null, { kind: 'bonus', cap: pts('1') }, 'bonus'),
      ]),
    );
    expect(rules(findings)).toEqual(['error sum-max 1']);
    expect(findingMessage(findings[0]!, 'vi')).toBe(
      'Tổng điểm chuẩn của các tiêu chí con là 99, khác 100 ghi ở tiêu chí 1 (chênh 1)',
    );
  });

  it('areas not adding up to 100', () => {
    const findings = checkFramework(
      doc([criterion('1', '60', null), criterion('1.1', '60', manual), criterion('2', '39,5', manual)]),
    );
    expect(rules(findings)).toEqual(['warning areas-not-100 -']);
  });

  it('a criterion without a max, a leaf without a rule', () => {
    const findings = checkFramework(
      doc([criterion('1', '100', null), criterion('1.1', null, manual), criterion('1.2', '100', null)]),
    );
    expect(rules(findings)).toEqual(['error missing-max 1.1', 'error leaf-without-rule 1.2']);
  });

  it.each<[string, ScoringRule, string, string[]]>([
    ['1.1.4 bands worth 2 under a max of 1', planDone, '1', ['error rule-exceeds-max 1.1']],
    [
      'parts 0,25 + 0,25 that never reach 1',
      {
        kind: 'parts',
        parts: [
          { label: 'Bảng điện tử', points: pts('0,25'), evidence: '' },
          { label: 'Mạng xã hội', points: pts('0,25'), evidence: '' },
        ],
      },
      '1',
      ['warning rule-below-max 1.1'],
    ],
    [
      'options with one label twice (case and diacritics aside)',
      {
        kind: 'choice',
        options: [
          { label: 'Đạt yêu cầu', points: pts('1') },
          { label: 'đạt yêu cầu', points: pts('0') },
        ],
      },
      '1',
      ['error duplicate-option 1.1'],
    ],
    [
      'bands upside down ("dưới 70 %" before "từ 70 %")',
      {
        kind: 'bands',
        bands: [
          { edge: 7000, strict: false, points: pts('1') },
          { edge: 9000, strict: false, points: pts('2') },
          { edge: null, strict: false, points: pts('0') },
        ],
      },
      '2',
      ['error bands-out-of-order 1.1'],
    ],
    [
      'two bands from the same edge',
      {
        kind: 'bands',
        bands: [
          { edge: 9000, strict: false, points: pts('2') },
          { edge: 9000, strict: false, points: pts('1') },
        ],
      },
      '2',
      ['error bands-out-of-order 1.1'],
    ],
    [
      '"> 90 %" then "≥ 90 %" is in order, but nothing below 90 %',
      {
        kind: 'bands',
        bands: [
          { edge: 9000, strict: true, points: pts('2') },
          { edge: 9000, strict: false, points: pts('1') },
        ],
      },
      '2',
      ['warning bands-incomplete 1.1'],
    ],
    [
      'a band after the open one',
      {
        kind: 'bands',
        bands: [
          { edge: null, strict: false, points: pts('0') },
          { edge: 9000, strict: false, points: pts('2') },
        ],
      },
      '2',
      ['error bands-out-of-order 1.1'],
    ],
    [
      'count bands out of order',
      {
        kind: 'count',
        bands: [
          { atMost: 1, points: pts('1') },
          { atMost: 0, points: pts('2') },
          { atMost: null, points: pts('0') },
        ],
        each: null,
        floor: null,
      },
      '2',
      ['error bands-out-of-order 1.1'],
    ],
    [
      'count bands without "trên 1 lần"',
      {
        kind: 'count',
        bands: [
          { atMost: 0, points: pts('2') },
          { atMost: 1, points: pts('1') },
        ],
        each: null,
        floor: null,
      },
      '2',
      ['warning bands-incomplete 1.1'],
    ],
    [
      'a linear floor above its full',
      { kind: 'linear', floor: 9500, floorStrict: false, full: 9000 },
      '1',
      ['error rule-invalid 1.1'],
    ],
    [
      'an edge above 100 %',
      { kind: 'linear', floor: 9000, floorStrict: false, full: 12000 },
      '1',
      ['error rule-invalid 1.1'],
    ],
    ['a step of 0', { kind: 'manual', step: pts('0') }, '1', ['error rule-invalid 1.1']],
    [
      'no options',
      { kind: 'choice', options: [] },
      '1',
      ['error rule-invalid 1.1', 'warning rule-below-max 1.1'],
    ],
    [
      'a count with neither bands nor "mỗi lần"',
      { kind: 'count', bands: [], each: null, floor: null },
      '1',
      ['error rule-invalid 1.1', 'warning rule-below-max 1.1'],
    ],
    [
      'a gate whose own rule exceeds the max',
      { kind: 'gate', code: '2.1', rule: planDone },
      '1',
      ['error rule-exceeds-max 1.1'],
    ],
  ])('%s', (_name, rule, max, expected) => {
    expect(rules(checkFramework(withLeaf(rule, max)))).toEqual(expected);
  });

  it.each<[string, ScoringRule, Scorer, string[]]>([
    ['a bonus of cap 0', { kind: 'bonus', cap: pts('0') }, 'bonus', ['error missing-cap 1.1']],
    [
      'a penalty of cap 0',
      { kind: 'penalty', cap: pts('0'), each: pts('0,25') },
      'penalty',
      ['error missing-cap 1.1'],
    ],
    ['a penalty scorer with a manual rule', manual, 'penalty', ['error missing-cap 1.1']],
  ])('%s', (_name, rule, scorer, expected) => {
    const findings = checkFramework(
      doc([
        criterion('1', '100', null),
        criterion('1.1', '100', manual),
        criterion('1.2', null, rule, scorer),
      ]),
    );
    expect(rules(findings)).toEqual(expected.map((e) => e.replace('1.1', '1.2')));
  });

  it('gates on an unknown code, on the criterion itself, on its own area, and in a cycle', () => {
    const findings = checkFramework(
      doc([
        criterion('1', '100', null),
        criterion('1.1', '20', { kind: 'gate', code: '9.9', rule: manual }),
        criterion('1.2', '20', { kind: 'gate', code: '1.2', rule: manual }),
        criterion('1.3', '20', { kind: 'gate', code: '1', rule: manual }),
        criterion('1.4', '20', { kind: 'gate', code: '1.5', rule: manual }),
        criterion('1.5', '20', { kind: 'gate', code: '1.4', rule: manual }),
      ]),
    );
    expect(rules(findings)).toEqual([
      'error gate-unknown 1.1',
      'error gate-self 1.2',
      'error gate-self 1.3',
      'error gate-cycle 1.4',
    ]);
    expect(findings[3]!.params).toEqual({ codes: '1.4 → 1.5 → 1.4' });
    expect(findingMessage(findings[0]!, 'vi')).toBe(
      'Cách tính điểm phụ thuộc tiêu chí 9.9, nhưng bộ tiêu chí không có tiêu chí này',
    );
  });

  it('a gate on a parent depends on its leaves', () => {
    const findings = checkFramework(
      doc([
        criterion('1', '100', null),
        criterion('1.1', '50', null),
        criterion('1.1.1', '50', { kind: 'gate', code: '1.2', rule: manual }),
        criterion('1.2', '50', { kind: 'gate', code: '1.1', rule: manual }),
      ]),
    );
    expect(rules(findings)).toEqual(['error gate-cycle 1.1.1']);
  });

  it('"method not recognised" is a warning that does not block, worded in both languages', () => {
    const f: Finding = {
      rule: 'method-not-recognised',
      severity: 'warning',
      code: '1.1',
      location: null,
      params: { text: 'Tùy mức độ hoàn thành' },
    };
    expect(ruleBlocksImport('method-not-recognised')).toBe(false);
    expect(findingMessage(f, 'vi')).toBe(
      'Chưa nhận dạng được cách tính điểm "Tùy mức độ hoàn thành": hãy đặt cách tính điểm bằng tay',
    );
    expect(findingMessage(f, 'en')).toBe(
      'Scoring method not recognised, set it by hand: "Tùy mức độ hoàn thành"',
    );
  });

  it.each([
    ['rule-exceeds-max', true],
    ['rule-below-max', false],
    ['bands-out-of-order', true],
    ['bands-incomplete', false],
    ['duplicate-option', false],
    ['gate-unknown', true],
    ['gate-self', true],
    ['gate-cycle', true],
    ['leaf-without-rule', true],
    ['missing-cap', true],
    ['rule-invalid', true],
  ] as const)('%s blocks an import: %s', (rule, blocks) => {
    expect(ruleBlocksImport(rule)).toBe(blocks);
  });

  it('words the bands and the rule points in both languages', () => {
    const findings = checkFramework(withLeaf(planDone, '1'));
    expect(findingMessage(findings[0]!, 'vi')).toBe(
      'Cách tính điểm cho tới 2 điểm, vượt điểm tối đa 1 của tiêu chí',
    );
    expect(findingMessage(findings[0]!, 'en')).toBe(
      "The rule gives up to 2 points, above the criterion's max 1",
    );
    const open = checkFramework(
      withLeaf(
        {
          kind: 'bands',
          bands: [
            { edge: 9000, strict: false, points: pts('1') },
            { edge: 7050, strict: false, points: pts('0,5') },
          ],
        },
        '1',
      ),
    );
    expect(findingMessage(open[0]!, 'vi')).toBe('Không có khoảng nào cho tỷ lệ dưới 70,5 %');
    expect(findingMessage(open[0]!, 'en')).toBe('No band for a ratio below 70.5%');
  });
});
