/**
 * The unit whose plan an appendix is: which units it can belong to, and whether it still exists in
 * the plan's year (units are dissolved, merged or renamed: see units.lineage, units.valid_to).
 */
import { PARENT_GROUPS, SUBJECT_LEVELS, type UnitGroup } from './unit-names.js';

/** The kinds of unit a new subject of this group can be placed under; empty: the top level. */
export function parentKindsFor(group: UnitGroup): string[] {
  const groups = PARENT_GROUPS[group];
  return [...new Set(SUBJECT_LEVELS.filter((l) => groups.includes(l.group)).map((l) => l.kind))];
}

export interface UnitLifetime {
  /** ISO date of the unit's last day, when it ended */
  validTo: string | null;
  /** dissolved / merged / renamed */
  lineage: string | null;
}

/**
 * A plan covers a whole year: a unit that ended on 30/06/2025 can have a plan for 2025 (its last
 * months), not for 2026.
 */
export function endedBefore(unit: UnitLifetime, year: number): boolean {
  return unit.validTo !== null && Number(unit.validTo.slice(0, 4)) < year;
}
