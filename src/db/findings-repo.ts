/** Queries on the acknowledged findings of a plan ("keep as written", migration 0007). */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface Acknowledgement {
  note: string;
  by: string;
  at: string;
}

/** The plan's acknowledgements by finding key. */
export async function planAcknowledgements(
  db: Kysely<DB>,
  planId: number,
): Promise<Map<string, Acknowledgement>> {
  const rows = await db
    .selectFrom('finding_acknowledgements')
    .select(['finding_key', 'note', 'username', 'created_at'])
    .where('plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.finding_key, { note: r.note, by: r.username, at: r.created_at }]));
}

/** Acknowledges a finding, or gives an acknowledged one its new note, author and time. */
export async function acknowledge(
  db: Kysely<DB>,
  planId: number,
  key: string,
  by: { userId: number | null; username: string },
  note: string,
  now: string,
): Promise<void> {
  const values = { note, user_id: by.userId, username: by.username, created_at: now };
  const existing = await db
    .selectFrom('finding_acknowledgements')
    .select('id')
    .where('plan_id', '=', planId)
    .where('finding_key', '=', key)
    .executeTakeFirst();
  if (existing) {
    await db.updateTable('finding_acknowledgements').set(values).where('id', '=', existing.id).execute();
  } else {
    await db
      .insertInto('finding_acknowledgements')
      .values({ plan_id: planId, finding_key: key, ...values })
      .execute();
  }
}
