/**
 * Units across reorganisations (decision 0012): record an event from the form (merged A, B, C → D,
 * D made in the same step if new) or from an imported list (all or nothing), each audited; a unit's
 * lineage both ways; a successor's figure of a year from its predecessors' plans by a chosen rule.
 * The events are the record; units.successor_id, lineage, valid_to (and valid_from of a unit an
 * event makes) are kept in step here, in the event's transaction, for the readers that filter on
 * them (imports, parent choices, the units list).
 */
import type { Kysely } from 'kysely';
import { parseDeadline } from '../core/dates.js';
import {
  finding,
  findingMessage,
  formatLocation,
  type Finding,
  type FindingParamsOf,
  type RuleId,
} from '../core/findings.js';
import {
  endsUnits,
  eventProblems,
  lastYearFigure,
  lineageColumns,
  predecessors,
  successors,
  type BaselineRule,
  type LineageEvent,
  type LineageKind,
  type LineageProblem,
  type LineageStep,
} from '../core/lineage.js';
import type { LineageConflict } from '../core/messages.js';
import { decimalOrNull, parseScore, storedScore, toDecimalString, type Score } from '../core/score.js';
import { oneLine } from '../core/text.js';
import { kindOfName } from '../core/unit-kinds.js';
import { unitKey } from '../core/units.js';
import { planTotalsOf } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import {
  allUnitEvents,
  findUnitBaseline,
  insertUnitEvent,
  saveUnitBaseline,
  unitLifetimes,
  updateUnitRow,
} from '../db/units-repo.js';
import { readLineageListIsolated } from '../formats/read-pool.js';
import type { ListRow } from '../formats/lineage-list.js';
import type {
  LastYearView,
  LineageListResult,
  LineageStepView,
  UnitEventView,
  UnitLineage,
} from '../shared/api.js';
import { isWithin, reachesUnit, unitParents, type Actor } from './access.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { bumpPlansOf } from './plan-edits.js';
import { createUnitIn, refusingDuplicates, requireFittingKind, unitKeyUnder } from './units-admin.js';

type Unit = Awaited<ReturnType<typeof unitLifetimes>>[number];

export interface EventRequest {
  kind: LineageKind;
  /** yyyy-mm-dd or dd/mm/yyyy */
  date: string;
  decision: string;
  note: string;
  from: number[];
  to: number[];
  newUnit: { name: string; kind: string; parentId: number | null } | null;
}

/** A problem of core/lineage.ts with the units by name, for the catalog. */
function conflictOf(p: LineageProblem, names: ReadonlyMap<number, string>): LineageConflict {
  const name = (id: number) => names.get(id) ?? `#${id}`;
  switch (p.code) {
    case 'shape':
      return { problem: 'shape', kind: p.kind, from: p.from, to: p.to };
    case 'same-unit':
      return { problem: 'same-unit', unit: name(p.unit) };
    case 'twice':
      return { problem: 'twice', unit: name(p.unit), kind: p.kind, date: p.date };
    case 'cycle':
      return { problem: 'cycle', unit: name(p.unit) };
    case 'order':
      return { problem: 'order', unit: name(p.unit), began: p.began };
    case 'ended':
      return { problem: 'ended', unit: name(p.unit), until: p.until };
  }
}

function canChange(actor: Actor, unitId: number, parents: ReadonlyMap<number, number | null>): boolean {
  return reachesUnit(actor, 'unit.admin', unitId, parents);
}

function canRead(actor: Actor, unitId: number, parents: ReadonlyMap<number, number | null>): boolean {
  return (['plan.read', 'unit.admin'] as const).some((p) => reachesUnit(actor, p, unitId, parents));
}

/** The units and events as core/lineage.ts takes them, read in the caller's transaction. */
async function lineageState(db: Kysely<DB>) {
  const [units, events] = await Promise.all([unitLifetimes(db), allUnitEvents(db)]);
  return { units, byId: new Map(units.map((u) => [u.id, u])), events };
}

