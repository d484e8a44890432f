/**
 * 0040: the plans list's filters answered from its indexes (issue 13). A plan's row is ~5 KB
 * (plans.unit_figures, 0017, mostly), so on SQLite it runs into overflow pages, and
 * subject_sort_key (0032), its last column, lies past them. Every filter the indexes of 0032 did not
 * hold read the rows of every plan it passed over: at 12,045 plans the count of "with errors" and
 * of "overdue" read all of them (17–22 ms each), a page of "with errors" when none had any walked all
 * of them (22 ms), and a reader whose grant is the whole country (a subtree of 4,159 units) had its
 * plans looked up by subject with each row read for `archived` (page 25 ms, count 31 ms).
 *
 * - plans_list_order and plans_list_all (0032) carry the filters' columns after the list's order:
 *   the subject, open_errors and first_open_deadline. A count and a page filtered by errors, by
 *   overdue, or by a set of subjects walk the index alone (SQLite: a COVERING INDEX; PostgreSQL:
 *   INCLUDE, an index-only scan where the visibility map allows), and read rows only for the page.
 * - plans_subject_listed: the plans of a subject with the list's order and filters, for the plans
 *   of a subtree looked up by their subjects (db/plans-repo.ts#inSubtree): counted, filtered and
 *   sorted for a page without reading their rows.
 *
 * The columns are written with a plan's figures (modules/plan-view.ts#storeFigures): an edit that
 * changes no error count and no deadline changes none of them (on PostgreSQL its update stays HOT).
 */
import { sql, type Migration, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

/** the list's order (0032): unarchived plans, then any plan */
const ORDERS = [
  { name: 'plans_list_order', order: sql`archived, year desc, subject_sort_key, id` },
  { name: 'plans_list_all', order: sql`year desc, subject_sort_key, id` },
] as const;

/** what the list filters by besides its order */
const FILTERS = sql`subject_unit_id, open_errors, first_open_deadline`;

export function plansListFilters(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      // the keys, then the filters' columns: PostgreSQL keeps those in the leaves only (INCLUDE),
      // SQLite, which has no INCLUDE, as the last keys
      const index = (name: string, keys: RawBuilder<unknown>, rest: RawBuilder<unknown>) =>
        kind === 'postgres'
          ? sql`create index ${sql.id(name)} on plans (${keys}) include (${rest})`
          : sql`create index ${sql.id(name)} on plans (${keys}, ${rest})`;
      for (const { name, order } of ORDERS) {
        await sql`drop index ${sql.id(name)}`.execute(db);
        await index(name, order, FILTERS).execute(db);
      }
      // the subject alone as the key on PostgreSQL: with `archived` among its keys, the planner
      // counted the unarchived plans by that column in this index, read whole (its keys are
      // narrower than plans_list_order's), and preferred it to the search's GIN index
      await index(
        'plans_subject_listed',
        sql`subject_unit_id`,
        sql`archived, year, subject_sort_key, id, open_errors, first_open_deadline`,
      ).execute(db);
    },
    async down(db: AnyDb) {
      await sql`drop index plans_subject_listed`.execute(db);
      for (const { name, order } of ORDERS) {
        await sql`drop index ${sql.id(name)}`.execute(db);
        await sql`create index ${sql.id(name)} on plans (${order})`.execute(db);
      }
    },
  };
}
