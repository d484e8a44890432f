/**
 * Notifications (0018, 0020), the accounts they reach, the work the scheduler did once
 * (`scheduled_runs`), and what a reminder counts. Queries only: who may see what and what is sent is
 * modules/notifications.ts's and modules/scheduler.ts's.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, NotificationsTable } from './schema.js';

export type NotificationRecord = Selectable<NotificationsTable> & { my_read_at: string | null };

/** Whose notifications an account reads: those to it and those to the units it holds a grant in. */
export interface Recipient {
  userId: number;
  unitIds: readonly number[];
}

export async function insertNotifications(
  db: Kysely<DB>,
  rows: readonly Insertable<NotificationsTable>[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('notifications').values(rows).returning('id').execute();
  return inserted.map((r) => r.id);
}

function visible(db: Kysely<DB>, who: Recipient) {
  return db
    .selectFrom('notifications')
    .leftJoin('notification_reads', (join) =>
      join
        .onRef('notification_reads.notification_id', '=', 'notifications.id')
        .on('notification_reads.user_id', '=', who.userId),
    )
    .where((eb) =>
      who.unitIds.length === 0
        ? eb('notifications.user_id', '=', who.userId)
        : eb.or([
            eb('notifications.user_id', '=', who.userId),
            eb('notifications.unit_id', 'in', [...who.unitIds]),
          ]),
    );
}

/** The newest notifications an account sees, with when it read each (null: unread). */
export function notificationRows(
  db: Kysely<DB>,
  who: Recipient,
  limit: number,
): Promise<NotificationRecord[]> {
  return visible(db, who)
    .selectAll('notifications')
    .select('notification_reads.read_at as my_read_at')
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Kysely<DB>, who: Recipient): Promise<number> {
  const row = await visible(db, who)
    .where('notification_reads.read_at', 'is', null)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One notification if the account sees it. */
export function findVisibleNotification(
  db: Kysely<DB>,
  who: Recipient,
  id: number,
): Promise<NotificationRecord | undefined> {
  return visible(db, who)
    .selectAll('notifications')
    .select('notification_reads.read_at as my_read_at')
    .where('notifications.id', '=', id)
    .executeTakeFirst();
}

export async function notificationExists(db: Kysely<DB>, id: number): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function markRead(db: Kysely<DB>, userId: number, ids: readonly number[], at: string) {
  if (ids.length === 0) return;
  await db
    .insertInto('notification_reads')
    .values(ids.map((id) => ({ notification_id: id, user_id: userId, read_at: at })))
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .execute();
}

/** Ids of the notifications the account sees and has not read. */
export async function unreadIds(db: Kysely<DB>, who: Recipient): Promise<number[]> {
  const rows = await visible(db, who)
    .where('notification_reads.read_at', 'is', null)
    .select('notifications.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The units an account holds a grant in (its unit notifications). */
export async function grantUnitIds(db: Kysely<DB>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('unit_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('unit_id', 'is not', null)
    .execute();
  return rows.map((r) => r.unit_id!);
}

/** The e-mail addresses of the enabled accounts holding a grant in each unit. */
export async function unitMailboxes(
  db: Kysely<DB>,
  unitIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['user_roles.unit_id', 'users.email'])
    .distinct()
    .where('user_roles.unit_id', 'in', [...unitIds])
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null)
    .orderBy('users.email')
    .execute();
  for (const r of rows) {
    if (r.unit_id === null || !r.email) continue;
    const list = out.get(r.unit_id) ?? [];
    if (!list.includes(r.email)) list.push(r.email);
    out.set(r.unit_id, list);
  }
  return out;
}

/** Per unit of a round, how many of the given leaves have an answer (or "not applicable"). */
export async function answeredCounts(
  db: Kysely<DB>,
  roundId: number,
  criterionIds: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (criterionIds.length === 0) return out;
  const rows = await db
    .selectFrom('assessment_answers')
    .select(['unit_id', (eb) => eb.fn.countAll().as('n')])
    .where('round_id', '=', roundId)
    .where('criterion_id', 'in', [...criterionIds])
    .where((eb) => eb.or([eb('answer', 'is not', null), eb('not_applicable_reason', 'is not', null)]))
    .groupBy('unit_id')
    .execute();
  for (const r of rows) out.set(r.unit_id, Number(r.n));
  return out;
}

/**
 * Claims a piece of scheduled work by its key: true when this caller inserted the row (it does the
 * work, in the same transaction), false when another server or an earlier run already did.
 */
export async function claimRun(db: Kysely<DB>, key: string, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('scheduled_runs')
    .values({ key, ran_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return inserted.length > 0;
}

export async function setRunResult(db: Kysely<DB>, key: string, result: string): Promise<void> {
  await db.updateTable('scheduled_runs').set({ result }).where('key', '=', key).execute();
}

/** The rounds not yet published on a day, with their calendars (what the scheduler looks at). */
export async function activeRoundPhases(db: Kysely<DB>, day: string) {
  return db
    .selectFrom('round_phases')
    .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_phases.round_id')
    .select([
      'assessment_rounds.id as round_id',
      'assessment_rounds.name as round_name',
      'round_phases.phase',
      'round_phases.opens_on',
      'round_phases.closes_on',
    ])
    .where('round_phases.round_id', 'in', (eb) =>
      eb
        .selectFrom('round_phases as p')
        .select('p.round_id')
        .where('p.phase', '=', 'publication')
        // a round published more than a week ago has nothing left to record
        .where('p.opens_on', '>=', addDaysIso(day, -7)),
    )
    .execute();
}

function addDaysIso(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
