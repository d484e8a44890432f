/**
 * Criteria frameworks (bộ tiêu chí): the list, one framework with its criteria and rules, the import
 * from a document (preview, then confirm), edits of a criterion, publish, a new version, a copy for
 * the next year, what changed from the previous version and the crosswalk between two versions.
 *
 * A rule travels as core/framework.ts#ScoringRule itself (scores in it as core/score.ts#Score
 * objects, percentages in hundredths of a percent) so the page evaluates it with core/scoring.ts
 * exactly as the server does; a criterion's max is an exact decimal string as everywhere else.
 */
import { z } from 'zod';
import {
  NOT_APPLICABLE_POLICIES,
  SCORERS,
  type FrameworkState as CoreState,
  type NotApplicablePolicy,
  type Scorer as CoreScorer,
  type ScoringRule as CoreRule,
} from '../../core/framework.js';
import { FILTER_YEAR_MAX, FILTER_YEAR_MIN } from '../limits.js';
import { Decimal, Id, IdParam, UnitRef, Version } from './common.js';
import { Finding } from './plans.js';

/** core/score.ts#Score: ten-thousandths of a point and the decimals to show. */
export const RuleScore = z.object({
  units: z.number().int().min(-100_000_000).max(100_000_000),
  scale: z.number().int().min(0).max(4),
});

const Label = z.string().trim().min(1).max(2000);
/** hundredths of a percent: 90 % = 9000 */
const Percent = z.number().int().min(0).max(1_000_000);

const ChoiceRule = z.object({
  kind: z.literal('choice'),
  options: z
    .array(z.object({ label: Label, points: RuleScore }))
    .min(1)
    .max(50),
});
const BandsRule = z.object({
  kind: z.literal('bands'),
  bands: z
    .array(z.object({ edge: Percent.nullable(), strict: z.boolean(), points: RuleScore }))
    .min(1)
    .max(50),
});
const LinearRule = z.object({
  kind: z.literal('linear'),
  floor: Percent,
  floorStrict: z.boolean(),
  full: Percent,
});
const CountRule = z.object({
  kind: z.literal('count'),
  bands: z.array(z.object({ atMost: z.number().int().min(0).nullable(), points: RuleScore })).max(50),
  each: RuleScore.nullable(),
  floor: RuleScore.nullable(),
});
const PartsRule = z.object({
  kind: z.literal('parts'),
  parts: z
    .array(z.object({ label: Label, points: RuleScore, evidence: z.string().max(4000) }))
    .min(1)
    .max(50),
});
const AllRule = z.object({
  kind: z.literal('all'),
  conditions: z.array(Label).min(1).max(50),
  points: RuleScore,
});
const ManualRule = z.object({ kind: z.literal('manual'), step: RuleScore });
const SurveyRule = z.object({ kind: z.literal('survey') });
const BonusRule = z.object({ kind: z.literal('bonus'), cap: RuleScore });
const PenaltyRule = z.object({ kind: z.literal('penalty'), cap: RuleScore, each: RuleScore.nullable() });

const GateRule = z.object({
  kind: z.literal('gate'),
  code: z.string().trim().min(1).max(50).describe('the criterion whose 0 makes this one 0'),
  get rule(): z.ZodType<CoreRule> {
    return ScoringRule;
  },
});

/** core/framework.ts#ScoringRule as JSON (a gate wraps another rule) */
export const ScoringRule: z.ZodType<CoreRule> = z.discriminatedUnion('kind', [
  ChoiceRule,
  BandsRule,
  LinearRule,
  CountRule,
  PartsRule,
  AllRule,
  GateRule,
  ManualRule,
  SurveyRule,
  BonusRule,
  PenaltyRule,
]);
export type ScoringRule = CoreRule;

export const Scorer = z.enum(SCORERS as [CoreScorer, ...CoreScorer[]]);
export const NotApplicable = z.enum(
  NOT_APPLICABLE_POLICIES as [NotApplicablePolicy, ...NotApplicablePolicy[]],
);
export const FrameworkState = z.enum([
  'draft',
  'published',
  'in-use',
] as const satisfies readonly CoreState[]);
export type FrameworkState = z.infer<typeof FrameworkState>;

