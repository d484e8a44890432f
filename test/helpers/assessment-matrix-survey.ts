/**
 * The survey's routes in the assessment rights matrix (assessment-matrix.ts): only the round's
 * managers (the office: round.manage reaching every unit of the round) preview and confirm a
 * survey's scores; the units, appraisers, the council and readers are refused.
 */
import { randomBytes } from 'node:crypto';
import { A, D } from './access-matrix.js';
import type { AssessmentEntry, MatrixContext } from './assessment-matrix.js';
import { multipartFile } from './http.js';

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

/** A survey file scoring the asked-about commune on the framework's first survey criterion. */
function surveyFile(ctx: MatrixContext): Uint8Array {
  const name = ctx.fixture.communes.find((c) => c.id === ctx.unitId)!.name;
  return new TextEncoder().encode(`Đơn vị,Mã tiêu chí,Điểm\n${name},8.1.1,"3,5"\n`);
}

export const SURVEY_MATRIX: Record<string, AssessmentEntry> = {
  'POST /api/rounds/:id/survey-imports': {
    rule: OFFICE_ONLY,
    request: (ctx) =>
      Promise.resolve({
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/survey-imports`,
        ...multipartFile('khao-sat.csv', surveyFile(ctx)),
      }),
  },
  'POST /api/rounds/:id/survey-imports/:token/confirm': {
    rule: OFFICE_ONLY,
    // the upload is the asker's own (a token of someone else's is IMPORT_NOT_FOUND for anyone)
    request: async (ctx) => {
      const token = randomBytes(16).toString('hex');
      const at = ctx.now();
      await ctx.db
        .insertInto('pending_imports')
        .values({
          token,
          user_id: ctx.user?.id ?? null,
          file_name: 'khao-sat.csv',
          bytes: surveyFile(ctx),
          created_at: at.toISOString(),
          expires_at: new Date(at.getTime() + 3_600_000).toISOString(),
          kind: 'survey',
          round_id: ctx.fixture.roundId,
        })
        .execute();
      return {
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/survey-imports/${token}/confirm`,
        payload: { units: {} },
      };
    },
  },
};
