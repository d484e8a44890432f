/**
 * The appraisal page's pure parts: the "try it" input of the frameworks pages filled from an answer
 * (the appraiser starts from the unit's own), the rows the filters keep, an answer in words.
 */
import type { Answer, ScoringRule } from '@core/framework';
import { formatScore } from '@core/score';
import type { AppraisalCriterion, AppraisalRow } from '@shared/api';
import { EMPTY_INPUT, formatPercent, innerRule, type TryInput } from '../frameworks/model';

/** The input that builds `answer` back (buildAnswer(rule, inputOf(answer)) is the answer). */
export function inputOf(answer: Answer | null): TryInput {
  if (!answer) return EMPTY_INPUT;
  switch (answer.kind) {
    case 'not-applicable':
      return { ...EMPTY_INPUT, notApplicable: true };
    case 'choice':
      return { ...EMPTY_INPUT, option: answer.option };
    case 'ratio':
      return {
        ...EMPTY_INPUT,
        ratioMode: 'ratio',
        numerator: String(answer.numerator),
        denominator: String(answer.denominator),
      };
    case 'percent':
      return {
        ...EMPTY_INPUT,
        ratioMode: 'percent',
        percent: formatPercent(answer.value, 'vi'),
      };
    case 'count':
      return { ...EMPTY_INPUT, count: String(answer.count), penaltyByCount: true };
    case 'parts':
      return { ...EMPTY_INPUT, parts: answer.met };
    case 'all':
      return { ...EMPTY_INPUT, conditions: answer.met.flatMap((m, i) => (m ? [i] : [])) };
    case 'score':
      return { ...EMPTY_INPUT, score: formatScore(answer.score, 'vi') };
  }
}

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