/**
 * Writes one event that fits those recorded (checked by the caller) and keeps the units' columns in
 * step: the units it ends get their last day, kind of end and single successor; a moved unit its
 * new parent. One audit entry per unit of the event.
 */
async function writeEvent(
  trx: Kysely<DB>,
  actor: Actor,
  now: string,
  event: Omit<LineageEvent, 'id'> & { note: string },
  events: LineageEvent[],
  byId: ReadonlyMap<number, Unit>,
  touchPlans = true,
): Promise<number> {
  const id = await insertUnitEvent(
    trx,
    {
      kind: event.kind,
      date: event.date,
      decision: event.decision,
      note: event.note,
      created_by: actor.userId,
      created_at: now,
    },
    event.from,
    event.to,
  );
  events.push({ ...event, id });
  if (endsUnits(event.kind)) {
    for (const u of event.from) {
      const c = lineageColumns(events, u);
      await updateUnitRow(trx, u, { successor_id: c.successorId, lineage: c.lineage, valid_to: c.validTo });
    }
  } else {
    const [unit] = event.from;
    const [parent] = event.to;
    // the folded key drops the new parent's level word, as for a unit created there
    const moved = byId.get(unit!)!.name;
    await updateUnitRow(trx, unit!, {
      parent_id: parent!,
      name_key: await unitKeyUnder(trx, moved, parent!),
    });
  }
  const touched = [...event.from, ...event.to];
  await audit(
    trx,
    actor,
    now,
    touched.map((u) => ({
      action: 'unit.event' as const,
      entity: 'unit' as const,
      entityId: u,
      unitId: u,
      // the kind in words on the audit page (audit.lineage); the event itself — date, decision, the units
      // on both sides — is in unit_events, shown by the unit's lineage
      field: 'lineage',
      newValue: event.kind,
    })),
  );
  const old = event.kind === 'moved' ? [byId.get(event.from[0]!)?.parent_id ?? null] : [];
  if (touchPlans)
    await bumpPlansOf(
      trx,
      [...touched, ...old].filter((u): u is number => u !== null),
      now,
    );
  return id;
}

/** A moved unit must fit under its new parent and not under itself. */
function checkMove(
  event: { kind: LineageKind; from: readonly number[]; to: readonly number[] },
  byId: ReadonlyMap<number, Unit>,
  parents: ReadonlyMap<number, number | null>,
): void {
  if (event.kind !== 'moved' || event.from.length !== 1 || event.to.length !== 1) return;
  const unit = byId.get(event.from[0]!)!;
  const parent = byId.get(event.to[0]!)!;
  if (isWithin(parent.id, unit.id, parents)) throw new AppError('UNIT_CYCLE');
  requireFittingKind(unit.name, unit.kind, parent);
}

function eventView(
  e: LineageEvent & { note?: string },
  byId: ReadonlyMap<number, { name: string }>,
): UnitEventView {
  const ref = (id: number) => ({ id, name: byId.get(id)?.name ?? `#${id}` });
  return {
    id: e.id,
    kind: e.kind,
    date: e.date,
    decision: e.decision,
    note: e.note ?? '',
    from: e.from.map(ref),
    to: e.to.map(ref),
  };
}

/**
 * Records one event in the caller's transaction if it fits those recorded (LINEAGE_CONFLICT naming
 * the unit otherwise; a move that fits its new parent): the form, and the samples' relations.
 */
export async function recordEventIn(
  trx: Kysely<DB>,
  actor: Actor,
  now: string,
  event: Omit<LineageEvent, 'id'> & { note: string },
  /** false for the samples' relations: their plans were just stored and are read anew anyway */
  touchPlans = true,
): Promise<{ id: number; byId: ReadonlyMap<number, Unit> }> {
  const state = await lineageState(trx);
  const [problem] = eventProblems(state.events, { ...event, id: 0 });
  if (problem) {
    const names = new Map(state.units.map((u) => [u.id, u.name]));
    throw new AppError('LINEAGE_CONFLICT', conflictOf(problem, names));
  }
  checkMove(event, state.byId, await unitParents(trx));
  const id = await writeEvent(trx, actor, now, event, state.events, state.byId, touchPlans);
  return { id, byId: state.byId };
}

