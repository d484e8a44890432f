/**
 * 0039: on PostgreSQL, each result unit's part scores kept parsed beside their text
 * (`result_units.part_scores_jsonb`, jsonb, generated from `part_scores` when the row is written).
 * A ranking's tie-break reads a component's or area's score out of them
 * (db/results-repo.ts#rankingOf). From the text that was a JSON parse per unit and ranking, limited
 * to the units whose index another shares (2,028 of bench/ranking.ts's pool of 3,500), which needed
 * those counted first, a sort of its own: the two took 11–12 ms of the ranking's 17,5 ms SELECT.
 * From the jsonb every unit's keys are read, no count: 5,7–6,9 ms. A result never changes once
 * stored (0027), so the parse is paid once, when it is imported. The text stays what every other
 * reader reads (its key order and spelling as written; jsonb would give them back reordered).
 * SQLite reads the text with json_extract, whose parse costs it little; it has no column of its own
 * here.
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
