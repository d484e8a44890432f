/**
 * Administration of accounts: create, disable, grant and revoke roles per unit, reset a password.
 * An administrator of a unit manages the accounts that hold roles within its units and grants roles
 * only there; an administrator of the whole installation manages all. Every change is audited.
 */
import type { Kysely, Updateable } from 'kysely';
import type { DB, UsersTable } from '../db/schema.js';
import type { AdminUser, NewUser, Role } from '../shared/api.js';
import { grantWithinReach, isGlobal, reachesUnit, systemActor, unitParents, type Actor } from './access.js';
import { audit, type AuditEntry, type AuditField } from './audit.js';
import { checkPasswordStrength, hashPassword, normaliseUsername, randomPassword } from './auth.js';
import { AppError } from './errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { deleteUserSessions } from '../db/sessions-repo.js';
import { clearCountsOf } from '../db/throttle-repo.js';
import { unitExists } from '../db/units-repo.js';
import {
  anyUser,
  deleteGrant,
  findGrant,
  findGrantWithPermissions,
  findRole,
  findUser,
  findUserByName,
  type UserRecord,
  firstGrantUnit,
  grantsOf,
  insertGrant,
  insertUser,
  listRoleRows,
  listUserRows,
  otherGrantPermissions,
  updateUserRow,
} from '../db/users-repo.js';
import type { Deps } from './deps.js';

export type AdminDeps = Deps;

/** A role granted or revoked, as the trail writes it: "officer@12", "admin@*" for the whole installation. */
function roleEntry(
  action: 'user.grant' | 'user.revoke',
  userId: number,
  role: string,
  unitId: number | null,
): AuditEntry {
  const value = `${role}@${unitId ?? '*'}`;
  return {
    action,
    entity: 'user',
    entityId: userId,
    unitId,
    field: 'role',
    ...(action === 'user.grant' ? { newValue: value } : { oldValue: value }),
  };
}

export async function listRoles(db: Kysely<DB>): Promise<Role[]> {
  const rows = await listRoleRows(db);
  return rows.map((r) => ({
    code: r.code,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    scope: r.scope,
    permissions: JSON.parse(r.permissions) as string[],
  }));
}

function requireAdmin(actor: Actor): void {
  if (!actor.grants.some((g) => g.permissions.has('user.admin'))) throw new AppError('FORBIDDEN');
}

export async function listUsers(db: Kysely<DB>, actor: Actor): Promise<AdminUser[]> {
  requireAdmin(actor);
  const users = await listUserRows(db);
  const grants = await grantsOf(
    db,
    users.map((u) => u.id),
  );
  const parents = await unitParents(db);
  const global = isGlobal(actor, 'user.admin');
  return users
    .map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      disabled: Boolean(u.disabled),
      mustChangePassword: Boolean(u.must_change_password),
      lastLoginAt: u.last_login_at,
      grants: grants
        .filter((g) => g.user_id === u.id)
        .map((g) => ({ id: g.id, role: g.role_code, unitId: g.unit_id, unitName: g.unitName ?? null })),
    }))
    .filter(
      (u) =>
        global ||
        (u.grants.length > 0 && u.grants.every((g) => reachesUnit(actor, 'user.admin', g.unitId, parents))),
    );
}

