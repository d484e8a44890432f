import { describe, expect, it } from 'vitest';
import type { RoundCalendar } from './assessment.js';
import type { FrameworkCriterion, NotApplicablePolicy, Scorer, ScoringRule } from './framework.js';
import {
  appraisalProgress,
  biggestGaps,
  lateReasons,
  unitTotals,
  viewLeaf,
  type StageLeaves,
} from './round-results.js';
import { rankByIndex } from './ranking.js';
import { score, toDecimalString, type Score } from './score.js';
import { scoreFramework, scoreFromLeaves, type LeafScore } from './scoring.js';

const s = (text: string): Score => score(text);
const dec = (v: Score | null | undefined): string | null =>
  v === null || v === undefined ? null : toDecimalString(v);
const manual: ScoringRule = { kind: 'manual', step: s('0,25') };

function criterion(
  code: string,
  max: string | null,
  options: { rule?: ScoringRule | null; scorer?: Scorer; na?: NotApplicablePolicy } = {},
): FrameworkCriterion {
  return {
    code,
    rawCode: code,
    name: `Tiêu chí ${code}`,
    max: max === null ? null : s(max),
    method: '',
    evidence: '',
    scorer: options.scorer ?? 'self',
    notApplicable: options.na ?? 'not-allowed',
    followedBy: null,
    rule: options.rule === undefined ? manual : options.rule,
    location: null,
  };
}

// area 1 (3): 1.1 (1), 1.2 (2, N/A excluded); area 2 (2): 2.1 (2, N/A full points);
// area 3 (survey, 1): 3.1; area 4 bonus/penalty: 4.1 bonus ≤ 1, 4.2 penalty ≤ 2
const FRAMEWORK: FrameworkCriterion[] = [
  criterion('1', '3', { rule: null }),
  criterion('1.1', '1'),
  criterion('1.2', '2', { na: 'excluded' }),
  criterion('2', '2', { rule: null }),
  criterion('2.1', '2', { na: 'full-points' }),
  criterion('3', '1', { rule: null }),
  criterion('3.1', '1', { scorer: 'survey', rule: { kind: 'survey' } }),
  criterion('4', null, { rule: null, scorer: 'bonus' }),
  criterion('4.1', null, { scorer: 'bonus', rule: { kind: 'bonus', cap: s('1') } }),
  criterion('4.2', null, { scorer: 'penalty', rule: { kind: 'penalty', cap: s('2'), each: null } }),
];

const leaves = (entries: Record<string, StageLeaves>) => new Map(Object.entries(entries));

describe('scoreFromLeaves agrees with scoreFramework', () => {
  it.each([
    ['every leaf scored', { '1.1': '1', '1.2': '1,5', '2.1': '2', '3.1': '0,75', '4.1': '0,5', '4.2': '0' }],
    ['a penalty takes an area below 0', { '1.1': '0,25', '1.2': '0', '2.1': '0', '3.1': '0', '4.2': '2' }],
    ['a leaf missing', { '1.1': '1', '2.1': '2' }],
  ])('%s', (_name, given) => {
    const answers = new Map(
      Object.entries(given).map(([code, v]) => [
        code,
        code === '4.2' ? { kind: 'score' as const, score: s(v) } : { kind: 'score' as const, score: s(v) },
      ]),
    );
    const byRule = scoreFramework(FRAMEWORK, answers);
    const fromLeaves = scoreFromLeaves(
      FRAMEWORK,
      new Map(Object.entries(given).map(([code, v]) => [code, code === '4.2' ? s(`-${v}`) : s(v)])),
    );
    expect(dec(fromLeaves.total)).toBe(dec(byRule.total));
    expect(dec(fromLeaves.max)).toBe(dec(byRule.max));
    expect(dec(fromLeaves.index)).toBe(dec(byRule.index));
    expect(fromLeaves.missing).toEqual(byRule.missing);
    expect(fromLeaves.criteria.map((c) => dec(c.score))).toEqual(byRule.criteria.map((c) => dec(c.score)));
  });

  it('not applicable follows each policy: excluded leaves the max, full points scores it', () => {
    const r = scoreFromLeaves(
      FRAMEWORK,
      new Map<string, LeafScore>([
        ['1.1', s('1')],
        ['1.2', 'not-applicable'],
        ['2.1', 'not-applicable'],
        ['3.1', s('1')],
      ]),
    );
    // 1 + 2 + 1 of (3 − 2) + 2 + 1 = 4 of 4
    expect(dec(r.total)).toBe('4');
    expect(dec(r.max)).toBe('4');
    expect(dec(r.index)).toBe('100');
  });
});

