/**
 * 0010: plans and units can be archived (kept with their audit trail, hidden from lists by default;
 * an archived plan is read-only), and administrators may delete a plan (`plan.delete`, granted to the
 * admin role as data).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { AnyDb } from './common.js';

type Roles = Kysely<{ roles: { code: string; permissions: string } }>;

async function setDeletePermission(db: AnyDb, granted: boolean): Promise<void> {
  const roles = db as unknown as Roles;
  const admin = await roles.selectFrom('roles').selectAll().where('code', '=', 'admin').executeTakeFirst();
  if (!admin) return;
  const permissions = (JSON.parse(admin.permissions) as string[]).filter((p) => p !== 'plan.delete');
  if (granted) permissions.push('plan.delete');
  await roles
    .updateTable('roles')
    .set({ permissions: JSON.stringify(permissions) })
    .where('code', '=', 'admin')
    .execute();
}

export const archived: Migration = {
  async up(db: AnyDb) {
    // 0/1 on both engines, as users.disabled
    await db.schema
      .alterTable('plans')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('units')
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await setDeletePermission(db, true);
  },
  async down(db: AnyDb) {
    await setDeletePermission(db, false);
    await sql`alter table plans drop column archived`.execute(db);
    await sql`alter table units drop column archived`.execute(db);
  },
};
