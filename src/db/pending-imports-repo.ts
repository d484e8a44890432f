/** Queries on uploads kept between an import's preview and its confirmation. No rules here. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, PendingImportsTable } from './schema.js';

export type PendingImportRecord = Selectable<PendingImportsTable>;

export async function deleteExpiredImports(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('pending_imports').where('expires_at', '<', now).execute();
}

export async function insertPendingImport(
  db: Kysely<DB>,
  upload: Insertable<PendingImportsTable>,
): Promise<void> {
  await db.insertInto('pending_imports').values(upload).execute();
}

/** The upload of this token, unless it has expired. */
export async function findPendingImport(
  db: Kysely<DB>,
  token: string,
  now: string,
): Promise<PendingImportRecord | undefined> {
  return db
    .selectFrom('pending_imports')
    .selectAll()
    .where('token', '=', token)
    .where('expires_at', '>=', now)
    .executeTakeFirst();
}

/** Removes the upload; false when it was already gone (another confirmation took it). */
export async function takePendingImport(db: Kysely<DB>, token: string): Promise<boolean> {
  return (
    (await db.deleteFrom('pending_imports').where('token', '=', token).executeTakeFirst()).numDeletedRows > 0n
  );
}
