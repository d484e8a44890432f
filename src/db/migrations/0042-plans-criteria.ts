/**
 * 0042: a plan's number of criteria (its items) stored with its list figures (issue 13):
 * `plans.criteria`, written with the others by each version (plan-view.ts#stateOf) and filled here
 * from plan_items. A page of the plans list counted each of its plans' items on plan_items' key
 * (50 plans × ~140 items: on PostgreSQL 0,85 ms of the page's 1,4 ms details statement at 12,045
 * plans), for a figure that changes only when items are added or removed, with a new version.
 */
import { sql, type Migration } from 'kysely';
import type { AnyDb } from './common.js';

export const plansCriteria: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('plans').addColumn('criteria', 'integer').execute();
    await sql`update plans set criteria = (select count(*) from plan_items i where i.plan_id = plans.id)`.execute(
      db,
    );
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('plans').dropColumn('criteria').execute();
  },
};
