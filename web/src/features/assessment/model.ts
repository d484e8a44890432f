/**
 * The self-assessment page's pure parts: the criteria as core/scoring.ts takes them so the page
 * scores the whole unit live exactly as the server will, the days left, what is still missing (what
 * was typed from a saved answer and back is frameworks/model.ts#inputOf and #buildAnswer).
 */
import type { Answer, FrameworkCriterion } from '@core/framework';
import { fromDecimalString, type Score } from '@core/score';
import { scoreFramework, type FrameworkScore } from '@core/scoring';
import type { AssessmentCriterion, AssessmentView } from '@shared/api';
import { innerRule } from '../frameworks/model';

/** The criteria as the domain sees them (core/framework.ts), from the view. */
export function frameworkCriteria(criteria: readonly AssessmentCriterion[]): FrameworkCriterion[] {
  return criteria.map((c) => ({
    code: c.code,
    rawCode: c.code,
    name: c.name,
    max: c.max === null ? null : fromDecimalString(c.max),
    method: c.method,
    evidence: c.evidence,
    scorer: c.scorer,
    notApplicable: c.notApplicable,
    followedBy: null,
    rule: c.rule,
    location: null,
  }));
}

/** The unit's scores with the answers as they stand on the page (saved or being typed). */
export function liveScores(
  criteria: readonly FrameworkCriterion[],
  answers: ReadonlyMap<string, Answer | null>,
): FrameworkScore {
  const given = new Map<string, Answer>();
  for (const [code, a] of answers) if (a !== null) given.set(code, a);
  return scoreFramework(criteria, given);
}

/** Whole days from `day` to `last` (yyyy-mm-dd): 0 on the last day, negative after it. */
export function daysLeft(day: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/** The last day of the self-assessment for the unit (its extension counted). */
export function selfDeadline(view: AssessmentView): string | null {
  const d = view.deadlines.find((x) => x.phase === 'self');
  if (!d) return null;
  return d.extendedUntil ?? d.closesOn;
}

export interface Missing {
  answers: AssessmentCriterion[];
  explanations: AssessmentCriterion[];
}

/** What submit would refuse, as the page stands: self-scored leaves unanswered, scores unexplained. */
export function missingOf(
  criteria: readonly AssessmentCriterion[],
  scores: FrameworkScore,
  answers: ReadonlyMap<string, Answer | null>,
  explanations: ReadonlyMap<string, string>,
): Missing {
  const byCode = new Map(scores.criteria.map((s) => [s.code, s]));
  const out: Missing = { answers: [], explanations: [] };
  for (const c of criteria) {
    if (!c.selfScored) continue;
    const answer = answers.get(c.code) ?? null;
    const s = byCode.get(c.code);
    if (answer === null || (s?.score === null && s.applicable)) {
      out.answers.push(c);
      continue;
    }
    const positive = s?.score !== null && s !== undefined && s.score.units > 0;
    if (
      positive &&
      answer.kind !== 'not-applicable' &&
      c.evidenceIds.length === 0 &&
      (explanations.get(c.code) ?? '').trim() === ''
    ) {
      out.explanations.push(c);
    }
  }
  return out;
}

/** The code of the criterion a gate depends on, if the rule is one. */
export function gateOf(c: Pick<AssessmentCriterion, 'rule'>): string | null {
  return c.rule?.kind === 'gate' ? c.rule.code : null;
}

export { innerRule };
export type { Score };
