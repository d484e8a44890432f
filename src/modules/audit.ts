/**
 * The audit trail: every change (who, when, from where, what entity, which field, old and new value)
 * is written in the transaction of the change itself. Entries are chained: each carries the hash of
 * the previous one and its own hash over its content, so altering, removing or reordering a stored
 * entry breaks the chain and `parindex audit verify` names where. The table is append-only: the
 * application has no update or delete for it, and database triggers refuse both.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from '../db/schema.js';
import {
  hasPermission,
  isGlobal,
  isWithin,
  parentsFor,
  reachesUnit,
  unitParents,
  type Actor,
} from './access.js';
import { AppError } from './errors.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction =
  | 'plan.import'
  | 'plan.replace'
  | 'plan.archive'
  | 'plan.delete'
  | 'item.update'
  | 'item.follow'
  | 'plan.total'
  | 'finding.adopt_sum'
  | 'finding.acknowledge'
  | 'task.create'
  | 'task.update'
  | 'item.create'
  | 'item.delete'
  | 'task.delete'
  | 'unit.create'
  | 'unit.update'
  | 'user.create'
  | 'user.update'
  | 'user.grant'
  | 'user.revoke'
  | 'user.password_reset'
  | 'user.password_change'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'backup.create'
  | 'backup.restore';

export interface AuditEntry {
  action: AuditAction;
  entity: 'plan' | 'plan_item' | 'task' | 'unit' | 'user' | 'session' | 'database';
  entityId?: string | number | null;
  planId?: number | null;
  itemId?: number | null;
  /** the criterion's code, for its history */
  code?: string | null;
  /** the unit the change belongs to (a plan's subject, a unit edited): scopes who may read it */
  unitId?: number | null;
  field?: string | null;
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
  // taking the head row first (an update that changes nothing) serialises appenders on both engines
  await db
    .updateTable('audit_head')
    .set((eb) => ({ appended: eb.ref('appended') }))
    .where('id', '=', 1)
    .execute();
  const head = await db
    .selectFrom('audit_head')
    .select(['last_hash', 'last_id'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
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
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + 200))
      .execute();
  await db
    .updateTable('audit_head')
    .set((eb) => ({
      appended: eb('appended', '+', rows.length),
      last_id: head.last_id + rows.length,
      last_hash: prev,
    }))
    .where('id', '=', 1)
    .execute();
}

/** The head of the chain: what an operator keeps outside the database (`parindex audit anchor`). */
export interface AuditHead {
  /** the last entry's id (0: no entry yet) */
  id: number;
  hash: string;
  /** entries appended */
  entries: number;
}

