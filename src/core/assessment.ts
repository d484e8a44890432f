/**
 * The yearly assessment as the domain sees it (issue 11, decision 0014): a round's calendar of dated
 * phases, which phase is open on a day (Vietnam days, both ends included, a unit's granted extension
 * keeping a phase open for it), the states a unit goes through, the stages a criterion's score goes
 * through and which one counts, and who may do what in a round. Pure: no I/O, no clock (the caller
 * passes the instant).
 */
import { isWithin, type Actor, type Permission } from './access.js';
import { vietnamDate } from './dates.js';
import type { Score } from './score.js';

/**
 * The phases of a round, in order (SCORING.md: self-assessment, appraisal by the provincial group,
 * the units' explanations, a second appraisal, the council, publication).
 */
export type Phase = 'self' | 'appraisal1' | 'explanation' | 'appraisal2' | 'council' | 'publication';

export const PHASES: readonly Phase[] = [
  'self',
  'appraisal1',
  'explanation',
  'appraisal2',
  'council',
  'publication',
];

/** A phase's first and last Vietnam day (yyyy-mm-dd), both included. Publication: from `opensOn` on. */
export interface PhaseDates {
  phase: Phase;
  opensOn: string;
  closesOn: string;
}

/** Every phase of a round, in PHASES order. */
export type RoundCalendar = readonly PhaseDates[];

/** A unit's state in a round. */
export type UnitRoundState =
  /** nothing answered yet */
  | 'not-started'
  /** answers saved, not submitted */
  | 'in-progress'
  /** submitted for appraisal (withdrawable while the self-assessment phase is open) */
  | 'submitted'
  /** at least one criterion returned with a question not yet explained */
  | 'returned'
  /** every criterion the appraisers score has an appraised score */
  | 'appraised'
  /** the council fixed the final scores */
  | 'final';

export const UNIT_ROUND_STATES: readonly UnitRoundState[] = [
  'not-started',
  'in-progress',
  'submitted',
  'returned',
  'appraised',
  'final',
];

/** The stages a criterion's score goes through; a later one counts over an earlier one. */
export type ScoreStage = 'self' | 'appraisal1' | 'appraisal2' | 'council' | 'survey';

export const SCORE_STAGES: readonly ScoreStage[] = ['self', 'appraisal1', 'appraisal2', 'council', 'survey'];

/** The Vietnam day of an instant (yyyy-mm-dd): phases open and close on Vietnam days. */
export function roundDay(now: Date): string {
  return vietnamDate(now);
}

export function phaseDates(calendar: RoundCalendar, phase: Phase): PhaseDates | undefined {
  return calendar.find((p) => p.phase === phase);
}

/**
 * Whether a phase is open on a Vietnam day: from its first day to its last, or to `extendedUntil`
 * when a granted extension goes further (an extension never opens a phase early).
 * Publication has no end: once open it stays.
 */
export function isPhaseOpen(
  calendar: RoundCalendar,
  phase: Phase,
  day: string,
  extendedUntil: string | null = null,
): boolean {
  const dates = phaseDates(calendar, phase);
  if (!dates || day < dates.opensOn) return false;
  if (phase === 'publication') return true;
  const last = extendedUntil !== null && extendedUntil > dates.closesOn ? extendedUntil : dates.closesOn;
  return day <= last;
}

/** The round's results are published (everything read-only) from the publication phase's first day. */
export function isPublished(calendar: RoundCalendar, day: string): boolean {
  return isPhaseOpen(calendar, 'publication', day);
}

/**
 * The phase open on a day (the last one whose dates hold it, so a phase that starts on another's last
 * day takes over), 'before' ahead of the first, 'between' in a gap, or 'publication'.
 */
export function currentPhase(calendar: RoundCalendar, day: string): Phase | 'before' | 'between' {
  let open: Phase | null = null;
  for (const p of PHASES) if (isPhaseOpen(calendar, p, day)) open = p;
  if (open !== null) return open;
  const first = phaseDates(calendar, 'self');
  return first && day < first.opensOn ? 'before' : 'between';
}

