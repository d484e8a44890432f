import type { Answer, ScoringRule } from '@core/framework';
import type { AssessmentCriterion } from '@shared/api';
import { describe, expect, it } from 'vitest';
import { daysLeft, frameworkCriteria, liveScores, missingOf } from './model';
import { answerOfDraft, draftOf } from './useAssessment';

const pts = (units: number) => ({ units, scale: 2 });
const RULES: [ScoringRule, Answer][] = [
  [
    {
      kind: 'choice',
      options: [
        { label: 'Có', points: pts(10000) },
        { label: 'Không', points: pts(0) },
      ],
    },
    { kind: 'choice', option: 1 },
  ],
  [
    {
      kind: 'bands',
      bands: [
        { edge: 9000, strict: true, points: pts(20000) },
        { edge: null, strict: false, points: pts(0) },
      ],
    },
    { kind: 'ratio', numerator: 19, denominator: 20 },
  ],
  [
    { kind: 'count', bands: [], each: pts(2500), floor: null },
    { kind: 'count', count: 2 },
  ],
  [
    {
      kind: 'parts',
      parts: [
        { label: 'a', points: pts(2500), evidence: '' },
        { label: 'b', points: pts(5000), evidence: '' },
      ],
    },
    { kind: 'parts', met: [1] },
  ],
  [
    { kind: 'all', conditions: ['x', 'y'], points: pts(10000) },
    { kind: 'all', met: [true, false] },
  ],
  [
    { kind: 'manual', step: pts(2500) },
    { kind: 'score', score: { units: 7500, scale: 2 } },
  ],
];

function criterion(
  code: string,
  rule: ScoringRule | null,
  extra: Partial<AssessmentCriterion> = {},
): AssessmentCriterion {
  return {
    id: code.length,
    code,
    parentCode: code.includes('.') ? code.split('.').slice(0, -1).join('.') : null,
    name: code,
    depth: code.split('.').length,
    leaf: rule !== null,
    max: rule === null ? '3' : '1',
    scorer: 'self',
    selfScored: rule !== null,
    notApplicable: 'not-allowed',
    method: '',
    evidence: '',
    rule,
    answer: null,
    score: null,
    problem: null,
    note: '',
    notApplicableReason: null,
    scoringExplanation: '',
    version: 0,
    evidenceIds: [],
    needsExplanation: false,
    ...extra,
  };
}

describe('the self-assessment page model', () => {
  it('an untouched parts or conditions criterion is not answered "none met"', () => {
    const c = criterion('1.1', RULES[3]![0]);
    const d = draftOf(c);
    expect(answerOfDraft(c, d)).toBeNull();
    expect(answerOfDraft(c, { ...d, touched: true })).toEqual({ kind: 'parts', met: [] });
  });

  it('lists what submit would refuse: unanswered, and scored without evidence nor explanation', () => {
    const list = [
      criterion('1', null),
      criterion('1.1', RULES[0]![0]),
      criterion('1.2', RULES[0]![0]),
      criterion('1.3', RULES[0]![0], { evidenceIds: [4] }),
    ];
    const answers = new Map<string, Answer | null>([
      ['1.1', { kind: 'choice', option: 0 }],
      ['1.2', null],
      ['1.3', { kind: 'choice', option: 0 }],
    ]);
    const scores = liveScores(frameworkCriteria(list), answers);
    expect(scores.total).toEqual({ units: 20000, scale: 0 });
    const missing = missingOf(list, scores, answers, new Map());
    expect(missing.answers.map((c) => c.code)).toEqual(['1.2']);
    expect(missing.explanations.map((c) => c.code)).toEqual(['1.1']);
    const explained = missingOf(list, scores, answers, new Map([['1.1', 'Theo báo cáo năm']]));
    expect(explained.explanations).toEqual([]);
  });

  it('counts the days left to a deadline, 0 on the last day', () => {
    expect(daysLeft('2026-11-30', '2026-12-04')).toBe(4);
    expect(daysLeft('2026-12-04', '2026-12-04')).toBe(0);
    expect(daysLeft('2026-12-05', '2026-12-04')).toBe(-1);
  });
});
