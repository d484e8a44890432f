/**
 * Administration of units: the tree of local governments, agencies and offices with their kind and
 * parent. Audited like every change. Their lineage (merged, split, renamed, moved, dissolved) is not
 * edited here: it is derived from the events recorded through modules/unit-events.ts.
 */
import type { Kysely } from 'kysely';
import { levelWordOf } from '../core/subject.js';
import { sortByName } from '../core/collate.js';
import { oneLine } from '../core/text.js';
import { kindFitsParent, kindOfName } from '../core/unit-kinds.js';
import { unitKey } from '../core/units.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import {
  allUnits,
  childUnits,
  findUnit,
  insertUnit,
  updateUnitRow,
  type UnitChange,
} from '../db/units-repo.js';
import type { SameNameUnit, UnitNode, UnitPatch } from '../shared/api.js';
import { isGlobal, isWithin, reachesUnit, unitParents, type Actor } from './access.js';
import { audit } from './audit.js';
import { AppError } from './errors.js';
import { bumpPlansOf } from './plan-edits.js';
import { rememberState, type PlanState } from './plan-view.js';
import type { Deps } from './deps.js';

export type UnitsDeps = Deps;

/**
 * The folded key of a unit's name, as imports fold lead units: under a local government its level
 * word is dropped ("Văn phòng HĐND&UBND huyện" is "Văn phòng HĐND&UBND" under a district), so a
 * unit created here and one read from an appendix are the same unit.
 */
export async function unitKeyUnder(db: Kysely<DB>, name: string, parentId: number | null): Promise<string> {
  if (parentId === null) return unitKey(name, { levelWords: [] });
  const parent = await findUnit(db, parentId);
  const level = parent ? levelWordOf(parent.name) : null;
  return unitKey(name, { levelWords: level ? [level] : [] });
}

/** A unique index refused the name: another unit of that spelling under the same parent. */
export async function refusingDuplicates<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('UNIT_EXISTS', { name });
    throw error;
  }
}

/**
 * A unit's kind must fit its parent's (core/unit-kinds.ts), and a name that announces a kind
 * ("Tỉnh …") must be of that kind: a district's administrator cannot make a "Tỉnh Đắk Nông" of its own.
 */
export function requireFittingKind(
  name: string,
  kind: string,
  parent: { name: string; kind: string } | null,
): void {
  const named = kindOfName(name);
  if (named !== null && named !== kind) {
    throw new AppError('UNIT_KIND_NAME', { name, named, kind });
  }
  if (parent && !kindFitsParent(kind, parent.kind)) {
    throw new AppError('UNIT_KIND_PARENT', { kind, parent: parent.name, parentKind: parent.kind });
  }
}

async function unitRow(db: Kysely<DB>, id: number | null): Promise<{ name: string; kind: string } | null> {
  if (id === null) return null;
  return (await findUnit(db, id)) ?? null;
}

/** Names from the root down to the unit: ["Tỉnh Đắk Nông", "Huyện Krông Nô"]. */
export function unitPath(
  id: number,
  units: ReadonlyMap<number, { name: string; parent_id: number | null }>,
): string[] {
  const path: string[] = [];
  const seen = new Set<number>();
  for (let u: number | null = id; u !== null && !seen.has(u);) {
    seen.add(u);
    const unit = units.get(u);
    if (!unit) break;
    path.unshift(unit.name);
    u = unit.parent_id;
  }
  return path;
}

/** The same name, whatever the case and spacing: "tỉnh  Đắk Nông" is "Tỉnh Đắk Nông". */
function sameName(a: string, b: string): boolean {
  return (
    oneLine(a).normalize('NFC').toLocaleLowerCase('vi') ===
    oneLine(b).normalize('NFC').toLocaleLowerCase('vi')
  );
}

/**
 * The units anywhere in the installation whose name is exactly this one, with their path, so the
 * unit form can warn before a second "Tỉnh Đắk Nông" is made. Names of units are no secret; the
 * paths tell apart what the names do not.
 */
export async function sameNameUnits(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  exceptId: number | null,
): Promise<SameNameUnit[]> {
  if (!actor.grants.some((g) => g.permissions.has('unit.admin'))) throw new AppError('FORBIDDEN');
  const units = await allUnits(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  return units
    .filter((u) => u.id !== exceptId && sameName(u.name, name))
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind, path: unitPath(u.id, byId) }))
    .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000'), 'vi'));
}

function toNode(u: {
  id: number;
  name: string;
  kind: string;
  parent_id: number | null;
  successor_id: number | null;
  lineage: string | null;
  valid_from: string | null;
  valid_to: string | null;
  archived: number;
}): UnitNode {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    parentId: u.parent_id,
    successorId: u.successor_id,
    lineage: u.lineage,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    archived: Boolean(u.archived),
  };
}

/**
 * Every unit the actor administers, or whose audit trail it reads (the audit page filters by unit):
 * all of them for an administrator of the installation.
 */
export async function listUnits(db: Kysely<DB>, actor: Actor): Promise<UnitNode[]> {
  const rights = (['unit.admin', 'audit.read'] as const).filter((p) =>
    actor.grants.some((g) => g.permissions.has(p)),
  );
  if (rights.length === 0) throw new AppError('FORBIDDEN');
  const units = sortByName(await allUnits(db), (u) => u.name);
  const parents = new Map(units.map((u) => [u.id, u.parent_id]));
  return units.filter((u) => rights.some((p) => reachesUnit(actor, p, u.id, parents))).map(toNode);
}

