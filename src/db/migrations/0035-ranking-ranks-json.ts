/**
 * 0035: a stored ranking's places as one JSON text beside its summary (issue 13 point 3). The ranking
 * is computed and stored by one statement (db/results-repo.ts#storeRanking: RANK() over the index and
 * the pool's tie-break, each unit's band, aggregated in rank order), one row written instead of 3,500
 * (result_ranks: each row indexed twice and checked against two foreign keys, ~80 % of a stale
 * ranking's time on PostgreSQL). `result_rankings.ranks`: [[result_unit_id, rank, group], …] in rank
 * order, a unit's position its place in the array. The rankings stored before have no places: they
 * are removed, and each result is ranked again on its first reading (modules/results.ts#rankResult).
 */
import { sql, type Migration } from 'kysely';
import { resultRanks } from './0030-result-ranks.js';
import type { AnyDb } from './common.js';

export const rankingRanksJson: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropTable('result_ranks').execute();
    await sql`delete from result_rankings`.execute(db);
    await db.schema
      .alterTable('result_rankings')
      .addColumn('ranks', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
  async down(db: AnyDb) {
    // 0030's two tables as it made them, empty: each result is ranked again on its first reading
    await db.schema.dropTable('result_rankings').execute();
    await resultRanks.up(db);
  },
};
