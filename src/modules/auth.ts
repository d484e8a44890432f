/**
 * Accounts and sessions. Passwords are argon2id hashes; sessions live in the database (any server
 * process can serve any user) under the SHA-256 of the cookie's token, with a CSRF token of their
 * own. Failed sign-ins back off per user name and address — 5 free tries, then 30 s, doubling up to
 * 15 min — so a guessing attack on one account never locks out the others, nor its owner elsewhere.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { PlanHead } from '../db/plans-repo.js';
import { rankingHeadOf, type RankingHead } from '../db/results-repo.js';
import type { DB, StoredGrant } from '../db/schema.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  insertSession,
  sessionWithGrants,
  sessionWithResultHead,
} from '../db/sessions-repo.js';
import { clearCountAt, countAttempt, deleteCountsBefore, setGuesses } from '../db/throttle-repo.js';
import { unitNames } from '../db/units-repo.js';
import { findUser, findUserByName, updateUserRow } from '../db/users-repo.js';
import { grantOf, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { sha256 } from './hash.js';
import type { Deps, PasswordCost } from './deps.js';

export const SESSION_HOURS = 12;
const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
export const MIN_PASSWORD_LENGTH = 10;

export type AuthDeps = Deps;

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

/** An argon2id hash of the password, at the library's default cost unless `cost` says (Deps). */
export function hashPassword(password: string, cost?: PasswordCost): Promise<string> {
  return hash(password, cost);
}

/** A password for a new or reset account: 18 characters from 108 random bits. */
export function randomPassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

let commonPasswords: ReadonlySet<string> | null = null;

/**
 * The common passwords shipped beside this module (common-passwords.txt, copied into dist/ by the
 * build), lower case; read once.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return commonPasswords.has(password.toLocaleLowerCase('vi'));
}

/**
 * The password policy: at least 10 characters, not digits only ("1234567890"), not a common
 * password, not the user name. Passwords the system makes (randomPassword) always pass.
 */
export function checkPasswordStrength(password: string, username?: string): void {
  const refuse = (reason: string) => {
    throw new AppError('PASSWORD_TOO_WEAK', { min: MIN_PASSWORD_LENGTH, reason });
  };
  if ([...password].length < MIN_PASSWORD_LENGTH) refuse('short');
  if (/^\p{Nd}+$/u.test(password)) refuse('digits');
  if (username !== undefined && password.trim().toLowerCase() === normaliseUsername(username))
    refuse('username');
  if (isCommonPassword(password)) refuse('common');
}

// a hash to verify against when the user does not exist, so both paths take the same time
let dummyHash: Promise<string> | null = null;

/**
 * The address failed sign-ins are counted by: an IPv4 address as it is (also when written as
 * IPv4-mapped IPv6), an IPv6 address by its /64 network — one subscriber holds a whole /64, so
 * counting its addresses one by one would give a guesser 2^64 fresh starts.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The back-off after the n-th checked guess from one address for one name: 0 for the first 4. */
export function lockSeconds(guesses: number): number {
  return guesses >= FREE_FAILURES
    ? Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** Math.min(guesses - FREE_FAILURES, 30))
    : 0;
}

type Admission = { admitted: false; seconds: number } | { admitted: true; attempt: number; seconds: number };

/**
 * Counts the attempt before its password is checked, in one transaction on the row of this name and
 * address (the upsert locks it in PostgreSQL; SQLite runs one writer at a time): of guesses sent at
 * once, each is counted, and only those the back-off lets through are checked — the lock a guess
 * sets is in place before the next one is counted.
 */
async function admit(db: Kysely<DB>, username: string, ip: string, now: Date): Promise<Admission> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await countAttempt(trx, username, ip, at);
    if (row.locked_until && row.locked_until > at) {
      return { admitted: false, seconds: Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000) };
    }
    const guesses = row.guesses + 1;
    const seconds = lockSeconds(guesses);
    await setGuesses(
      trx,
      username,
      ip,
      guesses,
      // a guess that may fail locks at once: the guesses sent with it wait, unread
      seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null,
    );
    return { admitted: true, attempt: row.failures, seconds };
  });
}

