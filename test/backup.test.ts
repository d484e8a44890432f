/**
 * `parindex backup` while a live server takes a load of edits, then `parindex restore` into a new
 * database, on both engines: every edit acknowledged before the backup began is in the restored
 * database, what the restored trail says matches what the restored data holds (one snapshot), the
 * chain verifies and the file is sound. A backup of a quiet database restores every row of every
 * table but the sessions, and every audit entry, equal. And what restore and backup refuse: on
 * PostgreSQL, client programs without the `\restrict` fix (CVE-2025-8714) too.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { hasRestrictFix, pgToolConnection, runPgTool, sqliteIntegrity } from '../src/db/backup.js';
import { migrationsFor, migratorFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/http/app.js';
import { verifyAudit } from '../src/modules/audit-verify.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { PlanView } from '../src/shared/api.js';
import { addUser, TEST_PASSWORD } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROW_ORDER } from './helpers/db-state.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn, type SignedIn } from './helpers/http.js';

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { USER: 'operator' },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every table a restore carries, by the columns that order its rows (sessions are not carried). */
const CARRIED = Object.entries(ROW_ORDER).filter(
  ([table]) => !['sessions', 'audit_log', 'audit_head'].includes(table),
);

async function rowsOf(db: Kysely<DB>, table: string, order: string): Promise<unknown[]> {
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db);
  return rows;
}

describe('the PostgreSQL client programs a restore runs', () => {
  it.each([
    ['psql (PostgreSQL) 17.6 (Debian 17.6-1)', true],
    ['psql (PostgreSQL) 17.5', false],
    ['pg_restore (PostgreSQL) 16.10', true],
    ['pg_restore (PostgreSQL) 16.9', false],
    ['psql (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)', true],
    ['psql (PostgreSQL) 15.13 (Ubuntu 15.13-1.pgdg22.04+1)', false],
    ['psql (PostgreSQL) 14.19', true],
    ['psql (PostgreSQL) 14.18', false],
    ['psql (PostgreSQL) 13.22', true],
    ['psql (PostgreSQL) 13.21', false],
    ['psql (PostgreSQL) 18.1', true],
    ['psql (PostgreSQL) 19devel', true],
    ['psql (PostgreSQL) 12.22', false],
    ['psql (PostgreSQL) 9.6.24', false],
    ['psql: command output that names no version', false],
  ] as const)('%s: fixed %s', (line, fixed) => {
    expect(hasRestrictFix(line)).toBe(fixed);
  });
});

describe("the client programs' connection: the password never on the command line", () => {
  it.each([
    ['postgres://parindex:m%E1%BA%ADt%2Fkh%E1%BA%A9u@db.tinh.gov.vn:5432/parindex', 'mật/khẩu'],
    ['postgres:///parindex?host=/var/run/postgresql&user=parindex&password=b%C3%AD%20m%E1%BA%ADt', 'bí mật'],
    ['postgres:///parindex?host=/var/run/postgresql&user=parindex', null],
  ] as const)('%s', (url, password) => {
    const connection = pgToolConnection(url);
    expect(connection.password).toBe(password);
    expect(connection.dbname).not.toMatch(/password|m%E1%BA%ADt|b%C3%AD/i);
    // what else the address says is kept: the server, the socket's folder, the user, the database
    const kept = new URL(connection.dbname);
    expect(kept.pathname).toBe('/parindex');
    expect(kept.searchParams.get('host') ?? kept.hostname).toMatch(
      /\/var\/run\/postgresql|db\.tinh\.gov\.vn/,
    );
  });
});

