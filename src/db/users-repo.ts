/** Queries on accounts, the roles they hold per unit, and the roles there are. No rules here. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, RolesTable, UsersTable } from './schema.js';

export type UserRecord = Selectable<UsersTable>;
export type RoleRecord = Selectable<RolesTable>;

export async function listRoleRows(db: Kysely<DB>): Promise<RoleRecord[]> {
  return db.selectFrom('roles').selectAll().orderBy('position').execute();
}

export async function findRole(
  db: Kysely<DB>,
  code: string,
): Promise<Pick<RoleRecord, 'code' | 'scope'> | undefined> {
  return db.selectFrom('roles').select(['code', 'scope']).where('code', '=', code).executeTakeFirst();
}

export async function listUserRows(db: Kysely<DB>): Promise<UserRecord[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function findUser(db: Kysely<DB>, id: number): Promise<UserRecord | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: Kysely<DB>, username: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Whether any account exists at all. */
export async function anyUser(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertUser(db: Kysely<DB>, user: Insertable<UsersTable>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserRow(
  db: Kysely<DB>,
  id: number,
  values: Omit<Updateable<UsersTable>, 'id'>,
): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

/** The grants of these accounts with their unit's name, in the order they were given. */
export async function grantsOf(db: Kysely<DB>, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_roles')
    .leftJoin('units', 'units.id', 'user_roles.unit_id')
    .select([
      'user_roles.id',
      'user_roles.user_id',
      'user_roles.role_code',
      'user_roles.unit_id',
      'units.name as unitName',
    ])
    .where('user_roles.user_id', 'in', [...userIds])
    .orderBy('user_roles.id')
    .execute();
}

/** The unit of an account's first grant (null: none, or the whole installation). */
export async function firstGrantUnit(db: Kysely<DB>, userId: number): Promise<number | null> {
  const first = await db
    .selectFrom('user_roles')
    .select('unit_id')
    .where('user_id', '=', userId)
    .orderBy('id')
    .executeTakeFirst();
  return first?.unit_id ?? null;
}

/** The grant of this role in this unit (null: the whole installation), if the account holds it. */
export async function findGrant(
  db: Kysely<DB>,
  userId: number,
  role: string,
  unitId: number | null,
): Promise<{ id: number } | undefined> {
  let q = db
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role_code', '=', role);
  q = unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', unitId);
  return q.executeTakeFirst();
}

/** One grant of an account with its role's permissions (JSON). */
export async function findGrantWithPermissions(db: Kysely<DB>, userId: number, grantId: number) {
  return db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.code', 'user_roles.role_code')
    .select(['user_roles.id', 'user_roles.role_code', 'user_roles.unit_id', 'roles.permissions'])
    .where('user_roles.id', '=', grantId)
    .where('user_roles.user_id', '=', userId)
    .executeTakeFirst();
}

/** The permissions (JSON) of an account's grants other than this one. */
export async function otherGrantPermissions(
  db: Kysely<DB>,
  userId: number,
  grantId: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.code', 'user_roles.role_code')
    .select('roles.permissions')
    .where('user_roles.user_id', '=', userId)
    .where('user_roles.id', '!=', grantId)
    .execute();
  return rows.map((r) => r.permissions);
}

export async function insertGrant(
  db: Kysely<DB>,
  grant: { user_id: number; role_code: string; unit_id: number | null; created_at: string },
): Promise<void> {
  await db.insertInto('user_roles').values(grant).execute();
}

export async function deleteGrant(db: Kysely<DB>, grantId: number): Promise<void> {
  await db.deleteFrom('user_roles').where('id', '=', grantId).execute();
}

/** User names by account id. */
export async function usernamesOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}