/** one framework as the list shows it */
export const FrameworkSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  /** the document's title as written */
  title: z.string().nullable(),
  /** a unit group's code (core/unit-groups.ts): province, department, commune, ward, special-zone, district */
  unitGroup: z.string(),
  year: z.number().int().describe('the first year it applies to'),
  yearTo: z.number().int().nullable().describe('the last year (null: the first year only)'),
  version: z.number().int(),
  state: FrameworkState,
  decisionNumber: z.string().nullable().describe('"876/QĐ-BNV"'),
  decisionDate: z.string().nullable().describe('ISO date yyyy-mm-dd'),
  /** the version this one was made from (a new version, or the previous year's copy) */
  previousId: z.number().int().nullable(),
  sourceName: z.string().nullable().describe('the file it was imported from'),
  createdAt: z.string(),
  criteria: z.number().int(),
  /** the sum of the top-level criteria's max, bonus and penalty areas aside */
  max: Decimal.nullable(),
  /** plans and assessments that use it */
  plans: z.number().int(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

export const FrameworkListQuery = z.object({
  group: z.string().max(50).optional(),
  year: z.coerce
    .number()
    .int()
    .min(FILTER_YEAR_MIN)
    .max(FILTER_YEAR_MAX)
    .optional()
    .describe('frameworks that apply in this year'),
  state: FrameworkState.optional(),
});
export type FrameworkListQuery = z.infer<typeof FrameworkListQuery>;

export const FrameworkCriterionView = z.object({
  id: z.number().int(),
  code: z.string().describe('normalised dotted code "1.1.4"'),
  rawCode: z.string().describe('the code as the document wrote it'),
  parentCode: z.string().nullable(),
  depth: z.number().int(),
  name: z.string(),
  max: Decimal.nullable(),
  method: z.string().describe('the scoring method as written ("Cách tính điểm")'),
  evidence: z.string().describe('"Tài liệu kiểm chứng"'),
  scorer: Scorer,
  notApplicable: NotApplicable,
  /** the department that follows this area: a unit when it is known, and the text as written */
  followedBy: UnitRef.nullable(),
  followedByText: z.string().nullable(),
  /** leaves have a rule; a parent's score is the sum of its children */
  rule: ScoringRule.nullable(),
  /** sent back with an edit: a criterion changed since is not overwritten (409) */
  version: z.number().int(),
});
export type FrameworkCriterionView = z.infer<typeof FrameworkCriterionView>;

export const FrameworkView = FrameworkSummary.extend({
  /** in use by a plan or an assessment: read-only, changes make a new version */
  frozen: z.boolean(),
  criteria: z.array(FrameworkCriterionView),
  /** core/framework-check.ts#checkFramework: an error finding blocks publishing */
  findings: z.array(Finding),
  /** the next version made from this one, if any */
  nextIds: z.array(z.number().int()),
});
export type FrameworkView = z.infer<typeof FrameworkView>;

export const CriterionParams = z.object({
  id: IdParam,
  criterionId: IdParam,
});

/** An edit of one criterion: only the fields sent change. */
export const CriterionPatch = z
  .object({
    version: Version.describe('the version the client last saw'),
    name: z.string().trim().min(1).max(2000).optional(),
    max: Decimal.nullable().optional(),
    method: z.string().max(20000).optional(),
    evidence: z.string().max(20000).optional(),
    scorer: Scorer.optional(),
    notApplicable: NotApplicable.optional(),
    followedById: Id.nullable().optional().describe('a unit, or null for none'),
    followedByText: z.string().max(500).nullable().optional(),
    rule: ScoringRule.nullable().optional().describe('a leaf needs one; a parent has none'),
  })
  .refine(
    (p) => Object.keys(p).some((k) => k !== 'version'),
    'nothing to change: send at least one field besides the version',
  );
export type CriterionPatch = z.infer<typeof CriterionPatch>;

/** The framework's own fields (a draft or a published framework not yet in use). */
export const FrameworkPatch = z
  .object({
    name: z.string().trim().min(1).max(500).optional(),
    title: z.string().trim().max(1000).nullable().optional(),
    decisionNumber: z.string().trim().max(100).nullable().optional(),
    decisionDate: z.iso.date().nullable().optional(),
    yearTo: z.number().int().min(1900).max(2999).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type FrameworkPatch = z.infer<typeof FrameworkPatch>;

/** A new framework made from one (POST …/versions, …/next-year): its id and where it sits. */
export const FrameworkCreated = z.object({
  id: z.number().int(),
  name: z.string(),
  unitGroup: z.string(),
  year: z.number().int(),
  version: z.number().int(),
});
export type FrameworkCreated = z.infer<typeof FrameworkCreated>;

export const PreviewCriterion = z.object({
  code: z.string(),
  rawCode: z.string(),
  depth: z.number().int(),
  name: z.string(),
  max: Decimal.nullable(),
  method: z.string(),
  evidence: z.string(),
  scorer: Scorer,
  notApplicable: NotApplicable,
  followedBy: z.string().nullable(),
  rule: ScoringRule.nullable(),
});
export type PreviewCriterion = z.infer<typeof PreviewCriterion>;

export const FrameworkImportPreviewItem = z.object({
  title: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  /** null: the document does not say whose framework it is: the confirmation must */
  unitGroup: z.string().nullable(),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  criteria: z.array(PreviewCriterion),
  leaves: z.number().int(),
  max: Decimal.nullable(),
  findings: z.array(Finding),
  /** an error finding: this framework cannot be imported */
  blocking: z.boolean(),
  /** the version it would become for its group and first year (null while they are unknown) */
  nextVersion: z.number().int().nullable(),
});
export type FrameworkImportPreviewItem = z.infer<typeof FrameworkImportPreviewItem>;

export const FrameworkImportPreview = z.object({
  token: z.string(),
  fileName: z.string(),
  expiresAt: z.string(),
  frameworks: z.array(FrameworkImportPreviewItem),
  canConfirm: z.boolean(),
});
export type FrameworkImportPreview = z.infer<typeof FrameworkImportPreview>;

export const FrameworkImportConfirm = z.object({
  /** what the document did not say, per framework of the file (its index in the preview) */
  frameworks: z
    .array(
      z.object({
        index: z.number().int().min(0),
        unitGroup: z.string().min(1).max(50).optional(),
        yearFrom: z.number().int().min(1900).max(2999).optional(),
        yearTo: z.number().int().min(1900).max(2999).nullable().optional(),
        name: z.string().trim().min(1).max(500).optional(),
      }),
    )
    .default([]),
});
export type FrameworkImportConfirm = z.infer<typeof FrameworkImportConfirm>;

export const FrameworkImportResult = z.object({ frameworks: z.array(FrameworkCreated) });
export type FrameworkImportResult = z.infer<typeof FrameworkImportResult>;

/** "What changed from the previous version": criteria matched by code. */
export const FrameworkDiffField = z.enum([
  'name',
  'max',
  'method',
  'evidence',
  'scorer',
  'notApplicable',
  'followedBy',
  'rule',
]);
export const FrameworkDiff = z.object({
  from: FrameworkSummary.pick({ id: true, name: true, year: true, version: true }).nullable(),
  to: FrameworkSummary.pick({ id: true, name: true, year: true, version: true }),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['added', 'removed', 'changed']),
      changes: z.array(
        z.object({
          field: FrameworkDiffField,
          /** scores as decimal strings, the rule as its JSON; null: none */
          old: z.string().nullable(),
          new: z.string().nullable(),
        }),
      ),
      /** the rules on both sides when the rule changed (or the row is added/removed), to word them */
      oldRule: ScoringRule.nullable(),
      newRule: ScoringRule.nullable(),
    }),
  ),
});
export type FrameworkDiff = z.infer<typeof FrameworkDiff>;

