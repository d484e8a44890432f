/**
 * Who may do what, read from the database: the grants of a user and the units' parents, handed to the
 * pure rules of core/access.ts (re-exported here). The interface only hides what the server would
 * refuse anyway.
 */
import type { Kysely } from 'kysely';
import type { DB, StoredGrant } from '../db/schema.js';
import { unitAncestry, unitParentRows } from '../db/units-repo.js';
import { planAccess, type Actor, type Grant, type Permission } from '../core/access.js';
import { AppError } from './errors.js';

export * from '../core/access.js';

/** A grant as the user's row keeps it (users.grants, 0036). */
export function grantOf(g: StoredGrant): Grant {
  return { id: g.id, role: g.role, unitId: g.unitId, scope: g.scope, permissions: new Set(g.permissions) };
}

/**
 * Parent of every unit, to walk up from a plan's subject. Grants over the whole installation never
 * need it: for an actor who holds only those, it is not read.
 */
export async function parentsFor(db: Kysely<DB>, actor: Actor): Promise<ReadonlyMap<number, number | null>> {
  return actor.grants.every((g) => g.unitId === null) ? new Map() : unitParents(db);
}

/**
 * What deciding about one unit needs of the tree: nothing when no grant reaches below its own unit
 * (installation-wide or one unit's grants), else the unit's own chain of ancestors (one statement).
 */
export async function parentsOfUnit(
  db: Kysely<DB>,
  actor: Actor,
  unitId: number,
): Promise<ReadonlyMap<number, number | null>> {
  return actor.grants.some((g) => g.unitId !== null && g.scope === 'subtree')
    ? unitAncestry(db, unitId)
    : new Map();
}

/**
 * What deciding about one plan needs of the tree, in one statement at most, instead of every unit's
 * parent (issue 13: a unit-scoped account read all units on every request): the subject's chain of
 * ancestors for subtree grants, the lead units' parents for lead grants; nothing for grants over
 * the whole installation or of one unit. Only for planAccess, requireWholePlan and reachesUnit about
 * this subject.
 */
export async function parentsForPlan(
  db: Kysely<DB>,
  actor: Actor,
  subjectId: number,
): Promise<ReadonlyMap<number, number | null>> {
  const below = actor.grants.filter((g) => g.unitId !== null && g.scope !== 'unit');
  if (below.length === 0) return new Map();
  const lead = below.filter((g) => g.scope === 'lead').map((g) => g.unitId!);
  return unitAncestry(db, [subjectId, ...lead]);
}

/** Parent of every unit, to walk up from a plan's subject. */
export function unitParents(db: Kysely<DB>): Promise<Map<number, number | null>> {
  return unitParentRows(db);
}

/** Refuses unless the user reaches the whole plan of this subject, its units' parents read for it. */
export async function requireWholePlanOf(
  db: Kysely<DB>,
  actor: Actor,
  permission: Permission,
  subjectId: number,
): Promise<void> {
  requireWholePlan(actor, permission, subjectId, await parentsForPlan(db, actor, subjectId));
}

/** Refuses unless the user reaches the whole plan. */
export function requireWholePlan(
  actor: Actor,
  permission: Permission,
  subjectId: number,
  parents: ReadonlyMap<number, number | null>,
): void {
  if (planAccess(actor, permission, subjectId, parents)?.kind !== 'all') throw new AppError('FORBIDDEN');
}