/** A calendar's problems: a phase missing, a day that is not a date, a phase ending before it opens, phases out of order. */
export type CalendarProblem =
  | { code: 'phase-missing'; phase: Phase }
  | { code: 'bad-date'; phase: Phase; value: string }
  | { code: 'ends-before-start'; phase: Phase }
  | { code: 'out-of-order'; phase: Phase; previous: Phase };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function calendarProblems(calendar: RoundCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  let previous: PhaseDates | null = null;
  for (const phase of PHASES) {
    const dates = phaseDates(calendar, phase);
    if (!dates) {
      problems.push({ code: 'phase-missing', phase });
      continue;
    }
    const bad = [dates.opensOn, dates.closesOn].find((d) => !isDay(d));
    if (bad !== undefined) {
      problems.push({ code: 'bad-date', phase, value: bad });
      continue;
    }
    if (dates.closesOn < dates.opensOn) problems.push({ code: 'ends-before-start', phase });
    if (previous && dates.opensOn < previous.opensOn) {
      problems.push({ code: 'out-of-order', phase, previous: previous.phase });
    }
    previous = dates;
  }
  return problems;
}

/** The scores a criterion has at each stage (null: none yet). */
export type StageScores = Partial<Record<ScoreStage, Score | null>>;

/**
 * The score that counts: the survey's for a criterion scored by survey; otherwise the council's, else
 * the second appraisal's, else the first's, else the self-score.
 */
export function countingScore<T = Score>(
  scores: Partial<Record<ScoreStage, T | null>>,
  scorer: string,
): T | null {
  if (scorer === 'survey') return scores.survey ?? null;
  return scores.council ?? scores.appraisal2 ?? scores.appraisal1 ?? scores.self ?? null;
}

// ——— who may do what in a round ———

/** Whether a grant of `permission` reaches a unit: installation-wide, its subtree, or the unit itself. */
function grantReaches(
  actor: Actor,
  permission: Permission,
  unitId: number,
  parents: ReadonlyMap<number, number | null>,
): boolean {
  return actor.grants.some(
    (g) =>
      g.permissions.has(permission) &&
      (g.unitId === null ||
        (g.scope === 'subtree' && isWithin(unitId, g.unitId, parents)) ||
        (g.scope === 'unit' && g.unitId === unitId)),
  );
}

/** Creates rounds, sets calendars, grants extensions, imports survey scores, reminds, sees the overview: every unit of the round within reach. */
export function canManageRound(
  actor: Actor,
  unitIds: readonly number[],
  parents: ReadonlyMap<number, number | null>,
): boolean {
  return unitIds.every((u) => grantReaches(actor, 'round.manage', u, parents));
}

/** Self-assesses a unit: assessment.self in that unit (or above it with a subtree grant). */
export function canSelfAssess(
  actor: Actor,
  unitId: number,
  parents: ReadonlyMap<number, number | null>,
): boolean {
  return grantReaches(actor, 'assessment.self', unitId, parents);
}

/**
 * The areas an actor appraises: 'all' for an installation-wide appraiser, otherwise the units whose
 * areas they appraise (a grant's unit is the department that follows an area, per the framework's
 * "followed by"). Empty: none.
 */
export function appraisedAreas(actor: Actor): 'all' | ReadonlySet<number> {
  const units = new Set<number>();
  for (const g of actor.grants) {
    if (!g.permissions.has('appraisal.edit')) continue;
    if (g.unitId === null) return 'all';
    units.add(g.unitId);
  }
  return units;
}

/** Appraises a criterion followed by `followedBy` (a unit, or null when the framework names none: installation-wide appraisers only). */
export function canAppraise(actor: Actor, followedBy: number | null): boolean {
  const areas = appraisedAreas(actor);
  return areas === 'all' || (followedBy !== null && areas.has(followedBy));
}

/** Fixes a unit's final scores: the council's permission reaching the unit. */
export function canFixFinal(
  actor: Actor,
  unitId: number,
  parents: ReadonlyMap<number, number | null>,
): boolean {
  return grantReaches(actor, 'assessment.council', unitId, parents);
}

/**
 * Reads a unit's assessment (answers, scores, evidence): the unit itself, the round's managers, the
 * council, appraisers (their areas: the caller filters the criteria with canAppraise); after
 * publication, whoever reads plans of the unit.
 */
