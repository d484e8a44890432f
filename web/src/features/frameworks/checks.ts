/**
 * What core says of a rule being edited or answered, for the drawers that show it (the rule editor's
 * "try it", the appraiser's drawer): an answer's score by core/scoring.ts, a scoring problem in the
 * catalog's words, the checker's findings on the rule (core/framework-check.ts). Apart from model.ts
 * so the pages that only show rules and answers do not load the scorer and the checker with them.
 */
import type { Finding } from '@core/findings';
import type {
  FrameworkCriterion,
  FrameworkDocument,
  NotApplicablePolicy,
  Scorer,
  ScoringRule,
} from '@core/framework';
import { checkFramework } from '@core/framework-check';
import {
  SCORING_TEXTS,
  type ScoringParams,
  type ScoringProblem,
  type ScoringProblemCode,
} from '@core/messages/scoring';
import type { Texts } from '@core/messages/texts';
import { scoreFramework, scoreRule } from '@core/scoring';
import { fromDecimalString, parseScore, ZERO, type Score } from '@core/score';
import { buildAnswer, type InputProblem, type TryInput } from './model';

/** What "try it" shows: what is missing from the input, a score, "excluded", or core's problem. */
export type TryResult =
  | { kind: 'input'; problem: InputProblem }
  | { kind: 'score'; score: Score }
  | { kind: 'excluded' }
  | { kind: 'problem'; problem: ScoringProblem };

/**
 * The score of one answer by the rule being edited, from core/scoring.ts as the assessment will
 * compute it. "Not applicable" is the criterion's policy, so it is scored as a framework of this one
 * criterion (scoreFramework applies the policy); a gate is open unless the other criterion's score
 * is typed, and closed by a 0.
 */
export function tryScore(
  rule: ScoringRule,
  max: Score | null,
  policy: NotApplicablePolicy,
  input: TryInput,
  gated: string,
): TryResult {
  const built = buildAnswer(rule, input);
  if (!built.ok) return { kind: 'input', problem: built.problem };
  if (built.answer.kind === 'not-applicable') {
    const alone: FrameworkCriterion = {
      code: '1',
      rawCode: '1',
      name: '',
      max,
      method: '',
      evidence: '',
      scorer: 'self',
      notApplicable: policy,
      followedBy: null,
      rule,
      location: null,
    };
    const [c] = scoreFramework([alone], new Map([['1', built.answer]])).criteria;
    if (c?.problem) return { kind: 'problem', problem: c.problem };
    return c?.score ? { kind: 'score', score: c.score } : { kind: 'excluded' };
  }
  const other = parseScore(gated);
  const otherScore = other.ok ? other.score : null;
  const scoreOf = rule.kind === 'gate' && otherScore !== null ? () => otherScore : undefined;
  const scored = scoreRule(rule, max ?? ZERO, built.answer, scoreOf);
  if (scored.ok) return { kind: 'score', score: scored.score };
  const { ok: _ok, ...problem } = scored;
  return { kind: 'problem', problem };
}

/** A scoring problem in words, from the server's catalog (core/messages/scoring.ts, as render words it). */
export function problemText<C extends ScoringProblemCode>(
  p: { problem: C; params: ScoringParams[C] },
  lang: 'vi' | 'en',
): string {
  return (SCORING_TEXTS[p.problem] as Texts<ScoringParams[C]>)[lang](p.params);
}

/** The fields of a criterion the checker reads, as the API sends them. */
export interface CheckedCriterion {
  code: string;
  rawCode: string;
  name: string;
  max: string | null;
  method: string;
  evidence: string;
  scorer: Scorer;
  notApplicable: NotApplicablePolicy;
  followedByText: string | null;
  rule: ScoringRule | null;
}

/**
 * The checker's findings on one criterion with the rule being edited in place of its saved one
 * (core/framework-check.ts, as publishing will check it): points above the max, a max the rule can
 * never reach, bands out of order, labels taken twice, a gate on nothing or in a cycle.
 */
export function findingsWithRule(
  criteria: readonly CheckedCriterion[],
  code: string,
  rule: ScoringRule,
): Finding[] {
  const doc: FrameworkDocument = {
    title: null,
    decision: null,
    unitGroup: null,
    yearFrom: null,
    yearTo: null,
    criteria: criteria.map((c) => ({
      code: c.code,
      rawCode: c.rawCode,
      name: c.name,
      max: c.max === null ? null : fromDecimalString(c.max),
      method: c.method,
      evidence: c.evidence,
      scorer: c.scorer,
      notApplicable: c.notApplicable,
      followedBy: c.followedByText,
      rule: c.code === code ? rule : c.rule,
      location: null,
    })),
  };
  return checkFramework(doc).filter((f) => f.code === code && f.rule !== 'method-not-recognised');
}
