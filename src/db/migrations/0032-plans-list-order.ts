/**
 * 0032: the plans list's order kept on the plan, with an index in that order (issue 13), so a page
 * reads its ~50 index entries instead of sorting every listed plan: plans.subject_sort_key is the
 * subject unit's sort key (units.sort_key, 0014: Vietnamese order compared bytewise; COLLATE "C" on
 * PostgreSQL like that column), and plans_list_order is (archived, year desc, subject_sort_key, id):
 * the list's filter on archived then its ORDER BY (db/plans-repo.ts#listPlanFigures). It replaces
 * plans_list_year (archived, year, 0013), its prefix (the counts by archived and year read it); and
 * plans_list_all (year desc, subject_sort_key, id) serves the list of archived plans too.
 *
 * Triggers keep the copy in the statement that changes either side, so in its transaction whatever
 * wrote it (an import, a unit's rename or merge, the demo country, a test's copies): a plan inserted
 * or given another subject takes its subject's key; a unit whose key changes (a rename) gives it to
 * its plans (found by plans_subject_year, subject first). Existing plans are back-filled here.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function plansListOrder(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      const collate = kind === 'postgres' ? sql` collate "C"` : sql``;
      await sql`alter table plans add column subject_sort_key text${collate} not null default ''`.execute(db);
      await sql`update plans set subject_sort_key =
        (select u.sort_key from units u where u.id = plans.subject_unit_id)`.execute(db);
      await sql`create index plans_list_order on plans (archived, year desc, subject_sort_key, id)`.execute(
        db,
      );
      await sql`create index plans_list_all on plans (year desc, subject_sort_key, id)`.execute(db);
      await db.schema.dropIndex('plans_list_year').execute();
      if (kind === 'postgres') {
        await sql`create function plans_subject_sort_key() returns trigger language plpgsql as $$
          begin
            new.subject_sort_key := (select u.sort_key from units u where u.id = new.subject_unit_id);
            return new;
          end $$`.execute(db);
        await sql`create trigger plans_subject_sort_key before insert or update of subject_unit_id on plans
          for each row execute function plans_subject_sort_key()`.execute(db);
        await sql`create function units_sort_key_to_plans() returns trigger language plpgsql as $$
          begin
            update plans set subject_sort_key = new.sort_key where subject_unit_id = new.id;
            return null;
          end $$`.execute(db);
        await sql`create trigger units_sort_key_to_plans after update of sort_key on units
          for each row when (new.sort_key is distinct from old.sort_key)
          execute function units_sort_key_to_plans()`.execute(db);
      } else {
        // SQLite's triggers cannot change the row being written: the key is set just after it
        const set = sql`update plans set subject_sort_key =
            (select u.sort_key from units u where u.id = new.subject_unit_id) where id = new.id;`;
        await sql`create trigger plans_subject_sort_key_insert after insert on plans
          for each row begin ${set} end`.execute(db);
        await sql`create trigger plans_subject_sort_key_update after update of subject_unit_id on plans
          for each row when new.subject_unit_id is not old.subject_unit_id begin ${set} end`.execute(db);
        await sql`create trigger units_sort_key_to_plans after update of sort_key on units
          for each row when new.sort_key is not old.sort_key
          begin update plans set subject_sort_key = new.sort_key where subject_unit_id = new.id; end`.execute(
          db,
        );
      }
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') {
        await sql`drop trigger units_sort_key_to_plans on units`.execute(db);
        await sql`drop function units_sort_key_to_plans()`.execute(db);
        await sql`drop trigger plans_subject_sort_key on plans`.execute(db);
        await sql`drop function plans_subject_sort_key()`.execute(db);
      } else {
        await sql`drop trigger units_sort_key_to_plans`.execute(db);
        await sql`drop trigger plans_subject_sort_key_update`.execute(db);
        await sql`drop trigger plans_subject_sort_key_insert`.execute(db);
      }
      await db.schema.createIndex('plans_list_year').on('plans').columns(['archived', 'year']).execute();
      await sql`drop index plans_list_all`.execute(db);
      await sql`drop index plans_list_order`.execute(db);
      await sql`alter table plans drop column subject_sort_key`.execute(db);
    },
  };
}
