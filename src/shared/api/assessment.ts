/**
 * A unit's self-assessment in a round (issue 11 point 2): the view of every criterion with the
 * unit's answer, the score the rule gives it (computed on the server with core/scoring.ts, never
 * typed), evidence, returned questions and deadlines; saving one answer (version-checked per answer
 * row), submitting, withdrawing, the report's texts.
 *
 * An answer travels as core/framework.ts#Answer itself (a typed score as core/score.ts#Score) so the
 * page scores it with core/scoring.ts exactly as the server does; every score the server gives is an
 * exact decimal string.
 */
import { z } from 'zod';
import { PHASES, UNIT_ROUND_STATES, type Phase, type UnitRoundState } from '../../core/assessment.js';
import type { Answer as CoreAnswer } from '../../core/framework.js';
import { Decimal, IdParam, Version, VersionOrNone } from './common.js';
import { NotApplicable, RuleScore, Scorer, ScoringRule } from './frameworks.js';

export const RoundPhase = z.enum(PHASES as [Phase, ...Phase[]]);
export const UnitRoundStateSchema = z.enum(UNIT_ROUND_STATES as [UnitRoundState, ...UnitRoundState[]]);

const Count = z.number().int().min(0).max(1_000_000_000);

/** core/framework.ts#Answer as JSON */
export const AnswerJson: z.ZodType<CoreAnswer> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), option: z.number().int().min(0).max(1000) }),
  z.object({ kind: z.literal('ratio'), numerator: Count, denominator: Count }),
  z.object({
    kind: z.literal('percent'),
    value: z.number().int().min(0).max(1_000_000).describe('hundredths of a percent'),
  }),
  z.object({ kind: z.literal('count'), count: Count }),
  z.object({ kind: z.literal('parts'), met: z.array(z.number().int().min(0).max(1000)).max(100) }),
  z.object({ kind: z.literal('all'), met: z.array(z.boolean()).max(100) }),
  z.object({ kind: z.literal('score'), score: RuleScore }),
  z.object({ kind: z.literal('not-applicable') }),
]);

export const AssessmentUnitParams = z.object({
  id: IdParam,
  unitId: IdParam,
});
export const AssessmentAnswerParams = AssessmentUnitParams.extend({
  criterionId: IdParam,
});

const Text = z.string().max(10_000);

export const AppraisedStage = z.object({ score: Decimal, comment: z.string() });

export const AssessmentCriterion = z.object({
  id: z.number().int(),
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  depth: z.number().int(),
  /** a leaf has a rule; a parent's score is its children's sum */
  leaf: z.boolean(),
  max: Decimal.nullable(),
  scorer: Scorer,
  /** the unit answers it (survey and council criteria are shown, not answered) */
  selfScored: z.boolean(),
  notApplicable: NotApplicable,
  method: z.string(),
  evidence: z.string().describe('the evidence the framework asks for'),
  rule: ScoringRule.nullable(),
  answer: AnswerJson.nullable(),
  /** the rule's score of the answer (a parent: the sum of its children's); null: none yet */
  score: Decimal.nullable(),
  /** why the answer gives no score (a gate not decided …), in the request's language */
  problem: z.string().nullable(),
  note: z.string(),
  notApplicableReason: z.string().nullable(),
  scoringExplanation: z.string(),
  /** of the answer row; 0 before the first save */
  version: z.number().int(),
  evidenceIds: z.array(z.number().int()),
  /** a score above 0 without evidence and without an explanation of how it was reached */
  needsExplanation: z.boolean(),
  returned: z
    .object({
      question: z.string(),
      askedBy: z.string(),
      askedAt: z.string(),
      explanation: z.string().nullable(),
      explainedAt: z.string().nullable(),
      version: z.number().int(),
    })
    .optional(),
  appraised: z
    .object({
      appraisal1: AppraisedStage.optional(),
      appraisal2: AppraisedStage.optional(),
      council: AppraisedStage.optional(),
      survey: AppraisedStage.optional(),
    })
    .optional(),
});
export type AssessmentCriterion = z.infer<typeof AssessmentCriterion>;

export const AssessmentDeadline = z.object({
  phase: RoundPhase,
  opensOn: z.string(),
  closesOn: z.string(),
  /** the last day granted to this unit, when an extension goes beyond closesOn */
  extendedUntil: z.string().nullable(),
});

export const AssessmentUnit = z.object({
  id: z.number().int(),
  name: z.string(),
  state: UnitRoundStateSchema,
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  difficulties: z.string(),
  proposals: z.string(),
});

export const AssessmentTotal = z.object({
  self: Decimal,
  max: Decimal,
  /** self ÷ max × 100, 4 decimals; null when max is 0 */
  index: Decimal.nullable(),
  /** self-scored leaves without an answer */
  missing: z.number().int(),
  /** scores above 0 without evidence nor explanation */
  unexplained: z.number().int(),
});

export const AssessmentView = z.object({
  round: z.object({
    id: z.number().int(),
    name: z.string(),
    year: z.number().int(),
    phase: z.union([RoundPhase, z.enum(['before', 'between'])]),
    published: z.boolean(),
    /** today in Vietnam */
    day: z.string(),
    calendar: z.array(z.object({ phase: RoundPhase, opensOn: z.string(), closesOn: z.string() })),
  }),
  unit: AssessmentUnit,
  deadlines: z.array(AssessmentDeadline),
  total: AssessmentTotal,
  /** what the reader may do here */
  access: z.object({
    /** may change the answers now (self phase open for the unit, not submitted, may self-assess) */
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    /** may answer returned questions now (explanation phase) */
    explain: z.boolean(),
  }),
  criteria: z.array(AssessmentCriterion),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const AnswerPatch = z.object({
  version: VersionOrNone.describe('the answer row version read; 0 when there is none'),
  answer: AnswerJson.nullable().optional().describe('null clears the answer'),
  note: Text.optional(),
  notApplicableReason: Text.nullable().optional(),
  scoringExplanation: Text.optional(),
});
export type AnswerPatch = z.infer<typeof AnswerPatch>;

/** One criterion saved, with the unit's state and totals after it. */
export const AnswerSaved = z.object({
  criterion: AssessmentCriterion,
  /** the other criteria whose score followed (a gate) */
  changed: z.array(AssessmentCriterion),
  unit: AssessmentUnit,
  total: AssessmentTotal,
});
export type AnswerSaved = z.infer<typeof AnswerSaved>;

export const UnitVersionBody = z.object({ version: Version });

export const ReportPatch = z.object({
  version: Version,
  difficulties: Text.optional(),
  proposals: Text.optional(),
});
export type ReportPatch = z.infer<typeof ReportPatch>;

/** The unit after submit, withdraw or a report edit. */
export const UnitSaved = z.object({ unit: AssessmentUnit, total: AssessmentTotal });
export type UnitSaved = z.infer<typeof UnitSaved>;