/** Records a reorganisation from the form; the successor may be created in the same step. */
export async function recordUnitEvent(deps: Deps, actor: Actor, input: EventRequest): Promise<UnitEventView> {
  const date = parseDeadline(input.date);
  if (date === null) throw new AppError('LINEAGE_INVALID');
  const now = deps.clock().toISOString();
  const work = () =>
    deps.db.transaction().execute(async (trx) => {
      const parents = await unitParents(trx);
      for (const u of [...input.from, ...input.to]) {
        if (!parents.has(u)) throw new AppError('UNIT_NOT_FOUND', { id: u });
        if (!canChange(actor, u, parents)) throw new AppError('FORBIDDEN');
      }
      const to = [...input.to];
      if (input.newUnit) {
        to.push(await createUnitIn(trx, actor, { ...input.newUnit, validFrom: date }, now));
      }
      const event = {
        kind: input.kind,
        date,
        decision: oneLine(input.decision),
        note: input.note.trim(),
        from: input.from,
        to,
      };
      const { id, byId } = await recordEventIn(trx, actor, now, event);
      return eventView({ ...event, id }, byId);
    });
  return input.newUnit ? refusingDuplicates(oneLine(input.newUnit.name), work) : work();
}

function stepView(s: LineageStep, byId: ReadonlyMap<number, { name: string }>): LineageStepView {
  return {
    unit: { id: s.unitId, name: byId.get(s.unitId)?.name ?? `#${s.unitId}` },
    eventId: s.eventId,
    kind: s.kind,
    date: s.date,
    decision: s.decision,
    depth: s.depth,
  };
}

/** A unit's lineage both ways: predecessors ← unit → successors, with dates and decisions. */
export async function unitLineage(db: Kysely<DB>, actor: Actor, unitId: number): Promise<UnitLineage> {
  const parents = await unitParents(db);
  if (!parents.has(unitId)) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  if (!canRead(actor, unitId, parents)) throw new AppError('FORBIDDEN');
  const { byId, events } = await lineageState(db);
  const unit = byId.get(unitId)!;
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      validFrom: unit.valid_from,
      validTo: unit.valid_to,
    },
    predecessors: predecessors(events, unitId).map((s) => stepView(s, byId)),
    successors: successors(events, unitId).map((s) => stepView(s, byId)),
    events: events
      .filter((e) => e.from.includes(unitId) || e.to.includes(unitId))
      .map((e) => eventView(e, byId)),
  };
}

/** The units a list names, by folded name: those within the actor's reach, else any of that name. */
function unitsByName(units: readonly Unit[]): Map<string, Unit[]> {
  const map = new Map<string, Unit[]>();
  for (const u of units) {
    const key = unitKey(u.name, { levelWords: [] });
    map.set(key, [...(map.get(key) ?? []), u]);
  }
  return map;
}

interface PlannedEvent {
  kind: LineageKind;
  date: string;
  decision: string;
  /** units by id; a negative id is a unit the list makes (ListPlan.create) */
  from: number[];
  to: number[];
  rows: ListRow[];
}

interface ListPlan {
  planned: PlannedEvent[];
  findings: Finding[];
  /** the units the list makes, by their negative id, in the order first named */
  create: Map<number, { name: string; kind: string; parentId: number | null }>;
  /** every name, those to make included */
  names: Map<number, string>;
}

/**
 * The events of a list: rows with the same kind, day and decision and the same new unit (merged) or
 * old unit (split) are one event; every other row is its own. A new unit the list names is made
 * under the old unit's parent, of the kind its name says (a later row may name it). Unknown or
 * ambiguous names and events that do not fit those recorded (or the list's earlier rows) are
 * findings on their row and column.
 */
