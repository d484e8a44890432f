/** Queries on sign-in sessions (stored under the SHA-256 of the cookie's token). No rules here. */
import type { Insertable, Kysely } from 'kysely';
import { keptQuery } from './kept-query.js';
import { resultHeadSelect } from './results-repo.js';
import type { DB, SessionsTable } from './schema.js';

export async function insertSession(db: Kysely<DB>, session: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/**
 * One query: the session, its user with the user's grants (users.grants, kept from user_roles and
 * roles by triggers, 0036) and the head of the plan `planId` names (nulls when it names none, or
 * `planId` is null) — one row, or none; the page of a plan reads both in one round trip. Run on every
 * request: built once, prepared once per PostgreSQL connection (keptQuery).
 */
export function sessionWithGrants(db: Kysely<DB>, id: string, planId: number | null = null) {
  return sessionQuery(db, id, planId);
}

/**
 * The same session row with, instead of a plan's, the head of the ranking of the result `resultId`
 * names (results-repo.ts#resultHeadSelect, left-joined: its columns null when there is no such result)
 * — a page of a ranking reads both in one round trip. Its own kept statement: one shape per head.
 */
export function sessionWithResultHead(db: Kysely<DB>, id: string, resultId: number) {
  return sessionResultQuery(db, id, resultId);
}

/** The session's row (sessions by id, its user by id), the part both shapes share. */
const sessionRow = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.disabled',
      'users.must_change_password',
      'users.grants',
    ])
    .where('sessions.id', '=', id);

const sessionQuery = keptQuery((db: Kysely<DB>, id: string, planId: number | null) =>
  sessionRow(db, id)
    .leftJoin('plans', (join) => join.on('plans.id', '=', planId))
    .select([
      'plans.version as planVersion',
      'plans.subject_unit_id as planSubject',
      'plans.archived as planArchived',
    ]),
);

const sessionResultQuery = keptQuery((db: Kysely<DB>, id: string, resultId: number) =>
  sessionRow(db, id)
    .leftJoin(resultHeadSelect(db, resultId).as('h'), (join) => join.onTrue())
    .selectAll('h'),
);

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends the sessions of an account, but the one kept (if named). */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '!=', keep);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function deleteAllSessions(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sessions').execute();
}
