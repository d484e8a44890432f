/**
 * Units across reorganisations, from events as data (decision 0012): merged (A, B, C → D), split
 * (A → B, C), renamed (A → B), moved (A → under P) and dissolved (A →). An event's date is the first
 * day of the new arrangement (01/07/2025); the units it ends had their last day the day before.
 * Pure: predecessors and successors (transitively, with dates), the units alive on a day, whether a
 * new event fits those recorded, the columns of units.* kept in step, and a successor's "last year"
 * figure from its predecessors by a chosen rule, in exact scores.
 */
import { compare, sum, trimScale, type Score } from './score.js';

export const LINEAGE_KINDS = ['merged', 'split', 'renamed', 'moved', 'dissolved'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

export interface LineageEvent {
  id: number;
  kind: LineageKind;
  /** ISO date: the first day of the new arrangement; null for one recorded before 0016 without it */
  date: string | null;
  decision: string;
  /** the units before: those that end (merged, split, renamed, dissolved) or the unit moved */
  from: readonly number[];
  /** the units after: the successors, or the new parent of a moved unit */
  to: readonly number[];
}

/** The kinds of event after which the units on the "from" side no longer exist. */
export function endsUnits(kind: LineageKind): boolean {
  return kind !== 'moved';
}

/** How many units each side of an event takes: [min, max] (max null: any number). */
const SHAPE: Record<LineageKind, { from: [number, number | null]; to: [number, number | null] }> = {
  merged: { from: [1, null], to: [1, 1] },
  split: { from: [1, 1], to: [2, null] },
  renamed: { from: [1, 1], to: [1, 1] },
  moved: { from: [1, 1], to: [1, 1] },
  dissolved: { from: [1, null], to: [0, 0] },
};

/** "2025-07-01" → "2025-06-30": the last day of a unit an event of that date ends. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** "2025-06-30" → "2025-07-01": the date of the event that ended a unit on that day. */
export function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** One step of a unit's lineage: the event and the unit on the other side. */
export interface LineageStep {
  eventId: number;
  kind: LineageKind;
  date: string | null;
  decision: string;
  unitId: number;
  /** 1: a direct predecessor or successor, 2: one of theirs… */
  depth: number;
}

function walk(events: readonly LineageEvent[], unitId: number, forward: boolean): LineageStep[] {
  const steps: LineageStep[] = [];
  const seen = new Set<number>([unitId]);
  let frontier = [unitId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const e of events) {
        if (!endsUnits(e.kind)) continue;
        const near = forward ? e.from : e.to;
        const far = forward ? e.to : e.from;
        if (!near.includes(u)) continue;
        for (const other of far) {
          if (seen.has(other)) continue;
          seen.add(other);
          next.push(other);
          steps.push({
            eventId: e.id,
            kind: e.kind,
            date: e.date,
            decision: e.decision,
            unitId: other,
            depth,
          });
        }
      }
    }
    frontier = next;
  }
  return steps;
}

/** The units this one came from, nearest first (A and B for C after "A, B → C"), transitively. */
export function predecessors(events: readonly LineageEvent[], unitId: number): LineageStep[] {
  return walk(events, unitId, false);
}

/** The units this one became, nearest first, transitively. */
export function successors(events: readonly LineageEvent[], unitId: number): LineageStep[] {
  return walk(events, unitId, true);
}

/** The event that ended a unit (the earliest, if the data hold more than one), or null. */
export function endingEvent(events: readonly LineageEvent[], unitId: number): LineageEvent | null {
  const ending = events.filter((e) => endsUnits(e.kind) && e.from.includes(unitId));
  ending.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id);
  return ending[0] ?? null;
}

/**
 * The successors alive after a unit ended: following renames and merges until units that did not
 * end (Xã A → Xã C → Xã D renamed: D). Empty for a dissolved unit.
 */
export function liveSuccessors(events: readonly LineageEvent[], unitId: number): number[] {
  return successors(events, unitId)
    .map((s) => s.unitId)
    .filter((u) => endingEvent(events, u) === null);
}

/** What units.successor_id, lineage and valid_to say of a unit, derived from its events. */
export interface UnitLineageColumns {
  successorId: number | null;
  lineage: LineageKind | null;
  validTo: string | null;
}

/** The columns kept in step with the events (decision 0012): the single successor, when there is one. */
export function lineageColumns(events: readonly LineageEvent[], unitId: number): UnitLineageColumns {
  const end = endingEvent(events, unitId);
  if (end === null) return { successorId: null, lineage: null, validTo: null };
  return {
    successorId: end.to.length === 1 ? end.to[0]! : null,
    lineage: end.kind,
    validTo: end.date === null ? null : dayBefore(end.date),
  };
}

/** A unit's lifetime: its first day (null: since before the register) and its last (null: alive). */
export interface Lifetime {
  id: number;
  validFrom: string | null;
  validTo: string | null;
}

