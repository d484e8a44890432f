/**
 * The assessment matrix's entries for the rounds' own routes (modules/rounds.ts): the list (every
 * reader, filtered), one round (whoever may read an assessment of one of its units: before
 * publication not the viewer nor the lead-unit officer), creating and changing a round and deciding
 * on a request for more time (round.manage over every unit: the office), a unit's request
 * (assessment.self in the unit: its assessor and officer, for their own commune only).
 */
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';
import { A, D } from './access-matrix.js';

const OFFICE_ONLY = {
  office: A,
  assessor: D,
  officer: D,
  appraiser: D,
  otherAppraiser: D,
  council: D,
  viewer: D,
  leadUnit: D,
} as const;

const OWN_ONLY = { own: A, other: D } as const;

async function roundVersion(ctx: MatrixContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('assessment_rounds')
    .select('version')
    .where('id', '=', ctx.fixture.roundId)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** A request for more time of the commune asked about, waiting for the office. */
async function pendingRequest(ctx: MatrixContext): Promise<number> {
  const row = await ctx.db
    .insertInto('round_extensions')
    .values({
      round_id: ctx.fixture.roundId,
      unit_id: ctx.unitId,
      phase: 'self',
      reason: 'Cán bộ phụ trách nghỉ ốm',
      requested_by: 'matrix',
      requested_at: ctx.now().toISOString(),
      until: null,
      decided_by: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const ROUNDS_MATRIX: Record<string, AssessmentEntry> = {
  'GET /api/rounds': {
    rule: {
      office: A,
      assessor: A,
      officer: A,
      appraiser: A,
      otherAppraiser: A,
      council: A,
      viewer: A,
      leadUnit: A,
    },
    request: () => Promise.resolve({ method: 'GET', url: '/api/rounds' }),
  },
  'POST /api/rounds': {
    rule: OFFICE_ONLY,
    request: (ctx) =>
      Promise.resolve({
        method: 'POST',
        url: '/api/rounds',
        payload: {
          name: 'Đợt đánh giá bổ sung',
          year: 2026,
          frameworkId: ctx.fixture.frameworkId,
          unitIds: [ctx.unitId],
          calendar: ctx.fixture.calendar,
        },
      }),
  },
  'GET /api/rounds/:id': {
    rule: {
      office: A,
      assessor: A,
      officer: A,
      appraiser: A,
      otherAppraiser: A,
      council: A,
      viewer: D,
      leadUnit: D,
    },
    request: (ctx) => {
      ctx.setPhase('self');
      return Promise.resolve({ method: 'GET', url: `/api/rounds/${ctx.fixture.roundId}` });
    },
  },
  'PATCH /api/rounds/:id': {
    rule: OFFICE_ONLY,
    request: async (ctx) => {
      ctx.setPhase('self');
      return {
        method: 'PATCH',
        url: `/api/rounds/${ctx.fixture.roundId}`,
        payload: { version: await roundVersion(ctx), name: `Đợt đánh giá ${ctx.user?.name ?? ''}` },
      };
    },
  },
  'POST /api/rounds/:id/units/:unitId/extensions': {
    rule: {
      office: D,
      assessor: OWN_ONLY,
      officer: OWN_ONLY,
      appraiser: D,
      otherAppraiser: D,
      council: D,
      viewer: D,
      leadUnit: D,
    },
    request: (ctx) => {
      ctx.setPhase('self');
      return Promise.resolve({
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/units/${ctx.unitId}/extensions`,
        payload: { phase: 'self', reason: 'Cán bộ phụ trách nghỉ ốm' },
      });
    },
  },
  'POST /api/rounds/:id/extensions/:extensionId': {
    rule: OFFICE_ONLY,
    request: async (ctx) => {
      ctx.setPhase('self');
      const id = await pendingRequest(ctx);
      return {
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/extensions/${id}`,
        payload: { decision: 'refuse', note: 'Không đủ lý do' },
      };
    },
  },
};
