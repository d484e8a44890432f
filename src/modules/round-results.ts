/**
 * The provincial office's overview of a round, its results and exports (issue 11 points 7 and 10):
 * the round's answers and stage scores read in two statements for the whole round
 * (db/round-results-repo.ts), each unit's totals per area and view from core/round-results.ts, the
 * ranking, gaps, late units and appraisal progress. Who reads: the round's managers (every unit within
 * reach), the council, appraisers; after publication, plan readers the results of the units they reach.
 */
import {
  appraisedAreas,
  canFixFinal,
  canManageRound,
  canReadAssessment,
  currentPhase,
  PHASES,
  type Phase,
} from '../core/assessment.js';
import type { Answer } from '../core/framework.js';
import {
  appraisalProgress,
  biggestGaps,
  lateReasons,
  unitTotals,
  viewLeaf,
  type ResultView,
  type StageLeaves,
  type UnitLeaves,
  type UnitTotals,
  type ViewTotals,
} from '../core/round-results.js';
import { rankByIndex } from '../core/ranking.js';
import { fromDecimalString, toDecimalString, type Score } from '../core/score.js';
import type { LeafScore } from '../core/scoring.js';
import {
  criteriaWithEvidence,
  grantedDays,
  roundSelfAnswers,
  roundStageScores,
  unexplainedReturns,
} from '../db/round-results-repo.js';
import {
  writeAssessmentXlsx,
  type AssessmentWorkbook,
  type WorkbookCell,
} from '../formats/assessment-xlsx.js';
import { writeSelfReportDocx, type SelfReportDocument } from '../formats/self-report-docx.js';
import type { OverviewTotals, RoundOverview, RoundResults } from '../shared/api/overview.js';
import { parentsFor, reachesUnit, type Actor } from './access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { loadRound, requireRoundUnit, type RoundContext } from './round-context.js';

const dec = (s: Score | null): string | null => (s === null ? null : toDecimalString(s));

function leafOf(answer: string | null, score: string | null): LeafScore | undefined {
  if (answer !== null && (JSON.parse(answer) as Answer).kind === 'not-applicable') return 'not-applicable';
  return score === null ? undefined : fromDecimalString(score);
}

/** Every unit's stage scores by criterion code: two statements for the whole round (or one unit). */
async function roundLeaves(deps: Deps, ctx: RoundContext, unitId?: number): Promise<Map<number, UnitLeaves>> {
  const [answers, scores] = await Promise.all([
    roundSelfAnswers(deps.db, ctx.round.id, unitId),
    roundStageScores(deps.db, ctx.round.id, unitId),
  ]);
  const codeOf = new Map(ctx.criteria.map((c) => [c.id, c.code]));
  const byUnit = new Map<number, Map<string, StageLeaves>>(ctx.units.map((u) => [u.unit_id, new Map()]));
  const put = (unit: number, criterion: number, stage: keyof StageLeaves, value: LeafScore | undefined) => {
    const code = codeOf.get(criterion);
    const leaves = byUnit.get(unit);
    if (code === undefined || leaves === undefined || value === undefined) return;
    leaves.set(code, { ...leaves.get(code), [stage]: value });
  };
  for (const a of answers) put(a.unit_id, a.criterion_id, 'self', leafOf(a.answer, a.score));
  for (const s of scores) {
    if (s.stage === 'self') continue;
    put(s.unit_id, s.criterion_id, s.stage as keyof StageLeaves, leafOf(s.answer, s.score));
  }
  return byUnit;
}

/** The overview's readers: the managers of every unit of the round, the council over them, appraisers. */
async function requireOverviewReader(deps: Deps, actor: Actor, ctx: RoundContext): Promise<void> {
  const parents = await parentsFor(deps.db, actor);
  const unitIds = ctx.units.map((u) => u.unit_id);
  const areas = appraisedAreas(actor);
  const ok =
    canManageRound(actor, unitIds, parents) ||
    (unitIds.length > 0 && unitIds.every((u) => canFixFinal(actor, u, parents))) ||
    areas === 'all' ||
    areas.size > 0;
  if (!ok) throw new AppError('FORBIDDEN');
}

export interface Computed {
  ctx: RoundContext;
  leaves: Map<number, UnitLeaves>;
  units: { unitId: number; unitName: string; state: string; totals: UnitTotals; rank: number | null }[];
}

