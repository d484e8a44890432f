/**
 * Opens the database: SQLite embedded (a file, created with its folder on first use) by default,
 * PostgreSQL when the address is a postgres:// URL. Migrations run on open.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { migrationsFor } from './migrations/index.js';
import type { DatabaseKind, DB } from './schema.js';

export type { DatabaseKind };

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** where it is, without any password: shown to the user */
  label: string;
  /** PostgreSQL: the connection pool's counts (GET /metrics); absent on SQLite */
  pool?: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number };
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_PATH = 'data/parindex.sqlite';

/** `--db` first, then DATABASE_URL, then the embedded default. */
export function resolveDatabaseAddress(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? env.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
}

export function isPostgresAddress(address: string): boolean {
  return /^postgres(ql)?:\/\//i.test(address);
}

// count(*) and bigint come back as strings from PostgreSQL: ids and counts here fit in a number
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase(address: string): Promise<Database> {
  let database: Database;
  if (isPostgresAddress(address)) {
    const pool = new pg.Pool({ connectionString: address, max: 10 });
    // the server closing an idle connection (restart, terminated backend) is an 'error' event of the
    // pool, which kills the process when nobody listens; the pool has dropped that client already
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    database = { db, kind: 'postgres', label: redact(address), pool, close: () => db.destroy() };
  } else {
    const path = address.startsWith('file:') ? address.slice(5) : address;
    if (path !== ':memory:') createPrivately(path);
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    database = { db, kind: 'sqlite', label: path, close: () => db.destroy() };
  }
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * A new database's folder is 0700 and its file 0600 (its -wal and -shm take the file's mode):
 * plans, accounts' hashes and the audit trail are for the server's account only. Existing ones are
 * left as the operator set them.
 */
function createPrivately(path: string): void {
  const file = resolve(path);
  const created = mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dirname(file), 0o700);
  if (!existsSync(file)) {
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
}

export async function migrate(database: Pick<Database, 'db' | 'kind'>): Promise<void> {
  const migrations = migrationsFor(database.kind);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
  // a migration changes tables and indexes: the planner's figures are taken again
  if ((results ?? []).length > 0) await refreshStatistics(database);
}

/**
 * Has the query planner take its figures again — after migrations and after bulk writes (an import of
 * many plans, `parindex demo generate`). PostgreSQL never gathers them for a table the app filled
 * itself until autovacuum comes by: without them it chose parallel full scans (issue 13). SQLite's
 * `PRAGMA optimize` analyses the tables whose figures are missing or stale.
 */
export async function refreshStatistics(database: Pick<Database, 'db' | 'kind'>): Promise<void> {
  if (database.kind === 'postgres') await sql`ANALYZE`.execute(database.db);
  else await sql`PRAGMA optimize=0x10002`.execute(database.db);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
