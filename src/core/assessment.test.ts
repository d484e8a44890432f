import { describe, expect, it } from 'vitest';
import type { Actor, Grant, Permission, RoleScope } from './access.js';
import {
  addDays,
  appraisedAreas,
  calendarProblems,
  canAppraise,
  canFixFinal,
  canManageRound,
  canReadAssessment,
  canSelfAssess,
  countingScore,
  currentPhase,
  extensionRequestProblem,
  extensionUntilProblem,
  isPhaseOpen,
  isPublished,
  lateReason,
  PHASES,
  roundDay,
  type CalendarProblem,
  type Phase,
  type RoundCalendar,
  type StageScores,
} from './assessment.js';
import { score } from './score.js';

/** Six phases of five days from 2026-12-01, one after another (publication from 2026-12-26). */
const CALENDAR: RoundCalendar = PHASES.map((phase, i) => ({
  phase,
  opensOn: addDays('2026-12-01', i * 5),
  closesOn: addDays('2026-12-01', i * 5 + 4),
}));

/** The Vietnam day of an instant written in UTC. */
const vn = (utc: string) => roundDay(new Date(utc));

describe('Vietnam days and phases at their edges', () => {
  it.each([
    // 23:59:59 in Vietnam is 16:59:59 UTC the same day; midnight in Vietnam is 17:00 UTC the day before
    ['2026-12-05T16:59:59.999Z', '2026-12-05'],
    ['2026-12-05T17:00:00.000Z', '2026-12-06'],
    ['2026-11-30T16:59:59.999Z', '2026-11-30'],
    ['2026-11-30T17:00:00.000Z', '2026-12-01'],
    ['2026-12-31T17:00:00.000Z', '2027-01-01'],
  ])('%s is the Vietnam day %s', (instant, day) => {
    expect(vn(instant)).toBe(day);
  });

  it.each([
    // self-assessment: 2026-12-01 … 2026-12-05, both included
    ['2026-11-30T16:59:59.999Z', 'self', false],
    ['2026-11-30T17:00:00.000Z', 'self', true],
    ['2026-12-05T16:59:59.999Z', 'self', true],
    ['2026-12-05T17:00:00.000Z', 'self', false],
    ['2026-12-05T17:00:00.000Z', 'appraisal1', true],
    ['2026-12-10T16:59:59.999Z', 'appraisal1', true],
    ['2026-12-10T17:00:00.000Z', 'appraisal1', false],
    // publication has a first day and no end
    ['2026-12-25T16:59:59.999Z', 'publication', false],
    ['2026-12-25T17:00:00.000Z', 'publication', true],
    ['2030-06-01T00:00:00.000Z', 'publication', true],
  ] as const)('at %s %s is open: %s', (instant, phase, open) => {
    expect(isPhaseOpen(CALENDAR, phase, vn(instant))).toBe(open);
  });

  it.each([
    // an extension keeps the phase open to its day, for that unit
    ['2026-12-06', '2026-12-08', true],
    ['2026-12-08', '2026-12-08', true],
    ['2026-12-09', '2026-12-08', false],
    // one that ends before the phase does not shorten it
    ['2026-12-05', '2026-12-03', true],
    // nor opens it early
    ['2026-11-30', '2026-12-08', false],
    ['2026-12-06', null, false],
  ])('self on %s with an extension to %s: open %s', (day, until, open) => {
    expect(isPhaseOpen(CALENDAR, 'self', day, until)).toBe(open);
  });

  it('a phase missing from the calendar is never open', () => {
    const noCouncil = CALENDAR.filter((p) => p.phase !== 'council');
    expect(isPhaseOpen(noCouncil, 'council', '2026-12-22')).toBe(false);
  });

  it.each([
    ['2026-11-30', 'before'],
    ['2026-12-01', 'self'],
    ['2026-12-05', 'self'],
    ['2026-12-06', 'appraisal1'],
    ['2026-12-21', 'council'],
    ['2026-12-26', 'publication'],
    ['2027-03-01', 'publication'],
  ] as const)('on %s the current phase is %s', (day, phase) => {
    expect(currentPhase(CALENDAR, day)).toBe(phase);
  });

  it('a gap between two phases is "between"; a shared day belongs to the later phase', () => {
    const gap = CALENDAR.map((p) => (p.phase === 'self' ? { ...p, closesOn: '2026-12-03' } : p));
    expect(currentPhase(gap, '2026-12-04')).toBe('between');
    const shared = CALENDAR.map((p) => (p.phase === 'appraisal1' ? { ...p, opensOn: '2026-12-05' } : p));
    expect(currentPhase(shared, '2026-12-05')).toBe('appraisal1');
  });

  it('publication makes the round published from its first day', () => {
    expect(isPublished(CALENDAR, '2026-12-25')).toBe(false);
    expect(isPublished(CALENDAR, '2026-12-26')).toBe(true);
  });
});

