/**
 * In-app notifications (issue 11 point 6): a message to a unit — every account holding a grant in
 * that unit sees it — or to one account; each reads it in its own language (the kind and its
 * parameters are stored, the words come from core/messages/notifications.ts) and marks it read for
 * itself (`notification_reads`). The office's reminder: a notification to each unit that has not
 * submitted, saying what is missing and by when, and an e-mail to its accounts with an address when
 * mail is configured (modules/mail.ts) — audited `round.reminder`, one entry per unit.
 *
 * Other use-cases notify through `notify` inside their own transaction (a criterion returned, an
 * extension decided) and may mail the same notices after committing (`mailNotices`).
 */
import type { Kysely } from 'kysely';
import { canManageRound, phaseDates, type UnitRoundState } from '../core/assessment.js';
import type { Lang } from '../core/findings.js';
import { render, type NotificationMessage } from '../core/messages.js';
import {
  answeredCounts,
  findVisibleNotification,
  insertNotifications,
  markRead,
  notificationExists,
  notificationRows,
  unitMailboxes,
  unreadCount,
  unreadIds,
  type NotificationRecord,
  type Recipient,
} from '../db/notifications-repo.js';
import type { DB } from '../db/schema.js';
import type { NotificationList, NotificationView, ReminderResult } from '../shared/api/notifications.js';
import { unitParents, type Actor } from './access.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { notificationMail, type Mailer, type MailMessage } from './mail.js';
import { loadRound, requireNotPublished, requireRoundUnit, type RoundContext } from './round-context.js';

/** What the notification use-cases need beyond the database and the clock. */
export interface NotifyDeps extends Deps {
  /** absent: mail is not configured, nothing is mailed */
  mailer?: Mailer | null;
}

/** One notice: to a unit (every account of it) or to one account, about a round. */
export interface Notice {
  unitId?: number;
  userId?: number;
  roundId: number | null;
  message: NotificationMessage;
}

/** The list shows the newest ones; older ones stay stored. */
const LIST_LIMIT = 50;

/** A reminder to a unit: its notice says how many of its criteria are still unanswered. */
export interface Reminder extends Notice {
  unitId: number;
  message: Extract<NotificationMessage, { params: { missing: number } }>;
}

/**
 * Stores reminders (the office's or the scheduler's), each in the trail as 'round.reminder' with
 * the unit's unanswered count; call inside the transaction that sends them.
 */
export async function recordReminders(
  db: Kysely<DB>,
  actor: Actor,
  at: string,
  roundId: number,
  reminders: readonly Reminder[],
): Promise<void> {
  await notify(db, reminders, at);
  await audit(
    db,
    actor,
    at,
    reminders.map((n) => ({
      action: 'round.reminder' as const,
      entity: 'round' as const,
      entityId: roundId,
      unitId: n.unitId,
      field: 'unanswered',
      newValue: n.message.params.missing,
    })),
  );
}

/** Stores notices; call inside the transaction of the change they tell about. */
export async function notify(db: Kysely<DB>, notices: readonly Notice[], at: string): Promise<number[]> {
  return insertNotifications(
    db,
    notices.map((n) => ({
      unit_id: n.unitId ?? null,
      user_id: n.userId ?? null,
      round_id: n.roundId,
      kind: n.message.kind,
      params: JSON.stringify(n.message.params),
      created_at: at,
      read_at: null,
    })),
  );
}

/**
 * Mails unit notices to the accounts of each unit with an address, after the change committed.
 * Returns how many mails the server accepted; a failure is the mailer's to log, never thrown.
 */
export async function mailNotices(
  db: Kysely<DB>,
  mailer: Mailer | null | undefined,
  notices: readonly (Notice & { unitName: string })[],
): Promise<number> {
  if (!mailer) return 0;
  const unitIds = notices.flatMap((n) => (n.unitId === undefined ? [] : [n.unitId]));
  const boxes = await unitMailboxes(db, unitIds);
  const mails: MailMessage[] = notices.flatMap((n) =>
    n.unitId === undefined
      ? []
      : (boxes.get(n.unitId) ?? []).map((to) => notificationMail(to, n.unitName, n.message)),
  );
  if (mails.length === 0) return 0;
  try {
    return await mailer.send(mails);
  } catch {
    // the mailer counts and logs its own failures; a surprise here must not fail the action either
    return 0;
  }
}

function recipientOf(actor: Actor): Recipient | null {
  if (actor.userId === null) return null;
  const unitIds = [...new Set(actor.grants.flatMap((g) => (g.unitId === null ? [] : [g.unitId])))];
  return { userId: actor.userId, unitIds };
}

