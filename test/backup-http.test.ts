/**
 * The backup page's API on both engines: an administrator of the whole installation downloads a
 * copy that restores (chain intact) and is recorded with who and from where; an administrator of a
 * unit, a request without the CSRF token, and a PostgreSQL server that does not know its address
 * are refused; the anchor shown is the one `parindex audit anchor` prints.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { BackupInfo } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(ENGINES)('the backup page on %s', (kind) => {
  let source: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let admin: SignedIn;
  let unitAdmin: SignedIn;
  let dir: string;
  const targets: TestDatabase[] = [];
  const clock = () => new Date('2026-01-31T10:00:00.000Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parindex-backup-http-'));
    source = await createTestDatabase(kind);
    database = await source.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    const province = await unitId(database.db, 'Tỉnh Đắk Nông');
    await addUser({ db: database.db, clock }, 'quantri.tinh', [{ role: 'admin', unitId: province }]);
    app = await buildApp({ db: database.db, clock, databaseAddress: source.address });
    admin = await signIn(app, 'quantri', TEST_PASSWORD, { remoteAddress: '203.0.113.7' });
    unitAdmin = await signIn(app, 'quantri.tinh', TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await source?.drop();
    for (const t of targets) await t.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the audit head that `parindex audit anchor` prints', async () => {
    const res = await app.inject(withSession({ method: 'GET', url: '/api/admin/backup' }, admin));
    expect(res.statusCode).toBe(200);
    const info = BackupInfo.parse(res.json());
    const anchored = await cli(['audit', 'anchor', '--db', source.address]);
    expect(anchored.code).toBe(0);
    expect(info.head.anchor).toBe(anchored.out.split('\n')[0]);
    expect(info).toMatchObject({ engine: kind, download: true });
  });

  it('sends a copy that restores with its chain intact, and records who took it', async () => {
    const res = await app.inject(
      withSession(
        { method: 'POST', url: '/api/admin/backup', payload: {}, remoteAddress: '203.0.113.7' },
        admin,
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    const name = kind === 'sqlite' ? 'parindex-20260131-100000.sqlite' : 'parindex-20260131-100000.dump';
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const file = join(dir, name);
    writeFileSync(file, res.rawPayload);

    const recorded = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({
      action: 'backup.create',
      entity: 'database',
      username: 'quantri',
      ip: '203.0.113.7',
      new_value: name,
      at: '2026-01-31T10:00:00.000Z',
    });

    let target: string;
    if (kind === 'sqlite') target = join(dir, 'restored', 'parindex.sqlite');
    else {
      const t = await createTestDatabase('postgres', { empty: true });
      targets.push(t);
      target = t.address;
    }
    const restored = await cli(['restore', file, '--db', target]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect((await cli(['audit', 'verify', '--db', target])).code).toBe(0);
  });

  it('refuses an administrator of a unit, and a request without the CSRF token', async () => {
    const before = await database.db.selectFrom('audit_log').select('id').execute();
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject(
        withSession(
          { method, url: '/api/admin/backup', payload: method === 'POST' ? {} : undefined },
          unitAdmin,
        ),
      );
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/admin/backup',
      payload: {},
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    expect(await database.db.selectFrom('audit_log').select('id').execute()).toEqual(before);
  });

  // SQLite copies through its own connection; PostgreSQL needs its address for pg_dump
  it(
    kind === 'postgres'
      ? 'says to use pg_dump when the server does not know its address'
      : 'sends a copy of SQLite also when the server was not told its address',
    async () => {
      if (kind === 'sqlite') {
        const blind = await buildApp({ db: database.db, clock });
        try {
          const session = await signIn(blind, 'quantri', TEST_PASSWORD);
          const info = BackupInfo.parse(
            (await blind.inject(withSession({ method: 'GET', url: '/api/admin/backup' }, session))).json(),
          );
          expect(info.download).toBe(true);
          const res = await blind.inject(
            withSession({ method: 'POST', url: '/api/admin/backup', payload: {} }, session),
          );
          expect(res.statusCode).toBe(200);
          expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('SQLit');
        } finally {
          await blind.close();
        }
        return;
      }
      const blind = await buildApp({ db: database.db, clock });
      try {
        const session = await signIn(blind, 'quantri', TEST_PASSWORD);
        const info = BackupInfo.parse(
          (await blind.inject(withSession({ method: 'GET', url: '/api/admin/backup' }, session))).json(),
        );
        expect(info.download).toBe(false);
        const res = await blind.inject(
          withSession(
            { method: 'POST', url: '/api/admin/backup', payload: {}, headers: { 'accept-language': 'en' } },
            session,
          ),
        );
        expect(res.statusCode).toBe(409);
        expect(res.json()).toEqual({
          error: {
            code: 'BACKUP_USE_PG_DUMP',
            message:
              'The database is PostgreSQL: back it up on the server with `parindex backup FILE` (runs pg_dump) or pg_dump',
          },
        });
      } finally {
        await blind.close();
      }
    },
  );
});
