/**
 * JOBS' entries of the assessment rights matrix (test/helpers/assessment-matrix.ts): the reader's own
 * notifications — anyone signed in lists them and marks all read; one notification is marked read
 * only by an account of the unit it was sent to (the others are refused, not told it is missing) —
 * and the office's reminders (round.manage over the units reminded).
 */
import type { InjectOptions } from 'fastify';
import { A, D } from './access-matrix.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';

/** A notification to the commune asked about, as the office's reminder leaves it. */
async function noticeTo(ctx: MatrixContext): Promise<number> {
  const row = await ctx.db
    .insertInto('notifications')
    .values({
      unit_id: ctx.unitId,
      user_id: null,
      round_id: ctx.fixture.roundId,
      kind: 'reminder',
      params: JSON.stringify({ round: 'Đợt thử', missing: 3, total: 54, closesOn: null }),
      created_at: ctx.now().toISOString(),
      read_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const everyone = {
  office: A,
  assessor: A,
  officer: A,
  appraiser: A,
  otherAppraiser: A,
  council: A,
  viewer: A,
  leadUnit: A,
} as const;

export const JOBS_MATRIX: Record<string, AssessmentEntry> = {
  'GET /api/notifications': {
    rule: everyone,
    request: () => Promise.resolve<InjectOptions>({ method: 'GET', url: '/api/notifications' }),
  },
  'POST /api/notifications/:id/read': {
    rule: {
      office: D,
      assessor: { own: A, other: D },
      officer: { own: A, other: D },
      appraiser: D,
      otherAppraiser: D,
      council: D,
      viewer: D,
      leadUnit: D,
    },
    request: async (ctx) => ({ method: 'POST', url: `/api/notifications/${await noticeTo(ctx)}/read` }),
  },
  'POST /api/notifications/read-all': {
    rule: everyone,
    request: () => Promise.resolve<InjectOptions>({ method: 'POST', url: '/api/notifications/read-all' }),
  },
  'POST /api/rounds/:id/reminders': {
    rule: {
      office: A,
      assessor: D,
      officer: D,
      appraiser: D,
      otherAppraiser: D,
      council: D,
      viewer: D,
      leadUnit: D,
    },
    request: (ctx) => {
      ctx.setPhase('self');
      return Promise.resolve<InjectOptions>({
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/reminders`,
        payload: { unitIds: [ctx.unitId] },
      });
    },
  },
};