function planList(
  rows: readonly ListRow[],
  units: readonly Unit[],
  events: readonly LineageEvent[],
  actor: Actor,
  parents: ReadonlyMap<number, number | null>,
): ListPlan {
  const findings: Finding[] = [];
  const byName = unitsByName(units);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const create: ListPlan['create'] = new Map();
  const pending = new Map<string, number>();
  const info = new Map(units.map((u) => [u.id, { kind: u.kind, parentId: u.parent_id }]));
  const add = <R extends RuleId>(
    rule: R,
    row: ListRow,
    column: keyof ListRow['columns'],
    params: FindingParamsOf[R],
    severity: Finding['severity'] = 'error',
  ) => findings.push(finding(rule, severity, null, row.columns[column], params));
  const key = (name: string) => unitKey(name, { levelWords: [] });
  /** the unit of that name within reach (or one the list makes); null: ambiguous (a finding) */
  const find = (row: ListRow, column: 'old' | 'new', name: string): number | null | 'missing' => {
    const made = pending.get(key(name));
    if (made !== undefined) return made;
    const mine = (byName.get(key(name)) ?? []).filter((u) => canChange(actor, u.id, parents));
    if (mine.length === 1) return mine[0]!.id;
    if (mine.length > 1) {
      add('lineage-ambiguous-unit', row, column, { name });
      return null;
    }
    return 'missing';
  };
  const planned: PlannedEvent[] = [];
  const groups = new Map<string, PlannedEvent>();
  for (const [index, row] of rows.entries()) {
    const old = find(row, 'old', row.old);
    if (old === 'missing') add('lineage-unknown-unit', row, 'old', { name: row.old });
    let to: number | null = null;
    if (row.kind === 'dissolved') {
      if (row.new !== '') {
        add('lineage-conflict', row, 'new', { problem: 'shape', kind: 'dissolved', from: 1, to: 1 });
      }
    } else if (row.new === '') {
      add('lineage-missing-value', row, 'new', { column: 'Đơn vị mới', columnEn: 'new unit' });
    } else {
      const found = find(row, 'new', row.new);
      if (found === 'missing') {
        if (row.kind === 'moved' || old === null || old === 'missing') {
          add('lineage-unknown-unit', row, 'new', { name: row.new });
        } else {
          const like = info.get(old)!;
          to = -(create.size + 1);
          const spec = { name: row.new, kind: kindOfName(row.new) ?? like.kind, parentId: like.parentId };
          create.set(to, spec);
          info.set(to, { kind: spec.kind, parentId: spec.parentId });
          pending.set(key(row.new), to);
          names.set(to, row.new);
          add('lineage-new-unit', row, 'new', { name: row.new }, 'info');
        }
      } else to = found;
    }
    if (old === null || old === 'missing') continue;
    if (row.kind !== 'dissolved' && to === null) continue;
    const groupKey =
      row.kind === 'merged'
        ? `merged|${row.date}|${row.decision}|${to}`
        : row.kind === 'split'
          ? `split|${row.date}|${row.decision}|${old}`
          : `row ${index}`;
    const group = groups.get(groupKey);
    if (group) {
      if (row.kind === 'merged' && !group.from.includes(old)) group.from.push(old);
      if (row.kind === 'split' && to !== null) group.to.push(to);
      group.rows.push(row);
    } else {
      const event: PlannedEvent = {
        kind: row.kind,
        date: row.date,
        decision: row.decision,
        from: [old],
        to: to === null ? [] : [to],
        rows: [row],
      };
      groups.set(groupKey, event);
      planned.push(event);
    }
  }
  // each event checked against those recorded and the list's earlier ones
  const seen: LineageEvent[] = [...events];
  for (const [i, e] of planned.entries()) {
    const candidate: LineageEvent = { id: -1000 - i, ...e };
    const problems = eventProblems(seen, candidate);
    for (const p of problems) {
      const row = e.rows[0]!;
      const unit = 'unit' in p ? p.unit : null;
      const column = unit !== null && e.to.includes(unit) && !e.from.includes(unit) ? 'new' : 'old';
      const at =
        unit === null
          ? row
          : (e.rows.find((r) => unitNamed(column === 'old' ? r.old : r.new, unit, names)) ?? row);
      add('lineage-conflict', at, column, conflictOf(p, names));
    }
    if (problems.length === 0) seen.push(candidate);
  }
  return { planned, findings, create, names };
}