describe('unitTotals', () => {
  const unit = leaves({
    '1.1': { self: s('1'), appraisal1: s('0,5'), appraisal2: s('0,75'), council: s('0,25') },
    '1.2': { self: s('2'), appraisal1: 'not-applicable' },
    '2.1': { self: s('2'), appraisal1: s('1') },
    '3.1': { survey: s('0,5') },
    '4.1': { self: s('1'), appraisal1: s('0,5') },
    '4.2': { self: s('0'), appraisal1: s('-0,25') },
  });
  const t = unitTotals(FRAMEWORK, unit);

  it.each([
    // self: 1 + 2 + 2 + 1 (bonus) − 0 = 6 of 3 + 2 + 1 (3.1, a survey criterion, is not the unit's to miss)
    ['self', '6', '6', '100', 0],
    // appraised: 0,75 (round 2 over round 1) + N/A excluded + 1 + 0,5 (survey) + 0,5 − 0,25 = 2,5 of 6 − 2
    ['appraised', '2.5', '4', '62.5', 0],
    // final: 0,25 (council) + N/A + 1 + 0,5 + 0,5 − 0,25 = 2 of 4
    ['final', '2', '4', '50', 0],
  ] as const)('%s: total %s of %s, index %s', (view, total, max, index, missing) => {
    expect(dec(t[view].total)).toBe(total);
    expect(dec(t[view].max)).toBe(max);
    expect(dec(t[view].index)).toBe(index);
    expect(t[view].missing).toBe(missing);
  });

  it('gives the areas with their applicable max, the bonus/penalty area below its children', () => {
    expect(t.final.areas.map((a) => [a.code, dec(a.score), dec(a.max)])).toEqual([
      ['1', '0.25', '1'],
      ['2', '1', '2'],
      ['3', '0.5', '1'],
      ['4', '0.25', '0'],
    ]);
  });

  it('never lets the total fall below 0', () => {
    const worst = unitTotals(FRAMEWORK, leaves({ '1.1': { self: s('0,25') }, '4.2': { self: s('-2') } }));
    expect(dec(worst.self.total)).toBe('0');
    expect(dec(worst.self.index)).toBe('0');
  });

  it('takes a survey criterion from the survey in every view but the self one', () => {
    expect(viewLeaf('appraised', { survey: s('1'), self: s('0') }, 'survey')).toEqual(s('1'));
    expect(viewLeaf('final', { survey: s('1'), council: s('0') }, 'survey')).toEqual(s('1'));
    expect(viewLeaf('final', { appraisal1: s('1'), self: s('0') }, 'self')).toEqual(s('1'));
  });
});

describe('rankByIndex', () => {
  it('shares a rank between equal indexes and skips the next; no index last', () => {
    const units = [
      { name: 'A', index: s('80') },
      { name: 'B', index: null },
      { name: 'C', index: s('92,5') },
      { name: 'D', index: s('80.0000') },
      { name: 'E', index: s('75') },
    ];
    expect(rankByIndex(units, (u) => u.index).map((u) => [u.name, u.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['D', 2],
      ['E', 4],
      ['B', null],
    ]);
  });
});

describe('biggestGaps', () => {
  it('sums |self − appraisal| over units, biggest first; no appraisal no gap', () => {
    const gaps = biggestGaps(FRAMEWORK, [
      {
        unitId: 1,
        leaves: leaves({ '1.1': { self: s('1'), appraisal1: s('0,5') }, '2.1': { self: s('2') } }),
      },
      {
        unitId: 2,
        leaves: leaves({
          '1.1': { self: s('1'), appraisal1: s('1') },
          '2.1': { self: s('1'), appraisal1: s('2'), appraisal2: s('0') },
        }),
      },
      { unitId: 3, leaves: leaves({ '1.1': { self: s('0'), appraisal1: s('0,25') } }) },
    ]);
    expect(gaps.map((g) => [g.code, dec(g.total), g.units.map((u) => [u.unitId, dec(u.gap)])])).toEqual([
      ['2.1', '1', [[2, '1']]],
      [
        '1.1',
        '0.75',
        [
          [1, '0.5'],
          [3, '-0.25'],
        ],
      ],
    ]);
  });
});

describe('lateReasons', () => {
  const calendar: RoundCalendar = [
    { phase: 'self', opensOn: '2026-12-01', closesOn: '2026-12-10' },
    { phase: 'appraisal1', opensOn: '2026-12-11', closesOn: '2026-12-15' },
    { phase: 'explanation', opensOn: '2026-12-16', closesOn: '2026-12-20' },
  ];
  it.each([
    ['in progress, self open', '2026-12-10', 'in-progress', {}, 0, []],
    ['in progress, self closed', '2026-12-11', 'in-progress', {}, 0, ['not-submitted']],
    ['not started, extended', '2026-12-11', 'not-started', { self: '2026-12-12' }, 0, []],
    ['past the extension', '2026-12-13', 'not-started', { self: '2026-12-12' }, 0, ['not-submitted']],
    ['submitted', '2026-12-13', 'submitted', {}, 0, []],
    ['returns open', '2026-12-20', 'returned', {}, 2, []],
    ['returns unexplained', '2026-12-21', 'returned', {}, 2, ['returns-unexplained']],
  ] as const)('%s', (_n, day, state, grantedUntil, unexplainedReturns, expected) => {
    expect(lateReasons(calendar, day, { state, grantedUntil, unexplainedReturns })).toEqual(expected);
  });
});

describe('appraisalProgress', () => {
  it('counts appraiser-scored leaves of handed-in units per area and stage', () => {
    const p = appraisalProgress(FRAMEWORK, [
      {
        state: 'submitted',
        leaves: leaves({ '1.1': { appraisal1: s('1') }, '1.2': { appraisal1: s('0') } }),
      },
      { state: 'returned', leaves: leaves({ '1.1': { appraisal1: s('1'), appraisal2: s('1') } }) },
      { state: 'in-progress', leaves: leaves({ '1.1': { appraisal1: s('1') } }) },
    ]);
    const at = (code: string, stage: string) => p.find((x) => x.code === code && x.stage === stage);
    expect(at('1', 'appraisal1')).toMatchObject({ scored: 3, toScore: 4 });
    expect(at('1', 'appraisal2')).toMatchObject({ scored: 1, toScore: 4 });
    // the survey's area has nothing for appraisers; bonus and penalty are theirs
    expect(at('3', 'appraisal1')).toMatchObject({ scored: 0, toScore: 0 });
    expect(at('4', 'appraisal1')).toMatchObject({ scored: 0, toScore: 4 });
  });
});
