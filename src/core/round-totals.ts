/**
 * A round's results computed whole from its stored rows (issue 13 point 2): every unit's totals in
 * the three views (round-results.ts#unitTotals), the ranking by final index (ranking.ts#rankByIndex),
 * and for the overview the biggest gaps and the appraisal's progress. Pure, and the costly part of a
 * round's overview, results and exports (100–120 units × ~100 criteria scored three times):
 * modules/compute-pool.ts runs it in a worker thread, so the server's thread only reads the rows and
 * words the outcome.
 *
 * What goes in and out is what a worker thread takes and gives back cheaply: the
 * rows as one JSON text (roundRowsText), the outcome as typed arrays by unit position, which
 * rankedSummaries and unitTotalsAt turn back into the very scores unitTotals gave (units and scale).
 */
import type { FrameworkCriterion } from './framework.js';
import { rankByIndex } from './ranking.js';
import {
  appraisalProgress,
  biggestGaps,
  criteriaShapeOf,
  RESULT_VIEWS,
  storedLeaf,
  unitTotals,
  viewLeaf,
  type AreaProgress,
  type CriterionGap,
  type ResultView,
  type StageLeaves,
  type UnitSummary,
  type UnitTotals,
  type ViewSummary,
} from './round-results.js';
import type { Score } from './score.js';
import type { LeafScore } from './scoring.js';

/** A self-answer (stage 'self') or a stage score of one unit and criterion, as stored. */
export interface StoredLeafRow {
  unit_id: number;
  criterion_id: number;
  stage: string;
  /** core/framework.ts#Answer as JSON, or null */
  answer: string | null;
  score: string | null;
}

/** The rows as one JSON text: [[unit, criterion, stage, score, answer], …] (a chunk of them, as read). */
export function roundRowsText(rows: readonly StoredLeafRow[]): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    parts[i] =
      `[${r.unit_id},${r.criterion_id},${JSON.stringify(r.stage)},` +
      `${r.score === null ? 'null' : JSON.stringify(r.score)},${r.answer === null ? 'null' : JSON.stringify(r.answer)}]`;
  }
  return `[${parts.join(',')}]`;
}

export interface RoundTotalsInput {
  /** the round's criteria in document order, each with its id */
  criteria: readonly (FrameworkCriterion & { id: number })[];
  /** the round's units in their order: a unit's position here is its place in the outcome */
  units: readonly { unitId: number; state: string }[];
  /** roundRowsText of the round's self-answers and stage scores, a text per chunk read */
  rows: readonly string[];
  /** every criterion's score and "not applicable" per unit and view (the workbook, a published result) */
  criteriaScores: boolean;
  /** the biggest gaps and the appraisal's progress (the overview) */
  overview: boolean;
}

/** Scores by position: ten-thousandths (NaN: none) and scale. */
export interface ScoreArray {
  units: Float64Array;
  scales: Int8Array;
}

export interface RoundTotalsOutcome {
  /** the areas' codes (the criteria tree's roots), in order */
  areaCodes: string[];
  /** unit positions in rank order (by final index; units without one last) */
  order: Int32Array;
  /** the rank of each unit of `order`, 0 when it has none */
  ranks: Int32Array;
  /** per unit position u and view v (RESULT_VIEWS) at u × 3 + v */
  total: ScoreArray;
  max: ScoreArray;
  index: ScoreArray;
  missing: Int32Array;
  /** per unit, view and area at (u × 3 + v) × areas + a: its score and applicable max */
  areaScore: ScoreArray;
  areaMax: ScoreArray;
  /** with criteriaScores: per unit, view and criterion at (u × 3 + v) × count + c */
  criteria: { count: number; score: ScoreArray; notApplicable: Uint8Array } | null;
  /** with overview */
  gaps: CriterionGap[] | null;
  progress: AreaProgress[] | null;
}

function scoreArray(length: number): ScoreArray {
  return { units: new Float64Array(length), scales: new Int8Array(length) };
}

function put(array: ScoreArray, at: number, value: Score | null): void {
  array.units[at] = value === null ? NaN : value.units;
  array.scales[at] = value === null ? 0 : value.scale;
}

function get(array: ScoreArray, at: number): Score | null {
  const units = array.units[at]!;
  return Number.isNaN(units) ? null : { units, scale: array.scales[at]! };
}

/** Each unit's stage leaves by criterion code from the rows (unknown units and criteria skipped). */
function leavesOf(input: RoundTotalsInput): Map<string, StageLeaves>[] {
  const codeOf = new Map(input.criteria.map((c) => [c.id, c.code]));
  const at = new Map(input.units.map((u, i) => [u.unitId, i]));
  const byUnit = input.units.map(() => new Map<string, StageLeaves>());
  const rows = input.rows.flatMap(
    (text) => JSON.parse(text) as [number, number, string, string | null, string | null][],
  );
  for (const [unit, criterion, stage, score, answer] of rows) {
    const code = codeOf.get(criterion);
    const u = at.get(unit);
    const value: LeafScore | undefined = storedLeaf(answer, score);
    if (code === undefined || u === undefined || value === undefined) continue;
    const leaves = byUnit[u]!;
    leaves.set(code, { ...leaves.get(code), [stage]: value });
  }
  return byUnit;
}