function unitNamed(name: string, id: number, names: ReadonlyMap<number, string>): boolean {
  const n = names.get(id);
  return n !== undefined && unitKey(n, { levelWords: [] }) === unitKey(name, { levelWords: [] });
}

function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding) => [f.location?.row ?? f.location?.line ?? 0, f.location?.column ?? 0];
  return [...findings].sort((a, b) => {
    const [ar, ac] = key(a);
    const [br, bc] = key(b);
    return ar! - br! || ac! - bc!;
  });
}

/**
 * A list of reorganisations (CSV or XLSX, read in the worker pool): its events and findings; with
 * `confirm`, recorded in one transaction when it has no error — any error writes nothing
 * (LINEAGE_LIST_REJECTED naming the first, with its row and column).
 */
export async function importUnitEvents(
  deps: Deps,
  actor: Actor,
  upload: { fileName: string; bytes: Uint8Array },
  confirm: boolean,
): Promise<LineageListResult> {
  if (!actor.grants.some((g) => g.permissions.has('unit.admin'))) throw new AppError('FORBIDDEN');
  const read = await readLineageListIsolated(upload.bytes);
  if (!read.ok) throw new AppError('READ_FAILED', { file: upload.fileName, failure: read.failure });
  const now = deps.clock().toISOString();
  const run = async (trx: Kysely<DB>): Promise<LineageListResult> => {
    const parents = await unitParents(trx);
    const state = await lineageState(trx);
    const {
      planned,
      findings: more,
      create,
      names,
    } = planList(read.rows, state.units, state.events, actor, parents);
    const findings = sortFindings([...read.findings, ...more]);
    const errors = findings.filter((f) => f.severity === 'error');
    const ref = (id: number) => ({ id, name: names.get(id) ?? `#${id}` });
    const view = (e: PlannedEvent, id: number | null, real: (u: number) => number) => ({
      id,
      kind: e.kind,
      date: e.date,
      decision: e.decision,
      note: '',
      from: e.from.map((u) => ref(u)).map((r) => ({ ...r, id: real(r.id) })),
      to: e.to.map((u) => ref(u)).map((r) => ({ ...r, id: real(r.id) })),
    });
    if (!confirm || errors.length > 0) {
      if (confirm) {
        const first = errors[0]!;
        const where = formatLocation(first.location, 'vi');
        throw new AppError('LINEAGE_LIST_REJECTED', {
          errors: errors.length,
          first: `${where ? `${where}: ` : ''}${findingMessage(first, 'vi')}`,
        });
      }
      return {
        // a unit to make has no id yet: 0
        events: planned.map((e) => view(e, null, (u) => Math.max(u, 0))),
        findings,
        canConfirm: errors.length === 0 && planned.length > 0,
        written: false,
      };
    }
    const created = new Map<number, number>();
    const real = (u: number) => (u < 0 ? created.get(u)! : u);
    const ids: number[] = [];
    for (const e of planned) {
      for (const u of [...e.from, ...e.to]) {
        if (u >= 0 || created.has(u)) continue;
        const id = await createUnitIn(trx, actor, { ...create.get(u)!, validFrom: e.date }, now);
        created.set(u, id);
        const fresh = (await unitLifetimes(trx)).find((x) => x.id === id)!;
        state.byId.set(id, fresh);
      }
      const event = {
        kind: e.kind,
        date: e.date,
        decision: e.decision,
        note: upload.fileName,
        from: e.from.map(real),
        to: e.to.map(real),
      };
      checkMove(event, state.byId, await unitParents(trx));
      ids.push(await writeEvent(trx, actor, now, event, state.events, state.byId));
    }
    return {
      events: planned.map((e, i) => view(e, ids[i]!, real)),
      findings,
      canConfirm: true,
      written: true,
    };
  };
  return deps.db.transaction().execute(run);
}

/**
 * A successor's figure of a year from its predecessors' plans of that year, side by side: each
 * predecessor (transitively) with its plan's totals; the rules' results; what was recorded. The
 * figure the rules use is a plan's total target — what the predecessor set out to reach that year;
 * the final result, when known, is entered (decision 0012).
 */
