/**
 * 0041: each unit's ancestors kept as rows (issue 13): `unit_ancestors` (unit_id, ancestor_id), a
 * row for the unit itself and one for each unit above it, keyed (ancestor_id, unit_id) so the units
 * of a subtree are one range of the key. The plans list of a subtree (a unit filter, a reader's
 * subtree grant: db/plans-repo.ts#inSubtree) walked the tree down by units_parent, one step per
 * level, in each of its two statements: for a reader of the whole country (4,159 units under its
 * root at 12,045 plans) 3,7 ms a walk on SQLite and 8,7 on PostgreSQL.
 *
 * Triggers keep it in the statement that changes a unit, so in its transaction: a unit inserted
 * takes its parent's ancestors; a unit given another parent (units-admin.ts: a move; a cycle is
 * refused there) takes its subtree out from under its old ancestors and puts it under the new
 * parent's; a unit deleted goes with its rows. Existing units are back-filled here.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

/** The statements of each trigger, over `new` / `old` (the same text on both engines). */
const INSERTED = sql`insert into unit_ancestors (unit_id, ancestor_id) values (new.id, new.id);
  insert into unit_ancestors (unit_id, ancestor_id)
    select new.id, a.ancestor_id from unit_ancestors a where a.unit_id = new.parent_id;`;
// the moved unit's subtree (its rows as an ancestor) loses the ancestors above it, then takes the
// new parent's
const MOVED = sql`delete from unit_ancestors
    where unit_id in (select s.unit_id from unit_ancestors s where s.ancestor_id = new.id)
      and ancestor_id in (select a.ancestor_id from unit_ancestors a where a.unit_id = new.id and a.ancestor_id <> new.id);
  insert into unit_ancestors (unit_id, ancestor_id)
    select s.unit_id, a.ancestor_id from unit_ancestors s cross join unit_ancestors a
    where s.ancestor_id = new.id and a.unit_id = new.parent_id;`;
const DELETED = sql`delete from unit_ancestors where unit_id = old.id or ancestor_id = old.id;`;

export function unitAncestors(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await sql`create table unit_ancestors (
          unit_id integer not null,
          ancestor_id integer not null,
          primary key (ancestor_id, unit_id)
        )`.execute(db);
      await sql`create index unit_ancestors_unit on unit_ancestors (unit_id, ancestor_id)`.execute(db);
      // `union`, not `union all`: a cycle, which units-admin.ts refuses, would end the walk here too
      await sql`insert into unit_ancestors (unit_id, ancestor_id)
        with recursive up (unit_id, ancestor_id) as (
          select id, id from units
          union
          select up.unit_id, u.parent_id from up inner join units u on u.id = up.ancestor_id
          where u.parent_id is not null
        ) select unit_id, ancestor_id from up`.execute(db);
      if (kind === 'postgres') {
        const triggers = [
          { name: 'units_ancestors_inserted', body: INSERTED, on: sql`after insert`, when: sql`` },
          {
            name: 'units_ancestors_moved',
            body: MOVED,
            on: sql`after update of parent_id`,
            when: sql`when (new.parent_id is distinct from old.parent_id)`,
          },
          { name: 'units_ancestors_deleted', body: DELETED, on: sql`after delete`, when: sql`` },
        ];
        for (const t of triggers) {
          await sql`create function ${sql.id(t.name)}() returns trigger language plpgsql as $$
            begin ${t.body} return null; end $$`.execute(db);
          await sql`create trigger ${sql.id(t.name)} ${t.on} on units for each row ${t.when}
            execute function ${sql.id(t.name)}()`.execute(db);
        }
      } else {
        await sql`create trigger units_ancestors_inserted after insert on units
          for each row begin ${INSERTED} end`.execute(db);
        await sql`create trigger units_ancestors_moved after update of parent_id on units
          for each row when new.parent_id is not old.parent_id begin ${MOVED} end`.execute(db);
        await sql`create trigger units_ancestors_deleted after delete on units
          for each row begin ${DELETED} end`.execute(db);
      }
    },
    async down(db: AnyDb) {
      for (const name of ['units_ancestors_inserted', 'units_ancestors_moved', 'units_ancestors_deleted']) {
        if (kind === 'postgres') {
          await sql`drop trigger ${sql.id(name)} on units`.execute(db);
          await sql`drop function ${sql.id(name)}()`.execute(db);
        } else await sql`drop trigger ${sql.id(name)}`.execute(db);
      }
      await sql`drop table unit_ancestors`.execute(db);
    },
  };
}