export function canReadAssessment(
  actor: Actor,
  unitId: number,
  parents: ReadonlyMap<number, number | null>,
  published: boolean,
): boolean {
  return (
    canSelfAssess(actor, unitId, parents) ||
    grantReaches(actor, 'round.manage', unitId, parents) ||
    canFixFinal(actor, unitId, parents) ||
    appraisedAreas(actor) === 'all' ||
    (appraisedAreas(actor) as ReadonlySet<number>).size > 0 ||
    (published && grantReaches(actor, 'plan.read', unitId, parents))
  );
}

// ——— extensions and lateness ———

/** The phases a unit works in itself, so the only ones it may ask more time for. */
export const UNIT_PHASES: readonly Phase[] = ['self', 'explanation'];

/**
 * How many days after a phase closed a unit may still ask for more time in it. Our choice (no
 * document sets it): a week lets a unit that missed a deadline by a few days ask, while the appraisal
 * that follows has not gone far; after that the phase is past for good and the office decides alone.
 */
export const EXTENSION_GRACE_DAYS = 7;

/** Why a unit may not ask for more time in a phase on a day (null: it may). */
export type ExtensionRequestProblem =
  /** not a phase the unit works in (appraisal, council, publication) */
  | 'not-unit-phase'
  /** the phase has not opened yet */
  | 'not-open-yet'
  /** closed more than EXTENSION_GRACE_DAYS ago */
  | 'past'
  /** the round is published */
  | 'published';

/** yyyy-mm-dd plus some days (negative: before). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function extensionRequestProblem(
  calendar: RoundCalendar,
  phase: Phase,
  day: string,
): ExtensionRequestProblem | null {
  if (isPublished(calendar, day)) return 'published';
  if (!UNIT_PHASES.includes(phase)) return 'not-unit-phase';
  const dates = phaseDates(calendar, phase);
  if (!dates || day < dates.opensOn) return 'not-open-yet';
  if (day > addDays(dates.closesOn, EXTENSION_GRACE_DAYS)) return 'past';
  return null;
}

/** Why a granted day is refused (null: it may be granted). */
export type ExtensionUntilProblem =
  /** not after the phase's own last day: nothing to grant */
  | 'not-later'
  /** on or after publication's first day: results would be published before the unit finished */
  | 'after-publication'
  /** before today: the unit could not use it */
  | 'in-the-past';

export function extensionUntilProblem(
  calendar: RoundCalendar,
  phase: Phase,
  until: string,
  day: string,
): ExtensionUntilProblem | null {
  const dates = phaseDates(calendar, phase);
  if (!dates || until <= dates.closesOn) return 'not-later';
  const publication = phaseDates(calendar, 'publication');
  if (publication && until >= publication.opensOn) return 'after-publication';
  if (until < day) return 'in-the-past';
  return null;
}

/** What makes a unit late on a day. */
export type LateReason =
  /** not submitted after the self-assessment phase closed for it */
  | 'not-submitted'
  /** a returned criterion still without explanation after the explanation phase closed for it */
  | 'not-explained';

/**
 * Whether a unit is late on a day, and why: each phase counted to its own last day or to the unit's
 * granted extension in it. A unit both unsubmitted and unexplained is reported for the first.
 */
export function lateReason(
  calendar: RoundCalendar,
  day: string,
  unit: {
    state: UnitRoundState;
    /** criteria returned and not yet explained */
    unexplained: number;
    /** the unit's granted last days per phase */
    extendedUntil: Partial<Record<Phase, string>>;
  },
): LateReason | null {
  const closed = (phase: Phase) => {
    const dates = phaseDates(calendar, phase);
    if (!dates) return false;
    const ext = unit.extendedUntil[phase];
    const last = ext !== undefined && ext > dates.closesOn ? ext : dates.closesOn;
    return day > last;
  };
  if ((unit.state === 'not-started' || unit.state === 'in-progress') && closed('self'))
    return 'not-submitted';
  if (unit.unexplained > 0 && closed('explanation')) return 'not-explained';
  return null;
}
