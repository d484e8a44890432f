/**
 * 0033: the plan-side trigger of 0032 reads its subject unit's sort key `FOR SHARE`, so the copy on
 * the plan cannot miss a rename made at the same time on PostgreSQL (READ COMMITTED, two servers or
 * two requests). Without the lock neither side waited for the other: the plan's foreign key takes
 * only FOR KEY SHARE on the unit, which a rename (FOR NO KEY UPDATE) does not conflict with, so
 *  - a plan inserted (or given this subject) while a rename was uncommitted read the old key, and
 *    the rename's trigger, which ran before the plan existed, never updated it;
 *  - a rename made while such a plan was uncommitted did not see it to update it.
 * With FOR SHARE the plan's statement waits for an uncommitted rename and then reads the committed
 * key; a rename waits for an uncommitted plan and its trigger's update, run after, sees it. The
 * unit-side trigger (units_sort_key_to_plans) is unchanged.
 * SQLite has one writer at a time: its triggers of 0032 cannot interleave, nothing changes there
 * (the migration is registered on both engines so that both list the same migrations).
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

/** The trigger function's body: 0032's when `lock` is empty, this migration's with FOR SHARE. */
function subjectSortKey(lock: 'for share' | '') {
  return sql`create or replace function plans_subject_sort_key() returns trigger language plpgsql as $$
    begin
      select u.sort_key into new.subject_sort_key from units u where u.id = new.subject_unit_id ${sql.raw(lock)};
      return new;
    end $$`;
}

export function plansSortKeyLocked(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      if (kind === 'postgres') await subjectSortKey('for share').execute(db);
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') await subjectSortKey('').execute(db);
    },
  };
}
