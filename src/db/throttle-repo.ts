/** Queries on the sign-in attempts counted per user name and address (login_throttle). No rules here. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface ThrottleCount {
  failures: number;
  guesses: number;
  locked_until: string | null;
}

/**
 * Counts one more attempt for this name and address and returns the row after it: a new row starts
 * at 1 attempt and 0 guesses. The upsert locks the row in PostgreSQL until the transaction ends.
 */
export async function countAttempt(
  db: Kysely<DB>,
  username: string,
  ip: string,
  at: string,
): Promise<ThrottleCount> {
  return db
    .insertInto('login_throttle')
    .values({ username, ip, failures: 1, guesses: 0, locked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet({
        failures: sql<number>`login_throttle.failures + 1`,
        updated_at: at,
      }),
    )
    .returning(['failures', 'guesses', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export async function setGuesses(
  db: Kysely<DB>,
  username: string,
  ip: string,
  guesses: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ guesses, locked_until: lockedUntil })
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute();
}

/** Removes the count of this name and address only if it still has this many attempts. */
export async function clearCountAt(
  db: Kysely<DB>,
  username: string,
  ip: string,
  failures: number,
): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('failures', '=', failures)
    .execute();
}

/** Removes the counts nobody added to since this time. */
export async function deleteCountsBefore(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', before).execute();
}

/** Removes every count of a user name, from any address. */
export async function clearCountsOf(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}
