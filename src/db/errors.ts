/** Recognising what the engines say, the same way on both. */

/** A unique index refused a row: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** Refusals a transaction met from others at the same moment, marked where they are caught (markRetryable). */
const retryable = new WeakSet<object>();

/**
 * PostgreSQL's deadlock (40P01: one of the waiting transactions chosen to fail) and serialization
 * failure; SQLite's busy database: another connection (another server or a command on the same
 * file) held the write lock past the busy timeout (SQLITE_BUSY), or wrote since this transaction read
 * and it now wants to write (SQLITE_BUSY_SNAPSHOT, WAL: waiting cannot help), or the file was being
 * recovered (SQLITE_BUSY_RECOVERY). Kysely rolls the transaction back on the error.
 */
const CONCURRENCY_CODES = new Set([
  '40P01',
  '40001',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
]);

/** Marks an error as a refusal the same request, sent again, may not meet (see isRetryableRefusal). */
export function markRetryable<E extends object>(error: E): E {
  retryable.add(error);
  return error;
}

/**
 * The database refused the statement because of what ran at the same moment (inside a transaction,
 * the whole transaction rolled back; outside one, that statement only): a deadlock or a serialization
 * failure (40P01, 40001), SQLite busy (a lock another connection held too long, a snapshot another's
 * write made stale), or a kept statement whose table another server reshaped meanwhile, refused inside a transaction (database.ts#preparingKept
 * marks it). The request may pass when sent again; nothing retries it here, since a use-case may
 * have done things outside that transaction (an e-mail, a file) that must not happen twice.
 */
export function isRetryableRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (retryable.has(error)) return true;
  return 'code' in error && typeof error.code === 'string' && CONCURRENCY_CODES.has(error.code);
}
