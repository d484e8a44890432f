/**
 * 0038: a stored ranking writes only the places that moved (issue 13 point 3; db/results-repo.ts#
 * storeRanking). A place of result_places is updated where it stands when its unit, rank or group
 * changed; while the statement writes the places one after another, a unit that moved may stand at
 * its new place and its old one at once: `result_places_unit` is no longer unique (each unit stands at
 * one place once the statement ends: storeRanking writes every place whose unit differs). Before, each store deleted the result's 3,500 places and inserted them again, most of a
 * stale ranking's time on PostgreSQL, though a pool's version moved by a change of another year's
 * bands moves no unit of this year.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const resultPlacesMoved: Migration = {
  async up(db: AnyDb) {
    await db.schema.dropIndex('result_places_unit').execute();
    await db.schema.createIndex('result_places_unit').on('result_places').column('result_unit_id').execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('result_places_unit').execute();
    await db.schema
      .createIndex('result_places_unit')
      .on('result_places')
      .column('result_unit_id')
      .unique()
      .execute();
  },
};
