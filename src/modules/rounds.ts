/**
 * Assessment rounds (issue 11 point 1, decision 0014): create one (a framework published or in use,
 * put in use in the same transaction; the units as a list or a group; the calendar checked; every
 * leaf's follow-up unit resolved), the list a reader may see, one round with its units' states and
 * what is late, a change of name or calendar (version-checked, before publication), a unit's request
 * for more time and the office's decision. Every change audited in its own transaction.
 *
 * Rights (core/assessment.ts): the office actions need round.manage reaching every unit of the round;
 * a request for more time needs assessment.self in the unit; reading needs canReadAssessment on at
 * least one unit, and shows only those units.
 */
import type { Kysely } from 'kysely';
import {
  calendarProblems,
  canManageRound,
  canReadAssessment,
  canSelfAssess,
  currentPhase,
  extensionRequestProblem,
  extensionUntilProblem,
  isPublished,
  lateReason,
  PHASES,
  roundDay,
  type Phase,
  type PhaseDates,
  type RoundCalendar,
  type UnitRoundState,
} from '../core/assessment.js';
import type { MissingFollowUp } from '../core/messages/rounds.js';
import { splitUnitCell, UnitMatcher } from '../core/units.js';
import {
  findFrameworkRow,
  frameworkCriteria,
  lockFramework,
  updateCriterionRow,
  type CriterionRecord,
} from '../db/frameworks-repo.js';
import {
  allRoundPhaseRows,
  allRoundUnitStates,
  decideExtensionRow,
  extensionRows,
  findExtension,
  hasPendingExtension,
  insertExtension,
  insertRound,
  insertRoundUnits,
  lockRound,
  roundListRows,
  unexplainedReturns,
  updateRoundRow,
  writeRoundPhases,
  type RoundExtensionRecord,
} from '../db/rounds-repo.js';
import type { DB } from '../db/schema.js';
import { allUnits, type UnitRecord } from '../db/units-repo.js';
import type {
  Extension,
  ExtensionDecision,
  ExtensionRequest,
  RoundCreate,
  RoundList,
  RoundPatch,
  RoundSummary,
  RoundUnit,
  RoundView,
} from '../shared/api/rounds.js';
import { hasPermission, parentsFor, type Actor } from './access.js';
import { audit, type AuditEntry } from './audit.js';
import { notify } from './notifications.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { setFrameworkInUse } from './frameworks.js';
import { calendarOf, loadRound } from './round-context.js';

/** States past the self-assessment: the unit has submitted. */
const SUBMITTED: ReadonlySet<string> = new Set<UnitRoundState>([
  'submitted',
  'returned',
  'appraised',
  'final',
]);

/** The calendar as given, in PHASES order, refused whole with every problem named by its phase. */
export function checkedCalendar(
  input: readonly { phase: Phase; opensOn: string; closesOn: string }[],
): PhaseDates[] {
  const calendar = PHASES.flatMap((phase) => {
    const p = input.find((x) => x.phase === phase);
    return p ? [{ phase, opensOn: p.opensOn.trim(), closesOn: p.closesOn.trim() }] : [];
  });
  const problems = calendarProblems(calendar);
  // the problems as details too: the round's forms word each one beside its phase
  if (problems.length > 0) throw new AppError('ROUND_CALENDAR_INVALID', { problems }, { problems });
  return calendar;
}

// ——— create ———

export async function createRound(deps: Deps, actor: Actor, input: RoundCreate): Promise<RoundView> {
  const calendar = checkedCalendar(input.calendar);
  const now = deps.clock().toISOString();
  const id = await deps.db.transaction().execute(async (db) => {
    const units = await allUnits(db);
    const parents = new Map(units.map((u) => [u.id, u.parent_id]));
    const unitIds = assessedUnits(units, input);
    if (!canManageRound(actor, unitIds, parents)) throw new AppError('FORBIDDEN');
    const framework = await lockFramework(db, input.frameworkId);
    if (!framework) throw new AppError('FRAMEWORK_NOT_FOUND', { id: input.frameworkId });
    if (framework.state === 'draft') {
      throw new AppError('FRAMEWORK_STATE', { name: framework.name, state: framework.state });
    }
    await resolveFollowUps(db, actor, now, framework.id, units, unitIds);
    await setFrameworkInUse(db, framework.id, actor, now);
    const roundId = await insertRound(db, {
      name: input.name,
      year: input.year,
      framework_id: framework.id,
      created_at: now,
      created_by: actor.username,
      published_at: null,
    });
    await writeRoundPhases(db, roundId, calendar);
    await insertRoundUnits(db, roundId, unitIds);
    await audit(db, actor, now, [
      {
        action: 'round.create',
        entity: 'round',
        entityId: roundId,
        newValue: JSON.stringify({
          name: input.name,
          year: input.year,
          frameworkId: framework.id,
          units: unitIds,
          calendar,
        }),
      },
    ]);
    return roundId;
  });
  return getRound(deps, actor, id);
}

