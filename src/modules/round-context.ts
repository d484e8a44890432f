/**
 * A round as every use-case of the assessment needs it (decision 0014): the round, its calendar, its
 * framework's criteria (with their ids and the unit that follows each), its units, and today's
 * Vietnam day from the clock; the checks they share: a unit is in the round, a phase is open for a
 * unit (its granted extension included), the round is not yet published.
 */
import type { Kysely } from 'kysely';
import {
  isPhaseOpen,
  isPublished,
  phaseDates,
  PHASES,
  roundDay,
  type Phase,
  type RoundCalendar,
} from '../core/assessment.js';
import type { FrameworkCriterion } from '../core/framework.js';
import { frameworkCriteria } from '../db/frameworks-repo.js';
import {
  findRoundRow,
  grantedUntil,
  roundPhaseRows,
  roundUnitRows,
  type RoundRecord,
  type RoundUnitRecord,
} from '../db/rounds-repo.js';
import type { DB } from '../db/schema.js';
import { AppError } from './errors.js';
import { criterionOf } from './frameworks.js';

/** A criterion of the round's framework with what the assessment needs beyond the domain's view. */
export interface RoundCriterion extends FrameworkCriterion {
  id: number;
  parentCode: string | null;
  depth: number;
  /** the unit that follows (and appraises) it: its own, else its nearest ancestor's; null: none named */
  followedByUnitId: number | null;
}

export interface RoundContext {
  round: RoundRecord;
  calendar: RoundCalendar;
  criteria: RoundCriterion[];
  units: RoundUnitRecord[];
  /** today in Vietnam (yyyy-mm-dd) */
  day: string;
  published: boolean;
}

export function calendarOf(
  rows: readonly { phase: string; opens_on: string; closes_on: string }[],
): RoundCalendar {
  return PHASES.flatMap((phase) => {
    const r = rows.find((x) => x.phase === phase);
    return r ? [{ phase, opensOn: r.opens_on, closesOn: r.closes_on }] : [];
  });
}

/** The round's criteria in document order, each with its follow-up unit (inherited from the area). */
export async function roundCriteria(db: Kysely<DB>, frameworkId: number): Promise<RoundCriterion[]> {
  const rows = await frameworkCriteria(db, frameworkId);
  const followed = new Map<string, number | null>();
  return rows.map((row) => {
    const inherited = row.parent_code === null ? null : (followed.get(row.parent_code) ?? null);
    const followedByUnitId = row.followed_by ?? inherited;
    followed.set(row.code, followedByUnitId);
    return {
      ...criterionOf(row),
      id: row.id,
      parentCode: row.parent_code,
      depth: row.depth,
      followedByUnitId,
    };
  });
}

/** The round with everything the use-cases check against; ROUND_NOT_FOUND when there is none. */
export async function loadRound(
  db: Kysely<DB>,
  roundId: number,
  now: Date,
  options: { unitId?: number; criteria?: boolean } = {},
): Promise<RoundContext> {
  const round = await findRoundRow(db, roundId);
  if (!round) throw new AppError('ROUND_NOT_FOUND', { id: roundId });
  const [phases, units, criteria] = await Promise.all([
    roundPhaseRows(db, roundId),
    roundUnitRows(db, roundId, options.unitId),
    options.criteria === false ? Promise.resolve([]) : roundCriteria(db, round.framework_id),
  ]);
  const calendar = calendarOf(phases);
  const day = roundDay(now);
  return { round, calendar, criteria, units, day, published: isPublished(calendar, day) };
}

/** The unit's row in the round, or UNIT_NOT_IN_ROUND. */
export function requireRoundUnit(ctx: RoundContext, unitId: number): RoundUnitRecord {
  const unit = ctx.units.find((u) => u.unit_id === unitId);
  if (!unit) throw new AppError('UNIT_NOT_IN_ROUND', { unit: `#${unitId}`, round: ctx.round.name });
  return unit;
}

/** Refuses every change once the round is published. */
export function requireNotPublished(ctx: RoundContext): void {
  if (ctx.published) throw new AppError('ROUND_PUBLISHED', { round: ctx.round.name });
}

/**
 * Refuses unless `phase` is open today for the unit (its granted extension in that phase counted);
 * publication refuses first.
 */
export async function requirePhaseOpen(
  db: Kysely<DB>,
  ctx: RoundContext,
  phase: Phase,
  unitId: number | null,
): Promise<void> {
  requireNotPublished(ctx);
  const until = unitId === null ? null : await grantedUntil(db, ctx.round.id, unitId, phase);
  if (isPhaseOpen(ctx.calendar, phase, ctx.day, until)) return;
  const dates = phaseDates(ctx.calendar, phase);
  throw new AppError('PHASE_CLOSED', {
    phase,
    opensOn: dates?.opensOn ?? null,
    closesOn: until !== null && dates && until > dates.closesOn ? until : (dates?.closesOn ?? null),
  });
}