export async function createUnit(
  deps: UnitsDeps,
  actor: Actor,
  input: { name: string; kind: string; parentId: number | null },
): Promise<UnitNode> {
  const now = deps.clock().toISOString();
  const name = oneLine(input.name);
  return refusingDuplicates(name, () =>
    deps.db.transaction().execute(async (trx) => {
      const id = await createUnitIn(trx, actor, input, now);
      return toNode((await findUnit(trx, id))!);
    }),
  );
}

/**
 * Creates a unit inside the caller's transaction (a successor made with its reorganisation,
 * modules/unit-events.ts): the parent within the actor's reach, a kind that fits it, audited. A unit
 * of the same name under the same parent is refused by the unique index (UNIT_EXISTS at the caller).
 */
export async function createUnitIn(
  trx: Kysely<DB>,
  actor: Actor,
  input: { name: string; kind: string; parentId: number | null; validFrom?: string | null },
  now: string,
): Promise<number> {
  const parents = await unitParents(trx);
  if (input.parentId !== null && !parents.has(input.parentId))
    throw new AppError('UNIT_NOT_FOUND', { id: input.parentId });
  if (
    input.parentId === null
      ? !isGlobal(actor, 'unit.admin')
      : !reachesUnit(actor, 'unit.admin', input.parentId, parents)
  ) {
    throw new AppError('FORBIDDEN');
  }
  const name = oneLine(input.name);
  requireFittingKind(name, input.kind, await unitRow(trx, input.parentId));
  const key = await unitKeyUnder(trx, name, input.parentId);
  const id = await insertUnit(trx, {
    name,
    name_key: key,
    kind: input.kind,
    parent_id: input.parentId,
    created_at: now,
  });
  if (input.validFrom) await updateUnitRow(trx, id, { valid_from: input.validFrom });
  await audit(trx, actor, now, [
    { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, newValue: name },
  ]);
  // the plans of the parent show the units under it
  if (input.parentId !== null) await bumpPlansOf(trx, [input.parentId], now);
  return id;
}

export async function updateUnit(
  deps: UnitsDeps,
  actor: Actor,
  unitId: number,
  patch: UnitPatch,
): Promise<UnitNode> {
  const parents = await unitParents(deps.db);
  if (!parents.has(unitId)) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  if (!reachesUnit(actor, 'unit.admin', unitId, parents)) throw new AppError('FORBIDDEN');
  if (patch.parentId !== undefined && patch.parentId !== null) {
    if (!parents.has(patch.parentId)) throw new AppError('UNIT_NOT_FOUND', { id: patch.parentId });
    if (isWithin(patch.parentId, unitId, parents)) throw new AppError('UNIT_CYCLE');
    if (!reachesUnit(actor, 'unit.admin', patch.parentId, parents)) throw new AppError('FORBIDDEN');
  }
  if (patch.parentId === null && !isGlobal(actor, 'unit.admin')) throw new AppError('FORBIDDEN');
  const now = deps.clock().toISOString();
  let moved: PlanState[] = [];
  const node = await deps.db.transaction().execute(async (trx) => {
    const before = (await findUnit(trx, unitId))!;
    const set: UnitChange = {};
    const parentAfter = patch.parentId !== undefined ? patch.parentId : before.parent_id;
    if (patch.name !== undefined || patch.parentId !== undefined) {
      // the key follows the name and the parent whose level word it drops
      set.name = patch.name !== undefined ? oneLine(patch.name) : before.name;
      set.name_key = await unitKeyUnder(trx, set.name, parentAfter);
    }
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.parentId !== undefined) set.parent_id = patch.parentId;
    if (patch.name !== undefined || patch.kind !== undefined || patch.parentId !== undefined) {
      const kindAfter = set.kind ?? before.kind;
      requireFittingKind(set.name ?? before.name, kindAfter, await unitRow(trx, parentAfter));
      // the units under it must still fit under its new kind
      if (set.kind !== undefined && set.kind !== before.kind) {
        const children = await childUnits(trx, unitId);
        const parent = { name: set.name ?? before.name, kind: kindAfter };
        const misfit = children.find((c) => !kindFitsParent(c.kind, kindAfter));
        if (misfit) requireFittingKind(misfit.name, misfit.kind, parent);
      }
    }
    // archived: hidden from the units list by default; its plans, tasks and trail stay as they are
    if (patch.archived !== undefined) set.archived = Number(patch.archived);
    const changes = (Object.keys(set) as (keyof typeof set)[])
      .filter((k): k is Exclude<typeof k, 'name_key'> => k !== 'name_key' && set[k] !== before[k])
      .map((k) => ({ field: k, oldValue: before[k], newValue: set[k] ?? null }));
    if (changes.length > 0) {
      await updateUnitRow(trx, unitId, set);
      // plans show the units of their subject (and name them in tasks): the unit's own and its
      // old and new parent's plans are read anew, all at once
      const related = [unitId, before.parent_id, set.parent_id].filter(
        (u): u is number => u !== null && u !== undefined,
      );
      moved = await bumpPlansOf(trx, related, now);
      await audit(
        trx,
        actor,
        now,
        changes.map((c) => ({
          action: 'unit.update' as const,
          entity: 'unit' as const,
          entityId: unitId,
          unitId,
          ...c,
        })),
      );
    }
    return toNode((await findUnit(trx, unitId))!);
  });
  for (const state of moved) rememberState(deps.db, state);
  return node;
}
