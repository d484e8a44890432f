/**
 * 0027: each result unit keeps its component and area scores beside it (`result_units.part_scores`,
 * one JSON object code → [score, applicable max or null]; db/results-repo.ts#partScoresText), so a
 * ranking reads one row per unit instead of one per unit and part (issue 12's bench: 3,500 units).
 * A result never changes once stored (a new import replaces it with a new id), so insertResult writes
 * it once; result_scores still holds every part's score (criteria for a unit's explanation). Existing
 * results are backfilled here from their result_scores.
 */
import { sql, type Migration } from 'kysely';
import { partScoresText } from '../results-repo.js';
import type { AnyDb } from './common.js';

interface ScoreRow {
  result_unit_id: number;
  code: string;
  score: string | null;
  max: string | null;
}

export const resultPartScores: Migration = {
  async up(db: AnyDb) {
    await sql`alter table result_units add column part_scores text not null default '{}'`.execute(db);
    const results = await sql<{ id: number }>`select id from results order by id`.execute(db);
    for (const { id } of results.rows) {
      const parts = await sql<{ code: string }>`
        select code from result_parts where result_id = ${id} and kind <> 'criterion'`.execute(db);
      const codes = new Set(parts.rows.map((p) => p.code));
      if (codes.size === 0) continue;
      const scores = await sql<ScoreRow>`
        select s.result_unit_id, s.code, s.score, s.max
        from result_scores s join result_units u on u.id = s.result_unit_id
        where u.result_id = ${id}
        order by s.result_unit_id`.execute(db);
      const byUnit = new Map<number, ScoreRow[]>();
      for (const s of scores.rows) {
        const unitId = Number(s.result_unit_id);
        const held = byUnit.get(unitId);
        if (held) held.push(s);
        else byUnit.set(unitId, [s]);
      }
      for (const [unitId, rows] of byUnit) {
        await sql`update result_units set part_scores = ${partScoresText(codes, rows)}
          where id = ${unitId}`.execute(db);
      }
    }
  },
  async down(db: AnyDb) {
    await sql`alter table result_units drop column part_scores`.execute(db);
  },
};
