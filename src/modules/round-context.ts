/**
 * A round as every use-case of the assessment needs it (decision 0014): the round, its calendar, its
 * framework's criteria (with their ids and the unit that follows each), its units, and today's
 * Vietnam day from the clock; the checks they share: a unit is in the round, a phase is open for a
 * unit (its granted extension included), the round is not yet published; and the prelude of every
 * use-case on one unit (openUnit: round, unit, criterion, right, phase).
 *
 * The calendar and the criteria are kept per round version (version-cache.ts): a change of the
 * calendar moves the round's version, and a framework's criteria are frozen while a round uses it,
 * so a change (openUnit) reads the round's row and, while its version has not moved, nothing else
 * of it. Readers (loadRound) read the criteria afresh: the names of the units that follow the areas
 * change with a rename, which does not move the round's version.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../core/access.js';
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
import { buildTree, type Tree } from '../core/tree.js';
import { frameworkCriteria } from '../db/frameworks-repo.js';
import {
  findRoundRow,
  grantedUntil,
  roundPhaseRows,
  roundUnitRow,
  roundUnitRows,
  type RoundRecord,
  type RoundUnitRecord,
} from '../db/rounds-repo.js';
import type { DB } from '../db/schema.js';
import { parentsOfUnit } from './access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { criterionOf } from './frameworks.js';
import { versionCache } from './version-cache.js';

/** A criterion of the round's framework with what the assessment needs beyond the domain's view. */
export interface RoundCriterion extends FrameworkCriterion {
  id: number;
  parentCode: string | null;
  depth: number;
  /** the unit that follows (and appraises) it: its own, else its nearest ancestor's; null: none named */
  followedByUnitId: number | null;
}

/** The round's criteria with what every use-case looks up in them, built once per round version. */
export interface RoundCriteria {
  list: RoundCriterion[];
  /** a criterion's position in `list` by its id */
  at: ReadonlyMap<number, number>;
  /** the codes of the criteria without children */
  leaves: ReadonlySet<string>;
  tree: Tree<RoundCriterion>;
}

