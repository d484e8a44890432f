/**
 * Accounts and sessions. Passwords are argon2id hashes; sessions live in the database (any server
 * process can serve any user) under the SHA-256 of the cookie's token, with a CSRF token of their
 * own. Failed sign-ins back off per user name — 5 free tries, then 30 s, doubling up to 15 min — so a
 * guessing attack on one account never locks out the others.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { grantOf, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { sha256 } from './hash.js';

export const SESSION_HOURS = 12;
const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
export const MIN_PASSWORD_LENGTH = 10;

export interface AuthDeps {
  db: Kysely<DB>;
  clock: () => Date;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  actor: Actor;
  csrfToken: string;
  /** sha256 of the token, the session's id */
  id: string;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A password for a new or reset account: 18 characters from 108 random bits. */
export function randomPassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError('PASSWORD_TOO_WEAK', { min: MIN_PASSWORD_LENGTH });
}

// a hash to verify against when the user does not exist, so both paths take the same time
let dummyHash: Promise<string> | null = null;

export async function signIn(
  deps: AuthDeps,
  input: { username: string; password: string; ip: string; userAgent: string },
): Promise<{ token: string; session: Session }> {
  const now = deps.clock();
  const username = normaliseUsername(input.username);
  const throttle = await deps.db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until > now.toISOString()) {
    const seconds = Math.ceil((Date.parse(throttle.locked_until) - now.getTime()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', { seconds });
  }
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  dummyHash ??= hashPassword(randomPassword());
  const ok = await verify(user?.password_hash ?? (await dummyHash), input.password).catch(() => false);
  const actorOf = (userId: number | null): Actor => ({ userId, username, ip: input.ip, grants: [] });

  if (!user || !ok || user.disabled) {
    const lockSeconds = await deps.db.transaction().execute(async (trx) => {
      // counted in the database, one by one: guesses sent in parallel each count
      const { failures } = await trx
        .insertInto('login_throttle')
        .values({ username, failures: 1, locked_until: null, updated_at: now.toISOString() })
        .onConflict((oc) =>
          oc.column('username').doUpdateSet({
            failures: sql<number>`login_throttle.failures + 1`,
            updated_at: now.toISOString(),
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      const seconds =
        failures >= FREE_FAILURES
          ? Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES))
          : 0;
      if (seconds > 0) {
        await trx
          .updateTable('login_throttle')
          .set({ locked_until: new Date(now.getTime() + seconds * 1000).toISOString() })
          .where('username', '=', username)
          .execute();
      }
      await audit(trx, actorOf(user?.id ?? null), now.toISOString(), [
        {
          action: 'auth.login_failed',
          entity: 'session',
          entityId: null,
          newValue: user?.disabled ? 'disabled' : null,
        },
      ]);
      return seconds;
    });
    if (lockSeconds > 0) throw new AppError('TOO_MANY_ATTEMPTS', { seconds: lockSeconds });
    throw new AppError('BAD_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sha256(token);
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_throttle').where('username', '=', username).execute();
    await trx.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({
        id,
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expires,
        ip: input.ip,
        user_agent: input.userAgent.slice(0, 300),
      })
      .execute();
    await trx
      .updateTable('users')
      .set({ last_login_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await audit(trx, actorOf(user.id), now.toISOString(), [
      { action: 'auth.login', entity: 'session', entityId: user.id },
    ]);
  });
  const session = await sessionFromToken(deps, token, input.ip);
  if (!session) throw new AppError('UNAUTHENTICATED');
  return { token, session };
}

/** The session a cookie's token opens, or null when it is unknown, expired or its user disabled. */
export async function sessionFromToken(deps: AuthDeps, token: string, ip: string): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const now = deps.clock().toISOString();
  const id = sha256(token);
  // one query per request: the session, its user and the user's grants
  const rows = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .leftJoin('roles', 'roles.code', 'user_roles.role_code')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.disabled',
      'users.must_change_password',
      'user_roles.id as grantId',
      'user_roles.role_code',
      'user_roles.unit_id',
      'roles.scope',
      'roles.permissions',
    ])
    .where('sessions.id', '=', id)
    .orderBy('user_roles.id')
    .execute();
  const row = rows[0];
  if (!row || row.expires_at < now || row.disabled) return null;
  const grants = rows.flatMap((r) =>
    r.grantId === null || r.role_code === null || r.scope === null || r.permissions === null
      ? []
      : [
          grantOf({
            id: r.grantId,
            role_code: r.role_code,
            unit_id: r.unit_id,
            scope: r.scope,
            permissions: r.permissions,
          }),
        ],
  );
  return {
    id,
    csrfToken: row.csrf_token,
    user: {
      id: row.userId,
      username: row.username,
      displayName: row.display_name,
      mustChangePassword: Boolean(row.must_change_password),
    },
    actor: { userId: row.userId, username: row.username, ip, grants },
  };
}

export function csrfMatches(session: Session, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function signOut(deps: AuthDeps, session: Session): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', session.id).execute();
    await audit(trx, session.actor, deps.clock().toISOString(), [
      { action: 'auth.logout', entity: 'session', entityId: session.user.id },
    ]);
  });
}

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(
  deps: AuthDeps,
  session: Session,
  input: { current: string; next: string },
): Promise<void> {
  const user = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', session.user.id)
    .executeTakeFirstOrThrow();
  // not BAD_CREDENTIALS: the person is signed in, and a 401 would read as the session ending
  if (!(await verify(user.password_hash, input.current).catch(() => false)))
    throw new AppError('WRONG_CURRENT_PASSWORD');
  checkPasswordStrength(input.next);
  if (input.next === input.current) throw new AppError('PASSWORD_TOO_WEAK', { min: MIN_PASSWORD_LENGTH });
  const now = deps.clock().toISOString();
  const passwordHash = await hashPassword(input.next);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0, updated_at: now })
      .where('id', '=', session.user.id)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', session.user.id)
      .where('id', '!=', session.id)
      .execute();
    await audit(trx, session.actor, now, [
      { action: 'user.password_change', entity: 'user', entityId: session.user.id, field: 'password' },
    ]);
  });
}
