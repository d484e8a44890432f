/**
 * Backup and restore of the whole installation: every plan, follow-up value, unit, account and
 * audit entry. Sessions are not carried: a backup holds none and a restore drops any the file held,
 * so everyone signs in again on the restored database. A restore is checked before it replaces
 * anything: the file's integrity and its audit chain; the restore itself is the last audit entry.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import {
  backupFormatOf,
  backupSqlite,
  createPrivateFile,
  isParIndexSqlite,
  partialPath,
  removeSqliteFiles,
  restorePgDump,
  runPgTool,
  type PgTool,
  sqliteFileOf,
  sqliteIntegrity,
} from '../db/backup.js';
import { isPostgresAddress, openDatabase, refreshStatistics, type Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { deleteAllSessions } from '../db/sessions-repo.js';
import { isGlobal, type Actor } from './access.js';
import { audit } from './audit.js';
import { auditHead, verifyAudit, type AuditHead, type VerifyResult } from './audit-verify.js';
import { AppError } from './errors.js';

export type BackupProblem =
  | { code: 'OUT_EXISTS' }
  | { code: 'SAME_FILE' }
  | { code: 'PG_TOOL_MISSING'; program: PgTool }
  | { code: 'PG_TOOL_FAILED'; program: PgTool; message: string }
  /** a client program without the fix of CVE-2025-8714 (`version`: its --version line) */
  | { code: 'PG_TOOL_UNSAFE'; program: PgTool; version: string }
  | { code: 'NOT_A_BACKUP' }
  | { code: 'ENGINE_MISMATCH'; file: 'sqlite' | 'pg_dump'; target: 'sqlite' | 'postgres' }
  | { code: 'TARGET_EXISTS' }
  | { code: 'INTEGRITY'; problems: string[] }
  | { code: 'AUDIT'; result: Extract<VerifyResult, { ok: false }> };

export type BackupOutcome =
  { ok: true; engine: 'sqlite' | 'postgres'; bytes: number } | { ok: false; problem: BackupProblem };

interface Deps {
  clock: () => Date;
}

/**
 * Writes a backup of the database to `target` (a path that is free or may be replaced): SQLite by
 * the online backup API, PostgreSQL by pg_dump (custom format, without the sessions' rows) given its
 * address (the URL with its password, which `Database.label` hides).
 */
async function writeBackup(
  db: Kysely<DB>,
  address: string | undefined,
  target: string,
): Promise<{ ok: true; engine: 'sqlite' | 'postgres' } | { ok: false; problem: BackupProblem }> {
  const source = await sqliteFileOf(db);
  if (source !== null) {
    if (resolve(source) === target) return { ok: false, problem: { code: 'SAME_FILE' } };
    await backupSqlite(source, target);
    return { ok: true, engine: 'sqlite' };
  }
  if (address === undefined || !isPostgresAddress(address))
    return { ok: false, problem: { code: 'PG_TOOL_MISSING', program: 'pg_dump' } };
  const partial = partialPath(target);
  createPrivateFile(partial);
  const ran = await runPgTool('pg_dump', address, [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    '--exclude-table-data=sessions',
    '--file',
    partial,
  ]);
  if (!ran.ok) {
    rmSync(partial, { force: true });
    return {
      ok: false,
      problem: ran.missing
        ? { code: 'PG_TOOL_MISSING', program: 'pg_dump' }
        : { code: 'PG_TOOL_FAILED', program: 'pg_dump', message: ran.message },
    };
  }
  renameSync(partial, target);
  return { ok: true, engine: 'postgres' };
}