export const DiffQuery = z.object({
  from: IdParam.optional().describe('the version compared with (default: the previous one)'),
});

/** The crosswalk between an earlier framework (from) and this one (to), one row per earlier criterion. */
export const CrosswalkRow = z.object({
  fromCode: z.string(),
  fromName: z.string(),
  /** null: the criterion has no counterpart in this version */
  toCode: z.string().nullable(),
  toName: z.string().nullable(),
  status: z.enum(['proposed', 'confirmed']),
  /** how the match was made: same code, a close name, or by an officer; null: nothing proposed */
  method: z.enum(['code', 'name', 'officer']).nullable(),
  /** how alike the names are, 0..1 (core/crosswalk.ts#nameLikeness) */
  likeness: z.number().min(0).max(1),
  /** who proposed or confirmed it, and when; null: nothing stored yet */
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type CrosswalkRow = z.infer<typeof CrosswalkRow>;

export const Crosswalk = z.object({
  from: FrameworkSummary.pick({ id: true, name: true, year: true, version: true }),
  to: FrameworkSummary.pick({ id: true, name: true, year: true, version: true }),
  rows: z.array(CrosswalkRow),
  /** criteria of this version nothing in the earlier one maps to */
  unmatched: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type Crosswalk = z.infer<typeof Crosswalk>;

export const CrosswalkQuery = z.object({
  from: IdParam.optional().describe('the earlier framework (default: the previous one)'),
});

/** Propose matches (the rows not yet confirmed are replaced; confirmed ones stay). */
export const CrosswalkPropose = z
  .object({
    from: Id.optional(),
  })
  .nullish()
  .describe('may be left out');

/** Confirm or correct rows: toCode as proposed confirms it, another code (or null) corrects it. */
export const CrosswalkConfirm = z.object({
  from: Id.optional(),
  rows: z
    .array(
      z.object({
        fromCode: z.string().min(1).max(50),
        toCode: z.string().min(1).max(50).nullable(),
      }),
    )
    .min(1)
    .max(2000),
});
export type CrosswalkConfirm = z.infer<typeof CrosswalkConfirm>;
