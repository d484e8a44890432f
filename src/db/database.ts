/**
 * Opens the database: SQLite embedded (a file, created with its folder on first use) by default,
 * PostgreSQL when the address is a postgres:// URL. Migrations run on open.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { markRetryable } from './errors.js';
import { onSqlite, preparedName } from './kept-query.js';
import { migratorFor } from './migrations/index.js';
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

/**
 * Whether a postgres:// address names its server: a host (`@db.tinh.local:5432`; a socket folder
 * spelt encoded, `@%2Fvar%2Frun%2Fpostgresql`), or a `host` parameter — a folder there is a Unix
 * socket (`postgres:///parindex?host=/var/run/postgresql&user=parindex`), read alike by node-pg and
 * by libpq (pg_dump, pg_restore). With neither, node-pg would quietly take localhost over TCP.
 * `postgres://user@/db?…` (a user, no host) is not a URL: refused, backups could not pass it on.
 */
export function namesPostgresServer(address: string): boolean {
  try {
    const url = new URL(address);
    return url.hostname !== '' || (url.searchParams.get('host') ?? '') !== '';
  } catch {
    return false;
  }
}

// count(*) and bigint come back as strings from PostgreSQL: ids and counts here fit in a number
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface OpenOptions {
  /**
   * SQLite: how many prepared statements are kept for reuse (STATEMENT_CACHE_SIZE by default); 0
   * prepares every statement anew, as Kysely's driver does (the benchmarks' baseline).
   */
  statementCache?: number;
}

/** Enough for every statement the app runs in a day's work; an IN list of each length is its own. */
export const STATEMENT_CACHE_SIZE = 500;

export async function openDatabase(address: string, options: OpenOptions = {}): Promise<Database> {
  let database: Database;
  if (isPostgresAddress(address)) {
    const pool = new pg.Pool({ connectionString: address, max: 10 });
    // the server closing an idle connection (restart, terminated backend) is an 'error' event of the
    // pool, which kills the process when nobody listens; the pool has dropped that client already
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingKept(pool) }) });
    database = { db, kind: 'postgres', label: redact(address), pool, close: () => db.destroy() };
  } else {
    const path = address.startsWith('file:') ? address.slice(5) : address;
    if (path !== ':memory:') createPrivately(path);
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const cached = reusingStatements(sqlite, options.statementCache ?? STATEMENT_CACHE_SIZE);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cached }) });
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
 * The SQLite database as Kysely's driver sees it, keeping the last `size` prepared statements by
 * their SQL text: the driver prepares every statement it runs again, ≈15 % of a request's CPU
 * (issue 13). A statement belongs to this one connection, the driver's only one, which its mutex
 * gives to one query at a time — so a kept statement is never run twice at once; SQLite prepares a
 * kept statement again by itself when the schema changes under it.
 */
export function reusingStatements(sqlite: SQLite.Database, size: number): SqliteDatabase {
  if (size <= 0) return sqlite;
  // a Map iterates in insertion order: a statement used again is moved to the end, the first is the oldest
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else {
        statement = sqlite.prepare(text);
        if (kept.size >= size) kept.delete(kept.keys().next().value!);
      }
      kept.set(text, statement);
      return statement;
    },
    close() {
      kept.clear();
      sqlite.close();
    },
  };
}

/** SQLSTATE 0A000: on a prepared statement, "cached plan must not change result type". */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * The PostgreSQL pool as Kysely's driver sees it, running each kept query (kept-query.ts) as a named
 * prepared statement: node-pg sends every other statement unnamed, parsed and planned by the server
 * on each run — on the page of a plan, as much of the database's CPU as running it (issue 13).
 * node-pg prepares a name once per connection (a new connection, after a restart too, prepares it
 * again) and the name is the text's hash, never another text's. Everything else goes through as is.
 *
 * A statement prepared before a table it reads changed shape (another server migrated: a column's
 * type, or columns added under `select *`) is refused by the server with 0A000 "cached plan must not
 * change result type" on every later run on that connection. Then the connection prepares the text
 * again under a new name (name_1, name_2 …: node-pg would not parse a name it has parsed again) and,
 * outside a transaction, drops the old statement (DEALLOCATE) and runs the query once more. Inside a
 * transaction the failure has aborted it, so nothing is run again there (the transaction's earlier
 * statements are gone with it): the error goes to the caller marked retryable (errors.ts, answered
 * "try again"), its transaction rolls back, and the connection's next run outside a transaction drops
 * the old statement (an aborted transaction refuses DEALLOCATE) before it prepares the new name.
 */
function preparingKept(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // a kept text's name → the name it is prepared under on this connection, after a re-preparation
    const renamed = new Map<string, { name: string; count: number }>();
    // names refused inside a transaction, dropped once the connection is outside one
    const stale: string[] = [];
    const runKept = async (kept: string, text: string, values?: unknown[]) => {
      const current = renamed.get(kept) ?? { name: kept, count: 0 };
      // the transaction's state before this statement ('I': none open)
      const outside = client.getTransactionStatus() === 'I';
      if (outside) for (const name of stale.splice(0)) await client.query(`deallocate "${name}"`);
      try {
        return await client.query({ name: current.name, text, values });
      } catch (error) {
        if ((error as { code?: unknown }).code !== CACHED_PLAN_CHANGED) throw error;
        const next = { name: `${kept}_${current.count + 1}`, count: current.count + 1 };
        renamed.set(kept, next);
        if (!outside) {
          stale.push(current.name);
          throw markRetryable(error as Error);
        }
        await client.query(`deallocate "${current.name}"`);
        return client.query({ name: next.name, text, values });
      }
    };
    return {
      // a text with its values, or a cursor (Kysely's streaming), which goes through as is
      query: ((text: string, values?: unknown[]) => {
        const name = typeof text === 'string' ? preparedName(text) : undefined;
        return name === undefined ? client.query(text, values) : runKept(name, text, values);
      }) as unknown as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let kept = clients.get(client);
      if (!kept) clients.set(client, (kept = wrap(client)));
      return kept;
    },
    end: () => pool.end(),
  };
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
  const { error, results } = await migratorFor(database.db, database.kind).migrateToLatest();
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
export async function refreshStatistics(
  database: Pick<Database, 'db'> & { kind?: DatabaseKind },
): Promise<void> {
  // a use-case has only its Kysely: the engine is its dialect's
  const kind = database.kind ?? (onSqlite(database.db) ? 'sqlite' : 'postgres');
  if (kind === 'postgres') await sql`ANALYZE`.execute(database.db);
  else await sql`PRAGMA optimize=0x10002`.execute(database.db);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    // libpq's and node-pg's parameter, in the query string of a socket's address
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
