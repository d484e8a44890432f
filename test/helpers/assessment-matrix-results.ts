/**
 * The assessment matrix's entry for making a round's results a ranking result (modules/results.ts):
 * results.manage installation-wide, which none of the matrix's actors holds — the office (admin of
 * the province) is refused too, before anything of the round is looked at (the clock is left where it
 * is: moving it signs the actors in again, which the refusal's unchanged database would not allow).
 */
import { findPoolByKey, insertPool } from '../../src/db/results-repo.js';
import type { AssessmentEntry } from './assessment-matrix.js';
import { D } from './access-matrix.js';

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

export const RESULTS_MATRIX: Record<string, AssessmentEntry> = {
  'POST /api/rounds/:id/results': {
    rule: NOBODY,
    request: async (ctx) => {
      const key = 'cac xa cua ma tran';
      const poolId =
        (await findPoolByKey(ctx.db, key))?.id ??
        (await insertPool(ctx.db, {
          name: 'Các xã của ma trận',
          name_key: key,
          created_at: ctx.now().toISOString(),
          created_by: 'matrix',
        }));
      return {
        method: 'POST',
        url: `/api/rounds/${ctx.fixture.roundId}/results`,
        payload: { poolId },
      };
    },
  },
};