/**
 * The units a round assesses: the list given and the units of the group's kinds anywhere under its
 * parent (not archived, not ended before the round's year), each once, in id order.
 */
function assessedUnits(units: readonly UnitRecord[], input: RoundCreate): number[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chosen = new Set<number>();
  for (const id of input.unitIds ?? []) {
    if (!byId.has(id)) throw new AppError('UNIT_NOT_FOUND', { id });
    chosen.add(id);
  }
  if (input.unitGroup) {
    const { parentId, kinds } = input.unitGroup;
    if (!byId.has(parentId)) throw new AppError('UNIT_NOT_FOUND', { id: parentId });
    const under = descendants(units, [parentId]);
    const yearStart = `${input.year}-01-01`;
    for (const u of units) {
      if (!under.has(u.id) || u.id === parentId || !kinds.includes(u.kind)) continue;
      if (u.archived === 1 || (u.valid_to !== null && u.valid_to < yearStart)) continue;
      chosen.add(u.id);
    }
  }
  if (chosen.size === 0) throw new AppError('ROUND_NO_UNITS', {});
  return [...chosen].sort((a, b) => a - b);
}

/** The units under any of these (themselves included). */
function descendants(units: readonly UnitRecord[], roots: readonly number[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parent_id === null) continue;
    const list = children.get(u.parent_id);
    if (list) list.push(u.id);
    else children.set(u.parent_id, [u.id]);
  }
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The topmost ancestor of a unit (itself when it has no parent): its province. */
function topOf(unitId: number, byId: ReadonlyMap<number, UnitRecord>): number {
  let id = unitId;
  const seen = new Set<number>();
  for (
    let p = byId.get(id)?.parent_id ?? null;
    p !== null && !seen.has(p);
    p = byId.get(p)?.parent_id ?? null
  ) {
    seen.add(p);
    id = p;
  }
  return id;
}

/**
 * Every leaf of the framework must be followed (and appraised) by a unit: its own follow-up unit,
 * else its nearest ancestor's. A criterion whose unit is not set but whose document named one has the
 * name resolved among the units of the assessed units' provinces (core/units.ts folding: case, tone
 * placement, spelling variants); the resolution is written to the framework and audited. Refused
 * whole, listing each area (or criterion) whose follow-up unit cannot be found.
 */
async function resolveFollowUps(
  db: Kysely<DB>,
  actor: Actor,
  at: string,
  frameworkId: number,
  units: readonly UnitRecord[],
  assessed: readonly number[],
): Promise<void> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const provinces = descendants(units, [...new Set(assessed.map((u) => topOf(u, byId)))]);
  const matcher = new UnitMatcher<UnitRecord>({ levelWords: [] });
  for (const u of units) if (provinces.has(u.id) && u.archived === 0) matcher.add(u.name, u);

  const criteria = await frameworkCriteria(db, frameworkId);
  const parentCodes = new Set(criteria.map((c) => c.parent_code));
  const effective = new Map<string, number | null>();
  /** the criterion that should have named the unit: the nearest with a text, else the area */
  const source = new Map<string, MissingFollowUp>();
  const resolved: FollowUpAssignment[] = [];
  const missing = new Map<string, MissingFollowUp>();
  for (const c of criteria) {
    let own = c.followed_by;
    if (own === null && c.followed_by_text) {
      const name = splitUnitCell(c.followed_by_text)[0] ?? '';
      const found = name === '' ? null : matcher.match(name);
      if (found) {
        own = found.value.id;
        resolved.push({ criterion: c, unitId: own });
      }
    }
    const inherited = c.parent_code === null ? null : (effective.get(c.parent_code) ?? null);
    effective.set(c.code, own ?? inherited);
    const parentSource = c.parent_code === null ? undefined : source.get(c.parent_code);
    source.set(
      c.code,
      c.followed_by_text || !parentSource
        ? { code: c.code, name: c.name, text: c.followed_by_text }
        : parentSource,
    );
    if (!parentCodes.has(c.code) && effective.get(c.code) === null) {
      const s = source.get(c.code)!;
      missing.set(s.code, s);
    }
  }
  if (missing.size > 0) throw new AppError('ROUND_FOLLOW_UP_MISSING', { criteria: [...missing.values()] });
  await assignFollowUps(db, actor, at, resolved);
}

