/**
 * The self-assessment's routes in the assessment rights matrix (test/helpers/assessment-matrix.ts):
 * reading a unit's assessment (the unit, the office, the council, appraisers — their areas only —;
 * viewers and lead units not before publication), and its changes — answers, submit, withdraw, the
 * report — by the unit's own self-assessors only. Each request puts the round in its
 * self-assessment phase (by moving the calendar, not the clock) and both units back in progress, so
 * an allowed request reaches the use-case's own rules (a 409 or 422 after the gate still counts).
 */
import { roundDay } from '../../src/core/assessment.js';
import { A, D } from './access-matrix.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';
import { calendarFrom, roundChanged } from './rounds.js';

const R = '/api/rounds/:id/units/:unitId';

async function prepareSelf(ctx: MatrixContext): Promise<void> {
  const calendar = calendarFrom(roundDay(ctx.now()));
  for (const p of calendar) {
    await ctx.db
      .updateTable('round_phases')
      .set({ opens_on: p.opensOn, closes_on: p.closesOn })
      .where('round_id', '=', ctx.fixture.roundId)
      .where('phase', '=', p.phase)
      .execute();
  }
  await roundChanged(ctx.db, ctx.fixture.roundId);
  await ctx.db
    .updateTable('round_units')
    .set({ state: 'in-progress' })
    .where('round_id', '=', ctx.fixture.roundId)
    .where('unit_id', 'in', [ctx.unitId, ctx.otherUnitId])
    .execute();
}

const url = (ctx: MatrixContext, tail: string) =>
  `/api/rounds/${ctx.fixture.roundId}/units/${ctx.unitId}${tail}`;

async function unitVersion(ctx: MatrixContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('round_units')
    .select('version')
    .where('round_id', '=', ctx.fixture.roundId)
    .where('unit_id', '=', ctx.unitId)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The unit's own self-assessors, for their commune only. */
const SELF_ONLY = {
  office: D,
  assessor: { own: A, other: D },
  officer: { own: A, other: D },
  appraiser: D,
  otherAppraiser: D,
  council: D,
  viewer: D,
  leadUnit: D,
} as const;

export const SELF_MATRIX: Record<string, AssessmentEntry> = {
  [`GET ${R}/assessment`]: {
    rule: {
      office: A,
      assessor: { own: A, other: D },
      officer: { own: A, other: D },
      appraiser: A,
      otherAppraiser: A,
      council: A,
      viewer: D,
      leadUnit: D,
    },
    request: async (ctx) => {
      await prepareSelf(ctx);
      return { method: 'GET', url: url(ctx, '/assessment') };
    },
  },
  [`PATCH ${R}/answers/:criterionId`]: {
    rule: SELF_ONLY,
    request: async (ctx) => {
      await prepareSelf(ctx);
      return {
        method: 'PATCH',
        url: url(ctx, `/answers/${ctx.inArea.id}`),
        payload: { version: 0, note: 'Ghi chú của đơn vị' },
      };
    },
  },
  [`POST ${R}/submit`]: {
    rule: SELF_ONLY,
    request: async (ctx) => {
      await prepareSelf(ctx);
      return { method: 'POST', url: url(ctx, '/submit'), payload: { version: await unitVersion(ctx) } };
    },
  },
  [`POST ${R}/withdraw`]: {
    rule: SELF_ONLY,
    request: async (ctx) => {
      await prepareSelf(ctx);
      return { method: 'POST', url: url(ctx, '/withdraw'), payload: { version: await unitVersion(ctx) } };
    },
  },
  [`PATCH ${R}/report`]: {
    rule: SELF_ONLY,
    request: async (ctx) => {
      await prepareSelf(ctx);
      return {
        method: 'PATCH',
        url: url(ctx, '/report'),
        payload: { version: await unitVersion(ctx), difficulties: 'Thiếu cán bộ' },
      };
    },
  },
};