/** Every unit's totals in the three views and its rank by final index (modules/results.ts publishes the final view). */
export async function roundTotals(deps: Deps, ctx: RoundContext): Promise<Computed> {
  const leaves = await roundLeaves(deps, ctx);
  const totals = ctx.units.map((u) => ({
    unitId: u.unit_id,
    unitName: u.unit_name,
    state: u.state,
    totals: unitTotals(ctx.criteria, leaves.get(u.unit_id) ?? new Map()),
  }));
  return { ctx, leaves, units: rankByIndex(totals, (u) => u.totals.final.index) };
}

const wire = (t: ViewTotals): OverviewTotals => ({
  areas: t.areas.map((a) => dec(a.score)),
  total: toDecimalString(t.total),
  max: toDecimalString(t.max),
  index: dec(t.index),
  missing: t.missing,
});

export async function roundOverview(deps: Deps, actor: Actor, roundId: number): Promise<RoundOverview> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  await requireOverviewReader(deps, actor, ctx);
  const { leaves, units } = await roundTotals(deps, ctx);
  const [returns, granted] = await Promise.all([
    unexplainedReturns(deps.db, roundId),
    grantedDays(deps.db, roundId),
  ]);
  const names = new Map(ctx.units.map((u) => [u.unit_id, u.unit_name]));
  const criteria = new Map(ctx.criteria.map((c) => [c.code, c]));
  const late = ctx.units.flatMap((u) => {
    const grantedUntil: Partial<Record<Phase, string>> = {};
    for (const g of granted) {
      if (g.unit_id === u.unit_id && (PHASES as readonly string[]).includes(g.phase)) {
        grantedUntil[g.phase as Phase] = g.until;
      }
    }
    const unexplained = returns.get(u.unit_id) ?? 0;
    const reasons = lateReasons(ctx.calendar, ctx.day, {
      state: u.state,
      grantedUntil,
      unexplainedReturns: unexplained,
    });
    return reasons.length === 0
      ? []
      : [
          {
            unitId: u.unit_id,
            unitName: u.unit_name,
            state: u.state,
            reasons,
            unexplainedReturns: unexplained,
          },
        ];
  });
  const everyUnit = ctx.units.map((u) => ({
    unitId: u.unit_id,
    state: u.state,
    leaves: leaves.get(u.unit_id) ?? new Map(),
  }));
  return {
    round: {
      id: ctx.round.id,
      name: ctx.round.name,
      year: ctx.round.year,
      phase: currentPhase(ctx.calendar, ctx.day),
      published: ctx.published,
      day: ctx.day,
    },
    areas: ctx.criteria
      .filter((c) => c.parentCode === null)
      .map((c) => ({ code: c.code, name: c.name, max: dec(c.max), followedBy: c.followedBy })),
    units: units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      state: u.state,
      rank: u.rank,
      self: wire(u.totals.self),
      appraised: wire(u.totals.appraised),
      final: wire(u.totals.final),
    })),
    gaps: biggestGaps(ctx.criteria, everyUnit).map((g) => {
      const c = criteria.get(g.code)!;
      return {
        code: g.code,
        name: c.name,
        max: dec(c.max),
        total: toDecimalString(g.total),
        units: g.units.map((x) => ({
          unitId: x.unitId,
          unitName: names.get(x.unitId) ?? `#${x.unitId}`,
          self: toDecimalString(x.self),
          appraised: toDecimalString(x.appraised),
          gap: toDecimalString(x.gap),
        })),
      };
    }),
    late,
    progress: appraisalProgress(ctx.criteria, everyUnit),
  };
}

/**
 * The ranking by final index (ties share a rank). The overview's readers see every unit; after
 * publication a plan reader sees the units it reaches (with their ranks among all).
 */
export async function roundResults(deps: Deps, actor: Actor, roundId: number): Promise<RoundResults> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  let visible: (unitId: number) => boolean = () => true;
  try {
    await requireOverviewReader(deps, actor, ctx);
  } catch (e) {
    if (!ctx.published) throw e;
    const parents = await parentsFor(deps.db, actor);
    visible = (unitId) => reachesUnit(actor, 'plan.read', unitId, parents);
    if (!ctx.units.some((u) => visible(u.unit_id))) throw e;
  }
  const { units } = await roundTotals(deps, ctx);
  return {
    units: units
      .filter((u) => visible(u.unitId))
      .map((u) => ({
        unit: u.unitName,
        unitId: u.unitId,
        self: toDecimalString(u.totals.self.total),
        appraised: toDecimalString(u.totals.appraised.total),
        final: toDecimalString(u.totals.final.total),
        max: toDecimalString(u.totals.final.max),
        index: dec(u.totals.final.index),
        rank: u.rank,
      })),
  };
}

