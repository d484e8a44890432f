/**
 * The audit trail: every change (who, when, from where, what entity, which field, old and new value)
 * is written in the transaction of the change itself. Entries are chained: each carries the hash of
 * the previous one and its own hash over its content, so altering, removing or reordering a stored
 * entry breaks the chain and `parindex audit verify` names where. The table is append-only: the
 * application has no update or delete for it, and database triggers refuse both.
 *
 * This file appends to the chain; modules/audit-verify.ts walks it, modules/audit-query.ts reads it
 * for the page, modules/audit-view.ts puts it in words.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntity, AuditField } from '../core/messages.js';
import { appendAuditEntries, lockAuditHead } from '../db/audit-repo.js';
import type { AuditLogTable, DB } from '../db/schema.js';
import type { Actor } from './access.js';

export const GENESIS_HASH = '0'.repeat(64);

export type { AuditAction, AuditEntity, AuditField };

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  planId?: number | null;
  itemId?: number | null;
  /** the criterion's code, for its history */
  code?: string | null;
  /** the unit the change belongs to (a plan's subject, a unit edited): scopes who may read it */
  unitId?: number | null;
  /** a field the catalog words (messages/audit.ts): the type keeps a new one from reading as its code */
  field?: AuditField | null;
  oldValue?: string | number | null;
  newValue?: string | number | null;
}

type Content = Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash'>;

/** The hash of an entry: its content and the hash before it, in a fixed order. */
export function entryHash(prevHash: string, c: Content): string {
  const fields = [
    c.at,
    c.user_id,
    c.username,
    c.ip,
    c.action,
    c.entity,
    c.entity_id,
    c.plan_id,
    c.item_id,
    c.code,
    c.unit_id,
    c.field,
    c.old_value,
    c.new_value,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

/** Appends entries to the chain; call inside the transaction of the change. */
export async function audit(
  db: Kysely<DB>,
  actor: Actor,
  at: string,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  // taking the head row first (an update that changes nothing, returning it) serialises appenders on
  // both engines
  const head = await lockAuditHead(db);
  let prev = head.last_hash;
  // ids come from the head, not a sequence: a rolled-back change leaves no gap (see migration 0005)
  const rows = entries.map((e, i) => {
    const content: Content = {
      at,
      user_id: actor.userId,
      username: actor.username,
      ip: actor.ip,
      action: e.action,
      entity: e.entity,
      entity_id: text(e.entityId),
      plan_id: e.planId ?? null,
      item_id: e.itemId ?? null,
      code: e.code ?? null,
      unit_id: e.unitId ?? null,
      field: e.field ?? null,
      old_value: text(e.oldValue),
      new_value: text(e.newValue),
    };
    const hash = entryHash(prev, content);
    const row = { id: head.last_id + 1 + i, ...content, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  await appendAuditEntries(db, rows, prev);
}