/** A criterion given its follow-up unit (followed_by). */
export interface FollowUpAssignment {
  criterion: Pick<CriterionRecord, 'id' | 'version' | 'code' | 'followed_by'>;
  unitId: number;
}

/**
 * Criteria given their follow-up unit: each written (STALE_VERSION when one changed meanwhile) and
 * audited as a `criterion.update` of followed_by, in the transaction given. Used by createRound
 * (a unit resolved from the name the document gave) and by the demo generator (modules/demo-rounds.ts:
 * a province lacking a department the framework names).
 */
export async function assignFollowUps(
  db: Kysely<DB>,
  actor: Actor,
  at: string,
  assignments: readonly FollowUpAssignment[],
): Promise<void> {
  const entries: AuditEntry[] = [];
  for (const { criterion: c, unitId } of assignments) {
    if ((await updateCriterionRow(db, c.id, c.version, { followed_by: unitId })) === 0) {
      throw new AppError('STALE_VERSION', {});
    }
    entries.push({
      action: 'criterion.update',
      entity: 'criterion',
      entityId: c.id,
      code: c.code,
      field: 'followed_by',
      oldValue: c.followed_by,
      newValue: unitId,
    });
  }
  await audit(db, actor, at, entries);
}

// ——— read ———

export async function listRounds(deps: Deps, actor: Actor): Promise<RoundList> {
  const [rows, phases, unitStates, parents] = await Promise.all([
    roundListRows(deps.db),
    allRoundPhaseRows(deps.db),
    allRoundUnitStates(deps.db),
    parentsFor(deps.db, actor),
  ]);
  const day = roundDay(deps.clock());
  const readsAll = hasPermission(actor, 'appraisal.edit') || hasPermission(actor, 'assessment.council');
  const rounds: RoundSummary[] = [];
  for (const r of rows) {
    const calendar = calendarOf(phases.filter((p) => p.round_id === r.id));
    const units = unitStates.filter((u) => u.round_id === r.id);
    const published = isPublished(calendar, day);
    const myUnits = units
      .filter((u) => canSelfAssess(actor, u.unit_id, parents))
      .map((u) => ({ unitId: u.unit_id, unitName: u.unit_name }));
    const managed = units.some((u) => canManageRound(actor, [u.unit_id], parents));
    const reads =
      readsAll ||
      managed ||
      myUnits.length > 0 ||
      units.some((u) => canReadAssessment(actor, u.unit_id, parents, published));
    if (!reads) continue;
    rounds.push({
      id: r.id,
      name: r.name,
      year: r.year,
      frameworkId: r.framework_id,
      frameworkName: r.framework_name,
      phase: currentPhase(calendar, day),
      calendar: [...calendar],
      units: units.length,
      submitted: units.filter((u) => SUBMITTED.has(u.state)).length,
      published,
      myUnits,
    });
  }
  return { rounds };
}

function extensionOf(e: RoundExtensionRecord & { unit_name: string }): Extension {
  return {
    id: e.id,
    unitId: e.unit_id,
    unitName: e.unit_name,
    phase: e.phase as Phase,
    reason: e.reason,
    requestedBy: e.requested_by,
    requestedAt: e.requested_at,
    state: e.state,
    until: e.until,
    decidedBy: e.decided_by,
    decidedAt: e.decided_at,
    note: e.decision_note,
  };
}