/** Every unit's scores as a workbook (the overview's readers). */
export async function exportRoundWorkbook(
  deps: Deps,
  actor: Actor,
  roundId: number,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  await requireOverviewReader(deps, actor, ctx);
  const { leaves, units } = await roundTotals(deps, ctx);
  const doc: AssessmentWorkbook = {
    title: ctx.round.name,
    year: ctx.round.year,
    day: ctx.day,
    criteria: ctx.criteria.map((c) => ({ code: c.code, name: c.name, max: c.max, depth: c.depth })),
    areas: ctx.criteria.filter((c) => c.parentCode === null).map((c) => ({ code: c.code, name: c.name })),
    units: units.map((u) => {
      const unitLeaves = leaves.get(u.unitId) ?? new Map<string, StageLeaves>();
      const cellsOf = (view: ResultView): Map<string, WorkbookCell> =>
        new Map(
          ctx.criteria.map((c) => {
            const score = u.totals[view].scores.get(c.code) ?? null;
            const na = viewLeaf(view, unitLeaves.get(c.code) ?? {}, c.scorer) === 'not-applicable';
            return [c.code, score ?? (na ? 'not-applicable' : null)];
          }),
        );
      return {
        name: u.unitName,
        rank: u.rank,
        totals: u.totals,
        cells: { self: cellsOf('self'), appraised: cellsOf('appraised'), final: cellsOf('final') },
      };
    }),
  };
  return { bytes: await writeAssessmentXlsx(doc), fileName: `danh-gia-${roundId}.xlsx` };
}

/** A unit's self-assessment report (MOHA 383/BNV-CCHC): whoever may read the unit's assessment. */
export async function exportSelfReport(
  deps: Deps,
  actor: Actor,
  roundId: number,
  unitId: number,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  const unit = requireRoundUnit(ctx, unitId);
  const parents = await parentsFor(deps.db, actor);
  if (!canReadAssessment(actor, unitId, parents, ctx.published)) throw new AppError('FORBIDDEN');
  const [answers, withEvidence, leaves] = await Promise.all([
    roundSelfAnswers(deps.db, roundId, unitId),
    criteriaWithEvidence(deps.db, roundId, unitId),
    roundLeaves(deps, ctx, unitId),
  ]);
  const totals = unitTotals(ctx.criteria, leaves.get(unitId) ?? new Map());
  const byCriterion = new Map(answers.map((a) => [a.criterion_id, a]));
  const doc: SelfReportDocument = {
    round: ctx.round.name,
    year: ctx.round.year,
    unit: unit.unit_name,
    day: ctx.day,
    areas: ctx.criteria
      .filter((c) => c.parentCode === null)
      .map((c, i) => ({ code: c.code, name: c.name, max: c.max, self: totals.self.areas[i]?.score ?? null })),
    total: totals.self.total,
    max: totals.self.max,
    index: totals.self.index,
    withoutEvidence: ctx.criteria.flatMap((c) => {
      const a = byCriterion.get(c.id);
      if (!a || a.score === null || withEvidence.has(c.id)) return [];
      const s = fromDecimalString(a.score);
      if (s.units <= 0 || leafOf(a.answer, a.score) === 'not-applicable') return [];
      return [{ code: c.code, name: c.name, score: s, explanation: a.scoring_explanation }];
    }),
    notApplicable: ctx.criteria.flatMap((c) => {
      const a = byCriterion.get(c.id);
      if (!a || leafOf(a.answer, null) !== 'not-applicable') return [];
      return [{ code: c.code, name: c.name, reason: a.not_applicable_reason ?? '' }];
    }),
    difficulties: unit.difficulties,
    proposals: unit.proposals,
  };
  return { bytes: await writeSelfReportDocx(doc), fileName: `bao-cao-tu-danh-gia-${roundId}-${unitId}.docx` };
}
