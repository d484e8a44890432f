/**
 * Who may do what, decided from data alone: a user holds grants (a role in a unit, or in the whole
 * installation); a role has permissions and a scope (see migration 0003). Pure: the use-cases read the
 * grants and the units' parents (modules/access.ts) and ask these functions.
 */

/** How far a grant in a unit reaches: the unit and everything under it, the unit, or a lead unit's rows. */
export type RoleScope = 'subtree' | 'unit' | 'lead';

export type Permission =
  | 'plan.read'
  | 'plan.edit'
  | 'task.follow'
  | 'plan.import'
  | 'unit.admin'
  | 'user.admin'
  | 'audit.read'
  | 'appraisal.edit'
  | 'plan.delete'
  /** frameworks: import, edit, publish, new versions, crosswalks (installation-wide) */
  | 'framework.manage'
  /** assessment rounds: create, calendar, extensions, survey scores, reminders, overview (core/assessment.ts) */
  | 'round.manage'
  /** a unit's self-assessment: answers, evidence, submit, explanations */
  | 'assessment.self'
  /** the appraisal council: final scores, audited corrections */
  | 'assessment.council'
  /** results and ranking: import results, ranking pools and bands, publish a round's results (installation-wide) */
  | 'results.manage';

export interface Grant {
  id: number;
  role: string;
  /** null: the whole installation */
  unitId: number | null;
  scope: RoleScope;
  permissions: ReadonlySet<string>;
}

export interface Actor {
  /** null for the command line, which acts with the rights of whoever can open the database */
  userId: number | null;
  username: string;
  ip: string;
  grants: readonly Grant[];
}

/** The command line: it holds the database itself, so it holds every right; its changes are audited as it. */
export function systemActor(username = 'cli'): Actor {
  return {
    userId: null,
    username,
    ip: 'local',
    grants: [
      {
        id: 0,
        role: 'system',
        unitId: null,
        scope: 'subtree',
        permissions: new Set<Permission>([
          'plan.read',
          'plan.edit',
          'task.follow',
          'plan.import',
          'unit.admin',
          'user.admin',
          'audit.read',
          'appraisal.edit',
          'plan.delete',
          'framework.manage',
          'round.manage',
          'assessment.self',
          'assessment.council',
          'results.manage',
        ]),
      },
    ],
  };
}

export function isWithin(
  unitId: number,
  ancestorId: number,
  parents: ReadonlyMap<number, number | null>,
): boolean {
  const seen = new Set<number>();
  for (let u: number | null = unitId; u !== null && !seen.has(u); u = parents.get(u) ?? null) {
    if (u === ancestorId) return true;
    seen.add(u);
  }
  return false;
}

/** What a user reaches of one plan: all of it, only the rows of some lead units, or nothing. */
export type PlanAccess = { kind: 'all' } | { kind: 'lead'; units: ReadonlySet<number> } | null;

export function planAccess(
  actor: Actor,
  permission: Permission,
  subjectId: number,
  parents: ReadonlyMap<number, number | null>,
): PlanAccess {
  const lead = new Set<number>();
  for (const g of actor.grants) {
    if (!g.permissions.has(permission)) continue;
    if (g.unitId === null) return { kind: 'all' };
    if (g.scope === 'subtree' && isWithin(subjectId, g.unitId, parents)) return { kind: 'all' };
    if (g.scope === 'unit' && g.unitId === subjectId) return { kind: 'all' };
    if (g.scope === 'lead' && parents.get(g.unitId) === subjectId) lead.add(g.unitId);
  }
  return lead.size > 0 ? { kind: 'lead', units: lead } : null;
}

/** Whether a unit lies within the reach of a permission (unit administration, users, audit). */
export function reachesUnit(
  actor: Actor,
  permission: Permission,
  unitId: number | null,
  parents: ReadonlyMap<number, number | null>,
): boolean {
  return actor.grants.some(
    (g) =>
      g.permissions.has(permission) &&
      (g.unitId === null ||
        (unitId !== null &&
          ((g.scope === 'subtree' && isWithin(unitId, g.unitId, parents)) ||
            (g.scope !== 'subtree' && g.unitId === unitId)))),
  );
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => g.permissions.has(permission));
}

export function isGlobal(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => g.permissions.has(permission) && g.unitId === null);
}

/**
 * Whether granting a role of this scope in this unit stays within what the grantor already reaches
 * as an administrator of accounts: what the grant reaches must lie within the grantor's `user.admin`
 * reach. A subtree grant reaches the unit and everything under it; a unit grant the unit; a lead grant
 * in U the rows of U's parent's plans — so a district's administrator may make a lead-unit officer of
 * an office under the district, but not of the district itself, whose parent's plans it does not reach.
 */
export function grantWithinReach(
  grantor: Actor,
  grant: { scope: RoleScope; unitId: number | null },
  parents: ReadonlyMap<number, number | null>,
): boolean {
  const admin = grantor.grants.filter((g) => g.permissions.has('user.admin'));
  if (admin.some((g) => g.unitId === null)) return true;
  if (grant.unitId === null) return false;
  const unit = grant.unitId;
  const coversSubtreeOf = (u: number) =>
    admin.some((g) => g.unitId !== null && g.scope === 'subtree' && isWithin(u, g.unitId, parents));
  const covers = (u: number) => coversSubtreeOf(u) || admin.some((g) => g.unitId === u && g.scope === 'unit');
  switch (grant.scope) {
    case 'subtree':
      return coversSubtreeOf(unit);
    case 'unit':
      return covers(unit);
    case 'lead': {
      const parent = parents.get(unit) ?? null;
      // a lead grant in a unit without a parent reaches no plan; the unit itself must be the grantor's
      return covers(unit) && (parent === null || covers(parent));
    }
  }
}
