/**
 * Copies of the whole database, consistent while the server writes. SQLite: the online backup API
 * (better-sqlite3's `backup()`) copying every page in one step, so the copy is one snapshot even
 * when other connections commit meanwhile (a plain `cp` of a WAL database misses what is still in
 * the -wal file). PostgreSQL: `pg_dump` (one snapshot) and `pg_restore`, when they are installed.
 * Files written here are readable by their owner only (0600).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { onSqlite } from './kept-query.js';
import type { DB } from './schema.js';

export type BackupFormat = 'sqlite' | 'pg_dump' | 'unknown';

/** What a file is, by its first bytes. */
export function backupFormatOf(path: string): BackupFormat {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, 16, 0);
    const bytes = head.subarray(0, n);
    if (bytes.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (bytes.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}

/** The file of an SQLite database opened through Kysely; null for PostgreSQL or an in-memory one. */
export async function sqliteFileOf(db: Kysely<DB>): Promise<string | null> {
  if (!onSqlite(db)) return null;
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const main = rows.find((r) => r.name === 'main');
  return main?.file ? main.file : null;
}

/** A name next to `path` for a file being written, renamed onto `path` once complete. */
export function partialPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Creates `path` empty with mode 0600 (whatever the umask), so what is written into it stays private. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/**
 * The copy itself, in a worker thread: the one-step copy and the vacuum are synchronous, and on the
 * server's thread they would hold every request for as long as they take (≈3 s for 80 MB). Plain
 * CommonJS given the driver's resolved path, so it runs the same from src/ (tests) and dist/.
 */
const COPY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
(async () => {
  const from = new SQLite(workerData.source, { fileMustExist: true });
  try {
    from.pragma('busy_timeout = 5000');
    // every remaining page in the next step: one read transaction, so one snapshot
    await from.backup(workerData.out, { progress: () => 0x7fffffff });
  } finally {
    from.close();
  }
  const copy = new SQLite(workerData.out, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    copy.exec('delete from sessions');
    copy.exec('vacuum');
  } finally {
    copy.close();
  }
})().then(
  () => parentPort.postMessage({ ok: true }),
  (error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }),
);
`;

function copyInWorker(source: string, out: string): Promise<void> {
  return new Promise((resolveCopy, reject) => {
    const worker = new Worker(COPY_WORKER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), source, out },
    });
    worker.once('message', (m: { ok: boolean; message?: string }) =>
      m.ok ? resolveCopy() : reject(new Error(m.message)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backup worker stopped (${code})`)));
  });
}

/**
 * Copies the SQLite database at `source` to `out`: one snapshot, without the sessions (a restored
 * copy signs nobody in), compacted so deleted rows leave nothing behind, mode 0600. Written beside
 * `out` and renamed onto it at the end: a failed backup leaves no half file.
 */