describe.each(ENGINES)('backup and restore on %s', (kind) => {
  let source: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let admin: SignedIn;
  let planId: number;
  let dir: string;
  const targets: TestDatabase[] = [];
  const clock = () => new Date();

  /** A new empty database to restore into: a file path that does not exist yet, or an empty PostgreSQL database. */
  async function newTarget(): Promise<string> {
    if (kind === 'sqlite') return join(mkdtempSync(join(dir, 'target-')), 'data', 'restored.sqlite');
    const target = await createTestDatabase('postgres', { empty: true });
    targets.push(target);
    return target.address;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parindex-backup-test-'));
    source = await createTestDatabase(kind);
    database = await source.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    await addUser({ db: database.db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    app = await buildApp({ db: database.db, clock });
    admin = await signIn(app, 'quantri', TEST_PASSWORD);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    planId = (await database.db.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await source?.drop();
    for (const t of targets) await t.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const http = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('keeps every edit acknowledged before a backup taken under load, in one snapshot', async () => {
    const view = (await http('GET', `/api/plans/${planId}`)).body as PlanView;
    const tasks = view.rows.filter((r) => r.task !== null).slice(0, 4);
    expect(tasks).toHaveLength(4);

    // four editors, each on its own task, one edit after another until told to stop
    let stop = false;
    let backupStarted = Infinity;
    const acked = tasks.map(() => ({ beforeBackup: 0, last: 0, failures: 0 }));
    const editors = tasks.map(async (row, w) => {
      let version = row.task!.version;
      for (let n = 1; !stop; n++) {
        const res = await http('PATCH', `/api/plans/${planId}/items/${row.itemId}/task`, {
          version,
          progressNote: `lần sửa ${n}`,
          progress: n % 100,
        });
        if (res.status !== 200) {
          acked[w]!.failures += 1;
          break;
        }
        const task = (res.body as PlanView).rows.find((r) => r.itemId === row.itemId)!.task!;
        version = task.version;
        acked[w]!.last = n;
        // acknowledged before the backup began: it must be in the copy
        if (performance.now() < backupStarted) acked[w]!.beforeBackup = n;
      }
    });

    /** Waits until every editor has had `n` edits acknowledged. */
    const edited = async (n: number) => {
      while (acked.some((a) => a.last < n && a.failures === 0)) await new Promise((r) => setTimeout(r, 20));
    };
    await edited(3);
    const out = join(dir, `under-load.${kind === 'sqlite' ? 'sqlite' : 'dump'}`);
    backupStarted = performance.now();
    // the server keeps answering while the copy is made
    let backingUp = true;
    const health: number[] = [];
    const poll = (async () => {
      while (backingUp) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/health`);
        expect(res.status).toBe(200);
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const backup = await cli(['backup', out, '--db', source.address]);
    backingUp = false;
    await poll;
    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1000);
    // edits went on during the backup and after it
    await edited(Math.max(...acked.map((a) => a.last)) + 2);
    stop = true;
    await Promise.all(editors);

    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`Đã sao lưu vào ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(
      acked.every((a) => a.failures === 0 && a.beforeBackup > 0 && a.last > a.beforeBackup),
      JSON.stringify(acked),
    ).toBe(true);

    const target = await newTarget();
    const restore = await cli(['restore', out, '--db', target]);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('nhật ký nguyên vẹn');
    if (kind === 'sqlite') {
      expect(sqliteIntegrity(target)).toEqual([]);
      expect(statSync(target).mode & 0o777).toBe(0o600);
    }
    expect((await cli(['audit', 'verify', '--db', target])).code).toBe(0);

    const restored = await openDatabase(target);
    try {
      const db = restored.db;
      expect(await verifyAudit(db)).toMatchObject({ ok: true });
      expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
      for (const [w, row] of tasks.entries()) {
        const task = await db
          .selectFrom('tasks')
          .select(['progress_note', 'progress'])
          .where('id', '=', row.task!.id)
          .executeTakeFirstOrThrow();
        const n = Number(/lần sửa (\d+)/.exec(task.progress_note)?.[1]);
        // no acknowledged edit lost, none invented
        expect(n).toBeGreaterThanOrEqual(acked[w]!.beforeBackup);
        expect(n).toBeLessThanOrEqual(acked[w]!.last);
        expect(task.progress).toBe(n % 100);
        // the trail of the copy ends where its data is: one snapshot of both
        const lastEntry = await db
          .selectFrom('audit_log')
          .select('new_value')
          .where('entity', '=', 'task')
          .where('entity_id', '=', String(row.task!.id))
          .where('field', '=', 'progress_note')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(lastEntry.new_value).toBe(task.progress_note);
      }
      const last = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(last).toMatchObject({
        action: 'backup.restore',
        username: 'cli:operator',
        new_value: `under-load.${kind === 'sqlite' ? 'sqlite' : 'dump'}`,
      });
    } finally {
      await restored.close();
    }
    // the backup itself is in the source's trail
    const logged = await database.db
      .selectFrom('audit_log')
      .select(['action', 'username'])
      .where('action', '=', 'backup.create')
      .execute();
    expect(logged).toEqual([{ action: 'backup.create', username: 'cli:operator' }]);
  });

  it('restores every row but the sessions, and every audit entry, equal', async () => {
    const out = join(dir, `quiet.${kind === 'sqlite' ? 'sqlite' : 'dump'}`);
    expect((await cli(['backup', out, '--db', source.address])).code).toBe(0);
    const target = await newTarget();
    expect((await cli(['restore', out, '--db', target])).code).toBe(0);
    const restored = await openDatabase(target);
    try {
      for (const [table, order] of CARRIED) {
        const before = await rowsOf(database.db, table, order);
        expect(await rowsOf(restored.db, table, order), table).toEqual(before);
      }
      expect((await rowsOf(database.db, 'sessions', 'id')).length).toBeGreaterThan(0);
      expect(await rowsOf(restored.db, 'sessions', 'id')).toEqual([]);
      // the source's trail up to its backup entry, then the restore
      const trail = await rowsOf(database.db, 'audit_log', 'id');
      const copy = await rowsOf(restored.db, 'audit_log', 'id');
      expect(copy.slice(0, -1)).toEqual(trail.slice(0, copy.length - 1));
      expect(copy.at(-1)).toMatchObject({ action: 'backup.restore', id: copy.length });
      // the source appended its own backup entry after the copy was taken
      expect(trail.length).toBe(copy.length);
      expect(trail.at(-1)).toMatchObject({ action: 'backup.create' });
    } finally {
      await restored.close();
    }
  });

  it('refuses to overwrite a database or a file without --force, and replaces with it', async () => {
    const out = join(dir, `again.${kind === 'sqlite' ? 'sqlite' : 'dump'}`);
    expect((await cli(['backup', out, '--db', source.address])).code).toBe(0);
    const exists = await cli(['backup', out, '--db', source.address, '--lang', 'en']);
    expect(exists).toMatchObject({ code: 2, out: '' });
    expect(exists.err).toBe(
      `parindex: ${out}: the file exists; choose another name or use --force to overwrite it`,
    );
    expect((await cli(['backup', out, '--force', '--db', source.address])).code).toBe(0);

    // the live database holds data: not without --force
    const before = await rowsOf(database.db, 'plans', 'id');
    const refused = await cli(['restore', out, '--db', source.address]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('CSDL đích đã có dữ liệu');
    expect(await rowsOf(database.db, 'plans', 'id')).toEqual(before);

    // a target with data, replaced on purpose
    const target = await newTarget();
    expect((await cli(['restore', out, '--db', target])).code).toBe(0);
    const opened = await openDatabase(target);
    await opened.db.deleteFrom('pending_imports').execute();
    await sql`update plans set title = ${'thay đổi sau khôi phục'}`.execute(opened.db);
    await opened.close();
    expect((await cli(['restore', out, '--db', target])).code).toBe(2);
    const forced = await cli(['restore', out, '--force', '--db', target]);
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    const replaced = await openDatabase(target);
    try {
      expect(await rowsOf(replaced.db, 'plans', 'id')).toEqual(before);
      expect(await verifyAudit(replaced.db)).toMatchObject({ ok: true });
    } finally {
      await replaced.close();
    }
  });

  it.runIf(kind === 'postgres')(
    'restores with --force a backup taken before migration 0030 over a current database, else leaves it whole',
    async () => {
      // a database at migration 0029: the samples stored, then 0035 … 0030 undone (result_rankings gone)
      const old = await createTestDatabase('postgres');
      targets.push(old);
      const opened = await old.open();
      let plans: unknown[];
      try {
        await loadSamplesIfEmpty({ db: opened.db, clock }, resolve(ROOT, 'samples'));
        const migrator = migratorFor(opened.db, 'postgres');
        expect((await migrator.migrateTo('0029_rate_limits')).error).toBeUndefined();
        plans = await rowsOf(opened.db, 'plans', 'id');
        expect(plans.length).toBeGreaterThan(0);
      } finally {
        await opened.close();
      }
      const out = join(dir, 'at-0029.dump');
      // the command line opens (and migrates) its database: pg_dump at 0029 by hand, as the command runs it
      const dumped = await runPgTool('pg_dump', old.address, [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        '--file',
        out,
      ]);
      expect(dumped).toEqual({ ok: true });

      // a current database with other data: the source's backup restored
      const current = join(dir, 'current.dump');
      expect((await cli(['backup', current, '--db', source.address])).code).toBe(0);
      const target = await newTarget();
      expect((await cli(['restore', current, '--db', target])).code).toBe(0);

      // a damaged archive changes nothing
      const damaged = join(dir, 'damaged.dump');
      writeFileSync(damaged, readFileSync(out).subarray(0, Math.floor(statSync(out).size / 2)));
      const failed = await cli(['restore', damaged, '--force', '--db', target]);
      expect(failed.code).not.toBe(0);
      const kept = await openDatabase(target);
      try {
        expect(await rowsOf(kept.db, 'plans', 'id')).toEqual(await rowsOf(database.db, 'plans', 'id'));
      } finally {
        await kept.close();
      }

      const forced = await cli(['restore', out, '--force', '--db', target]);
      expect(forced.err).toBe('');
      expect(forced.code).toBe(0);
      const restored = await openDatabase(target);
      try {
        // migrated to this build's migrations, the old backup's rows there
        const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          restored.db,
        );
        expect(rows.map((r) => r.name)).toEqual(Object.keys(migrationsFor('postgres')).sort());
        // with the columns of later migrations: the subject's key (0032), the items counted (0042)
        const items = await restored.db
          .selectFrom('plan_items')
          .select(['plan_id', (eb) => eb.fn.countAll<number | string>().as('n')])
          .groupBy('plan_id')
          .execute();
        const criteria = new Map(items.map((i) => [i.plan_id, Number(i.n)]));
        expect(await rowsOf(restored.db, 'plans', 'id')).toEqual(
          plans.map((p) => ({
            ...(p as object),
            subject_sort_key: expect.any(String) as unknown,
            criteria: criteria.get((p as { id: number }).id),
          })),
        );
        expect(Math.min(...criteria.values())).toBeGreaterThan(0);
        // and 0030's table made again (0035 keeps the places in it)
        await expect(rowsOf(restored.db, 'result_rankings', 'result_id')).resolves.toEqual([]);
        expect(await verifyAudit(restored.db)).toMatchObject({ ok: true });
      } finally {
        await restored.close();
      }
    },
  );

  it.runIf(kind === 'postgres')(
    'refuses a psql without the \\restrict fix before running anything, and leaves the database whole',
    async () => {
      const out = join(dir, 'for-old-psql.dump');
      expect((await cli(['backup', out, '--db', source.address])).code).toBe(0);
      const target = await newTarget();
      expect((await cli(['restore', out, '--db', target])).code).toBe(0);
      const kept = await openDatabase(target);
      await sql`update plans set title = ${'giữ nguyên'}`.execute(kept.db);
      const before = await rowsOf(kept.db, 'plans', 'id');
      await kept.close();
      // a psql 15.13 first on the PATH: it says its version, and leaves a mark if it is run for more
      const bin = mkdtempSync(join(dir, 'old-psql-'));
      const ranMark = join(bin, 'ran');
      writeFileSync(
        join(bin, 'psql'),
        `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "psql (PostgreSQL) 15.13"; exit 0; fi\ntouch "${ranMark}"\n`,
        { mode: 0o755 },
      );
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path ?? ''}`;
      let ran: Awaited<ReturnType<typeof cli>>;
      try {
        ran = await cli(['restore', out, '--force', '--db', target]);
      } finally {
        process.env.PATH = path;
      }
      expect(ran).toMatchObject({ code: 2, out: '' });
      expect(ran.err).toBe(
        'parindex: psql quá cũ (psql (PostgreSQL) 15.13): chưa có bản vá CVE-2025-8714, một bản sao lưu bị sửa có thể khiến nó chạy lệnh trên máy này. Cập nhật gói postgresql-client (từ 17.6, 16.10, 15.14, 14.19, 13.22 hoặc 18) rồi chạy lại. Không ghi gì.',
      );
      expect(existsSync(ranMark)).toBe(false);
      const after = await openDatabase(target);
      try {
        expect(await rowsOf(after.db, 'plans', 'id')).toEqual(before);
      } finally {
        await after.close();
      }
    },
  );

  it('refuses what is not a backup of its kind, with one line', async () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'không phải bản sao lưu');
    const target = await newTarget();
    let ran = await cli(['restore', junk, '--db', target]);
    expect(ran).toMatchObject({ code: 2, out: '' });
    expect(ran.err).toBe(
      `parindex: ${junk}: không phải bản sao lưu ParIndex (tệp SQLite hoặc tệp pg_dump dạng custom)`,
    );
    ran = await cli(['restore', join(dir, 'missing.sqlite'), '--db', target]);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('không tìm thấy tệp');
    // a backup of the other engine
    const other = join(dir, `other.${kind === 'sqlite' ? 'dump' : 'sqlite'}`);
    writeFileSync(other, kind === 'sqlite' ? 'PGDMP\u0001\u000e\u0000' : 'SQLite format 3\u0000');
    ran = await cli(['restore', other, '--db', target, '--lang', 'en']);
    expect(ran.code).toBe(2);
    expect(ran.err).toContain('cannot be restored into');
    if (kind === 'sqlite') {
      // the database file itself is no place for its backup
      ran = await cli(['backup', source.address, '--force', '--db', source.address]);
      expect(ran.code).toBe(2);
      expect(ran.err).toContain('đây chính là tệp CSDL');
    }
  });

  it.runIf(kind === 'sqlite')(
    'refuses a backup whose audit trail was altered, and writes nothing',
    async () => {
      const out = join(dir, 'tampered.sqlite');
      expect((await cli(['backup', out, '--db', source.address])).code).toBe(0);
      const copy = await openDatabase(out);
      await sql`drop trigger audit_log_no_update`.execute(copy.db);
      await sql`update audit_log set new_value = ${'99'} where id = 3`.execute(copy.db);
      await copy.close();
      const target = await newTarget();
      const ran = await cli(['restore', out, '--db', target]);
      expect(ran.code).toBe(1);
      expect(ran.err).toContain('nhật ký đã bị thay đổi tại mục #3');
      expect(() => statSync(target)).toThrow();
    },
  );
});