/** `parindex backup OUT`: a backup of the open database, audited as the command line's. */
export async function backupDatabase(
  deps: Deps,
  database: Database,
  address: string,
  out: string,
  options: { actor: Actor; force?: boolean },
): Promise<BackupOutcome> {
  const target = resolve(out);
  if (fileExists(target) && !options.force) return { ok: false, problem: { code: 'OUT_EXISTS' } };
  const written = await writeBackup(database.db, address, target);
  if (!written.ok) return written;
  await database.db
    .transaction()
    .execute((trx) =>
      audit(trx, options.actor, deps.clock().toISOString(), [
        { action: 'backup.create', entity: 'database', newValue: basename(target) },
      ]),
    );
  return { ok: true, engine: written.engine, bytes: statSync(target).size };
}

export type RestoreOutcome =
  | { ok: true; engine: 'sqlite' | 'postgres'; head: AuditHead; integrity: 'checked' | 'constraints' }
  | { ok: false; problem: BackupProblem };

/**
 * Restores the backup `input` into the database at `address`. An existing database is replaced only
 * with `force` (stop the server first). SQLite: the copy is checked (integrity, audit chain) beside
 * the target and only then renamed onto it. PostgreSQL: the archive restored in one transaction
 * (db/backup.ts#restorePgDump; with `force` every schema dropped first, in it), then the same checks
 * on the restored database.
 */
export async function restoreDatabase(
  deps: Deps,
  input: string,
  address: string,
  options: { actor: Actor; force?: boolean },
): Promise<RestoreOutcome> {
  const format = backupFormatOf(input);
  if (format === 'unknown') return { ok: false, problem: { code: 'NOT_A_BACKUP' } };
  if (isPostgresAddress(address)) {
    if (format !== 'pg_dump')
      return { ok: false, problem: { code: 'ENGINE_MISMATCH', file: format, target: 'postgres' } };
    return restorePostgres(deps, input, address, options);
  }
  if (format !== 'sqlite')
    return { ok: false, problem: { code: 'ENGINE_MISMATCH', file: format, target: 'sqlite' } };
  return restoreSqlite(deps, input, address.startsWith('file:') ? address.slice(5) : address, options);
}

async function restoreSqlite(
  deps: Deps,
  input: string,
  path: string,
  options: { actor: Actor; force?: boolean },
): Promise<RestoreOutcome> {
  const target = resolve(path);
  if (resolve(input) === target) return { ok: false, problem: { code: 'SAME_FILE' } };
  if (fileExists(target) && statSync(target).size > 0 && !options.force)
    return { ok: false, problem: { code: 'TARGET_EXISTS' } };
  if (!isParIndexSqlite(input)) return { ok: false, problem: { code: 'NOT_A_BACKUP' } };
  const problems = sqliteIntegrity(input);
  if (problems.length > 0) return { ok: false, problem: { code: 'INTEGRITY', problems } };

  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const staged = partialPath(target);
  try {
    // a consistent copy without sessions, whatever the file held
    await backupSqlite(input, staged);
    const checked = await checkRestored(deps, await openDatabase(staged), input, options.actor);
    if (!checked.ok) return checked;
    const after = sqliteIntegrity(staged);
    if (after.length > 0) return { ok: false, problem: { code: 'INTEGRITY', problems: after } };
    // the replaced database's -wal must not be replayed onto the restored file
    removeSqliteFiles(target);
    renameSync(staged, target);
    return { ok: true, engine: 'sqlite', head: checked.head, integrity: 'checked' };
  } finally {
    removeSqliteFiles(staged);
  }
}

async function restorePostgres(
  deps: Deps,
  input: string,
  address: string,
  options: { actor: Actor; force?: boolean },
): Promise<RestoreOutcome> {
  if ((await postgresTables(address)) > 0 && !options.force)
    return { ok: false, problem: { code: 'TARGET_EXISTS' } };
  // one transaction: with force, everything the database holds is dropped first, so a backup of an
  // older schema restores over a newer one; a failure leaves the database as it was
  const ran = await restorePgDump(address, input, options.force === true);
  if (!ran.ok)
    return {
      ok: false,
      problem:
        'unsafe' in ran
          ? { code: 'PG_TOOL_UNSAFE', program: ran.program, version: ran.unsafe }
          : ran.missing
            ? { code: 'PG_TOOL_MISSING', program: ran.program }
            : { code: 'PG_TOOL_FAILED', program: ran.program, message: ran.message },
    };
  // PostgreSQL checked every constraint as pg_restore created it
  const checked = await checkRestored(deps, await openDatabase(address), input, options.actor);
  if (!checked.ok) return checked;
  return { ok: true, engine: 'postgres', head: checked.head, integrity: 'constraints' };
}