export async function lastYearOf(
  db: Kysely<DB>,
  actor: Actor,
  unitId: number,
  year: number,
): Promise<LastYearView> {
  const parents = await unitParents(db);
  if (!parents.has(unitId)) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  if (!canRead(actor, unitId, parents)) throw new AppError('FORBIDDEN');
  return lastYearView(db, unitId, year);
}

async function lastYearView(db: Kysely<DB>, unitId: number, year: number): Promise<LastYearView> {
  const { byId, events } = await lineageState(db);
  const steps = predecessors(events, unitId);
  const plans = await planTotalsOf(
    db,
    steps.map((s) => s.unitId),
    year,
  );
  const rows = steps.map((s) => {
    const plan = plans.find((p) => p.unitId === s.unitId) ?? null;
    return {
      unit: { id: s.unitId, name: byId.get(s.unitId)?.name ?? `#${s.unitId}` },
      depth: s.depth,
      planId: plan?.id ?? null,
      max: plan?.liveMax ?? null,
      baseline: plan?.liveBaseline ?? null,
      target: plan ? (plan.liveTarget ?? plan.statedTarget) : null,
    };
  });
  const figures = rows.map((r) => ({ unitId: r.unit.id, value: storedScore(r.target) }));
  const largest = lastYearFigure(figures, 'largest');
  const average = lastYearFigure(figures, 'average');
  const recorded = await findUnitBaseline(db, unitId, year);
  return {
    unitId,
    year,
    predecessors: rows,
    largest: largest.ok ? { value: toDecimalString(largest.value), from: largest.from! } : null,
    average: average.ok ? toDecimalString(average.value) : null,
    recorded: recorded
      ? {
          rule: recorded.rule,
          value: recorded.value,
          fromUnitId: recorded.from_unit_id,
          username: recorded.username,
          at: recorded.created_at,
        }
      : null,
  };
}

/** Records the successor's figure of a year by the chosen rule (audited; a later choice replaces it). */
export async function recordLastYear(
  deps: Deps,
  actor: Actor,
  unitId: number,
  input: { year: number; rule: BaselineRule; value: string | null },
): Promise<LastYearView> {
  const parents = await unitParents(deps.db);
  if (!parents.has(unitId)) throw new AppError('UNIT_NOT_FOUND', { id: unitId });
  if (!canChange(actor, unitId, parents)) throw new AppError('FORBIDDEN');
  let entered: Score | null = null;
  if (input.value !== null) {
    const parsed = parseScore(input.value);
    if (parsed.ok) entered = parsed.score;
  }
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const view = await lastYearView(trx, unitId, input.year);
    const figures = view.predecessors.map((r) => ({ unitId: r.unit.id, value: storedScore(r.target) }));
    const outcome = lastYearFigure(figures, input.rule, entered);
    if (!outcome.ok) {
      if (outcome.reason === 'no-value') throw new AppError('BASELINE_NO_VALUE');
      const unit = (await unitLifetimes(trx)).find((u) => u.id === unitId)!;
      throw new AppError('BASELINE_NO_FIGURES', { unit: unit.name, year: input.year });
    }
    const value = decimalOrNull(outcome.value)!;
    await saveUnitBaseline(trx, {
      unit_id: unitId,
      year: input.year,
      rule: input.rule,
      value,
      from_unit_id: outcome.from,
      figures: JSON.stringify(
        view.predecessors.map((r) => ({ unitId: r.unit.id, planId: r.planId, value: r.target })),
      ),
      user_id: actor.userId,
      username: actor.username,
      created_at: now,
    });
    await audit(trx, actor, now, [
      {
        action: 'unit.baseline',
        entity: 'unit',
        entityId: unitId,
        unitId,
        field: 'baseline',
        oldValue: view.recorded ? `${input.year}: ${view.recorded.rule} ${view.recorded.value}` : null,
        newValue: `${input.year}: ${input.rule} ${value}`,
      },
    ]);
    return lastYearView(trx, unitId, input.year);
  });
}
