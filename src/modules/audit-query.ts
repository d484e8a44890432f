/**
 * Reading the audit trail: the page's filters as a reader may use them (a scoped reader sees the
 * entries of its units), and one criterion's history in a plan.
 */
import type { Kysely } from 'kysely';
import { findAuditEntries, itemCodeInPlan, type AuditRow } from '../db/audit-repo.js';
import { findPlan } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import {
  hasPermission,
  isGlobal,
  isWithin,
  parentsForPlan,
  reachesUnit,
  unitParents,
  type Actor,
} from './access.js';
import { AppError } from './errors.js';

export type { AuditRow };

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

export async function queryAudit(
  db: Kysely<DB>,
  q: AuditQuery,
): Promise<{ rows: AuditRow[]; total: number }> {
  return findAuditEntries(db, {
    username: q.username ? q.username.toLowerCase() : undefined,
    unitId: q.unitId,
    planId: q.planId,
    itemId: q.itemId,
    code: q.code,
    fromAt: q.from ? startOfDay(q.from) : undefined,
    toAt: q.to ? startOfDay(q.to, 1) : undefined,
    units: q.units,
    limit: Math.min(q.limit ?? 100, 5000),
    offset: q.offset ?? 0,
  });
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
  const item = await itemCodeInPlan(db, planId, itemId);
  if (!item) {
    const plan = await findPlan(db, planId);
    throw plan
      ? new AppError('ITEM_NOT_FOUND', { id: itemId })
      : new AppError('PLAN_NOT_FOUND', { id: planId });
  }
  if (
    !reachesUnit(
      actor,
      'audit.read',
      item.subject_unit_id,
      await parentsForPlan(db, actor, item.subject_unit_id),
    )
  )
    throw new AppError('FORBIDDEN');
  return (await queryAudit(db, { planId, code: item.code, limit: 500 })).rows;
}