export async function auditHead(db: Kysely<DB>): Promise<AuditHead> {
  const head = await db
    .selectFrom('audit_head')
    .select(['last_id', 'last_hash', 'appended'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { id: head.last_id, hash: head.last_hash, entries: Number(head.appended) };
}

/** An entry known from outside the database: the trail must still hold it with that hash. */
export interface AuditAnchor {
  id: number;
  hash: string;
}

/** "1234:9f86d0…" → an anchor, or null when it is not one. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^\s*#?(\d+)\s*:\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.id}:${anchor.hash}`;
}

export type VerifyFailure =
  /** an entry's content does not give its hash */
  | 'content'
  /** an entry does not carry the hash of the one before (removed or moved) */
  | 'link'
  /** ids do not run 1, 2, 3… (entries missing at the start or in between) */
  | 'gap'
  /** the last entry is not the head's (entries at the end removed, or the head moved) */
  | 'head'
  /** the trail does not hold as many entries as the head counted */
  | 'count'
  /** an anchor kept outside the database: its entry is gone or has another hash */
  | 'anchor';

export type VerifyResult =
  | { ok: true; entries: number; lastHash: string; lastId: number }
  | { ok: false; entries: number; id: number | null; reason: VerifyFailure };

/**
 * Walks the chain from the first entry: each links to the one before, its content gives its hash,
 * ids run from 1 without gaps; the head names the last entry and counts them all; every anchor's
 * entry is still there with its hash. Names the first entry where any of this does not hold.
 */
export async function verifyAudit(
  db: Kysely<DB>,
  options: { anchors?: readonly AuditAnchor[] } = {},
): Promise<VerifyResult> {
  const anchors = new Map((options.anchors ?? []).map((a) => [a.id, a.hash]));
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev) return { ok: false, entries: count, id: row.id, reason: 'link' };
      const { id: _id, prev_hash: _p, hash, ...content } = row;
      if (entryHash(prev, content) !== hash)
        return { ok: false, entries: count, id: row.id, reason: 'content' };
      // a chain rebuilt from a later entry on links and hashes well, but cannot start at id 1
      if (row.id !== lastId + 1) return { ok: false, entries: count, id: row.id, reason: 'gap' };
      const anchored = anchors.get(row.id);
      if (anchored !== undefined && anchored !== hash)
        return { ok: false, entries: count, id: row.id, reason: 'anchor' };
      prev = hash;
      count += 1;
      lastId = row.id;
    }
  }
  for (const id of anchors.keys())
    if (id > lastId) return { ok: false, entries: count, id, reason: 'anchor' };
  const head = await auditHead(db);
  // entries removed from the end leave a head that no longer matches the last entry
  if (head.hash !== prev || head.id !== lastId)
    return { ok: false, entries: count, id: null, reason: 'head' };
  if (head.entries !== count) return { ok: false, entries: count, id: null, reason: 'count' };
  return { ok: true, entries: count, lastHash: prev, lastId };
}

export interface AuditQuery {
  username?: string;
  unitId?: number;
  planId?: number;
  itemId?: number;
  /** a criterion's code (with planId: its history across replaced imports) */
  code?: string;
  /** ISO dates, inclusive */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  /** only entries of these units (scoped readers); undefined: all */
  units?: readonly number[];
}

export type AuditRow = Selectable<AuditLogTable>;

export async function queryAudit(
  db: Kysely<DB>,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  let base = db.selectFrom('audit_log');
  if (q.username) base = base.where('username', '=', q.username.toLowerCase());
  if (q.unitId !== undefined) base = base.where('unit_id', '=', q.unitId);
  if (q.planId !== undefined) base = base.where('plan_id', '=', q.planId);
  if (q.itemId !== undefined) base = base.where('item_id', '=', q.itemId);
  if (q.code !== undefined) base = base.where('code', '=', q.code);
  if (q.from) base = base.where('at', '>=', startOfDay(q.from));
  if (q.to) base = base.where('at', '<', startOfDay(q.to, 1));
  if (q.units)
    base = q.units.length === 0 ? base.where('id', '<', 0) : base.where('unit_id', 'in', [...q.units]);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('id', 'desc')
    .limit(Math.min(q.limit ?? 100, 5000))
    .offset(q.offset ?? 0)
    .execute();
  return { rows, total: Number(counted.n) };
}

/**
 * Offices read dates in Vietnam's time (UTC+7, no daylight saving): a day runs from 00:00 there,
 * which is 17:00 UTC the day before. Entries are stored in UTC.
 */
const OFFICE_UTC_OFFSET = '+07:00';

