/**
 * The repositories whose queries carry more than a plain read or write, on both engines: the
 * sign-in count's upsert and its conditional clear, a session read with its grants in one query,
 * ending an account's other sessions, and the audit trail's filter (bounds, scoped units, paging).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditEntries, insertAuditEntries } from '../src/db/audit-repo.js';
import type { Database } from '../src/db/database.js';
import type { DB, StoredGrant } from '../src/db/schema.js';
import {
  deleteExpiredSessions,
  deleteUserSessions,
  insertSession,
  sessionWithGrants,
} from '../src/db/sessions-repo.js';
import {
  clearCountAt,
  clearCountsOf,
  countAttempt,
  deleteCountsBefore,
  setGuesses,
} from '../src/db/throttle-repo.js';
import { insertUnit } from '../src/db/units-repo.js';
import { insertGrant, insertUser } from '../src/db/users-repo.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-01T08:00:05.000Z';

describe.each(ENGINES)('account and audit repositories on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let userId: number;
  let unitId: number;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    userId = await insertUser(db, {
      username: 'lan',
      display_name: 'Nguyễn Thị Lan',
      password_hash: 'x',
      disabled: 0,
      must_change_password: 0,
      last_login_at: null,
      created_at: T0,
      updated_at: T0,
    });
    unitId = await insertUnit(db, {
      name: 'Sở Nội vụ',
      name_key: 'so noi vu',
      kind: 'department',
      parent_id: null,
      created_at: T0,
    });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('counts attempts per name and address: a new row starts at one, then each adds one', async () => {
    expect(await countAttempt(db, 'lan', '10.0.0.1', T0)).toEqual({
      failures: 1,
      guesses: 0,
      locked_until: null,
    });
    await setGuesses(db, 'lan', '10.0.0.1', 1, '2025-03-01T08:00:30.000Z');
    // the guesses and the lock are kept; only the attempts go up
    expect(await countAttempt(db, 'lan', '10.0.0.1', T1)).toEqual({
      failures: 2,
      guesses: 1,
      locked_until: '2025-03-01T08:00:30.000Z',
    });
    // another address, another name: counted apart
    expect((await countAttempt(db, 'lan', '10.0.0.2', T1)).failures).toBe(1);
    expect((await countAttempt(db, 'minh', '10.0.0.1', T1)).failures).toBe(1);
    const row = await db
      .selectFrom('login_throttle')
      .selectAll()
      .where('username', '=', 'lan')
      .where('ip', '=', '10.0.0.1')
      .executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(T1);
  });

  it('clears a count only while it still has the attempts the sign-in saw', async () => {
    await clearCountAt(db, 'lan', '10.0.0.1', 1);
    expect((await countAttempt(db, 'lan', '10.0.0.1', T1)).failures).toBe(3);
    await clearCountAt(db, 'lan', '10.0.0.1', 3);
    expect((await countAttempt(db, 'lan', '10.0.0.1', T1)).failures).toBe(1);
  });

  it('drops counts not added to since a time, and every count of a name', async () => {
    await countAttempt(db, 'old', '10.0.0.9', T0);
    await deleteCountsBefore(db, T1);
    const left = await db
      .selectFrom('login_throttle')
      .select(['username', 'ip'])
      .orderBy('username')
      .execute();
    expect(left.map((r) => r.username)).not.toContain('old');
    expect(left.length).toBe(3);
    await clearCountsOf(db, 'lan');
    const after = await db.selectFrom('login_throttle').select('username').execute();
    expect(after.map((r) => r.username)).toEqual(['minh']);
  });

  it("reads a session with its user and the user's grants (kept on the user's row) in one row", async () => {
    const session = (id: string, expires: string) => ({
      id,
      user_id: userId,
      csrf_token: `csrf-${id}`,
      created_at: T0,
      last_seen_at: T0,
      expires_at: expires,
      ip: '10.0.0.1',
      user_agent: 'test',
    });
    await insertSession(db, session('a', '2025-03-02T00:00:00.000Z'));
    await insertSession(db, session('b', '2025-03-02T00:00:00.000Z'));
    await insertSession(db, session('old', '2025-02-01T00:00:00.000Z'));
    const bare = await sessionWithGrants(db, 'a');
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({ userId, username: 'lan', csrf_token: 'csrf-a', grants: '[]' });

    await insertGrant(db, { user_id: userId, role_code: 'officer', unit_id: unitId, created_at: T0 });
    await insertGrant(db, { user_id: userId, role_code: 'admin', unit_id: null, created_at: T0 });
    const granted = await sessionWithGrants(db, 'a');
    expect(granted).toHaveLength(1);
    const grants = JSON.parse(granted[0]!.grants) as StoredGrant[];
    expect(grants.map((g) => [g.role, g.unitId, g.scope])).toEqual([
      ['officer', unitId, 'unit'],
      ['admin', null, 'subtree'],
    ]);
    expect(grants[0]!.id).toBeLessThan(grants[1]!.id);
    expect(grants[1]!.permissions).toContain('user.admin');
    expect(await sessionWithGrants(db, 'nope')).toEqual([]);

    await deleteExpiredSessions(db, T1);
    await deleteUserSessions(db, userId, 'a');
    const ids = await db.selectFrom('sessions').select('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['a']);
    await deleteUserSessions(db, userId);
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('filters the trail by its bounds and units, newest first, and counts all that match', async () => {
    const entry = (id: number, at: string, unit: number | null, username = 'lan') => ({
      id,
      at,
      user_id: null,
      username,
      ip: '10.0.0.1',
      action: 'unit.update',
      entity: 'unit',
      entity_id: null,
      plan_id: null,
      item_id: null,
      code: null,
      unit_id: unit,
      field: null,
      old_value: null,
      new_value: null,
      prev_hash: '0'.repeat(64),
      hash: String(id).repeat(64).slice(0, 64),
    });
    await insertAuditEntries(db, [
      entry(1, '2025-03-01T00:00:00.000Z', unitId),
      entry(2, '2025-03-02T00:00:00.000Z', unitId),
      entry(3, '2025-03-03T00:00:00.000Z', null, 'minh'),
      entry(4, '2025-03-04T00:00:00.000Z', unitId),
    ]);
    const page = { limit: 100, offset: 0 };
    const ids = async (f: Parameters<typeof findAuditEntries>[1]) => {
      const { rows, total } = await findAuditEntries(db, f);
      return { ids: rows.map((r) => r.id), total };
    };
    expect(await ids(page)).toEqual({ ids: [4, 3, 2, 1], total: 4 });
    // from inclusive, to exclusive
    expect(
      await ids({ ...page, fromAt: '2025-03-02T00:00:00.000Z', toAt: '2025-03-04T00:00:00.000Z' }),
    ).toEqual({ ids: [3, 2], total: 2 });
    expect(await ids({ ...page, units: [unitId] })).toEqual({ ids: [4, 2, 1], total: 3 });
    // a reader of no unit sees nothing, not everything
    expect(await ids({ ...page, units: [] })).toEqual({ ids: [], total: 0 });
    expect(await ids({ ...page, username: 'minh' })).toEqual({ ids: [3], total: 1 });
    expect(await ids({ limit: 2, offset: 1 })).toEqual({ ids: [3, 2], total: 4 });
  });
});