export async function signIn(
  deps: AuthDeps,
  input: { username: string; password: string; ip: string; userAgent: string },
): Promise<{ token: string; session: Session }> {
  const now = deps.clock();
  const username = normaliseUsername(input.username);
  const from = addressKey(input.ip);
  const actorOf = (userId: number | null): Actor => ({ userId, username, ip: input.ip, grants: [] });
  const admission = await admit(deps.db, username, from, now);
  const failed = async (userId: number | null, why: string | null) => {
    await deps.db
      .transaction()
      .execute((trx) =>
        audit(trx, actorOf(userId), now.toISOString(), [
          { action: 'auth.login_failed', entity: 'session', entityId: null, newValue: why },
        ]),
      );
  };
  if (!admission.admitted) {
    // refused before the password is read: the right one waits too (from this address only)
    await failed(null, 'locked');
    throw new AppError('TOO_MANY_ATTEMPTS', { seconds: admission.seconds });
  }
  const user = await findUserByName(deps.db, username);
  dummyHash ??= hashPassword(randomPassword());
  const ok = await verify(user?.password_hash ?? (await dummyHash), input.password).catch(() => false);

  if (!user || !ok || user.disabled) {
    await failed(user?.id ?? null, user?.disabled ? 'disabled' : null);
    if (admission.seconds > 0) throw new AppError('TOO_MANY_ATTEMPTS', { seconds: admission.seconds });
    throw new AppError('BAD_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sha256(token);
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // the count starts again, unless another attempt was counted meanwhile (a guess sent with this one)
    await clearCountAt(trx, username, from, admission.attempt);
    // counts nobody added to for a day are over: their longest back-off has long passed
    await deleteCountsBefore(trx, new Date(now.getTime() - 24 * 3600_000).toISOString());
    await deleteExpiredSessions(trx, now.toISOString());
    await insertSession(trx, {
      id,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expires,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
    });
    await updateUserRow(trx, user.id, { last_login_at: now.toISOString() });
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
  return (await readSession(deps, token, ip, null)).session;
}

/**
 * What a request's :id names whose head is read with its session (http/auth.ts: the route's
 * `planHead` or `resultHead`): a plan, or a result whose ranking is shown.
 */
export type HeadWanted = { plan: number } | { result: number } | null;

/**
 * The session a cookie's token opens (null when it is unknown, expired or its user disabled) and
 * the head `wanted` names as it is stored now: a plan's (`plan`), a result's ranking's (`result`;
 * db/results-repo.ts#resultHead) — null when there is no such plan or result, or none was wanted;
 * never read without a session — one statement, one round trip, on every request.
 */
export async function readSession(
  deps: AuthDeps,
  token: string,
  ip: string,
  wanted: HeadWanted,
): Promise<{ session: Session | null; plan: PlanHead | null; result: RankingHead | null }> {
  const none = { session: null, plan: null, result: null };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return none;
  const now = deps.clock().toISOString();
  const id = sha256(token);
  // one query per request: the session, its user with the user's grants (and the head wanted)
  const [row] =
    wanted !== null && 'result' in wanted
      ? await sessionWithResultHead(deps.db, id, wanted.result)
      : await sessionWithGrants(deps.db, id, wanted?.plan ?? null);
  if (!row || row.expires_at < now || row.disabled) return none;
  const grants = (JSON.parse(row.grants) as StoredGrant[]).map(grantOf);
  const session: Session = {
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
  if (!('planVersion' in row)) return { session, plan: null, result: rankingHeadOf(row) ?? null };
  const plan =
    row.planVersion === null || row.planSubject === null || row.planArchived === null
      ? null
      : { version: row.planVersion, subject_unit_id: row.planSubject, archived: row.planArchived };
  return { session, plan, result: null };
}

/** The names of the units the session's grants are in, by id. */
export function grantUnitNames(db: Kysely<DB>, session: Session): Promise<Map<number, string>> {
  return unitNames(
    db,
    session.actor.grants.map((g) => g.unitId).filter((id): id is number => id !== null),
  );
}

export function csrfMatches(session: Session, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function signOut(deps: AuthDeps, session: Session): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, session.id);
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
  const user = await findUser(deps.db, session.user.id);
  if (!user) throw new Error(`no user ${session.user.id}`);
  // not BAD_CREDENTIALS: the person is signed in, and a 401 would read as the session ending
  if (!(await verify(user.password_hash, input.current).catch(() => false)))
    throw new AppError('WRONG_CURRENT_PASSWORD');
  checkPasswordStrength(input.next, session.user.username);
  if (input.next === input.current)
    throw new AppError('PASSWORD_TOO_WEAK', { min: MIN_PASSWORD_LENGTH, reason: 'same' });
  const now = deps.clock().toISOString();
  const passwordHash = await hashPassword(input.next, deps.passwordCost);
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, session.user.id, {
      password_hash: passwordHash,
      must_change_password: 0,
      updated_at: now,
    });
    await deleteUserSessions(trx, session.user.id, session.id);
    await audit(trx, session.actor, now, [
      { action: 'user.password_change', entity: 'user', entityId: session.user.id, field: 'password' },
    ]);
  });
}
