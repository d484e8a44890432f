/**
 * The appraisal of a round (issue 11 point 4): the area appraiser's worklist for a stage, a stage's
 * score (by the rule from an answer, or typed over with a comment), a criterion returned with a
 * question and the unit's explanation, the council's proposals, final scores and corrections.
 *
 * An answer travels as core/framework.ts#Answer itself (a typed score as core/score.ts#Score) so the
 * page scores it with core/scoring.ts as the server does; scores shown are exact decimal strings.
 */
import { z } from 'zod';
import type { Answer as CoreAnswer } from '../../core/framework.js';
import { Decimal, Id, IdParam, Version, VersionOrNone } from './common.js';
import { NotApplicable, RuleScore, Scorer, ScoringRule } from './frameworks.js';
import { RoundUnitParams } from './rounds.js';

const Count = z.number().int().min(0).max(1_000_000_000);

/** core/framework.ts#Answer as JSON */
export const AppraisalAnswer: z.ZodType<CoreAnswer> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), option: z.number().int().min(0).max(1000) }),
  z.object({ kind: z.literal('ratio'), numerator: Count, denominator: Count }),
  z.object({ kind: z.literal('percent'), value: z.number().int().min(0).max(1_000_000) }),
  z.object({ kind: z.literal('count'), count: Count }),
  z.object({ kind: z.literal('parts'), met: z.array(z.number().int().min(0).max(1000)).max(1000) }),
  z.object({ kind: z.literal('all'), met: z.array(z.boolean()).max(1000) }),
  z.object({ kind: z.literal('score'), score: RuleScore }),
  z.object({ kind: z.literal('not-applicable') }),
]);

export const AppraisalStage = z.enum(['appraisal1', 'appraisal2']);
export type AppraisalStage = z.infer<typeof AppraisalStage>;
export const ScoredStage = z.enum(['appraisal1', 'appraisal2', 'council']);
export type ScoredStage = z.infer<typeof ScoredStage>;

const Flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const Comment = z.string().trim().max(4000);

export const AppraisalQuery = z.object({
  stage: AppraisalStage.default('appraisal1'),
  unitId: IdParam.optional(),
  changedOnly: Flag.optional().describe('1: only the criteria changed since round 1 (appraisal 2)'),
});
export type AppraisalQuery = z.input<typeof AppraisalQuery>;

export const RoundUnitCriterionParams = RoundUnitParams.extend({ criterionId: IdParam });
export const StageScoreParams = RoundUnitCriterionParams.extend({ stage: ScoredStage });

/** A stage's score as recorded. */
export const StageScoreView = z.object({
  answer: AppraisalAnswer.nullable(),
  score: Decimal,
  overridden: z.boolean(),
  comment: z.string(),
  by: z.string(),
  at: z.string(),
  version: z.number().int(),
});
export type StageScoreView = z.infer<typeof StageScoreView>;

export const ReturnView = z.object({
  question: z.string(),
  askedBy: z.string(),
  askedAt: z.string(),
  explanation: z.string().nullable(),
  explainedBy: z.string().nullable(),
  explainedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ReturnView = z.infer<typeof ReturnView>;

export const AppraisalCriterion = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  /** the area (top-level criterion) it belongs to */
  areaCode: z.string(),
  max: Decimal.nullable(),
  scorer: Scorer,
  notApplicable: NotApplicable,
  method: z.string(),
  evidence: z.string(),
  rule: ScoringRule.nullable(),
  followedByUnitId: z.number().int().nullable(),
  /** the reader appraises it (their area) */
  mine: z.boolean(),
});
export type AppraisalCriterion = z.infer<typeof AppraisalCriterion>;

export const AppraisalArea = z.object({
  code: z.string(),
  name: z.string(),
  followedBy: z.string().nullable(),
});

export const EvidenceRef = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  mime: z.string(),
  size: z.number().int(),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const AppraisalRow = z.object({
  unitId: z.number().int(),
  criterionId: z.number().int(),
  self: z
    .object({
      answer: AppraisalAnswer.nullable(),
      score: Decimal.nullable(),
      note: z.string(),
      notApplicableReason: z.string().nullable(),
      scoringExplanation: z.string(),
    })
    .nullable(),
  evidence: z.array(EvidenceRef),
  /** the score of the stage asked for */
  score: StageScoreView.nullable(),
  /** in appraisal 2: round 1's score */
  appraisal1: StageScoreView.nullable(),
  returned: ReturnView.nullable(),
  /** the answer, its evidence (added or taken off) or an explanation changed after round 1's score was set */
  changedSinceRound1: z.boolean(),
});
export type AppraisalRow = z.infer<typeof AppraisalRow>;

