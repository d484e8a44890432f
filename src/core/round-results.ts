/**
 * A round's results from its leaf scores (issue 11 point 7): each unit's totals per area and in all
 * for the self-assessment, the appraisal and the final scores — by core/scoring.ts#scoreFromLeaves,
 * the same sums, bonus and penalty, not-applicable policies and exact index as scoreFramework —, the
 * ranking by index (ties share a rank), the gaps between self-scores and appraisal, the units that
 * are late and the appraisal's progress per area. Pure: the module reads the rows, this decides.
 */
import { countingScore, phaseDates, type Phase, type RoundCalendar, type ScoreStage } from './assessment.js';
import type { Answer, FrameworkCriterion } from './framework.js';
import type { NotSelfScoredBy } from './messages/self-assessment.js';
import { abs, compare, fromDecimalString, sub, sum, trimScale, type Score } from './score.js';
import { isExtra, scoreFromLeaves, type LeafScore } from './scoring.js';
import { buildTree, type Tree } from './tree.js';

/** What a stage gave one leaf of one unit. */
export type StageLeaves = Partial<Record<ScoreStage, LeafScore>>;
/** A unit's stage scores by criterion code. */
export type UnitLeaves = ReadonlyMap<string, StageLeaves>;

export type ResultView = 'self' | 'appraised' | 'final';
export const RESULT_VIEWS: readonly ResultView[] = ['self', 'appraised', 'final'];

/**
 * A stored answer's or stage score's leaf: "not applicable" when its answer says so, else its score;
 * undefined when it has none.
 */
export function storedLeaf(answer: string | null, score: string | null): LeafScore | undefined {
  if (answer !== null && (JSON.parse(answer) as Answer).kind === 'not-applicable') return 'not-applicable';
  return score === null ? undefined : fromDecimalString(score);
}

/** A survey criterion is "appraised" by its survey score: no appraiser scores it. */
const APPRAISED_BY_SURVEY = 'survey';

/**
 * The leaf score a view takes: the self-score; the appraised score (the second appraisal's, else
 * the first's, else the self-score stands; a survey criterion its survey score); the final score
 * (core/assessment.ts#countingScore).
 */
export function viewLeaf(view: ResultView, stages: StageLeaves, scorer: string): LeafScore | undefined {
  if (view === 'self') return stages.self;
  if (view === 'final') return countingScore<LeafScore>(stages, scorer) ?? undefined;
  if (scorer === APPRAISED_BY_SURVEY) return stages.survey;
  return stages.appraisal2 ?? stages.appraisal1 ?? stages.self;
}

/** Survey and council criteria are not the unit's to answer. */
export function notSelfScoredBy(c: Pick<FrameworkCriterion, 'scorer' | 'rule'>): NotSelfScoredBy | null {
  if (c.scorer === 'survey' || c.rule?.kind === 'survey') return 'survey';
  if (c.scorer === 'council') return 'council';
  return null;
}

/**
 * The leaves the unit scores itself (notSelfScoredBy) that have no self-score yet, in the criteria's
 * order: the "còn N tiêu chí chưa có điểm" of the unit's own page and of the round's overview alike.
 * `selfScored(c, i)`: whether criteria[i] has one (an answer that scores, or not applicable).
 */
export function missingSelfScores<C extends FrameworkCriterion>(
  criteria: readonly C[],
  leaves: ReadonlySet<string>,
  selfScored: (c: C, i: number) => boolean,
): string[] {
  return criteria.flatMap((c, i) =>
    leaves.has(c.code) && notSelfScoredBy(c) === null && !selfScored(c, i) ? [c.code] : [],
  );
}

export interface AreaTotal {
  code: string;
  /** null: no leaf of the area has a score yet */
  score: Score | null;
  /** the applicable max (not-applicable leaves excluded per their policy; 0 for a bonus/penalty area) */
  max: Score;
}

