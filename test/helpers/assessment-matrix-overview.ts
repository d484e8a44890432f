/**
 * The overview's routes in the assessment rights matrix (test/helpers/assessment-matrix.ts): the
 * overview, results and XLSX to the round's managers, the council and appraisers (any area); the
 * results also to plan readers once published (the units they reach); a unit's DOCX report to
 * whoever reads its assessment.
 */
import { A, D } from './access-matrix.js';
import { PHASES, roundDay } from '../../src/core/assessment.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';
import { addDays } from './rounds.js';

const PUBLISHED = 'Đợt đã công bố (kiểm thử quyền)';

/**
 * A second round of the same communes, published today: the matrix's own round stays unpublished for
 * the other entries, and its clock is left alone (moving it days on ends the actors' sessions).
 */
async function publishedRound(ctx: MatrixContext): Promise<number> {
  const found = await ctx.db
    .selectFrom('assessment_rounds')
    .select('id')
    .where('name', '=', PUBLISHED)
    .executeTakeFirst();
  if (found) return found.id;
  const { fixture } = ctx;
  const today = roundDay(ctx.now());
  const round = await ctx.db
    .insertInto('assessment_rounds')
    .values({
      name: PUBLISHED,
      year: 2026,
      framework_id: fixture.frameworkId,
      created_at: ctx.now().toISOString(),
      created_by: 'test',
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('round_phases')
    .values(
      PHASES.map((phase, i) => ({
        round_id: round.id,
        phase,
        opens_on: addDays(today, i - PHASES.length + 1),
        closes_on: addDays(today, i - PHASES.length + 1 + (phase === 'publication' ? 365 : 0)),
      })),
    )
    .execute();
  await ctx.db
    .insertInto('round_units')
    .values(
      fixture.communes.map((c) => ({
        round_id: round.id,
        unit_id: c.id,
        submitted_at: null,
        submitted_by: null,
      })),
    )
    .execute();
  return round.id;
}

const office = (phase: 'open' | 'publication') => ({
  office: A,
  assessor: D,
  officer: D,
  appraiser: A,
  otherAppraiser: A,
  council: A,
  viewer: D,
  leadUnit: D,
  ...(phase === 'publication' ? { officer: A, viewer: A } : {}),
});

export const OVERVIEW_MATRIX: Record<string, AssessmentEntry> = {
  'GET /api/rounds/:id/overview': {
    rule: office('open'),
    request: (ctx) => Promise.resolve({ method: 'GET', url: `/api/rounds/${ctx.fixture.roundId}/overview` }),
  },
  'GET /api/rounds/:id/results': {
    rule: office('open'),
    request: (ctx) => Promise.resolve({ method: 'GET', url: `/api/rounds/${ctx.fixture.roundId}/results` }),
  },
  // published: a plan reader reads the results of the units it reaches (the officer its commune)
  'GET /api/rounds/:id/results#published': {
    rule: office('publication'),
    request: async (ctx) => ({ method: 'GET', url: `/api/rounds/${await publishedRound(ctx)}/results` }),
  },
  'GET /api/rounds/:id/export.xlsx': {
    rule: office('open'),
    request: (ctx) =>
      Promise.resolve({ method: 'GET', url: `/api/rounds/${ctx.fixture.roundId}/export.xlsx` }),
  },
  'GET /api/rounds/:id/units/:unitId/report.docx': {
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
    request: (ctx) =>
      Promise.resolve({
        method: 'GET',
        url: `/api/rounds/${ctx.fixture.roundId}/units/${ctx.unitId}/report.docx`,
      }),
  },
};
