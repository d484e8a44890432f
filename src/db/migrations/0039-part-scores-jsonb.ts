/**
 * 0039: on PostgreSQL, each result unit's part scores kept parsed beside their text
 * (`result_units.part_scores_jsonb`, jsonb, generated from `part_scores` when the row is written). A
 * ranking's tie-break reads a component's or area's score out of them for every unit whose index
 * another shares (db/results-repo.ts#rankingOf): from the text that was a JSON parse per unit and
 * ranking, 2,000 of them for bench/ranking.ts's pool of 3,500 — three quarters of the ranking's
 * statement (13–15 ms of 15–20). A result never changes once stored (0027), so the parse is paid
 * once, when it is imported. The text stays what every other reader reads (its key order and
 * spelling as written; jsonb would give them back reordered). SQLite reads the text with
 * json_extract, whose parse costs it little; it has no column of its own here.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function partScoresJsonb(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      if (kind !== 'postgres') return;
      await sql`alter table result_units
        add column part_scores_jsonb jsonb generated always as (part_scores::jsonb) stored`.execute(db);
    },
    async down(db: AnyDb) {
      if (kind !== 'postgres') return;
      await sql`alter table result_units drop column part_scores_jsonb`.execute(db);
    },
  };
}
