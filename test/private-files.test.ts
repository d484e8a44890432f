/**
 * What the server writes to disk is for its own account: a new data folder is 0700, a new SQLite
 * file 0600 (and its -wal and -shm follow it); the first administrator's password file is 0600 and
 * is deleted once that account has chosen its own password — on both engines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnameseSortKey } from '../src/core/collate.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { forgetInitialAdminFile, writeInitialAdminFile } from '../src/modules/initial-admin-file.js';
import { createInitialAdmin } from '../src/modules/users-admin.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { signIn, withSession } from './helpers/http.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('a new SQLite database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parindex-private-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in a 0700 folder, in a 0600 file with 0600 companions', async () => {
    const file = join(dir, 'data', 'parindex.sqlite');
    const database = await openDatabase(file);
    try {
      await database.db
        .insertInto('units')
        .values({
          name: 'Tỉnh A',
          sort_key: vietnameseSortKey('Tỉnh A'),
          name_key: 'tinh a',
          kind: 'province',
          parent_id: null,
          successor_id: null,
          lineage: null,
          valid_from: null,
          valid_to: null,
          created_at: '2024-01-01T00:00:00.000Z',
        })
        .execute();
      expect(mode(join(dir, 'data'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await database.close();
    }
  });
});

describe.each(ENGINES)('the first administrator’s password file on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let dir: string;
  const clock = () => new Date();

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    dir = mkdtempSync(join(tmpdir(), 'parindex-admin-file-'));
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is 0600, stays until the password is changed, then is deleted', async () => {
    const admin = await createInitialAdmin({ db: database.db, clock });
    expect(admin).not.toBeNull();
    const file = writeInitialAdminFile(join(dir, 'data'), admin!);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(admin!.password);
    // a server restarting before the change keeps it
    expect(await forgetInitialAdminFile(database.db, file)).toBe(false);

    const app = await buildApp({ db: database.db, clock, initialAdminFile: file });
    try {
      const session = await signIn(app, admin!.username, admin!.password);
      const next = 'Quan-tri-moi-2026!x';
      // a wrong current password changes nothing
      const wrong = await app.inject(
        withSession(
          { method: 'POST', url: '/api/auth/password', payload: { current: 'sai-mat-khau-roi', next } },
          session,
        ),
      );
      // 422, not 401: the person is signed in (modules/auth.ts#changePassword)
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ error: { code: 'WRONG_CURRENT_PASSWORD' } });
      expect(existsSync(file)).toBe(true);
      const changed = await app.inject(
        withSession(
          { method: 'POST', url: '/api/auth/password', payload: { current: admin!.password, next } },
          session,
        ),
      );
      expect(changed.statusCode, changed.body).toBe(200);
      expect(existsSync(file)).toBe(false);
    } finally {
      await app.close();
    }

    // a file left by a server that stopped before the change is deleted at the next start
    const again = writeInitialAdminFile(join(dir, 'data'), admin!);
    expect(await forgetInitialAdminFile(database.db, again)).toBe(true);
    expect(existsSync(again)).toBe(false);
  });
});