function viewOf(row: NotificationRecord, lang: Lang): NotificationView {
  const message = { kind: row.kind, params: JSON.parse(row.params) as unknown } as NotificationMessage;
  let text: string;
  try {
    text = render(`notification.${message.kind}`, message.params as never, lang);
  } catch {
    // a kind a newer version stored: shown by its code rather than failing the whole list
    text = row.kind;
  }
  return {
    id: row.id,
    kind: row.kind,
    text,
    roundId: row.round_id,
    unitId: row.unit_id,
    createdAt: row.created_at,
    readAt: row.my_read_at,
  };
}

/** The newest notifications the actor sees, in its language, and how many it has not read. */
export async function listNotifications(db: Kysely<DB>, actor: Actor, lang: Lang): Promise<NotificationList> {
  const who = recipientOf(actor);
  if (!who) return { items: [], unread: 0 };
  const [rows, unread] = await Promise.all([notificationRows(db, who, LIST_LIMIT), unreadCount(db, who)]);
  return { items: rows.map((r) => viewOf(r, lang)), unread };
}

/** Marks one notification read for the actor; one it does not see is refused, one that does not exist is NOTIFICATION_NOT_FOUND. */
export async function readNotification(deps: Deps, actor: Actor, id: number): Promise<{ unread: number }> {
  const who = recipientOf(actor);
  const row = who ? await findVisibleNotification(deps.db, who, id) : undefined;
  if (!who || !row) {
    // another unit's notification is refused, as its data is, not hidden
    if (await notificationExists(deps.db, id)) throw new AppError('FORBIDDEN');
    throw new AppError('NOTIFICATION_NOT_FOUND', { id });
  }
  await markRead(deps.db, who.userId, [id], deps.clock().toISOString());
  return { unread: await unreadCount(deps.db, who) };
}

export async function readAllNotifications(deps: Deps, actor: Actor): Promise<{ unread: number }> {
  const who = recipientOf(actor);
  if (!who) return { unread: 0 };
  await deps.db.transaction().execute(async (trx) => {
    await markRead(trx, who.userId, await unreadIds(trx, who), deps.clock().toISOString());
  });
  return { unread: 0 };
}

const NOT_SUBMITTED: readonly string[] = ['not-started', 'in-progress'] satisfies UnitRoundState[];

/** Per unit of the round, how many leaves the unit scores itself are still unanswered. */
export async function unansweredByUnit(
  db: Kysely<DB>,
  ctx: RoundContext,
): Promise<{ total: number; missing: Map<number, number> }> {
  const leaves = ctx.criteria.filter((c) => c.rule !== null && c.scorer === 'self').map((c) => c.id);
  const answered = await answeredCounts(db, ctx.round.id, leaves);
  const missing = new Map<number, number>();
  for (const u of ctx.units) missing.set(u.unit_id, leaves.length - (answered.get(u.unit_id) ?? 0));
  return { total: leaves.length, missing };
}

/**
 * The office reminds units that have not submitted (all of them, or those of `unitIds` that have
 * not): a notification each, audited, then e-mail to their accounts with an address.
 */
export async function sendReminders(
  deps: NotifyDeps,
  actor: Actor,
  roundId: number,
  unitIds?: readonly number[],
): Promise<ReminderResult> {
  const ctx = await loadRound(deps.db, roundId, deps.clock());
  const asked = unitIds ? [...new Set(unitIds)].map((id) => requireRoundUnit(ctx, id)) : ctx.units;
  const manager = actor.grants.some((g) => g.permissions.has('round.manage'));
  const parents = manager ? await unitParents(deps.db) : new Map<number, number | null>();
  if (
    !manager ||
    !canManageRound(
      actor,
      (unitIds ? asked : ctx.units).map((u) => u.unit_id),
      parents,
    )
  ) {
    throw new AppError('FORBIDDEN');
  }
  requireNotPublished(ctx);
  const targets = asked.filter((u) => NOT_SUBMITTED.includes(u.state));
  const { total, missing } = await unansweredByUnit(deps.db, ctx);
  const closesOn = phaseDates(ctx.calendar, 'self')?.closesOn ?? null;
  const at = deps.clock().toISOString();
  const notices = targets.map((u) => ({
    unitId: u.unit_id,
    unitName: u.unit_name,
    roundId,
    message: {
      kind: 'reminder' as const,
      params: { round: ctx.round.name, missing: missing.get(u.unit_id) ?? total, total, closesOn },
    },
  }));
  await deps.db.transaction().execute((trx) => recordReminders(trx, actor, at, roundId, notices));
  const emailed = await mailNotices(deps.db, deps.mailer, notices);
  return { notified: notices.length, emailed };
}