/** The units alive on a day. */
export function aliveOn(units: readonly Lifetime[], date: string): number[] {
  return units
    .filter((u) => (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || date <= u.validTo))
    .map((u) => u.id);
}

/** Why a new event does not fit those recorded: each names the unit concerned. */
export type LineageProblem =
  | { code: 'shape'; kind: LineageKind; from: number; to: number }
  | { code: 'same-unit'; unit: number }
  /** the unit already ended by another event (two merges of one unit) */
  | { code: 'twice'; unit: number; kind: LineageKind; date: string | null }
  /** the unit is already before this one in the lineage: the event would make a cycle */
  | { code: 'cycle'; unit: number }
  /** the unit began on `began` (an event made it): it cannot end or move on or before that day */
  | { code: 'order'; unit: number; began: string }
  /** the unit (a successor or new parent) ended on `until`, before the event's date */
  | { code: 'ended'; unit: number; until: string };

/**
 * Whether `event` can be recorded after `events`. A unit ends once; it cannot end before an event
 * made it; it cannot be a successor of an event dated after its own end; nothing leads back to
 * itself.
 */
export function eventProblems(events: readonly LineageEvent[], event: LineageEvent): LineageProblem[] {
  const problems: LineageProblem[] = [];
  const shape = SHAPE[event.kind];
  const fits = (n: number, [min, max]: [number, number | null]) => n >= min && (max === null || n <= max);
  if (!fits(event.from.length, shape.from) || !fits(event.to.length, shape.to)) {
    problems.push({ code: 'shape', kind: event.kind, from: event.from.length, to: event.to.length });
    return problems;
  }
  const all = [...event.from, ...event.to];
  const repeated = all.find((u, i) => all.indexOf(u) !== i);
  if (repeated !== undefined) return [{ code: 'same-unit', unit: repeated }];
  for (const u of event.from) {
    if (endsUnits(event.kind)) {
      const end = endingEvent(events, u);
      if (end !== null) problems.push({ code: 'twice', unit: u, kind: end.kind, date: end.date });
    }
    if (event.date !== null) {
      for (const e of events) {
        if (endsUnits(e.kind) && e.to.includes(u) && e.date !== null && e.date >= event.date) {
          problems.push({ code: 'order', unit: u, began: e.date });
        }
      }
    }
  }
  for (const u of event.to) {
    const end = endingEvent(events, u);
    if (end !== null && (event.date === null || end.date === null || end.date <= event.date)) {
      problems.push({ code: 'ended', unit: u, until: end.date === null ? '' : dayBefore(end.date) });
    }
    if (endsUnits(event.kind)) {
      // f → u closes a cycle when f already comes after u
      const after = new Set(successors(events, u).map((s) => s.unitId));
      for (const f of event.from) if (after.has(f)) problems.push({ code: 'cycle', unit: f });
    }
  }
  return problems;
}

/** How a successor's figure of last year is made from its predecessors' (decision 0012). */
export const BASELINE_RULES = ['largest', 'average', 'entered'] as const;
export type BaselineRule = (typeof BASELINE_RULES)[number];

export interface PredecessorFigure {
  unitId: number;
  /** the figure of its plan of that year; null when it has none */
  value: Score | null;
}

export type BaselineOutcome =
  | { ok: true; value: Score; /** the predecessor whose figure was taken (largest) */ from: number | null }
  | { ok: false; reason: 'no-figures' | 'no-value' };

/**
 * Last year's figure of a successor: `largest` takes the predecessor whose figure is largest (the
 * first of them on a tie), `average` the mean of the predecessors that have one, rounded half up to
 * ten-thousandths, `entered` the value the officer typed. Predecessors without a plan that year are
 * left out of both (and shown as such).
 */
export function lastYearFigure(
  figures: readonly PredecessorFigure[],
  rule: BaselineRule,
  entered: Score | null = null,
): BaselineOutcome {
  if (rule === 'entered')
    return entered === null ? { ok: false, reason: 'no-value' } : { ok: true, value: entered, from: null };
  const known = figures.filter((f): f is PredecessorFigure & { value: Score } => f.value !== null);
  if (known.length === 0) return { ok: false, reason: 'no-figures' };
  if (rule === 'largest') {
    const best = known.reduce((a, b) => (compare(b.value, a.value) > 0 ? b : a));
    return { ok: true, value: best.value, from: best.unitId };
  }
  const total = sum(known.map((f) => f.value));
  const n = known.length;
  // half up, on whole ten-thousandths: exact integers only
  const sign = total.units < 0 ? -1 : 1;
  const units = sign * Math.floor((2 * Math.abs(total.units) + n) / (2 * n));
  return { ok: true, value: trimScale({ units, scale: 0 }), from: null };
}
