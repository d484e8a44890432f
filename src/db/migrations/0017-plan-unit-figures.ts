/**
 * 0017: the list figures of each plan as each of its units sees it — a lead-unit officer sees only
 * the rows where their unit leads or supports a task — so such a reader's list is filtered, sorted
 * and paged in SQL too. modules/plan-view.ts#stateOf computes them with the plan's own figures and
 * they are written in the same UPDATE of the plan (plans.unit_figures, a JSON array); a trigger
 * spreads that array into plan_unit_figures (one row per plan and unit that has a task in it, the
 * table the list reads), so storing them costs an edit no statement of its own. It runs when they
 * change, and whenever stale figures are stored (figures_version null before: a back-fill), so rows
 * never lag behind a JSON that arrived some other way.
 *
 * Backfill: the figures come from checking the plan, which a migration must not import; this one
 * marks every plan's figures stale (figures_version null) and the start-up back-fill
 * (modules/plan-view.ts#backfillFigures, run by the server and the CLI after the migrations)
 * computes the plan's and its units' figures before any request.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

const FIELDS = sql.raw(`unit_id, criteria, open_errors, open_warnings, tasks_followed, tasks_done,
  open_deadlines, first_open_deadline`);

export function planUnitFigures(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('plan_unit_figures')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addColumn('criteria', 'integer', (c) => c.notNull())
        .addColumn('open_errors', 'integer', (c) => c.notNull())
        .addColumn('open_warnings', 'integer', (c) => c.notNull())
        .addColumn('tasks_followed', 'integer', (c) => c.notNull())
        .addColumn('tasks_done', 'integer', (c) => c.notNull())
        .addColumn('open_deadlines', 'text', (c) => c.notNull())
        .addColumn('first_open_deadline', 'text')
        .addPrimaryKeyConstraint('plan_unit_figures_pk', ['plan_id', 'unit_id'])
        .execute();
      await db.schema
        .createIndex('plan_unit_figures_unit')
        .on('plan_unit_figures')
        .column('unit_id')
        .execute();
      await db.schema
        .alterTable('plans')
        .addColumn('unit_figures', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      if (kind === 'postgres') {
        await sql`create function plans_unit_figures() returns trigger language plpgsql as $$
          begin
            delete from plan_unit_figures where plan_id = new.id;
            insert into plan_unit_figures (plan_id, ${FIELDS})
              select new.id, ${FIELDS} from jsonb_to_recordset(new.unit_figures::jsonb) as f(
                unit_id integer, criteria integer, open_errors integer, open_warnings integer,
                tasks_followed integer, tasks_done integer, open_deadlines text, first_open_deadline text);
            return null;
          end $$`.execute(db);
        await sql`create trigger plans_unit_figures after update of unit_figures on plans
          for each row when (new.unit_figures is distinct from old.unit_figures or old.figures_version is null)
          execute function plans_unit_figures()`.execute(db);
      } else {
        const value = (field: string) => sql.raw(`json_extract(value, '$.${field}')`);
        await sql`create trigger plans_unit_figures after update of unit_figures on plans
          for each row when new.unit_figures is not old.unit_figures or old.figures_version is null
          begin
            delete from plan_unit_figures where plan_id = new.id;
            insert into plan_unit_figures (plan_id, ${FIELDS})
              select new.id, ${sql.join(
                [
                  'unit_id',
                  'criteria',
                  'open_errors',
                  'open_warnings',
                  'tasks_followed',
                  'tasks_done',
                  'open_deadlines',
                  'first_open_deadline',
                ].map(value),
              )}
              from json_each(new.unit_figures);
          end`.execute(db);
      }
      await sql`update plans set figures_version = null`.execute(db);
    },
    async down(db: AnyDb) {
      await sql`drop trigger plans_unit_figures${kind === 'postgres' ? sql` on plans` : sql``}`.execute(db);
      if (kind === 'postgres') await sql`drop function plans_unit_figures()`.execute(db);
      await sql`alter table plans drop column unit_figures`.execute(db);
      await db.schema.dropTable('plan_unit_figures').execute();
    },
  };
}