export interface ViewTotals {
  areas: AreaTotal[];
  total: Score;
  max: Score;
  /** total ÷ applicable max × 100, half-up to 4 decimals; null when the max is 0 */
  index: Score | null;
  /**
   * leaves with no score in this view; in the self view only the leaves the unit scores itself
   * (missingSelfScores: survey and council criteria have no self-score to miss)
   */
  missing: number;
  /** every criterion's score in this view, by code (parents are sums) */
  scores: ReadonlyMap<string, Score | null>;
}

export type UnitTotals = Record<ResultView, ViewTotals>;
/** A view's totals without every criterion's score (the overview, the results). */
export type ViewSummary = Omit<ViewTotals, 'scores'>;
export type UnitSummary = Record<ResultView, ViewSummary>;

/** What scoring every unit of a round shares, built once: the criteria's tree, its leaves, its areas. */
export interface CriteriaShape {
  tree: Tree<FrameworkCriterion>;
  leafCodes: ReadonlySet<string>;
  /** the areas (the tree's roots) with the leaves under each */
  areas: readonly { code: string; leaves: readonly FrameworkCriterion[] }[];
}

export function criteriaShapeOf(criteria: readonly FrameworkCriterion[]): CriteriaShape {
  const tree = buildTree(criteria);
  const areas = tree.roots.map((root) => {
    const leaves: FrameworkCriterion[] = [];
    const visit = (n: typeof root): void => {
      if (n.children.length === 0) leaves.push(n.row);
      n.children.forEach(visit);
    };
    visit(root);
    return { code: root.row.code, leaves };
  });
  const leafCodes = new Set(tree.nodes.filter((n) => n.children.length === 0).map((n) => n.row.code));
  return { tree, leafCodes, areas };
}

/** A unit's totals in the three views (`shape`: criteriaShapeOf(criteria), shared by a round's units). */
export function unitTotals(
  criteria: readonly FrameworkCriterion[],
  leaves: UnitLeaves,
  shape: CriteriaShape = criteriaShapeOf(criteria),
): UnitTotals {
  const { leafCodes, tree } = shape;
  const areaCodes = shape.areas.map((a) => a.code);
  const of = (view: ResultView): ViewTotals => {
    const given = new Map<string, LeafScore>();
    for (const c of criteria) {
      if (!leafCodes.has(c.code)) continue;
      const value = viewLeaf(view, leaves.get(c.code) ?? {}, c.scorer);
      if (value !== undefined) given.set(c.code, value);
    }
    const scored = scoreFromLeaves(criteria, given, tree);
    const byCode = new Map(scored.criteria.map((r) => [r.code, r]));
    return {
      areas: areaCodes.map((code) => {
        const r = byCode.get(code)!;
        return { code, score: r.score, max: r.applicableMax };
      }),
      total: scored.total,
      max: scored.max,
      index: scored.index,
      missing:
        view === 'self'
          ? missingSelfScores(criteria, leafCodes, (c) => leaves.get(c.code)?.self !== undefined).length
          : scored.missing.length,
      scores: new Map(scored.criteria.map((r) => [r.code, r.score])),
    };
  };
  return { self: of('self'), appraised: of('appraised'), final: of('final') };
}

export interface UnitGap {
  unitId: number;
  self: Score;
  appraised: Score;
  /** self − appraised: positive when the unit scored itself higher than the appraisal */
  gap: Score;
}

export interface CriterionGap {
  code: string;
  /** the sum over units of |self − appraised| */
  total: Score;
  /** the units whose appraisal differs, the biggest difference first */
  units: UnitGap[];
}

/**
 * The leaves whose self-score and appraisal (the latest appraisal stage; a leaf not yet appraised
 * has no gap) differ, per criterion over the units, the biggest total difference first, then by code.
 */
