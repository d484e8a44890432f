import { describe, expect, it } from 'vitest';
import type { Answer, ScoringRule } from '@core/framework';
import { buildAnswer } from '../frameworks/model';
import { answerWords, inputOf } from './model';

const choice: ScoringRule = {
  kind: 'choice',
  options: [
    { label: 'Kịp thời', points: { units: 10000, scale: 0 } },
    { label: 'Không kịp thời', points: { units: 5000, scale: 1 } },
  ],
};

describe("the appraiser's input from the unit's answer", () => {
  it.each<[ScoringRule, Answer]>([
    [choice, { kind: 'choice', option: 1 }],
    [
      { kind: 'bands', bands: [] },
      { kind: 'ratio', numerator: 45, denominator: 50 },
    ],
    [
      { kind: 'manual', step: { units: 2500, scale: 2 } },
      { kind: 'score', score: { units: 7500, scale: 2 } },
    ],
    [
      { kind: 'count', bands: [], each: null, floor: null },
      { kind: 'count', count: 2 },
    ],
    [choice, { kind: 'not-applicable' }],
    [
      { kind: 'linear', floor: 8000, floorStrict: false, full: 10000 },
      { kind: 'percent', value: 9250 },
    ],
  ])('builds the same answer back (%j, %j)', (rule, answer) => {
    expect(buildAnswer(rule, inputOf(answer))).toEqual({ ok: true, answer });
  });

  it('words an answer as the document does', () => {
    const words = { na: 'Không áp dụng', times: 'lần' };
    expect(answerWords(choice, { kind: 'choice', option: 1 }, words)).toBe('Không kịp thời');
    expect(answerWords(null, { kind: 'ratio', numerator: 45, denominator: 50 }, words)).toBe('45/50');
    expect(answerWords(null, { kind: 'count', count: 2 }, words)).toBe('2 lần');
    expect(answerWords(null, null, words)).toBe('');
    expect(answerWords(null, { kind: 'percent', value: 10_000 }, words)).toBe('100%');
  });
});