export interface RoundContext {
  round: RoundRecord;
  calendar: RoundCalendar;
  criteria: RoundCriterion[];
  /** the criteria's lookups (empty when the criteria were not asked for) */
  shape: RoundCriteria;
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

function shapeOf(list: RoundCriterion[]): RoundCriteria {
  const parents = new Set(list.map((c) => c.parentCode));
  return {
    list,
    at: new Map(list.map((c, i) => [c.id, i])),
    leaves: new Set(list.filter((c) => !parents.has(c.code)).map((c) => c.code)),
    tree: buildTree(list),
  };
}

const NO_CRITERIA = shapeOf([]);

/** What is kept of a round per version: its calendar, its criteria once a use-case has read them. */
interface RoundShape {
  calendar: RoundCalendar;
  criteria?: RoundCriteria;
}

const shapes = versionCache<RoundShape>(64, 'round shape');

/**
 * The round's calendar and criteria at the version of `round`: from the cache of `db` when it holds
 * that version, else read (and kept).
 */
async function shapeAt(db: Kysely<DB>, round: RoundRecord, criteria: Criteria): Promise<RoundShape> {
  const held = shapes.get(db, round.id, round.version);
  if (held && (held.criteria || criteria !== 'kept')) {
    if (criteria !== 'fresh') return held;
    return { calendar: held.calendar, criteria: shapeOf(await roundCriteria(db, round.framework_id)) };
  }
  const [calendar, list] = await Promise.all([
    held ? held.calendar : roundPhaseRows(db, round.id).then(calendarOf),
    criteria !== 'none' ? roundCriteria(db, round.framework_id) : undefined,
  ]);
  const shape: RoundShape = { calendar, ...(list ? { criteria: shapeOf(list) } : {}) };
  shapes.set(db, round.id, round.version, shape);
  return shape;
}

/**
 * The criteria a use-case needs: none; read now (a reader's view: the names of the units that follow
 * the areas, which a rename changes without moving the round's version); or kept with the round's
 * version (a change, which shows no such name: ids, rules, max and tree only).
 */
type Criteria = 'none' | 'fresh' | 'kept';

async function roundAt(
  db: Kysely<DB>,
  roundId: number,
  now: Date,
  criteria: Criteria,
): Promise<Omit<RoundContext, 'units'>> {
  const round = await findRoundRow(db, roundId);
  if (!round) throw new AppError('ROUND_NOT_FOUND', { id: roundId });
  const shape = await shapeAt(db, round, criteria);
  const day = roundDay(now);
  const crit = criteria === 'none' ? NO_CRITERIA : shape.criteria!;
  return {
    round,
    calendar: shape.calendar,
    criteria: crit.list,
    shape: crit,
    day,
    published: isPublished(shape.calendar, day),
  };
}

/** The round with everything the use-cases check against; ROUND_NOT_FOUND when there is none. */
export async function loadRound(
  db: Kysely<DB>,
  roundId: number,
  now: Date,
  options: { unitId?: number; criteria?: boolean } = {},
): Promise<RoundContext> {
  const [head, units] = await Promise.all([
    roundAt(db, roundId, now, options.criteria === false ? 'none' : 'fresh'),
    roundUnitRows(db, roundId, options.unitId),
  ]);
  return { ...head, units };
}

/** What a use-case on one unit has once openUnit has let it through. */
export interface OpenedUnit {
  ctx: RoundContext;
  unit: RoundUnitRecord;
  /** the criterion asked for (target.criterion), else undefined */
  criterion: RoundCriterion | undefined;
}

/**
 * The prelude of every use-case on one unit of a round, in the order the refusals come: the round
 * (ROUND_NOT_FOUND), the unit in it (UNIT_NOT_IN_ROUND), the criterion when one is asked for (the
 * caller's lookup throws its own refusal), the actor's right (`allowed`, given the unit's ancestry
 * only when asked for; false: FORBIDDEN — it may throw a refusal of its own), then the phase open for
 * the unit (its granted extension counted when `extension`) or, without a phase, only the round not
 * yet published. Three statements at most on a warm cache: the round's row, the unit's row with its
 * grant, the unit's ancestors when a grant reaches below a unit.
 */
export async function openUnit(
  deps: Deps,
  actor: Actor,
  target: { roundId: number; unitId: number },
  check: {
    criterion?: (ctx: RoundContext) => RoundCriterion;
    allowed: (
      parents: () => Promise<ReadonlyMap<number, number | null>>,
      criterion: RoundCriterion | undefined,
      ctx: RoundContext,
    ) => boolean | Promise<boolean>;
    phase: Phase | null;
    extension?: boolean;
  },
): Promise<OpenedUnit> {
  const { db } = deps;
  const { roundId, unitId } = target;
  const [head, row] = await Promise.all([
    roundAt(db, roundId, deps.clock(), 'kept'),
    roundUnitRow(db, roundId, unitId, check.phase !== null && check.extension ? check.phase : null),
  ]);
  if (!row) throw new AppError('UNIT_NOT_IN_ROUND', { unit: `#${unitId}`, round: head.round.name });
  const { granted_until: until, ...unit } = row;
  const ctx: RoundContext = { ...head, units: [unit] };
  const criterion = check.criterion?.(ctx);
  if (!(await check.allowed(() => parentsOfUnit(db, actor, unitId), criterion, ctx))) {
    throw new AppError('FORBIDDEN');
  }
  if (check.phase === null) requireNotPublished(ctx);
  else requireOpen(ctx, check.phase, until);
  return { ctx, unit, criterion };
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
  requireOpen(ctx, phase, unitId === null ? null : await grantedUntil(db, ctx.round.id, unitId, phase));
}

/** Refuses unless `phase` is open today, `until` the unit's last granted day in it (null: none). */
function requireOpen(ctx: RoundContext, phase: Phase, until: string | null): void {
  requireNotPublished(ctx);
  if (isPhaseOpen(ctx.calendar, phase, ctx.day, until)) return;
  const dates = phaseDates(ctx.calendar, phase);
  throw new AppError('PHASE_CLOSED', {
    phase,
    opensOn: dates?.opensOn ?? null,
    closesOn: until !== null && dates && until > dates.closesOn ? until : (dates?.closesOn ?? null),
  });
}
