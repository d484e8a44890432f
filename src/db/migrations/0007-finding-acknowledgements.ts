/**
 * 0007: acknowledgements of a plan's findings ("keep as written"): an officer's note that a stated
 * value which disagrees with its children is what the approved document says. Keyed by the finding's
 * rule, row, field and both values (core/consistency.ts#findingKey), so it stops applying when any of
 * them changes. Removed with the plan.
 */
import type { Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

export function findingAcknowledgements(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await idTable(db, kind, 'finding_acknowledgements')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('finding_acknowledgements_plan_key')
        .on('finding_acknowledgements')
        .columns(['plan_id', 'finding_key'])
        .unique()
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('finding_acknowledgements').execute();
    },
  };
}
