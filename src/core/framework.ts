/**
 * A criteria framework (bộ tiêu chí) as the domain sees it: issued by a decision for a group of
 * units and a span of years, versioned, a tree of criteria of any depth, and on every leaf a
 * scoring rule (cách tính điểm) as data. Readers produce it from the official documents, the store
 * keeps it, core/scoring.ts evaluates it, the writers print it. Pure: no I/O, no clock.
 *
 * Percentages are whole hundredths of a percent (90 % = 9000, 12,5 % = 1250) so every comparison
 * against a band's edge is exact integer arithmetic, as scores are (core/score.ts).
 */
import type { SourceLocation } from './findings.js';
import type { Score } from './score.js';

/** Who gives a criterion its score. */
export type Scorer =
  /** the assessed unit scores itself, the appraisers check */
  | 'self'
  /** a survey's result (SIPAS, leaders' survey), entered by the office */
  | 'survey'
  /** the appraisal council alone */
  | 'council'
  /** points added on top, up to a cap */
  | 'bonus'
  /** points taken away, up to a cap */
  | 'penalty';

export const SCORERS: readonly Scorer[] = ['self', 'survey', 'council', 'bonus', 'penalty'];

/** What "không áp dụng" (not applicable) does to a criterion: no PAR source fixes it, so it is data. */
export type NotApplicablePolicy =
  /** the criterion must be answered */
  | 'not-allowed'
  /** scores its maximum ("được tính đủ điểm") */
  | 'full-points'
  /** leaves the maximum: the index is taken over the applicable maximum only */
  | 'excluded';

export const NOT_APPLICABLE_POLICIES: readonly NotApplicablePolicy[] = [
  'not-allowed',
  'full-points',
  'excluded',
];

export type FrameworkState = 'draft' | 'published' | 'in-use';

/** One edge of a band: the ratio must be ≥ `edge` (or > when `strict`); null: any ratio. */
export interface RatioBand {
  /** hundredths of a percent; null for the last band ("dưới 70%") */
  edge: number | null;
  strict: boolean;
  points: Score;
}

/** One band of a count: up to `atMost` occurrences (null: any number, "trên 1 lần"). */
export interface CountBand {
  atMost: number | null;
  points: Score;
}

export interface ChoiceOption {
  label: string;
  points: Score;
}

export interface RulePart {
  label: string;
  points: Score;
  /** the evidence this part asks for, when the document says */
  evidence: string;
}

/**
 * A scoring rule. Bands and options are listed in the order of the document; evaluation takes the
 * first band that holds, top to bottom.
 */
export type ScoringRule =
  /** one option among labelled ones: "Ban hành kịp thời" 1 / "không kịp thời" 0,5 / "Không ban hành" 0 */
  | { kind: 'choice'; options: ChoiceOption[] }
  /** a ratio (numerator ÷ denominator, or a percentage) into bands */
  | { kind: 'bands'; bands: RatioBand[] }
  /**
   * the ratio × max at or above `floor` (hundredths of a percent; `floorStrict` for ">"), the max at
   * or above `full` (10000 = 100 %), 0 below the floor
   */
  | { kind: 'linear'; floor: number; floorStrict: boolean; full: number }
  /**
   * a count into bands ("0 lần: 2; 1 lần: 1; trên 1 lần: 0"), or `each`: the max less `each` per
   * occurrence ("mỗi lần trừ 0,25 điểm"), never below `floor` (0 when absent)
   */
  | { kind: 'count'; bands: CountBand[]; each: Score | null; floor: Score | null }
  /** additive parts, each met or not, each with its own points and evidence */
  | { kind: 'parts'; parts: RulePart[] }
  /** all conditions met → points, any missing → 0 */
  | { kind: 'all'; conditions: string[]; points: Score }
  /** this criterion scores 0 when criterion `code` scores 0; otherwise `rule` decides */
  | { kind: 'gate'; code: string; rule: ScoringRule }
  /** a score in [0, max] in steps of `step` (0,25 by default), the method text shown to the scorer */
  | { kind: 'manual'; step: Score }
  /** a survey's result in [0, max] */
  | { kind: 'survey' }
  /** points added, at most `cap` */
  | { kind: 'bonus'; cap: Score }
  /** points taken away (`each` per occurrence when given), at most `cap` */
  | { kind: 'penalty'; cap: Score; each: Score | null };

export type RuleKind = ScoringRule['kind'];

export const RULE_KINDS: readonly RuleKind[] = [
  'choice',
  'bands',
  'linear',
  'count',
  'parts',
  'all',
  'gate',
  'manual',
  'survey',
  'bonus',
  'penalty',
];

/** What a scorer enters for one criterion; which kinds a rule takes is core/scoring.ts's business. */
export type Answer =
  /** the index of the chosen option */
  | { kind: 'choice'; option: number }
  | { kind: 'ratio'; numerator: number; denominator: number }
  /** hundredths of a percent */
  | { kind: 'percent'; value: number }
  | { kind: 'count'; count: number }
  /** the indexes of the parts met */
  | { kind: 'parts'; met: number[] }
  /** one flag per condition */
  | { kind: 'all'; met: boolean[] }
  /** a score typed in: manual, survey, bonus, penalty (a penalty as a positive amount taken away) */
  | { kind: 'score'; score: Score }
  | { kind: 'not-applicable' };

export interface FrameworkCriterion {
  /** normalised dotted code: "1.1.4" (core/codes.ts) */
  code: string;
  rawCode: string;
  name: string;
  max: Score | null;
  /** the method text as the document wrote it ("Cách tính điểm", "Phương pháp chấm điểm") */
  method: string;
  /** "Tài liệu kiểm chứng" */
  evidence: string;
  scorer: Scorer;
  notApplicable: NotApplicablePolicy;
  /** the department that follows (and appraises) this criterion's area, by name, as written */
  followedBy: string | null;
  /** leaves have a rule; a parent's score is the sum of its children */
  rule: ScoringRule | null;
  location: SourceLocation | null;
}

export interface IssuingDecision {
  /** "876/QĐ-BNV" */
  number: string;
  /** ISO date */
  date: string | null;
}

export interface FrameworkDocument {
  /** "BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ" */
  title: string | null;
  decision: IssuingDecision | null;
  /** a unit group's code (core/unit-groups.ts), when the title says whose framework it is */
  unitGroup: string | null;
  /** the first and last year it applies to */
  yearFrom: number | null;
  yearTo: number | null;
  criteria: FrameworkCriterion[];
}