export async function backupSqlite(source: string, out: string): Promise<void> {
  const partial = partialPath(out);
  createPrivateFile(partial);
  try {
    await copyInWorker(source, partial);
    chmodSync(partial, 0o600);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** `PRAGMA integrity_check`: an empty list when the file is sound, otherwise what SQLite found. */
export function sqliteIntegrity(path: string): string[] {
  const db = new SQLite(path, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`${fk.length} foreign key violation(s)`);
    return problems;
  } finally {
    db.close();
  }
}

/** Whether the SQLite file holds a ParIndex database (its migrations and audit trail). */
export function isParIndexSqlite(path: string): boolean {
  const db = new SQLite(path, { fileMustExist: true, readonly: true });
  try {
    const tables = new Set(
      (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    return tables.has('audit_log') && tables.has('plans') && tables.has('kysely_migration');
  } finally {
    db.close();
  }
}

/** Removes an SQLite database file with its -wal and -shm companions. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['-wal', '-shm', '']) rmSync(`${path}${suffix}`, { force: true });
}

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/**
 * The `--dbname` a client program is given for `url`, and the password taken out of it: given in the
 * user part or as the `password` parameter (the Unix socket's form, docs/DEPLOYMENT.md), it goes by
 * PGPASSWORD, never on the command line, which any local user can read (ps, /proc/…/cmdline).
 */
export function pgToolConnection(url: string): { dbname: string; password: string | null } {
  const u = new URL(url);
  let password: string | null = null;
  if (u.password) {
    password = decodeURIComponent(u.password);
    u.password = '';
  }
  const parameter = u.searchParams.get('password');
  if (parameter !== null) {
    password = parameter;
    u.searchParams.delete('password');
  }
  return { dbname: u.toString(), password };
}

/**
 * Runs a PostgreSQL client program, against the database at `url` (null: none, a file only); the
 * password goes by PGPASSWORD, not on the command line (pgToolConnection).
 */
export function runPgTool(
  program: PgTool,
  url: string | null,
  args: readonly string[],
): Promise<{ ok: true } | { ok: false; missing: boolean; message: string }> {
  const env = { ...process.env };
  const connect: string[] = [];
  if (url !== null) {
    const { dbname, password } = pgToolConnection(url);
    if (password !== null) env.PGPASSWORD = password;
    connect.push('--dbname', dbname);
  }
  return new Promise((resolve) => {
    const child = spawn(program, [...args, ...connect], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, missing: error.code === 'ENOENT', message: error.message }),
    );
    child.on('close', (code) =>
      resolve(
        code === 0
          ? { ok: true }
          : { ok: false, missing: false, message: stderr.trim().split('\n')[0] ?? `exit ${code}` },
      ),
    );
  });
}

/**
 * The first release of each branch whose pg_restore heads the SQL it writes with `\restrict` and a
 * random key, and whose psql, so restricted, runs no backslash command the archive's data could
 * carry (CVE-2025-8714: an archive crafted by a server's superuser ran shell commands through
 * psql's `\!`). 18 and later have it from their first release; 12 and earlier never got it.
 */
const RESTRICT_FIXED_FROM: Readonly<Record<number, number>> = { 13: 22, 14: 19, 15: 14, 16: 10, 17: 6 };

/** Whether a client program's `--version` line ("psql (PostgreSQL) 15.20 (Debian …)") has that fix. */
export function hasRestrictFix(versionLine: string): boolean {
  const found = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  if (!found) return false;
  const major = Number(found[1]);
  const minor = Number(found[2] ?? 0);
  if (major >= 18) return true;
  const fixedFrom = RESTRICT_FIXED_FROM[major];
  return fixedFrom !== undefined && minor >= fixedFrom;
}

/** A client program's `--version` line. */
function pgToolVersion(
  program: PgTool,
): Promise<{ ok: true; line: string } | { ok: false; missing: boolean; message: string }> {
  return new Promise((resolve) =>
    execFile(program, ['--version'], { timeout: 10_000 }, (error, stdout) => {
      if (error === null) resolve({ ok: true, line: stdout.trim().split('\n')[0] ?? '' });
      else resolve({ ok: false, missing: error.code === 'ENOENT', message: error.message });
    }),
  );
}

/**
 * Every schema of the database dropped (public, pg-boss's, any other but PostgreSQL's own) and
 * public made anew: what a forced restore starts from, in the restore's own transaction.
 */
const DROP_EVERY_SCHEMA = `do $$
  declare s text;
  begin
    for s in select nspname from pg_namespace
      where nspname <> 'information_schema' and nspname not like 'pg\\_%' loop
      execute format('drop schema %I cascade', s);
    end loop;
  end $$;
  create schema public;`;

/**
 * Restores a pg_dump archive into the database at `url` in one transaction: pg_restore writes the
 * archive as SQL into a private temporary folder, then psql runs it between BEGIN and COMMIT,
 * stopping at the first error, so a failure commits nothing. With `replace` the same transaction
 * first drops every schema (DROP_EVERY_SCHEMA): pg_restore --clean dropped only what the backup
 * holds, so over a database migrated further (0030's result_rankings referencing results) a backup
 * of an older one could not drop its own tables, and the restore failed. psql obeys the backslash
 * commands of what it runs: client programs without the `\restrict` fix (hasRestrictFix) are refused
 * before anything is read or written (`unsafe`: the version line found).
 */
export async function restorePgDump(
  url: string,
  input: string,
  replace: boolean,
): Promise<
  | { ok: true }
  | { ok: false; program: 'pg_restore' | 'psql'; missing: boolean; message: string }
  | { ok: false; program: 'pg_restore' | 'psql'; unsafe: string }
> {
  for (const program of ['pg_restore', 'psql'] as const) {
    const version = await pgToolVersion(program);
    if (!version.ok) return { ...version, program };
    if (!hasRestrictFix(version.line)) return { ok: false, program, unsafe: version.line };
  }
  const dir = mkdtempSync(join(tmpdir(), 'parindex-restore-'));
  try {
    const script = join(dir, 'restore.sql');
    const written = await runPgTool('pg_restore', null, [
      '--no-owner',
      '--no-privileges',
      '--file',
      script,
      input,
    ]);
    if (!written.ok) return { ...written, program: 'pg_restore' };
    const ran = await runPgTool('psql', url, [
      '--no-psqlrc',
      '--quiet',
      '--set',
      'ON_ERROR_STOP=1',
      '--single-transaction',
      ...(replace ? ['--command', DROP_EVERY_SCHEMA] : []),
      '--file',
      script,
    ]);
    return ran.ok ? ran : { ...ran, program: 'psql' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
