/**
 * The appraisal's routes in the assessment rights matrix (test/helpers/assessment-matrix.ts): the
 * worklist (appraisers, the office, the council), stage scores (the area's appraiser only; the
 * council's stage the council only), returns (the area's appraiser), explanations (the unit's own
 * self-assessors), the council's table, final scores (the council), corrections (the council and
 * the office). Each request puts the round in the phase its action belongs to and the unit in a
 * submitted state, so an allowed request reaches the use-case's own rules.
 */
import { PHASES, roundDay, type Phase } from '../../src/core/assessment.js';
import { addDays, calendarFrom } from './rounds.js';
import { A, D } from './access-matrix.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';

const R = '/api/rounds/:id/units/:unitId';

/**
 * Puts the round in `phase` today by moving its calendar, not the clock: a clock moved by days
 * would outlive the actors' sessions (SESSION_HOURS). The unit and the other one are submitted.
 */
async function prepare(ctx: MatrixContext, phase: Phase): Promise<void> {
  const today = roundDay(ctx.now());
  const calendar = calendarFrom(addDays(today, -5 * PHASES.indexOf(phase) - 1));
  for (const p of calendar) {
    await ctx.db
      .updateTable('round_phases')
      .set({ opens_on: p.opensOn, closes_on: p.closesOn })
      .where('round_id', '=', ctx.fixture.roundId)
      .where('phase', '=', p.phase)
      .execute();
  }
  for (const unitId of [ctx.unitId, ctx.otherUnitId]) {
    await ctx.db
      .updateTable('round_units')
      .set({ state: 'submitted' })
      .where('round_id', '=', ctx.fixture.roundId)
      .where('unit_id', '=', unitId)
      .where('state', 'in', ['not-started', 'in-progress'])
      .execute();
  }
}

/** The stage score's row version now (0: none yet), so an allowed request is not stale. */
async function scoreVersion(ctx: MatrixContext, criterionId: number, stage: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('assessment_scores')
    .select('version')
    .where('round_id', '=', ctx.fixture.roundId)
    .where('unit_id', '=', ctx.unitId)
    .where('criterion_id', '=', criterionId)
    .where('stage', '=', stage)
    .executeTakeFirst();
  return row?.version ?? 0;
}

const url = (ctx: MatrixContext, tail: string) =>
  `/api/rounds/${ctx.fixture.roundId}/units/${ctx.unitId}${tail}`;

const NOBODY = {
  office: D,
  assessor: D,
  officer: D,
  appraiser: D,
  otherAppraiser: D,
  council: D,
  viewer: D,
  leadUnit: D,
} as const;

export const APPRAISAL_MATRIX: Record<string, AssessmentEntry> = {
  'GET /api/rounds/:id/appraisal': {
    rule: { ...NOBODY, office: A, appraiser: A, otherAppraiser: A, council: A },
    request: (ctx) =>
      Promise.resolve({
        method: 'GET',
        url: `/api/rounds/${ctx.fixture.roundId}/appraisal?stage=appraisal1&unitId=${ctx.unitId}`,
      }),
  },
  [`PUT ${R}/scores/:criterionId/:stage`]: {
    rule: { ...NOBODY, appraiser: A },
    request: async (ctx) => {
      await prepare(ctx, 'appraisal1');
      const version = await scoreVersion(ctx, ctx.inArea.id, 'appraisal1');
      return {
        method: 'PUT',
        url: url(ctx, `/scores/${ctx.inArea.id}/appraisal1`),
        payload: { version, score: '0', comment: 'Không có tài liệu kiểm chứng' },
      };
    },
  },
  [`PUT ${R}/scores/:criterionId/:stage#other-area`]: {
    rule: { ...NOBODY, otherAppraiser: A },
    request: async (ctx) => {
      await prepare(ctx, 'appraisal1');
      const version = await scoreVersion(ctx, ctx.outsideArea.id, 'appraisal1');
      return {
        method: 'PUT',
        url: url(ctx, `/scores/${ctx.outsideArea.id}/appraisal1`),
        payload: { version, score: '0', comment: 'Không có tài liệu kiểm chứng' },
      };
    },
  },
  [`PUT ${R}/scores/:criterionId/:stage#council`]: {
    rule: { ...NOBODY, council: A },
    request: async (ctx) => {
      await prepare(ctx, 'council');
      const version = await scoreVersion(ctx, ctx.inArea.id, 'council');
      return {
        method: 'PUT',
        url: url(ctx, `/scores/${ctx.inArea.id}/council`),
        payload: { version, score: '0', comment: 'Hội đồng thống nhất' },
      };
    },
  },
  [`POST ${R}/returns/:criterionId`]: {
    rule: { ...NOBODY, appraiser: A },
    request: async (ctx) => {
      await prepare(ctx, 'appraisal1');
      return {
        method: 'POST',
        url: url(ctx, `/returns/${ctx.inArea.id}`),
        payload: { question: 'Đề nghị bổ sung kế hoạch đã ký' },
      };
    },
  },
  [`POST ${R}/returns/:criterionId/explanation`]: {
    rule: { ...NOBODY, assessor: { own: A, other: D }, officer: { own: A, other: D } },
    request: async (ctx) => {
      await prepare(ctx, 'explanation');
      const key = {
        round_id: ctx.fixture.roundId,
        unit_id: ctx.unitId,
        criterion_id: ctx.outsideArea.id,
      };
      let row = await ctx.db
        .selectFrom('criterion_returns')
        .select('version')
        .where('round_id', '=', key.round_id)
        .where('unit_id', '=', key.unit_id)
        .where('criterion_id', '=', key.criterion_id)
        .executeTakeFirst();
      if (!row) {
        await ctx.db
          .insertInto('criterion_returns')
          .values({
            ...key,
            question: 'Đề nghị giải trình',
            asked_by: 'test',
            asked_at: ctx.now().toISOString(),
            explanation: null,
            explained_by: null,
            explained_at: null,
          })
          .execute();
        row = { version: 1 };
      }
      return {
        method: 'POST',
        url: url(ctx, `/returns/${ctx.outsideArea.id}/explanation`),
        payload: { version: row.version, explanation: 'Đã bổ sung văn bản' },
      };
    },
  },
  'GET /api/rounds/:id/council': {
    rule: { ...NOBODY, office: A, council: A },
    request: (ctx) => Promise.resolve({ method: 'GET', url: `/api/rounds/${ctx.fixture.roundId}/council` }),
  },
  [`POST ${R}/final`]: {
    rule: { ...NOBODY, council: A },
    request: async (ctx) => {
      await prepare(ctx, 'council');
      return { method: 'POST', url: url(ctx, '/final'), payload: { criteria: [ctx.inArea.id] } };
    },
  },
  [`POST ${R}/corrections/:criterionId`]: {
    rule: { ...NOBODY, office: A, council: A },
    request: async (ctx) => {
      // the seeded calendar has no day between the council and publication: the rules answer 409
      await prepare(ctx, 'council');
      return {
        method: 'POST',
        url: url(ctx, `/corrections/${ctx.inArea.id}`),
        payload: { score: '0', reason: 'Sai sót khi tổng hợp' },
      };
    },
  },
};
