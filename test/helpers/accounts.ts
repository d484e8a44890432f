/**
 * Accounts for the route tests, made the way an administrator of the whole installation makes them
 * (users-admin.ts createUser, as the command line's system actor), then marked as having chosen
 * their own password so that they can work at once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { systemActor } from '../../src/modules/access.js';
import type { PasswordCost } from '../../src/modules/deps.js';
import { createUser } from '../../src/modules/users-admin.js';

/** Long enough for the password rule (10 characters). */
export const TEST_PASSWORD = 'mat-khau-thu-2024';

export interface TestGrant {
  role: 'admin' | 'officer' | 'lead_unit' | 'appraiser' | 'viewer' | 'assessor' | 'council';
  /** null: the whole installation */
  unitId: number | null;
}

/**
 * The argon2id cost of the test accounts' passwords (Deps.passwordCost): the smallest the library
 * takes. The server's default costs ≈ 35 ms of CPU per hash and as much per sign-in; the tests make
 * and sign in hundreds of accounts and test the rules, not the cost.
 */
export const TEST_PASSWORD_COST: PasswordCost = { memoryCost: 256, timeCost: 1 };

export async function addUser(
  deps: { db: Kysely<DB>; clock: () => Date },
  username: string,
  grants: readonly TestGrant[],
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<number> {
  const { user } = await createUser({ ...deps, passwordCost: TEST_PASSWORD_COST }, systemActor('test'), {
    username,
    displayName: username,
    password: options.password ?? TEST_PASSWORD,
    grants: [...grants],
  });
  if (!options.mustChangePassword) {
    await deps.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  }
  return user.id;
}

/** An account ready to work (see addUser), on the system clock. */
export function createAccount(
  db: Kysely<DB>,
  username: string,
  grants: readonly TestGrant[],
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<number> {
  return addUser({ db, clock: () => new Date() }, username, grants, options);
}

/** The id of the unit of that name. */
export async function unitId(db: Kysely<DB>, name: string): Promise<number> {
  const unit = await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return unit.id;
}

/** The id of the (one) plan of the unit of that name, as the samples hold it. */
export async function planIdOf(db: Kysely<DB>, unitName: string): Promise<number> {
  const subject = await unitId(db, unitName);
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('subject_unit_id', '=', subject)
    .executeTakeFirstOrThrow();
  return plan.id;
}
