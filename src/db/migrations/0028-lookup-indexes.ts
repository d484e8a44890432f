/**
 * 0028: an index for every lookup the repos make that none served (issue 13). units.parent_id and
 * units.name_key had only the expression index of 0001 (coalesce(parent_id, 0), name_key), which no
 * `parent_id = ?` or `name_key = ?` can use: every plan build, edit and import read all units. The
 * others serve a foreign key's check on delete (plans and plan items of a framework), the audit
 * trail's filters (by unit, by account), grants by unit (who is told of a round), expired sessions
 * and a round's notifications (deleted with it). test/db-indexes.test.ts checks the lookups' plans on
 * both engines.
 */
import type { Migration } from 'kysely';
import type { AnyDb } from './common.js';

const INDEXES: readonly { name: string; table: string; columns: string[] }[] = [
  // the children of a unit, in the order they were made (units-repo.ts#unitsUnder, unitsUnderEach)
  { name: 'units_parent', table: 'units', columns: ['parent_id', 'id'] },
  // a unit by its spelling (units-repo.ts#findSubjectUnits, findUnitByKey)
  { name: 'units_name_key', table: 'units', columns: ['name_key'] },
  { name: 'plans_framework', table: 'plans', columns: ['framework_id'] },
  { name: 'plan_items_criterion', table: 'plan_items', columns: ['criterion_id'] },
  { name: 'audit_log_unit_id', table: 'audit_log', columns: ['unit_id'] },
  { name: 'audit_log_username', table: 'audit_log', columns: ['username'] },
  { name: 'user_roles_unit', table: 'user_roles', columns: ['unit_id'] },
  { name: 'sessions_expires', table: 'sessions', columns: ['expires_at'] },
  { name: 'notifications_round', table: 'notifications', columns: ['round_id'] },
];

export const lookupIndexes: Migration = {
  async up(db: AnyDb) {
    for (const i of INDEXES) await db.schema.createIndex(i.name).on(i.table).columns(i.columns).execute();
  },
  async down(db: AnyDb) {
    for (const i of [...INDEXES].reverse()) await db.schema.dropIndex(i.name).execute();
  },
};