/** Migrates the restored database, drops sessions, verifies the chain and records the restore. */
async function checkRestored(
  deps: Deps,
  database: Database,
  input: string,
  actor: Actor,
): Promise<{ ok: true; head: AuditHead } | { ok: false; problem: BackupProblem }> {
  try {
    await deleteAllSessions(database.db);
    const result = await verifyAudit(database.db);
    if (!result.ok) return { ok: false, problem: { code: 'AUDIT', result } };
    await database.db
      .transaction()
      .execute((trx) =>
        audit(trx, actor, deps.clock().toISOString(), [
          { action: 'backup.restore', entity: 'database', newValue: basename(input) },
        ]),
      );
    // pg_restore brings no planner statistics; SQLite's may be older than the rows
    await refreshStatistics(database);
    return { ok: true, head: await auditHead(database.db) };
  } finally {
    await database.close();
  }
}

async function postgresTables(address: string): Promise<number> {
  const client = new pg.Client({ connectionString: address });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = 'public'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Who may download a copy of everything: an administrator of the whole installation. */
export function mayBackup(actor: Actor): boolean {
  return isGlobal(actor, 'user.admin');
}

export interface BackupInfo {
  engine: 'sqlite' | 'postgres';
  /** whether the server makes the copy itself (PostgreSQL: when it knows its address) */
  download: boolean;
  head: AuditHead;
}

type WebDeps = Deps & { db: Kysely<DB>; databaseAddress?: string };

export async function backupInfo(deps: WebDeps, actor: Actor): Promise<BackupInfo> {
  if (!mayBackup(actor)) throw new AppError('FORBIDDEN');
  const sqlite = (await sqliteFileOf(deps.db)) !== null;
  return {
    engine: sqlite ? 'sqlite' : 'postgres',
    download: sqlite || (deps.databaseAddress !== undefined && isPostgresAddress(deps.databaseAddress)),
    head: await auditHead(deps.db),
  };
}

/**
 * A backup for the web page, in a private temporary folder, audited as the administrator's: an
 * SQLite copy, or a pg_dump file when the server knows its PostgreSQL address and pg_dump is
 * installed. The caller sends the file, then calls `dispose`.
 */
export async function backupForDownload(
  deps: WebDeps,
  actor: Actor,
): Promise<{ path: string; fileName: string; engine: 'sqlite' | 'postgres'; dispose: () => void }> {
  if (!mayBackup(actor)) throw new AppError('FORBIDDEN');
  const stamp = deps.clock().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const dir = mkdtempSync(join(tmpdir(), 'parindex-backup-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const sqlite = (await sqliteFileOf(deps.db)) !== null;
    const fileName = `parindex-${stamp}.${sqlite ? 'sqlite' : 'dump'}`;
    const path = join(dir, fileName);
    const written = await writeBackup(deps.db, deps.databaseAddress, path);
    if (!written.ok) {
      if (written.problem.code === 'PG_TOOL_MISSING') throw new AppError('BACKUP_USE_PG_DUMP');
      throw new Error(`backup failed: ${JSON.stringify(written.problem)}`);
    }
    await deps.db
      .transaction()
      .execute((trx) =>
        audit(trx, actor, deps.clock().toISOString(), [
          { action: 'backup.create', entity: 'database', newValue: fileName },
        ]),
      );
    return { path, fileName, engine: written.engine, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