/** Checks the actor may manage this account (all its grants lie within the actor's reach). */
async function requireManaged(db: Kysely<DB>, actor: Actor, userId: number): Promise<UserRecord> {
  requireAdmin(actor);
  const user = await findUser(db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND', { id: userId });
  if (isGlobal(actor, 'user.admin')) return user;
  const parents = await unitParents(db);
  const grants = await grantsOf(db, [userId]);
  if (grants.length === 0 || !grants.every((g) => reachesUnit(actor, 'user.admin', g.unit_id, parents))) {
    throw new AppError('FORBIDDEN');
  }
  return user;
}

async function requireGrantable(
  db: Kysely<DB>,
  actor: Actor,
  role: string,
  unitId: number | null,
): Promise<void> {
  const known = await findRole(db, role);
  if (!known) throw new AppError('ROLE_NOT_FOUND', { role });
  if (unitId !== null) {
    if (!(await unitExists(db, unitId))) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  }
  // only within the grantor's units, and never reaching further than the grantor does (a lead
  // grant in its own unit would reach the parent's plans)
  const parents = await unitParents(db);
  if (
    !reachesUnit(actor, 'user.admin', unitId, parents) ||
    !grantWithinReach(actor, { scope: known.scope, unitId }, parents)
  )
    throw new AppError('FORBIDDEN');
}

export async function createUser(
  deps: AdminDeps,
  actor: Actor,
  input: NewUser,
): Promise<{ user: AdminUser; password: string | null }> {
  requireAdmin(actor);
  const username = normaliseUsername(input.username);
  const generated = input.password ? null : randomPassword();
  const password = input.password ?? generated!;
  checkPasswordStrength(password, username);
  for (const g of input.grants) await requireGrantable(deps.db, actor, g.role, g.unitId);
  // a unit's administrator may only create accounts it will be able to manage
  if (!isGlobal(actor, 'user.admin') && input.grants.length === 0) throw new AppError('FORBIDDEN');
  const taken = await findUserByName(deps.db, username);
  if (taken) throw new AppError('USERNAME_TAKEN', { username });
  const now = deps.clock().toISOString();
  const passwordHash = await hashPassword(password, deps.passwordCost);
  const create = deps.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username,
      display_name: input.displayName.trim(),
      email: input.email ?? null,
      password_hash: passwordHash,
      disabled: 0,
      // whoever chose the password is not its owner: the owner sets their own at first sign-in
      must_change_password: 1,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    });
    for (const g of input.grants) {
      await insertGrant(trx, { user_id: id, role_code: g.role, unit_id: g.unitId, created_at: now });
    }
    await audit(trx, actor, now, [
      // the account belongs, for scoped readers of the trail, to the unit of its first role
      {
        action: 'user.create',
        entity: 'user',
        entityId: id,
        unitId: input.grants[0]?.unitId ?? null,
        newValue: username,
      },
      ...input.grants.map((g) => roleEntry('user.grant', id, g.role, g.unitId)),
    ]);
    return id;
  });
  let id: number;
  try {
    id = await create;
  } catch (error) {
    // two administrators creating the same name at once: the second is told, not given a 500
    if (isUniqueViolation(error)) throw new AppError('USERNAME_TAKEN', { username });
    throw error;
  }
  const user = (await listUsers(deps.db, actor)).find((u) => u.id === id)!;
  return { user, password: generated };
}

/** The unit an account belongs to in the trail (its first role's), for scoped readers. */
function homeUnit(db: Kysely<DB>, userId: number): Promise<number | null> {
  return firstGrantUnit(db, userId);
}

export async function updateUser(
  deps: AdminDeps,
  actor: Actor,
  userId: number,
  patch: { displayName?: string; email?: string | null; disabled?: boolean },
): Promise<void> {
  const before = await requireManaged(deps.db, actor, userId);
  if (patch.disabled === true && userId === actor.userId) {
    throw new AppError('SELF_LOCKOUT', { what: 'account' });
  }
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const set: Updateable<UsersTable> = { updated_at: now };
    const entries: {
      field: AuditField;
      oldValue: string | number | null;
      newValue: string | number | null;
    }[] = [];
    if (patch.displayName !== undefined && patch.displayName.trim() !== before.display_name) {
      set.display_name = patch.displayName.trim();
      entries.push({ field: 'display_name', oldValue: before.display_name, newValue: set.display_name });
    }
    if (patch.email !== undefined && patch.email !== before.email) {
      set.email = patch.email;
      entries.push({ field: 'email', oldValue: before.email, newValue: patch.email });
    }
    if (patch.disabled !== undefined && Number(patch.disabled) !== before.disabled) {
      set.disabled = Number(patch.disabled);
      entries.push({ field: 'disabled', oldValue: before.disabled, newValue: set.disabled });
      if (patch.disabled) await deleteUserSessions(trx, userId);
    }
    await updateUserRow(trx, userId, set);
    const home = await homeUnit(trx, userId);
    await audit(
      trx,
      actor,
      now,
      entries.map((e) => ({
        action: 'user.update' as const,
        entity: 'user' as const,
        entityId: userId,
        unitId: home,
        ...e,
      })),
    );
  });
}

