/**
 * 0003: accounts, roles (as data), grants of a role in a unit, sessions, sign-in throttling, and the
 * audit trail — append-only: triggers refuse UPDATE and DELETE on it in both engines.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

/**
 * The roles a new installation knows. `scope` says which plans a grant in unit U reaches:
 * subtree = U's and its descendants' (all units when the grant has no unit), unit = U's own,
 * lead = the rows of U's parent's plans where U leads or supports a task.
 */
const ROLES = [
  {
    code: 'admin',
    name_vi: 'Quản trị (Sở/Phòng Nội vụ)',
    name_en: 'PAR office administrator',
    scope: 'subtree',
    permissions: [
      'plan.read',
      'plan.edit',
      'task.follow',
      'plan.import',
      'unit.admin',
      'user.admin',
      'audit.read',
    ],
  },
  {
    code: 'officer',
    name_vi: 'Chuyên viên CCHC',
    name_en: 'PAR officer',
    scope: 'unit',
    permissions: ['plan.read', 'plan.edit', 'task.follow', 'plan.import', 'audit.read'],
  },
  {
    code: 'lead_unit',
    name_vi: 'Cán bộ đơn vị chủ trì',
    name_en: 'Lead-unit officer',
    scope: 'lead',
    permissions: ['plan.read', 'task.follow'],
  },
  {
    code: 'appraiser',
    name_vi: 'Thành viên hội đồng thẩm định',
    name_en: 'Appraiser',
    scope: 'subtree',
    permissions: ['plan.read', 'appraisal.edit'],
  },
  { code: 'viewer', name_vi: 'Xem', name_en: 'Viewer', scope: 'subtree', permissions: ['plan.read'] },
];

export function accountsAndAudit(kind: DatabaseKind): Migration {
  const table = (db: AnyDb, name: string) => idTable(db, kind, name);
  return {
    async up(db: AnyDb) {
      await table(db, 'users')
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_login_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('roles')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name_vi', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ roles: Record<string, string | number> }>)
        .insertInto('roles')
        .values(ROLES.map((r, position) => ({ ...r, permissions: JSON.stringify(r.permissions), position })))
        .execute();

      await table(db, 'user_roles')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role_code', 'text', (c) => c.notNull().references('roles.code'))
        .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await sql`create unique index user_roles_grant on user_roles (user_id, role_code, coalesce(unit_id, 0))`.execute(
        db,
      );

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      // an upload waiting for confirmation belongs to the account that uploaded it
      await db.schema.alterTable('pending_imports').addColumn('user_id', 'integer').execute();

      // failed sign-ins per user name, whether or not such a user exists (no enumeration)
      await db.schema
        .createTable('login_throttle')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await table(db, 'audit_log')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('plan_id', 'integer')
        .addColumn('item_id', 'integer')
        // the criterion's code: its history survives a replaced plan, whose items are new rows
        .addColumn('code', 'text')
        .addColumn('unit_id', 'integer')
        .addColumn('field', 'text')
        .addColumn('old_value', 'text')
        .addColumn('new_value', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      // the head of the chain: appending first updates this row, which serialises appenders
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('appended', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ audit_head: Record<string, string | number> }>)
        .insertInto('audit_head')
        .values({ id: 1, appended: 0, last_hash: '0'.repeat(64) })
        .execute();
      for (const column of ['plan_id', 'item_id', 'user_id', 'at']) {
        await db.schema.createIndex(`audit_log_${column}`).on('audit_log').column(column).execute();
      }
      if (kind === 'postgres') {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_update before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      }
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') {
        await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
        await sql`drop function if exists audit_log_append_only()`.execute(db);
      }
      for (const t of [
        'audit_head',
        'audit_log',
        'login_throttle',
        'sessions',
        'user_roles',
        'roles',
        'users',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