describe('calendarProblems', () => {
  const edit = (phase: Phase, change: Partial<{ opensOn: string; closesOn: string }>) =>
    CALENDAR.map((p) => (p.phase === phase ? { ...p, ...change } : p));

  it.each<[string, RoundCalendar, CalendarProblem[]]>([
    ['a good calendar', CALENDAR, []],
    [
      'a phase missing',
      CALENDAR.filter((p) => p.phase !== 'explanation'),
      [{ code: 'phase-missing', phase: 'explanation' }],
    ],
    [
      'a day that does not exist',
      edit('council', { closesOn: '2026-02-30' }),
      [{ code: 'bad-date', phase: 'council', value: '2026-02-30' }],
    ],
    [
      'a day in another form',
      edit('self', { opensOn: '01/12/2026' }),
      [{ code: 'bad-date', phase: 'self', value: '01/12/2026' }],
    ],
    [
      'a phase ending before it opens',
      edit('appraisal2', { closesOn: '2026-12-15' }),
      [{ code: 'ends-before-start', phase: 'appraisal2' }],
    ],
    [
      'a phase opening before the one before it',
      edit('appraisal1', { opensOn: '2026-11-30' }),
      [{ code: 'out-of-order', phase: 'appraisal1', previous: 'self' }],
    ],
    [
      'one day phases',
      PHASES.map((phase, i) => ({
        phase,
        opensOn: addDays('2026-12-01', i),
        closesOn: addDays('2026-12-01', i),
      })),
      [],
    ],
  ])('%s', (_, calendar, problems) => {
    expect(calendarProblems(calendar)).toEqual(problems);
  });

  it('every phase missing is named', () => {
    expect(calendarProblems([]).map((p) => p.phase)).toEqual([...PHASES]);
  });
});

describe('extensions and lateness', () => {
  it.each([
    ['self', '2026-11-30', 'not-open-yet'],
    ['self', '2026-12-01', null],
    ['self', '2026-12-05', null],
    // up to seven days after its last day
    ['self', '2026-12-12', null],
    ['self', '2026-12-13', 'past'],
    ['explanation', '2026-12-12', null],
    ['appraisal1', '2026-12-07', 'not-unit-phase'],
    ['council', '2026-12-22', 'not-unit-phase'],
    ['self', '2026-12-26', 'published'],
  ] as const)('a request for %s on %s: %s', (phase, day, problem) => {
    expect(extensionRequestProblem(CALENDAR, phase, day)).toBe(problem);
  });

  it.each([
    ['2026-12-05', '2026-12-04', 'not-later'],
    ['2026-12-06', '2026-12-04', null],
    ['2026-12-25', '2026-12-04', null],
    ['2026-12-26', '2026-12-04', 'after-publication'],
    ['2026-12-07', '2026-12-08', 'in-the-past'],
  ] as const)('self granted until %s on %s: %s', (until, day, problem) => {
    expect(extensionUntilProblem(CALENDAR, 'self', until, day)).toBe(problem);
  });

  it.each([
    ['not-started', 0, {}, '2026-12-05', null],
    ['not-started', 0, {}, '2026-12-06', 'not-submitted'],
    ['in-progress', 0, {}, '2026-12-06', 'not-submitted'],
    ['in-progress', 0, { self: '2026-12-08' }, '2026-12-08', null],
    ['in-progress', 0, { self: '2026-12-08' }, '2026-12-09', 'not-submitted'],
    ['submitted', 0, {}, '2026-12-20', null],
    // explanation: 2026-12-11 … 2026-12-15
    ['returned', 2, {}, '2026-12-15', null],
    ['returned', 2, {}, '2026-12-16', 'not-explained'],
    ['returned', 2, { explanation: '2026-12-18' }, '2026-12-16', null],
    ['submitted', 0, {}, '2026-12-16', null],
    // unsubmitted and unexplained: the first reason
    ['in-progress', 1, {}, '2026-12-16', 'not-submitted'],
  ] as const)(
    '%s with %s unexplained and %o on %s: late %s',
    (state, unexplained, extendedUntil, day, why) => {
      expect(lateReason(CALENDAR, day, { state, unexplained, extendedUntil })).toBe(why);
    },
  );
});

describe('countingScore', () => {
  const s = (text: string) => score(text);
  it.each<[string, StageScores, string, string | null]>([
    ['nothing yet', {}, 'self', null],
    ['the self-score alone', { self: s('1') }, 'self', '1'],
    ['appraisal 1 over the self-score', { self: s('1'), appraisal1: s('0.5') }, 'self', '0.5'],
    [
      'appraisal 2 over appraisal 1',
      { self: s('1'), appraisal1: s('0.5'), appraisal2: s('0.75') },
      'self',
      '0.75',
    ],
    ['the council over everything', { self: s('1'), appraisal2: s('0.75'), council: s('0') }, 'self', '0'],
    ['a null stage is skipped', { self: s('1'), appraisal1: null }, 'self', '1'],
    ['a council-scored criterion the same way', { council: s('2') }, 'council', '2'],
    [
      'a survey criterion counts the survey only',
      { self: s('1'), council: s('2'), survey: s('1.25') },
      'survey',
      '1.25',
    ],
    ['a survey criterion without survey score', { self: s('1'), council: s('2') }, 'survey', null],
  ])('%s', (_, scores, scorer, expected) => {
    const got = countingScore(scores, scorer);
    expect(got === null ? null : got.units).toBe(expected === null ? null : s(expected).units);
  });
});