const RoundHead = z.object({
  id: z.number().int(),
  name: z.string(),
  phase: z.string(),
  published: z.boolean(),
  calendar: z.array(z.object({ phase: z.string(), opensOn: z.string(), closesOn: z.string() })),
});

export const AppraisalView = z.object({
  round: RoundHead,
  stage: AppraisalStage,
  /** the stage's phase is open today: scores may be set */
  open: z.boolean(),
  /** the appraisal 1 phase is open: criteria may be returned */
  returnsOpen: z.boolean(),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      state: z.string(),
      version: z.number().int(),
    }),
  ),
  areas: z.array(AppraisalArea),
  criteria: z.array(AppraisalCriterion),
  /** units × criteria of the reader's areas; in appraisal 2 the changed ones first */
  rows: z.array(AppraisalRow),
  progress: z.object({ scored: z.number().int(), total: z.number().int() }),
});
export type AppraisalView = z.infer<typeof AppraisalView>;

export const StageScorePut = z
  .object({
    version: VersionOrNone.describe('the row version read; 0 when the stage has no score yet'),
    answer: AppraisalAnswer.optional().describe('scored by the rule, as the self-score'),
    score: Decimal.optional().describe('typed over the rule: needs a comment'),
    comment: Comment.optional(),
  })
  .refine((b) => (b.answer === undefined) !== (b.score === undefined), {
    message: 'either an answer or a score',
  });
export type StageScorePut = z.infer<typeof StageScorePut>;

export const StageScoreResult = z.object({
  score: StageScoreView,
  unit: z.object({ state: z.string(), version: z.number().int() }),
});
export type StageScoreResult = z.infer<typeof StageScoreResult>;

export const ReturnPost = z.object({ question: z.string().trim().min(1).max(4000) });
export const ExplanationPost = z.object({
  version: Version,
  explanation: z.string().trim().min(1).max(8000),
});
export const ReturnResult = z.object({
  returned: ReturnView,
  unit: z.object({ state: z.string(), version: z.number().int() }),
});
export type ReturnResult = z.infer<typeof ReturnResult>;

export const CouncilCell = z.object({
  unitId: z.number().int(),
  criterionId: z.number().int(),
  self: Decimal.nullable(),
  appraisal1: Decimal.nullable(),
  appraisal2: Decimal.nullable(),
  survey: Decimal.nullable(),
  /** the score that counts so far (core/assessment.ts#countingScore without the council) */
  proposal: Decimal.nullable(),
  final: StageScoreView.nullable(),
});
export type CouncilCell = z.infer<typeof CouncilCell>;

const Totals = z.object({
  self: Decimal,
  appraised: Decimal,
  proposal: Decimal,
  final: Decimal.nullable(),
  max: Decimal,
});

export const CouncilView = z.object({
  round: RoundHead,
  /** the council's phase is open: final scores are fixed directly */
  open: z.boolean(),
  /** after the council's phase, before publication: changes are audited corrections */
  corrections: z.boolean(),
  areas: z.array(AppraisalArea),
  criteria: z.array(AppraisalCriterion),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      state: z.string(),
      version: z.number().int(),
      fixed: z.number().int(),
      toFix: z.number().int(),
      totals: Totals,
      areas: z.array(Totals.extend({ code: z.string() })),
    }),
  ),
  cells: z.array(CouncilCell),
});
export type CouncilView = z.infer<typeof CouncilView>;

export const FinalPost = z.object({
  criteria: z.array(Id).max(10_000).optional().describe('default: every leaf'),
});
export const FinalResult = z.object({
  fixed: z.number().int(),
  skipped: z.array(z.string()).describe('the codes left without a proposal'),
  unit: z.object({ state: z.string(), version: z.number().int() }),
});
export type FinalResult = z.infer<typeof FinalResult>;

export const CorrectionPost = z.object({
  score: Decimal,
  reason: z.string().trim().min(1).max(4000),
});
export const CorrectionResult = z.object({ final: StageScoreView });
export type CorrectionResult = z.infer<typeof CorrectionResult>;
