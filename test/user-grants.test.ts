/**
 * Migration 0036 on both engines: an account's grants kept on its row (users.grants) by triggers,
 * read with the session on every request. A change of a grant or of a role is seen by the next
 * request (on the same connection of the pool: nothing kept in the process), two transactions
 * granting the same account at once both stay (PostgreSQL), and the grants stored before the
 * migration are filled in by it.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { insertSession } from '../src/db/sessions-repo.js';
import { insertUnit } from '../src/db/units-repo.js';
import { deleteGrant, insertGrant } from '../src/db/users-repo.js';
import { readSession } from '../src/modules/auth.js';
import { sha256 } from '../src/modules/hash.js';
import { createAccount } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const T0 = '2026-12-01T00:00:00.000Z';
const clock = () => new Date('2026-12-01T08:00:00.000Z');

describe.each(ENGINES)('grants kept on the account (0036) on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let unitA: number;
  let unitB: number;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    db = database.db;
    const unit = (name: string) =>
      insertUnit(db, { name, name_key: name, kind: 'xa', parent_id: null, created_at: T0 });
    unitA = await unit('Xã A');
    unitB = await unit('Xã B');
  });
  afterAll(async () => {
    await database.close();
    await test.drop();
  });

  /** A session of the account, its token (what a cookie carries). */
  const sessionOf = async (userId: number, token: string) => {
    await insertSession(db, {
      id: sha256(token),
      user_id: userId,
      csrf_token: `csrf-${token}`,
      created_at: T0,
      last_seen_at: T0,
      expires_at: '2026-12-02T00:00:00.000Z',
      ip: '10.0.0.1',
      user_agent: 'test',
    });
    return token;
  };
  const grantsRead = async (token: string) => {
    const { session } = await readSession({ db, clock }, token, '10.0.0.1', null);
    return session!.actor.grants.map((g) => ({
      role: g.role,
      unitId: g.unitId,
      scope: g.scope,
      permissions: [...g.permissions].sort(),
    }));
  };
  const permissionsOf = async (role: string) =>
    (
      JSON.parse(
        (
          await db
            .selectFrom('roles')
            .select('permissions')
            .where('code', '=', role)
            .executeTakeFirstOrThrow()
        ).permissions,
      ) as string[]
    ).sort();

  it("sees a grant given, moved, taken and a role's permissions changed at the next request", async () => {
    const userId = await createAccount(db, 'lan', [{ role: 'viewer', unitId: unitA }]);
    const token = await sessionOf(userId, 'token-of-lan-0123456789abcdef');
    const viewer = await permissionsOf('viewer');
    const officer = await permissionsOf('officer');
    expect(await grantsRead(token)).toEqual([
      { role: 'viewer', unitId: unitA, scope: 'subtree', permissions: viewer },
    ]);

    await insertGrant(db, { user_id: userId, role_code: 'officer', unit_id: unitB, created_at: T0 });
    expect(await grantsRead(token)).toEqual([
      { role: 'viewer', unitId: unitA, scope: 'subtree', permissions: viewer },
      { role: 'officer', unitId: unitB, scope: 'unit', permissions: officer },
    ]);

    const grants = await db
      .selectFrom('user_roles')
      .select(['id', 'role_code'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    await db.updateTable('user_roles').set({ unit_id: unitB }).where('id', '=', grants[0]!.id).execute();
    expect((await grantsRead(token)).map((g) => g.unitId)).toEqual([unitB, unitB]);

    // a role's permissions changed (as a migration would): every holder's next request has them
    await db
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...viewer, 'task.follow']) })
      .where('code', '=', 'viewer')
      .execute();
    try {
      expect((await grantsRead(token))[0]!.permissions).toEqual([...viewer, 'task.follow'].sort());
    } finally {
      await db
        .updateTable('roles')
        .set({ permissions: JSON.stringify(viewer) })
        .where('code', '=', 'viewer')
        .execute();
    }
    expect((await grantsRead(token))[0]!.permissions).toEqual(viewer);

    await deleteGrant(db, grants[0]!.id);
    expect((await grantsRead(token)).map((g) => g.role)).toEqual(['officer']);
    await deleteGrant(db, grants[1]!.id);
    expect(await grantsRead(token)).toEqual([]);
  });

  it.runIf(kind === 'postgres')(
    'keeps both grants of two transactions granting the same account at once',
    async () => {
      const userId = await createAccount(db, 'hoa', []);
      const token = await sessionOf(userId, 'token-of-hoa-0123456789abcdef');
      // the first transaction grants and holds its commit until the second has granted too
      let release!: () => void;
      const held = new Promise<void>((ok) => (release = ok));
      const first = db.transaction().execute(async (trx) => {
        await insertGrant(trx, { user_id: userId, role_code: 'viewer', unit_id: unitA, created_at: T0 });
        await held;
      });
      // the second's trigger waits on the first's lock of the account's row
      const second = db.transaction().execute(async (trx) => {
        await insertGrant(trx, { user_id: userId, role_code: 'officer', unit_id: unitB, created_at: T0 });
      });
      await new Promise((ok) => setTimeout(ok, 200));
      release();
      await Promise.all([first, second]);
      expect((await grantsRead(token)).map((g) => [g.role, g.unitId])).toEqual([
        ['viewer', unitA],
        ['officer', unitB],
      ]);
    },
  );

  it('fills in the grants stored before the migration', async () => {
    const userId = await createAccount(db, 'mai', [{ role: 'officer', unitId: unitA }]);
    const migrator = migratorFor(db, kind);
    expect((await migrator.migrateTo('0035_ranking_ranks_json')).error).toBeUndefined();
    await sql`insert into user_roles (user_id, role_code, unit_id, created_at)
      values (${userId}, 'viewer', ${unitB}, ${T0})`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const token = await sessionOf(userId, 'token-of-mai-0123456789abcdef');
    expect((await grantsRead(token)).map((g) => [g.role, g.unitId])).toEqual([
      ['officer', unitA],
      ['viewer', unitB],
    ]);
  });
});