/** The round with the units the reader may see, their states, what is late and the requests for more time. */
export async function getRound(deps: Deps, actor: Actor, id: number): Promise<RoundView> {
  const ctx = await loadRound(deps.db, id, deps.clock(), { criteria: false });
  const [parents, extensions, unexplained, framework] = await Promise.all([
    parentsFor(deps.db, actor),
    extensionRows(deps.db, id),
    unexplainedReturns(deps.db, id),
    findFrameworkRow(deps.db, ctx.round.framework_id),
  ]);
  const visible = ctx.units.filter((u) => canReadAssessment(actor, u.unit_id, parents, ctx.published));
  if (visible.length === 0) throw new AppError('FORBIDDEN');
  const seen = new Set(visible.map((u) => u.unit_id));
  const granted = new Map<number, Partial<Record<Phase, string>>>();
  const latest = new Map<number, { phase: Phase; until: string }>();
  for (const e of extensions) {
    if (e.state !== 'granted' || e.until === null) continue;
    const phase = e.phase as Phase;
    const mine = granted.get(e.unit_id) ?? {};
    if (!mine[phase] || e.until > mine[phase]) mine[phase] = e.until;
    granted.set(e.unit_id, mine);
    const last = latest.get(e.unit_id);
    if (!last || e.until >= last.until) latest.set(e.unit_id, { phase, until: e.until });
  }
  const units = visible.map((u): RoundUnit => {
    const state = u.state as UnitRoundState;
    const why = lateReason(ctx.calendar, ctx.day, {
      state,
      unexplained: unexplained.get(u.unit_id) ?? 0,
      extendedUntil: granted.get(u.unit_id) ?? {},
    });
    const extension = latest.get(u.unit_id);
    return {
      unitId: u.unit_id,
      unitName: u.unit_name,
      state,
      submittedAt: u.submitted_at,
      late: why !== null,
      ...(why !== null ? { lateReason: why } : {}),
      ...(extension ? { extension } : {}),
    };
  });
  return {
    id: ctx.round.id,
    name: ctx.round.name,
    year: ctx.round.year,
    framework: { id: ctx.round.framework_id, name: framework?.name ?? '' },
    calendar: [...ctx.calendar],
    phase: currentPhase(ctx.calendar, ctx.day),
    today: ctx.day,
    published: ctx.published,
    version: ctx.round.version,
    canManage: canManageRound(
      actor,
      ctx.units.map((u) => u.unit_id),
      parents,
    ),
    units,
    extensions: extensions.filter((e) => seen.has(e.unit_id)).map(extensionOf),
  };
}

// ——— change ———

/** Locks the round, loads it in the transaction and checks the actor manages every unit of it. */
async function managedRound(db: Kysely<DB>, actor: Actor, id: number, now: Date) {
  const row = await lockRound(db, id);
  if (!row) throw new AppError('ROUND_NOT_FOUND', { id });
  const ctx = await loadRound(db, id, now, { criteria: false });
  const parents = await parentsFor(db, actor);
  if (
    !canManageRound(
      actor,
      ctx.units.map((u) => u.unit_id),
      parents,
    )
  ) {
    throw new AppError('FORBIDDEN');
  }
  return ctx;
}

const phaseText = (p: PhaseDates | undefined) => (p ? JSON.stringify(p) : null);

export async function updateRound(
  deps: Deps,
  actor: Actor,
  id: number,
  patch: RoundPatch,
): Promise<RoundView> {
  const now = deps.clock();
  const calendar = patch.calendar === undefined ? undefined : checkedCalendar(patch.calendar);
  await deps.db.transaction().execute(async (db) => {
    const ctx = await managedRound(db, actor, id, now);
    if (ctx.round.version !== patch.version) throw new AppError('STALE_VERSION', {});
    if (ctx.published) throw new AppError('ROUND_PUBLISHED', { round: ctx.round.name });
    const entries: AuditEntry[] = [];
    if (patch.name !== undefined && patch.name !== ctx.round.name) {
      entries.push({
        action: 'round.update',
        entity: 'round',
        entityId: id,
        field: 'name',
        oldValue: ctx.round.name,
        newValue: patch.name,
      });
    }
    const changedPhases = calendar === undefined ? [] : changes(ctx.calendar, calendar);
    for (const phase of changedPhases) {
      entries.push({
        action: 'round.calendar',
        entity: 'round',
        entityId: id,
        field: 'calendar',
        oldValue: phaseText(ctx.calendar.find((p) => p.phase === phase)),
        newValue: phaseText(calendar!.find((p) => p.phase === phase)),
      });
    }
    if (entries.length === 0) return;
    const set = patch.name !== undefined && patch.name !== ctx.round.name ? { name: patch.name } : {};
    if ((await updateRoundRow(db, id, patch.version, set)) === 0) throw new AppError('STALE_VERSION', {});
    if (changedPhases.length > 0) await writeRoundPhases(db, id, calendar!);
    await audit(db, actor, now.toISOString(), entries);
  });
  return getRound(deps, actor, id);
}