export function computeRoundTotals(input: RoundTotalsInput): RoundTotalsOutcome {
  const { criteria, units } = input;
  const shape = criteriaShapeOf(criteria);
  const leaves = leavesOf(input);
  const totals = units.map((_, at) => ({ at, totals: unitTotals(criteria, leaves[at]!, shape) }));
  const ranked = rankByIndex(totals, (u) => u.totals.final.index);

  const areaCodes = shape.areas.map((a) => a.code);
  const views = units.length * RESULT_VIEWS.length;
  const out: RoundTotalsOutcome = {
    areaCodes,
    order: Int32Array.from(ranked, (u) => u.at),
    ranks: Int32Array.from(ranked, (u) => u.rank ?? 0),
    total: scoreArray(views),
    max: scoreArray(views),
    index: scoreArray(views),
    missing: new Int32Array(views),
    areaScore: scoreArray(views * areaCodes.length),
    areaMax: scoreArray(views * areaCodes.length),
    criteria: input.criteriaScores
      ? {
          count: criteria.length,
          score: scoreArray(views * criteria.length),
          notApplicable: new Uint8Array(views * criteria.length),
        }
      : null,
    gaps: null,
    progress: null,
  };
  for (const { at, totals: unit } of totals) {
    RESULT_VIEWS.forEach((view, v) => {
      const t = unit[view];
      const slot = at * RESULT_VIEWS.length + v;
      put(out.total, slot, t.total);
      put(out.max, slot, t.max);
      put(out.index, slot, t.index);
      out.missing[slot] = t.missing;
      t.areas.forEach((a, i) => {
        put(out.areaScore, slot * areaCodes.length + i, a.score);
        put(out.areaMax, slot * areaCodes.length + i, a.max);
      });
      if (!out.criteria) return;
      criteria.forEach((c, i) => {
        const cell = slot * criteria.length + i;
        put(out.criteria!.score, cell, t.scores.get(c.code) ?? null);
        const na = viewLeaf(view, leaves[at]!.get(c.code) ?? {}, c.scorer) === 'not-applicable';
        out.criteria!.notApplicable[cell] = na ? 1 : 0;
      });
    });
  }
  if (input.overview) {
    const everyUnit = units.map((u, at) => ({
      unitId: u.unitId,
      state: u.state,
      leaves: leaves[at]!,
    }));
    out.gaps = biggestGaps(criteria, everyUnit, undefined, shape);
    out.progress = appraisalProgress(criteria, everyUnit, shape);
  }
  return out;
}

function summaryAt(out: RoundTotalsOutcome, at: number): UnitSummary {
  const areas = out.areaCodes.length;
  const of = (v: number): ViewSummary => {
    const slot = at * RESULT_VIEWS.length + v;
    return {
      areas: out.areaCodes.map((code, i) => ({
        code,
        score: get(out.areaScore, slot * areas + i),
        max: get(out.areaMax, slot * areas + i)!,
      })),
      total: get(out.total, slot)!,
      max: get(out.max, slot)!,
      index: get(out.index, slot),
      missing: out.missing[slot]!,
    };
  };
  return { self: of(0), appraised: of(1), final: of(2) };
}

/** Every unit in rank order: its position in the input's units, its rank, its totals in the three views. */
export function rankedSummaries(
  out: RoundTotalsOutcome,
): { at: number; rank: number | null; totals: UnitSummary }[] {
  return Array.from(out.order, (at, i) => ({
    at,
    rank: out.ranks[i] === 0 ? null : out.ranks[i]!,
    totals: summaryAt(out, at),
  }));
}

/** A unit's totals with every criterion's score (an outcome computed with criteriaScores). */
export function unitTotalsAt(
  out: RoundTotalsOutcome,
  at: number,
  criteria: readonly FrameworkCriterion[],
): UnitTotals {
  const cells = criteriaCells(out);
  const summary = summaryAt(out, at);
  const withScores = (view: ResultView, v: number) => {
    const base = (at * RESULT_VIEWS.length + v) * cells.count;
    return {
      ...summary[view],
      scores: new Map(criteria.map((c, i) => [c.code, get(cells.score, base + i)])),
    };
  };
  return {
    self: withScores('self', 0),
    appraised: withScores('appraised', 1),
    final: withScores('final', 2),
  };
}

/** Whether a unit's leaf `c` (its position in the criteria) is "not applicable" in a view. */
export function notApplicableAt(out: RoundTotalsOutcome, at: number, view: ResultView, c: number): boolean {
  const cells = criteriaCells(out);
  const slot = at * RESULT_VIEWS.length + RESULT_VIEWS.indexOf(view);
  return cells.notApplicable[slot * cells.count + c] === 1;
}

function criteriaCells(out: RoundTotalsOutcome): NonNullable<RoundTotalsOutcome['criteria']> {
  if (!out.criteria) throw new Error('the round was computed without its criteria scores');
  return out.criteria;
}
