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
    await sql`delete from result_rankings`.execute(db);
    await db.schema.alterTable('result_rankings').dropColumn('ranks').execute();
    await db.schema
      .createTable('result_ranks')
      .addColumn('result_id', 'integer', (c) => c.notNull().references('results.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('result_unit_id', 'integer', (c) =>
        c.notNull().references('result_units.id').onDelete('cascade'),
      )
      .addColumn('rank', 'integer')
      .addColumn('grp', 'text')
      .addPrimaryKeyConstraint('result_ranks_pk', ['result_id', 'position'])
      .execute();
    await db.schema
      .createIndex('result_ranks_unit')
      .on('result_ranks')
      .column('result_unit_id')
      .unique()
      .execute();
  },
};
