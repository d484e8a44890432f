/**
 * 0037: a stored ranking's places as rows again (issue 13 point 3), one per unit: `result_places`
 * (result_id, position) → result_unit_id, rank (null: none), group. 0035 kept them as one JSON text
 * of ~100 KB per ranking, which every page parsed whole to take out its 50 places (json_each,
 * json_array_elements): a stored page cost 2–4× the raw read of its rows. A page now reads its 50
 * places by the primary key, a page's previous places by result_unit_id. Unlike 0030's result_ranks
 * the rows carry no foreign key: PostgreSQL checked two per row (a trigger each), most of a stale
 * ranking's time; results-repo.ts#deleteResult removes them with the result, and storeRanking
 * replaces a result's places whole (since 0038 only those that moved). The rankings stored before are
 * removed: each result is ranked again on its first reading (modules/results.ts#storedRead).
 */
import { sql, type Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const resultPlaces: Migration = {
  async up(db: AnyDb) {
    await sql`delete from result_rankings`.execute(db);
    await db.schema.alterTable('result_rankings').dropColumn('ranks').execute();
    await db.schema
      .createTable('result_places')
      .addColumn('result_id', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('result_unit_id', 'integer', (c) => c.notNull())
      .addColumn('rank', 'integer')
      .addColumn('grp', 'text')
      .addPrimaryKeyConstraint('result_places_pk', ['result_id', 'position'])
      .execute();
    await db.schema
      .createIndex('result_places_unit')
      .on('result_places')
      .column('result_unit_id')
      .unique()
      .execute();
  },
  async down(db: AnyDb) {
    // 0035's column, empty: each result is ranked again on its first reading
    await db.schema.dropTable('result_places').execute();
    await sql`delete from result_rankings`.execute(db);
    await db.schema
      .alterTable('result_rankings')
      .addColumn('ranks', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};
