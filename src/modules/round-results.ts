/**
 * The provincial office's overview of a round, its results and exports (issue 11 points 7 and 10):
 * the round's answers and stage scores read a range of units per statement (db/round-results-repo.ts,
 * the event loop free between two), each unit's totals per area and view, the ranking, gaps and
 * appraisal progress computed in the compute worker (core/round-totals.ts in compute-pool.ts: issue
 * 13 point 2, no request holds the server's thread for the round's scoring), late units here. Who
 * reads: the round's managers (every unit within reach), the council, appraisers; after publication,
 * plan readers the results of the units they reach.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  appraisedAreas,
  canFixFinal,
  canManageRound,
  canReadAssessment,
  currentPhase,
  PHASES,
  type Phase,
} from '../core/assessment.js';
import {
  lateReasons,
  storedLeaf,
  type ResultView,
  type UnitSummary,
  type UnitTotals,
  type ViewSummary,
} from '../core/round-results.js';
import {
  computeRoundTotals,
  notApplicableAt,
  rankedSummaries,
  roundRowsText,
  unitTotalsAt,
  type RoundTotalsInput,
  type RoundTotalsOutcome,
} from '../core/round-totals.js';
import { fromDecimalString, toDecimalString, type Score } from '../core/score.js';
import {
  criteriaWithEvidence,
  grantedDays,
  roundLeafRows,
  roundSelfAnswers,
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
import { roundTotalsInWorker } from './compute-pool.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { loadRound, requireRoundUnit, type RoundContext } from './round-context.js';

const dec = (s: Score | null): string | null => (s === null ? null : toDecimalString(s));

/** About this many self-answers per statement when a round's rows are read (a range of its units). */
export const READ_ROWS = 2000;

/**
 * The round's self-answers and stage scores as the compute worker takes them: a range of units per
 * statement (about READ_ROWS answers), each chunk one text, the event loop free between two.
 */
async function roundRows(deps: Deps, ctx: RoundContext): Promise<string[]> {
  const ids = ctx.units.map((u) => u.unit_id).sort((a, b) => a - b);
  const perChunk = Math.max(1, Math.floor(READ_ROWS / Math.max(1, ctx.shape.leaves.size)));
  const texts: string[] = [];
  for (let i = 0; i < ids.length; i += perChunk) {
    if (i > 0) await nextTurn();
    const range = { from: ids[i]!, to: ids[Math.min(i + perChunk, ids.length) - 1]! };
    texts.push(roundRowsText(await roundLeafRows(deps.db, ctx.round.id, range)));
  }
  return texts;
}

/** What core/round-totals.ts computes for the round: the round's units in its order. */
function totalsInput(
  ctx: RoundContext,
  rows: string[],
  want: Pick<RoundTotalsInput, 'criteriaScores' | 'overview'>,
): RoundTotalsInput {
  return {
    criteria: ctx.criteria,
    units: ctx.units.map((u) => ({ unitId: u.unit_id, state: u.state })),
    rows,
    ...want,
  };
}

/** The round's totals computed in the compute worker from its rows. */
async function computed(
  deps: Deps,
  ctx: RoundContext,
  want: Pick<RoundTotalsInput, 'criteriaScores' | 'overview'>,
): Promise<RoundTotalsOutcome> {
  return roundTotalsInWorker(totalsInput(ctx, await roundRows(deps, ctx), want));
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

/** A unit of the round in rank order with its totals; `at`: its position in the round's units. */
export interface RankedUnit<T> {
  at: number;
  unitId: number;
  unitName: string;
  state: string;
  rank: number | null;
  totals: T;
}

/** The outcome's units in rank order, named. */
function rankedUnits(ctx: RoundContext, outcome: RoundTotalsOutcome): RankedUnit<UnitSummary>[] {
  return rankedSummaries(outcome).map(({ at, rank, totals }) => {
    const u = ctx.units[at]!;
    return { at, unitId: u.unit_id, unitName: u.unit_name, state: u.state, rank, totals };
  });
}

/**
 * Every unit's totals in the three views with every criterion's score, ranked by final index
 * (modules/results.ts publishes the final view; the workbook): computed in the compute worker.
 */
export async function roundTotals(
  deps: Deps,
  ctx: RoundContext,
): Promise<{ outcome: RoundTotalsOutcome; units: RankedUnit<UnitTotals>[] }> {
  const outcome = await computed(deps, ctx, { criteriaScores: true, overview: false });
  const units = rankedUnits(ctx, outcome).map((u) => ({
    ...u,
    totals: unitTotalsAt(outcome, u.at, ctx.criteria),
  }));
  return { outcome, units };
}

const wire = (t: ViewSummary): OverviewTotals => ({
  areas: t.areas.map((a) => dec(a.score)),
  total: toDecimalString(t.total),
  max: toDecimalString(t.max),
  index: dec(t.index),
  missing: t.missing,
});

export async function roundOverview(deps: Deps, actor: Actor, roundId: number): Promise<RoundOverview> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  await requireOverviewReader(deps, actor, ctx);
  const outcome = await computed(deps, ctx, { criteriaScores: false, overview: true });
  const units = rankedUnits(ctx, outcome);
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
    gaps: outcome.gaps!.map((g) => {
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
    progress: outcome.progress!,
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
  const units = rankedUnits(ctx, await computed(deps, ctx, { criteriaScores: false, overview: false }));
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
  const { outcome, units } = await roundTotals(deps, ctx);
  const doc: AssessmentWorkbook = {
    title: ctx.round.name,
    year: ctx.round.year,
    day: ctx.day,
    criteria: ctx.criteria.map((c) => ({ code: c.code, name: c.name, max: c.max, depth: c.depth })),
    areas: ctx.criteria.filter((c) => c.parentCode === null).map((c) => ({ code: c.code, name: c.name })),
    units: units.map((u) => {
      const cellsOf = (view: ResultView): Map<string, WorkbookCell> =>
        new Map(
          ctx.criteria.map((c, i) => {
            const score = u.totals[view].scores.get(c.code) ?? null;
            const na = notApplicableAt(outcome, u.at, view, i);
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

/**
 * A unit's self-assessment report (MOHA 383/BNV-CCHC): whoever may read the unit's assessment. It
 * shows the self view only, so the unit's self-answers, read once with their reasons, are all its
 * totals are computed from (the stage scores would move only the other views).
 */
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
  const [answers, withEvidence] = await Promise.all([
    roundSelfAnswers(deps.db, roundId, unitId),
    criteriaWithEvidence(deps.db, roundId, unitId),
  ]);
  // one unit's totals: computed here, the same code the worker runs for a round
  const one = { ...ctx, units: [unit] };
  const rows = roundRowsText(answers.map((a) => ({ ...a, stage: 'self' })));
  const outcome = computeRoundTotals(totalsInput(one, [rows], { criteriaScores: false, overview: false }));
  const totals = rankedSummaries(outcome)[0]!.totals;
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
      if (s.units <= 0 || storedLeaf(a.answer, a.score) === 'not-applicable') return [];
      return [{ code: c.code, name: c.name, score: s, explanation: a.scoring_explanation }];
    }),
    notApplicable: ctx.criteria.flatMap((c) => {
      const a = byCriterion.get(c.id);
      if (!a || storedLeaf(a.answer, null) !== 'not-applicable') return [];
      return [{ code: c.code, name: c.name, reason: a.not_applicable_reason ?? '' }];
    }),
    difficulties: unit.difficulties,
    proposals: unit.proposals,
  };
  return { bytes: await writeSelfReportDocx(doc), fileName: `bao-cao-tu-danh-gia-${roundId}-${unitId}.docx` };
}