describe('who may do what in a round', () => {
  // province 1 ⊃ commune 11, commune 12; department 21 (Sở Nội vụ), department 22 (Sở Tư pháp)
  const parents = new Map<number, number | null>([
    [1, null],
    [11, 1],
    [12, 1],
    [21, 1],
    [22, 1],
    [2, null],
    [31, 2],
  ]);
  let nextId = 1;
  const grant = (permissions: Permission[], unitId: number | null, scope: RoleScope): Grant => ({
    id: nextId++,
    role: 'r',
    unitId,
    scope,
    permissions: new Set(permissions),
  });
  const actor = (...grants: Grant[]): Actor => ({ userId: 1, username: 'u', ip: '::1', grants });

  const office = actor(grant(['round.manage', 'plan.read'], 1, 'subtree'));
  const officeEverywhere = actor(grant(['round.manage'], null, 'subtree'));
  const districtOffice = actor(grant(['round.manage'], 12, 'subtree'));
  const assessor = actor(grant(['assessment.self'], 11, 'unit'));
  const provinceOfficer = actor(grant(['assessment.self'], 1, 'unit'));
  const appraiser = actor(grant(['appraisal.edit', 'plan.read'], 21, 'subtree'));
  const appraiserEverywhere = actor(grant(['appraisal.edit'], null, 'subtree'));
  const council = actor(grant(['assessment.council', 'plan.read'], 1, 'subtree'));
  const viewer = actor(grant(['plan.read'], 1, 'subtree'));
  const nobody = actor();

  it.each([
    ['the office of the province, every commune', office, [11, 12], true],
    ['the office of the province, a unit of another province', office, [11, 31], false],
    ['an installation-wide office', officeEverywhere, [11, 31], true],
    ['an office reaching one of two communes', districtOffice, [11, 12], false],
    ['an assessor', assessor, [11], false],
    ['nobody', nobody, [11], false],
  ] as const)('canManageRound: %s → %s', (_, who, units, allowed) => {
    expect(canManageRound(who, units, parents)).toBe(allowed);
  });

  it.each([
    ['its own commune', assessor, 11, true],
    ['another commune', assessor, 12, false],
    ['a unit-scoped grant in the province does not reach the communes', provinceOfficer, 11, false],
    ['a unit-scoped grant in the province reaches the province', provinceOfficer, 1, true],
    ['the office (round.manage is not assessment.self)', office, 11, false],
  ] as const)('canSelfAssess: %s → %s', (_, who, unit, allowed) => {
    expect(canSelfAssess(who, unit, parents)).toBe(allowed);
  });

  it('appraisedAreas and canAppraise: a department appraises what it follows; installation-wide, all', () => {
    expect(appraisedAreas(appraiser)).toEqual(new Set([21]));
    expect(appraisedAreas(appraiserEverywhere)).toBe('all');
    expect(appraisedAreas(office)).toEqual(new Set());
    expect(canAppraise(appraiser, 21)).toBe(true);
    expect(canAppraise(appraiser, 22)).toBe(false);
    expect(canAppraise(appraiser, null)).toBe(false);
    expect(canAppraise(appraiserEverywhere, 22)).toBe(true);
    expect(canAppraise(appraiserEverywhere, null)).toBe(true);
    expect(canAppraise(assessor, 21)).toBe(false);
  });

  it.each([
    ['a council of the province', council, 11, true],
    ['a council of the province, another province', council, 31, false],
    ['the office', office, 11, false],
  ] as const)('canFixFinal: %s → %s', (_, who, unit, allowed) => {
    expect(canFixFinal(who, unit, parents)).toBe(allowed);
  });

  it.each([
    ['the unit itself', assessor, 11, false, true],
    ['another unit', assessor, 12, false, false],
    ['another unit after publication (no plan.read)', assessor, 12, true, false],
    ['the office', office, 12, false, true],
    ['the council', council, 12, false, true],
    ['an area appraiser', appraiser, 12, false, true],
    ['a viewer before publication', viewer, 11, false, false],
    ['a viewer after publication', viewer, 11, true, true],
    ['a viewer of another province after publication', viewer, 31, true, false],
    ['nobody', nobody, 11, true, false],
  ] as const)('canReadAssessment: %s → %s', (_, who, unit, published, allowed) => {
    expect(canReadAssessment(who, unit, parents, published)).toBe(allowed);
  });
});
