/**
 * 0036: each account's grants kept on its row (issue 13 point 3). Every API request reads its session
 * with the user's grants; joined from user_roles and roles that was 5 tables and one row per grant,
 * on PostgreSQL the request's largest cost after the answer's bytes (the plan page, BENCHMARKS.md).
 * `users.grants`: the user's grants as JSON in grant id order, each
 * {"id", "role", "unitId", "scope", "permissions": [...]} — kept by triggers in the transaction that
 * changes a grant (user_roles) or a role's scope or permissions (roles), so a change is seen by the
 * next request of any server, as before. user_roles and roles stay the grants' source: this is their
 * copy for reading, never written by the app.
 *
 * On PostgreSQL a trigger first locks the user's row, then reads the grants: of two transactions
 * changing the same user's grants at once, the second waits for the first to commit and reads its
 * grant too (a read before the lock would miss it, and write a list without it). The lock is FOR NO
 * KEY UPDATE, not FOR UPDATE: a grant's insert has already taken the row's KEY SHARE lock for its
 * foreign key, which FOR UPDATE conflicts with — two grants given at once would each hold one and
 * wait for the other (a deadlock); sessions inserted meanwhile (KEY SHARE too) need not wait either.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

/** SQLite: the grants of the user whose id is `user`, as stored (JSON text, grant id order). */
const sqliteGrantsOf = (user: string) => `(
  select json_group_array(json_object('id', ur.id, 'role', ur.role_code, 'unitId', ur.unit_id,
    'scope', r.scope, 'permissions', json(r.permissions)) order by ur.id)
  from user_roles ur join roles r on r.code = ur.role_code where ur.user_id = ${user})`;

export function userGrants(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('users')
        .addColumn('grants', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      if (kind === 'postgres') {
        await sql`create function keep_user_grants(uid integer) returns void language plpgsql as $$
          declare kept text;
          begin
            perform 1 from users where id = uid for no key update;
            select coalesce(json_agg(json_build_object('id', ur.id, 'role', ur.role_code,
                'unitId', ur.unit_id, 'scope', r.scope, 'permissions', r.permissions::json)
                order by ur.id)::text, '[]')
              into kept
              from user_roles ur join roles r on r.code = ur.role_code
              where ur.user_id = uid;
            update users set grants = kept where id = uid and grants is distinct from kept;
          end $$`.execute(db);
        await sql`create function user_roles_keep_grants() returns trigger language plpgsql as $$
          begin
            if tg_op <> 'INSERT' then perform keep_user_grants(old.user_id); end if;
            if tg_op <> 'DELETE' then perform keep_user_grants(new.user_id); end if;
            return null;
          end $$`.execute(db);
        await sql`create trigger user_roles_keep_grants after insert or update or delete on user_roles
          for each row execute function user_roles_keep_grants()`.execute(db);
        await sql`create function roles_keep_grants() returns trigger language plpgsql as $$
          begin
            perform keep_user_grants(u.user_id)
              from (select distinct user_id from user_roles where role_code in (old.code, new.code)) u;
            return null;
          end $$`.execute(db);
        await sql`create trigger roles_keep_grants after update on roles
          for each row execute function roles_keep_grants()`.execute(db);
        await sql`select keep_user_grants(id) from users`.execute(db);
      } else {
        await sql
          .raw(
            `create trigger user_roles_grants_insert after insert on user_roles begin
              update users set grants = ${sqliteGrantsOf('new.user_id')} where id = new.user_id; end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger user_roles_grants_delete after delete on user_roles begin
              update users set grants = ${sqliteGrantsOf('old.user_id')} where id = old.user_id; end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger user_roles_grants_update after update on user_roles begin
              update users set grants = ${sqliteGrantsOf('old.user_id')} where id = old.user_id;
              update users set grants = ${sqliteGrantsOf('new.user_id')} where id = new.user_id; end`,
          )
          .execute(db);
        await sql
          .raw(
            `create trigger roles_grants_update after update on roles begin
              update users set grants = ${sqliteGrantsOf('users.id')}
                where id in (select user_id from user_roles where role_code in (old.code, new.code)); end`,
          )
          .execute(db);
        await sql.raw(`update users set grants = ${sqliteGrantsOf('users.id')}`).execute(db);
      }
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') {
        await sql`drop trigger if exists roles_keep_grants on roles`.execute(db);
        await sql`drop trigger if exists user_roles_keep_grants on user_roles`.execute(db);
        await sql`drop function if exists roles_keep_grants()`.execute(db);
        await sql`drop function if exists user_roles_keep_grants()`.execute(db);
        await sql`drop function if exists keep_user_grants(integer)`.execute(db);
      } else {
        for (const name of [
          'user_roles_grants_insert',
          'user_roles_grants_delete',
          'user_roles_grants_update',
          'roles_grants_update',
        ])
          await sql.raw(`drop trigger if exists ${name}`).execute(db);
      }
      await db.schema.alterTable('users').dropColumn('grants').execute();
    },
  };
}
