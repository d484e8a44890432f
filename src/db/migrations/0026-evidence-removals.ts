/**
 * 0026: when a unit last took evidence off a criterion (a link undone, or its file removed), so
 * that round 2's "changed since round 1" sees a removal as it sees an addition: answer_evidence
 * keeps only the links that stand. One row per round, unit and criterion: the latest removal.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const evidenceRemovals: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('evidence_removals')
      .addColumn('round_id', 'integer', (c) =>
        c.notNull().references('assessment_rounds.id').onDelete('cascade'),
      )
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
      .addColumn('removed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('evidence_removals_pk', ['round_id', 'unit_id', 'criterion_id'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('evidence_removals').execute();
  },
};
