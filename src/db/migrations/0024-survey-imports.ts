/**
 * 0024: a survey's scores upload, kept between its preview and its confirmation in pending_imports
 * like a plan's, belongs to one round: `round_id` (null for the other kinds) so that a token
 * previewed for one round cannot be confirmed into another.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const surveyImports: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('pending_imports').addColumn('round_id', 'integer').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('pending_imports').dropColumn('round_id').execute();
  },
};
