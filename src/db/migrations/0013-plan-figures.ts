/**
 * 0013: each plan keeps the figures of the plans list with the version they were computed at —
 * live totals, open errors and warnings, followed and done tasks, the not-done tasks' deadlines
 * counted by date (overdue depends on the day), and a folded search key — written in the same
 * transaction as every change (modules/plan-view.ts#stateOf), so the list is read in SQL instead of
 * loading and checking every plan.
 *
 * Backfill: the figures come from checking the plan (core/check.ts), which a migration must not
 * import (db/ knows nothing above it). Existing plans get figures_version null here; the start-up
 * back-fill computes and stores the figures of any plan whose figures_version is not its version,
 * once, after the migrations (modules/plan-view.ts#backfillFigures).
 */
import { sql, type Migration } from 'kysely';
import type { AnyDb } from './common.js';

const COLUMNS = [
  'figures_version',
  'live_max',
  'live_baseline',
  'live_target',
  'open_errors',
  'open_warnings',
  'tasks_followed',
  'tasks_done',
  'open_deadlines',
  'first_open_deadline',
  'search_key',
] as const;

export const planFigures: Migration = {
  async up(db: AnyDb) {
    const add = (name: string, type: 'integer' | 'text', notNull?: number | string) =>
      db.schema
        .alterTable('plans')
        .addColumn(name, type, (c) => (notNull === undefined ? c : c.notNull().defaultTo(notNull)))
        .execute();
    await add('figures_version', 'integer');
    await add('live_max', 'text');
    await add('live_baseline', 'text');
    await add('live_target', 'text');
    await add('open_errors', 'integer', 0);
    await add('open_warnings', 'integer', 0);
    await add('tasks_followed', 'integer', 0);
    await add('tasks_done', 'integer', 0);
    // JSON object: ISO date → number of followed tasks not done with that deadline
    await add('open_deadlines', 'text', '{}');
    await add('first_open_deadline', 'text');
    await add('search_key', 'text', '');
    await db.schema.createIndex('plans_list_year').on('plans').columns(['archived', 'year']).execute();
    await db.schema
      .createIndex('plans_first_open_deadline')
      .on('plans')
      .column('first_open_deadline')
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('plans_first_open_deadline').execute();
    await db.schema.dropIndex('plans_list_year').execute();
    for (const c of COLUMNS) await sql`alter table plans drop column ${sql.ref(c)}`.execute(db);
  },
};
