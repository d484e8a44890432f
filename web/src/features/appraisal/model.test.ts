import { describe, expect, it } from 'vitest';
import type { ScoringRule } from '@core/framework';
import { answerWords } from './model';

const choice: ScoringRule = {
  kind: 'choice',
  options: [
    { label: 'Kịp thời', points: { units: 10000, scale: 0 } },
    { label: 'Không kịp thời', points: { units: 5000, scale: 1 } },
  ],
};

describe('an answer in words', () => {
  it('words an answer as the document does', () => {
    const words = { na: 'Không áp dụng', times: 'lần' };
    expect(answerWords(choice, { kind: 'choice', option: 1 }, words)).toBe('Không kịp thời');
    expect(answerWords(null, { kind: 'ratio', numerator: 45, denominator: 50 }, words)).toBe('45/50');
    expect(answerWords(null, { kind: 'count', count: 2 }, words)).toBe('2 lần');
    expect(answerWords(null, null, words)).toBe('');
    expect(answerWords(null, { kind: 'percent', value: 10_000 }, words)).toBe('100%');
  });
});
