/** Queries on the acknowledged findings of a plan ("keep as written", migration 0007). */
import type { Kysely } from 'kysely';
import { chunks } from './frameworks-repo.js';
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
  return (await plansAcknowledgements(db, [planId])).get(planId) ?? new Map();
}

/** planAcknowledgements of several plans, by plan: one statement per 400 plans. */
export async function plansAcknowledgements(
  db: Kysely<DB>,
  planIds: readonly number[],
): Promise<Map<number, Map<string, Acknowledgement>>> {
  const out = new Map<number, Map<string, Acknowledgement>>();
  for (const chunk of chunks(planIds, 400)) {
    const rows = await db
      .selectFrom('finding_acknowledgements')
      .select(['plan_id', 'finding_key', 'note', 'username', 'created_at'])
      .where('plan_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      let acks = out.get(r.plan_id);
      if (!acks) out.set(r.plan_id, (acks = new Map<string, Acknowledgement>()));
      acks.set(r.finding_key, { note: r.note, by: r.username, at: r.created_at });
    }
  }
  return out;
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