export async function grantRole(
  deps: AdminDeps,
  actor: Actor,
  userId: number,
  grant: { role: string; unitId: number | null },
): Promise<void> {
  await requireManaged(deps.db, actor, userId);
  await requireGrantable(deps.db, actor, grant.role, grant.unitId);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (await findGrant(trx, userId, grant.role, grant.unitId)) return;
    await insertGrant(trx, {
      user_id: userId,
      role_code: grant.role,
      unit_id: grant.unitId,
      created_at: now,
    });
    await audit(trx, actor, now, [roleEntry('user.grant', userId, grant.role, grant.unitId)]);
  });
}

const isAdministering = (permissions: string) => (JSON.parse(permissions) as string[]).includes('user.admin');

export async function revokeRole(
  deps: AdminDeps,
  actor: Actor,
  userId: number,
  grantId: number,
): Promise<void> {
  await requireManaged(deps.db, actor, userId);
  const grant = await findGrantWithPermissions(deps.db, userId, grantId);
  if (!grant) throw new AppError('ROLE_NOT_FOUND', { role: `#${grantId}` });
  if (!reachesUnit(actor, 'user.admin', grant.unit_id, await unitParents(deps.db)))
    throw new AppError('FORBIDDEN');
  // one's own administrator role may go only while another one is left: nobody locks themselves out
  if (userId === actor.userId && isAdministering(grant.permissions)) {
    const others = await otherGrantPermissions(deps.db, userId, grantId);
    if (!others.some(isAdministering)) {
      throw new AppError('SELF_LOCKOUT', { what: 'role' });
    }
  }
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await deleteGrant(trx, grantId);
    await audit(trx, actor, now, [roleEntry('user.revoke', userId, grant.role_code, grant.unit_id)]);
  });
}

/** An account's id by its name as typed (trimmed, any case); null when there is none. */
export async function userIdByName(db: Kysely<DB>, username: string): Promise<number | null> {
  return (await findUserByName(db, normaliseUsername(username)))?.id ?? null;
}

/** A new random password, shown once; the owner must change it at the next sign-in. */
export async function resetPassword(deps: AdminDeps, actor: Actor, userId: number): Promise<string> {
  const { username } = await requireManaged(deps.db, actor, userId);
  const password = randomPassword();
  const passwordHash = await hashPassword(password, deps.passwordCost);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, userId, {
      password_hash: passwordHash,
      must_change_password: 1,
      updated_at: now,
    });
    await deleteUserSessions(trx, userId);
    await clearCountsOf(trx, username);
    await audit(trx, actor, now, [
      {
        action: 'user.password_reset',
        entity: 'user',
        entityId: userId,
        unitId: await homeUnit(trx, userId),
        field: 'password',
      },
    ]);
  });
  return password;
}

/**
 * The first administrator of a new installation: created only when there is no account at all,
 * like any account (a random password shown once, to be changed at the first sign-in), with the
 * administrator role over the whole installation. There is no default password.
 */
export async function createInitialAdmin(
  deps: AdminDeps,
): Promise<{ username: string; password: string } | null> {
  if (await anyUser(deps.db)) return null;
  const { user, password } = await createUser(deps, systemActor('system'), {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    grants: [{ role: 'admin', unitId: null }],
  });
  return { username: user.username, password: password! };
}