function changes(before: RoundCalendar, after: RoundCalendar): Phase[] {
  return PHASES.filter((phase) => {
    const a = before.find((p) => p.phase === phase);
    const b = after.find((p) => p.phase === phase);
    return a?.opensOn !== b?.opensOn || a?.closesOn !== b?.closesOn;
  });
}

/** A unit asks for more time in a phase it works in (self-assessment or explanation). */
export async function requestExtension(
  deps: Deps,
  actor: Actor,
  roundId: number,
  unitId: number,
  request: ExtensionRequest,
): Promise<Extension> {
  const now = deps.clock();
  const at = now.toISOString();
  const extensionId = await deps.db.transaction().execute(async (db) => {
    if (!(await lockRound(db, roundId))) throw new AppError('ROUND_NOT_FOUND', { id: roundId });
    const parents = await parentsFor(db, actor);
    if (!canSelfAssess(actor, unitId, parents)) throw new AppError('FORBIDDEN');
    const ctx = await loadRound(db, roundId, now, { unitId, criteria: false });
    if (ctx.units.length === 0) {
      throw new AppError('UNIT_NOT_IN_ROUND', { unit: `#${unitId}`, round: ctx.round.name });
    }
    const problem = extensionRequestProblem(ctx.calendar, request.phase, ctx.day);
    if (problem !== null) throw new AppError('EXTENSION_NOT_ALLOWED', { phase: request.phase, problem });
    if (await hasPendingExtension(db, roundId, unitId, request.phase)) {
      throw new AppError('EXTENSION_PENDING', { phase: request.phase });
    }
    const id = await insertExtension(db, {
      round_id: roundId,
      unit_id: unitId,
      phase: request.phase,
      reason: request.reason,
      requested_by: actor.username,
      requested_at: at,
      until: null,
      decided_by: null,
      decided_at: null,
    });
    await audit(db, actor, at, [
      {
        action: 'round.extension_request',
        entity: 'round',
        entityId: roundId,
        unitId,
        field: 'extension',
        newValue: JSON.stringify({ id, phase: request.phase, reason: request.reason }),
      },
    ]);
    return id;
  });
  const rows = await extensionRows(deps.db, roundId);
  return extensionOf(rows.find((e) => e.id === extensionId)!);
}

/** The office grants a request until a day (after the phase's end, before publication) or refuses it. */
export async function decideExtension(
  deps: Deps,
  actor: Actor,
  roundId: number,
  extensionId: number,
  decision: ExtensionDecision,
): Promise<RoundView> {
  const now = deps.clock();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (db) => {
    const ctx = await managedRound(db, actor, roundId, now);
    if (ctx.published) throw new AppError('ROUND_PUBLISHED', { round: ctx.round.name });
    const ext = await findExtension(db, roundId, extensionId);
    if (!ext) throw new AppError('EXTENSION_NOT_FOUND', { id: extensionId });
    if (ext.state !== 'requested') throw new AppError('EXTENSION_DECIDED', { state: ext.state });
    const phase = ext.phase as Phase;
    const until = decision.decision === 'grant' ? decision.until! : null;
    if (until !== null) {
      const problem = extensionUntilProblem(ctx.calendar, phase, until, ctx.day);
      if (problem !== null) throw new AppError('EXTENSION_UNTIL', { phase, until, problem });
    }
    const state = decision.decision === 'grant' ? 'granted' : 'refused';
    const note = decision.note ?? '';
    const changed = await decideExtensionRow(db, extensionId, {
      state,
      until,
      decided_by: actor.username,
      decided_at: at,
      decision_note: note,
    });
    if (changed === 0) throw new AppError('STALE_VERSION', {});
    await audit(db, actor, at, [
      {
        action: state === 'granted' ? 'round.extension_grant' : 'round.extension_refuse',
        entity: 'round',
        entityId: roundId,
        unitId: ext.unit_id,
        field: 'extension',
        oldValue: JSON.stringify({ id: ext.id, phase, state: ext.state }),
        newValue: JSON.stringify({ id: ext.id, phase, state, until, note }),
      },
    ]);
    // the unit that asked is told in the same transaction (the bell; modules/notifications.ts)
    await notify(
      db,
      [
        {
          unitId: ext.unit_id,
          roundId,
          message:
            until !== null
              ? { kind: 'extension-granted', params: { round: ctx.round.name, phase, until } }
              : { kind: 'extension-refused', params: { round: ctx.round.name, phase, note: note || null } },
        },
      ],
      at,
    );
  });
  return getRound(deps, actor, roundId);
}
