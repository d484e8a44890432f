/**
 * 0030: each result's ranking stored (issue 13 point 3), so that a page of it is one paged read.
 * `result_rankings` holds, per result, the pool version it was ranked at (a result never changes once
 * stored — a new one replaces it under a new id — so the result's id and its pool's version are what
 * it was computed from) and what the whole pool gives a page as one JSON text (average, best, units
 * per group, findings: core/rank-pool.ts and modules/results.ts#viewOf). `result_ranks` holds each
 * unit's place: its position in rank order (unranked last), its rank (null: none) and its group.
 * A ranking whose pool_version is not the pool's current version is stale and never read.
 */
import type { Migration } from 'kysely';

export const resultRanks: Migration = {
  async up(db) {
    await db.schema
      .createTable('result_rankings')
      .addColumn('result_id', 'integer', (c) => c.primaryKey().references('results.id').onDelete('cascade'))
      .addColumn('pool_version', 'integer', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('ranked_at', 'text', (c) => c.notNull())
      .execute();
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
  async down(db) {
    await db.schema.dropTable('result_ranks').execute();
    await db.schema.dropTable('result_rankings').execute();
  },
};
