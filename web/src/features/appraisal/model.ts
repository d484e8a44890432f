/** The appraisal page's pure parts: the rows the filters keep, an answer in words. */
import type { Answer, ScoringRule } from '@core/framework';
import { formatScore } from '@core/score';
import type { AppraisalCriterion, AppraisalRow } from '@shared/api';
import { formatPercent, innerRule } from '../frameworks/model';

/** An answer as the documents word it: the option's label, "45/50", "2 lần", the parts met. */
export function answerWords(
  rule: ScoringRule | null,
  answer: Answer | null,
  words: { na: string; times: string },
): string {
  if (!answer) return '';
  const inner = rule ? innerRule(rule) : null;
  switch (answer.kind) {
    case 'not-applicable':
      return words.na;
    case 'choice':
      return inner?.kind === 'choice'
        ? (inner.options[answer.option]?.label ?? `#${answer.option + 1}`)
        : `#${answer.option + 1}`;
    case 'ratio':
      return `${answer.numerator}/${answer.denominator}`;
    case 'percent':
      return `${formatPercent(answer.value, 'vi')}%`;
    case 'count':
      return `${answer.count} ${words.times}`;
    case 'parts':
      return inner?.kind === 'parts'
        ? answer.met.map((i) => inner.parts[i]?.label ?? `#${i + 1}`).join('; ')
        : answer.met.join(', ');
    case 'all':
      return inner?.kind === 'all'
        ? inner.conditions.filter((_c, i) => answer.met[i]).join('; ')
        : answer.met.map((m) => (m ? '✓' : '✗')).join(' ');
    case 'score':
      return formatScore(answer.score, 'vi');
  }
}

export interface RowFilter {
  unitId: number | null;
  area: string | null;
  unscoredOnly: boolean;
}

/** The rows the filters keep (the changed-only filter is the server's). */
export function filterRows(
  rows: readonly AppraisalRow[],
  criteria: ReadonlyMap<number, AppraisalCriterion>,
  filter: RowFilter,
): AppraisalRow[] {
  return rows.filter(
    (r) =>
      (filter.unitId === null || r.unitId === filter.unitId) &&
      (filter.area === null || criteria.get(r.criterionId)?.areaCode === filter.area) &&
      (!filter.unscoredOnly || r.score === null),
  );
}