function startOfDay(date: string, plusDays = 0): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00${OFFICE_UTC_OFFSET}`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

/** The page's filters, as a reader may use them: a scoped reader sees the entries of its units. */
export async function auditQueryFor(
  db: Kysely<DB>,
  actor: Actor,
  q: {
    user?: string;
    unit?: number;
    plan?: number;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  },
): Promise<AuditQuery> {
  if (!hasPermission(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const parents = await unitParents(db);
  // a unit means the unit and every unit below it
  let units: Set<number> | undefined =
    q.unit === undefined
      ? undefined
      : new Set([...parents.keys()].filter((id) => isWithin(id, q.unit!, parents)));
  if (!isGlobal(actor, 'audit.read')) {
    const reach = [...parents.keys()].filter((id) => reachesUnit(actor, 'audit.read', id, parents));
    units = new Set(units === undefined ? reach : reach.filter((id) => units!.has(id)));
  }
  return {
    username: q.user,
    planId: q.plan,
    from: q.from,
    to: q.to,
    limit: q.limit,
    offset: q.offset,
    units: units && [...units],
  };
}

/** One criterion's history in a plan, by its code: a replaced import gives it a new item, not a new history. */
export async function criterionHistory(
  db: Kysely<DB>,
  actor: Actor,
  planId: number,
  itemId: number,
): Promise<AuditRow[]> {
  const item = await db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['criteria.code', 'plans.subject_unit_id'])
    .where('plan_items.id', '=', itemId)
    .where('plan_items.plan_id', '=', planId)
    .executeTakeFirst();
  if (!item) {
    const plan = await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst();
    throw plan
      ? new AppError('ITEM_NOT_FOUND', { id: itemId })
      : new AppError('PLAN_NOT_FOUND', { id: planId });
  }
  if (!reachesUnit(actor, 'audit.read', item.subject_unit_id, await parentsFor(db, actor)))
    throw new AppError('FORBIDDEN');
  return (await queryAudit(db, { planId, code: item.code, limit: 500 })).rows;
}

const ACTION_VI: Record<AuditAction, string> = {
  'plan.import': 'Nhập kế hoạch',
  'plan.replace': 'Thay nội dung kế hoạch',
  'plan.archive': 'Lưu trữ / bỏ lưu trữ kế hoạch',
  'plan.delete': 'Xóa kế hoạch (nội dung giữ trong nhật ký)',
  'item.update': 'Sửa điểm tiêu chí',
  'item.follow': 'Tổng tiêu chí cha theo tiêu chí con',
  'plan.total': 'Tổng điểm kế hoạch',
  'finding.adopt_sum': 'Dùng tổng các tiêu chí con',
  'finding.acknowledge': 'Giữ như văn bản',
  'task.create': 'Tạo nhiệm vụ',
  'task.update': 'Sửa nhiệm vụ',
  'item.create': 'Thêm tiêu chí (nhập lại)',
  'item.delete': 'Bỏ tiêu chí (nhập lại)',
  'task.delete': 'Bỏ nhiệm vụ (nhập lại)',
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.grant': 'Cấp vai trò',
  'user.revoke': 'Thu hồi vai trò',
  'user.password_reset': 'Đặt lại mật khẩu',
  'user.password_change': 'Đổi mật khẩu',
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập thất bại',
  'auth.logout': 'Đăng xuất',
  'backup.create': 'Sao lưu dữ liệu',
  'backup.restore': 'Khôi phục dữ liệu từ bản sao lưu',
};

const ACTION_EN: Record<AuditAction, string> = {
  'plan.import': 'Plan imported',
  'plan.replace': 'Plan content replaced',
  'plan.archive': 'Plan archived / unarchived',
  'plan.delete': 'Plan deleted (content kept in the trail)',
  'item.update': 'Criterion score edited',
  'item.follow': 'Parent criterion follows its children',
  'plan.total': 'Plan total',
  'finding.adopt_sum': "Children's sum used",
  'finding.acknowledge': 'Kept as written',
  'task.create': 'Task created',
  'task.update': 'Task edited',
  'item.create': 'Criterion added (re-import)',
  'item.delete': 'Criterion removed (re-import)',
  'task.delete': 'Task removed (re-import)',
  'unit.create': 'Unit created',
  'unit.update': 'Unit edited',
  'user.create': 'Account created',
  'user.update': 'Account edited',
  'user.grant': 'Role granted',
  'user.revoke': 'Role revoked',
  'user.password_reset': 'Password reset',
  'user.password_change': 'Password changed',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'backup.create': 'Backup made',
  'backup.restore': 'Restored from a backup',
};

/** An action in words; an unknown action (from a newer version's trail) reads as its code. */
export function actionLabel(action: string, lang: 'vi' | 'en' = 'vi'): string {
  const labels: Record<string, string> = lang === 'en' ? ACTION_EN : ACTION_VI;
  return labels[action] ?? action;
}
