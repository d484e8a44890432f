/**
 * The two engines every repository test runs on: an SQLite file in a temporary folder, and a fresh
 * PostgreSQL database created for the test file on the local server (dropped afterwards).
 * PARINDEX_TEST_POSTGRES names the server; a missing server fails the tests, never skips them.
 *
 * A new database starts migrated from a template instead of running every migration again: on
 * PostgreSQL `CREATE DATABASE … TEMPLATE` of a database migrated once per content of
 * src/db/migrations (its name carries their digest; built under an advisory lock, kept for the next
 * runs), on SQLite a copy of a file migrated once per test process. openDatabase still migrates
 * (nothing left to do). `{ empty: true }` gives a database with no tables (restore targets, the
 * migrations' own tests).
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');

/** A digest of the migrations' sources: a template is rebuilt when any of them changes. */
function migrationsDigest(): string {
  const digest = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS).sort()) {
    digest.update(file).update(readFileSync(join(MIGRATIONS, file)));
  }
  return digest.digest('hex').slice(0, 16);
}

let sqliteTemplate: Promise<string> | null = null;

/** An SQLite file migrated once in this process (removed when it ends). */
function sqliteTemplateFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'template.sqlite');
    const database = await openDatabase(path);
    await database.close();
    return path;
  })();
  return sqliteTemplate;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function postgresAddress(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

let postgresTemplate: Promise<string> | null = null;

/**
 * The name of a PostgreSQL database migrated to the current migrations, marked as a template: made
 * by the first test file that needs it (the others wait on the advisory lock), kept afterwards.
 */
function postgresTemplateName(): Promise<string> {
  postgresTemplate ??= withAdmin(async (admin) => {
    const name = `parindex_template_${migrationsDigest()}`;
    const ready = async () =>
      (await admin.query('select 1 from pg_database where datname = $1 and datistemplate', [name]))
        .rowCount === 1;
    if (await ready()) return name;
    await admin.query('select pg_advisory_lock(7339001)');
    try {
      if (await ready()) return name;
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const database = await openDatabase(postgresAddress(building));
      await database.close();
      await admin.query(`alter database ${building} rename to ${name}`);
      await admin.query(`alter database ${name} is_template true`);
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(7339001)');
    }
  });
  return postgresTemplate;
}

export const POSTGRES_ADMIN_URL =
  process.env.PARINDEX_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  address: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  kind: 'sqlite' | 'postgres',
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parindex-test-'));
    const address = join(dir, 'test.sqlite');
    return {
      kind,
      address,
      open: async () => {
        // copied when first opened: a test may have written the file itself before
        if (!options.empty && !existsSync(address)) copyFileSync(await sqliteTemplateFile(), address);
        return openDatabase(address);
      },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `parindex_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? null : await postgresTemplateName();
  await withAdmin((admin) =>
    admin.query(
      template === null ? `create database ${name}` : `create database ${name} template ${template}`,
    ),
  );
  const address = postgresAddress(name);
  return {
    kind,
    address,
    open: () => openDatabase(address),
    drop: () =>
      withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export const ENGINES = ['sqlite', 'postgres'] as const;

/** The folder of the local PostgreSQL server's Unix socket (Debian's). */
export const POSTGRES_SOCKET_FOLDER = process.env.PARINDEX_TEST_POSTGRES_SOCKET ?? '/var/run/postgresql';

/**
 * A postgres:// address of the same server, database and account through the Unix socket in
 * `folder` (the form docs/DEPLOYMENT.md gives), or null when that folder holds no socket for the
 * address's port (a server in a container, reached over TCP only).
 */
export function overSocket(address: string, folder = POSTGRES_SOCKET_FOLDER): string | null {
  const url = new URL(address);
  const port = url.port || '5432';
  if (!existsSync(join(folder, `.s.PGSQL.${port}`))) return null;
  const socket = new URL(`postgres:///${url.pathname.slice(1)}`);
  socket.searchParams.set('host', folder);
  socket.searchParams.set('port', port);
  if (url.username) socket.searchParams.set('user', decodeURIComponent(url.username));
  if (url.password) socket.searchParams.set('password', decodeURIComponent(url.password));
  return socket.toString();
}