export function biggestGaps(
  criteria: readonly FrameworkCriterion[],
  units: readonly { unitId: number; leaves: UnitLeaves }[],
  limit = 20,
  { leafCodes }: CriteriaShape = criteriaShapeOf(criteria),
): CriterionGap[] {
  const gaps: CriterionGap[] = [];
  criteria.forEach((c) => {
    if (!leafCodes.has(c.code)) return;
    const rows: UnitGap[] = [];
    for (const u of units) {
      const stages = u.leaves.get(c.code);
      const self = stages?.self;
      const appraised = stages?.appraisal2 ?? stages?.appraisal1;
      if (self === undefined || appraised === undefined) continue;
      if (self === 'not-applicable' || appraised === 'not-applicable') continue;
      const gap = trimScale(sub(self, appraised));
      if (gap.units !== 0) rows.push({ unitId: u.unitId, self, appraised, gap });
    }
    if (rows.length === 0) return;
    rows.sort((a, b) => compare(abs(b.gap), abs(a.gap)) || a.unitId - b.unitId);
    gaps.push({ code: c.code, total: trimScale(sum(rows.map((r) => abs(r.gap)))), units: rows });
  });
  const order = new Map(criteria.map((c, i) => [c.code, i]));
  gaps.sort((a, b) => compare(b.total, a.total) || order.get(a.code)! - order.get(b.code)!);
  return gaps.slice(0, limit);
}

export type LateReason = 'not-submitted' | 'returns-unexplained';

export interface LateInput {
  state: string;
  /** the last day granted to the unit per phase (its extensions) */
  grantedUntil: Partial<Record<Phase, string>>;
  /** returns the unit has not explained */
  unexplainedReturns: number;
}

/** The last day a phase is open for a unit: its end, or a later granted day. */
function lastDay(calendar: RoundCalendar, phase: Phase, granted: string | undefined): string | null {
  const dates = phaseDates(calendar, phase);
  if (!dates) return null;
  return granted !== undefined && granted > dates.closesOn ? granted : dates.closesOn;
}

const NOT_SUBMITTED = new Set(['not-started', 'in-progress']);

/**
 * Why a unit is late on `day`: not submitted after the self-assessment closed for it, returns left
 * unexplained after the explanation phase closed for it (extensions counted). Empty: on time.
 */
export function lateReasons(calendar: RoundCalendar, day: string, unit: LateInput): LateReason[] {
  const reasons: LateReason[] = [];
  const selfEnd = lastDay(calendar, 'self', unit.grantedUntil.self);
  if (selfEnd !== null && day > selfEnd && NOT_SUBMITTED.has(unit.state)) reasons.push('not-submitted');
  const explanationEnd = lastDay(calendar, 'explanation', unit.grantedUntil.explanation);
  if (explanationEnd !== null && day > explanationEnd && unit.unexplainedReturns > 0) {
    reasons.push('returns-unexplained');
  }
  return reasons;
}

export interface AreaProgress {
  code: string;
  stage: 'appraisal1' | 'appraisal2';
  /** leaves of the area with a score at that stage, over the units */
  scored: number;
  /** leaves of the area an appraiser scores × units submitted for appraisal */
  toScore: number;
}

/** Leaves an appraiser scores: not the survey's nor the council's. */
export function appraiserScored(c: Pick<FrameworkCriterion, 'scorer' | 'rule'>): boolean {
  return c.scorer !== 'survey' && c.scorer !== 'council' && (c.scorer === 'self' || isExtra(c));
}

/** Units in these states have handed their self-assessment in for appraisal. */
const HANDED_IN = new Set(['submitted', 'returned', 'appraised', 'final']);

/** Per area and appraisal stage: how many leaves of the handed-in units are scored out of all to score. */
export function appraisalProgress(
  criteria: readonly FrameworkCriterion[],
  units: readonly { state: string; leaves: UnitLeaves }[],
  { areas }: CriteriaShape = criteriaShapeOf(criteria),
): AreaProgress[] {
  const handedIn = units.filter((u) => HANDED_IN.has(u.state));
  const result: AreaProgress[] = [];
  for (const area of areas) {
    const leaves = area.leaves.filter(appraiserScored);
    for (const stage of ['appraisal1', 'appraisal2'] as const) {
      let scored = 0;
      for (const u of handedIn) {
        for (const c of leaves) if (u.leaves.get(c.code)?.[stage] !== undefined) scored++;
      }
      result.push({ code: area.code, stage, scored, toScore: leaves.length * handedIn.length });
    }
  }
  return result;
}
