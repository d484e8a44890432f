import { describe, expect, it } from 'vitest';
import { daysBetween, formatDateVi, vietnamDate } from './dates.js';
import {
  NO_LEAD_UNIT,
  overdueDays,
  progressReport,
  type ProgressInput,
  type ProgressStatus,
} from './progress.js';
import { score, toDecimalString } from './score.js';

type TaskSpec = [status: ProgressStatus, deadline: string | null, units: string[], progress?: number];

function row(code: string, max: string | null, baseline: string | null, task?: TaskSpec): ProgressInput {
  return {
    code,
    name: `Tiêu chí ${code}`,
    max: max === null ? null : score(max),
    baseline: baseline === null ? null : score(baseline),
    task: task
      ? {
          text: `Nhiệm vụ ${code}`,
          status: task[0],
          progress: task[3] ?? (task[0] === 'done' ? 100 : 0),
          deadline: task[1],
          deadlineText: task[1] ?? 'Thường xuyên',
          note: '',
          leadUnits: task[2],
        }
      : null,
  };
}

const NV = 'Phòng Nội vụ';
const TP = 'Phòng Tư pháp';
const AS_OF = '2023-07-01';

/** Two areas; 1.1 has a task on the parent and on its child 1.1.1 (points counted once). */
const PLAN: ProgressInput[] = [
  row('1', null, null),
  row('1.1', null, null, ['in_progress', '2023-06-30', [NV], 40]),
  row('1.1.1', '1', '0.5', ['done', '2023-03-31', [NV]]),
  row('1.1.2', '1', '0.75'),
  row('1.2', '2', '1', ['not_started', '2023-06-30', [NV, TP]]),
  row('2', null, null),
  row('2.1', '3', '1.5', ['at_risk', '2023-12-31', [TP], 20]),
  row('2.2', '1', '1', ['not_started', null, []]),
  // a task row with neither text nor lead unit is not followed
  { ...row('2.3', '1', '0'), task: { ...row('2.3', '1', '0', ['not_started', null, []]).task!, text: ' ' } },
];

describe('overdueDays', () => {
  it.each([
    ['not done, deadline yesterday', 'in_progress', '2023-06-30', '2023-07-01', 1],
    ['not done, deadline a month ago', 'not_started', '2023-06-01', '2023-07-01', 30],
    ['not done, due today', 'at_risk', '2023-07-01', '2023-07-01', null],
    ['not done, due later', 'in_progress', '2023-12-31', '2023-07-01', null],
    ['done after the deadline', 'done', '2023-01-01', '2023-07-01', null],
    ['no calendar deadline', 'not_started', null, '2023-07-01', null],
    ['across a leap day', 'not_started', '2024-02-28', '2024-03-01', 2],
  ] as const)('%s', (_what, status, deadline, asOf, expected) => {
    expect(overdueDays({ status, deadline }, asOf)).toBe(expected);
  });
});

describe('dates for reports', () => {
  it.each([
    ['2026-11-29T16:59:59Z', '2026-11-29'],
    ['2026-11-29T17:00:00Z', '2026-11-30'],
    ['2026-12-31T18:00:00Z', '2027-01-01'],
  ])('the Vietnamese day at %s is %s', (at, day) => {
    expect(vietnamDate(new Date(at))).toBe(day);
  });
  it.each([
    ['2023-07-01', '2023-07-11', 10],
    ['2023-07-11', '2023-07-01', -10],
    ['2023-12-31', '2024-01-01', 1],
  ])('from %s to %s is %i days', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
  it('writes dd/mm/yyyy', () => expect(formatDateVi('2026-11-03')).toBe('03/11/2026'));
});

describe('progressReport', () => {
  const report = progressReport(PLAN, AS_OF);
  const figures = (g: ReturnType<typeof progressReport>['total']) => ({
    tasks: g.tasks,
    ...g.byStatus,
    overdue: g.overdue,
    donePercent: g.donePercent,
    atStake: g.atStake && toDecimalString(g.atStake),
    atStakeOpen: g.atStakeOpen && toDecimalString(g.atStakeOpen),
  });

  it('lists the followed tasks in document order with their overdue days', () => {
    expect(report.rows.map((r) => [r.code, r.areaCode, r.status, r.overdueDays])).toEqual([
      ['1.1', '1', 'in_progress', 1],
      ['1.1.1', '1', 'done', null],
      ['1.2', '1', 'not_started', 1],
      ['2.1', '2', 'at_risk', null],
      ['2.2', '2', 'not_started', null],
    ]);
    // a parent's points at stake are the live sums of its children
    expect(report.rows.map((r) => r.atStake && toDecimalString(r.atStake))).toEqual([
      '0.75',
      '0.5',
      '1',
      '1.5',
      '0',
    ]);
  });

  it.each([
    // 1.1.1 lies under 1.1, which has its own task: its 0,5 is in 1.1's 0,75 already
    [
      'total',
      () => report.total,
      {
        tasks: 5,
        not_started: 2,
        in_progress: 1,
        at_risk: 1,
        done: 1,
        overdue: 2,
        donePercent: 20,
        atStake: '3.25',
        atStakeOpen: '3.25',
      },
    ],
    [
      'area 1',
      () => report.byArea[0]!,
      {
        tasks: 3,
        not_started: 1,
        in_progress: 1,
        at_risk: 0,
        done: 1,
        overdue: 2,
        donePercent: 33,
        atStake: '1.75',
        atStakeOpen: '1.75',
      },
    ],
    [
      'area 2',
      () => report.byArea[1]!,
      {
        tasks: 2,
        not_started: 1,
        in_progress: 0,
        at_risk: 1,
        done: 0,
        overdue: 0,
        donePercent: 0,
        atStake: '1.5',
        atStakeOpen: '1.5',
      },
    ],
    [
      'Phòng Nội vụ',
      () => report.byUnit[0]!,
      {
        tasks: 3,
        not_started: 1,
        in_progress: 1,
        at_risk: 0,
        done: 1,
        overdue: 2,
        donePercent: 33,
        atStake: '1.75',
        atStakeOpen: '1.75',
      },
    ],
    [
      'Phòng Tư pháp',
      () => report.byUnit[1]!,
      {
        tasks: 2,
        not_started: 1,
        in_progress: 0,
        at_risk: 1,
        done: 0,
        overdue: 1,
        donePercent: 0,
        atStake: '2.5',
        atStakeOpen: '2.5',
      },
    ],
    [
      'no lead unit',
      () => report.byUnit[2]!,
      {
        tasks: 1,
        not_started: 1,
        in_progress: 0,
        at_risk: 0,
        done: 0,
        overdue: 0,
        donePercent: 0,
        atStake: '0',
        atStakeOpen: '0',
      },
    ],
  ] as const)('counts %s', (_name, group, expected) => {
    expect(figures(group())).toEqual(expected);
  });

  it('orders the units by tasks, those without a lead unit last', () => {
    expect(report.byUnit.map((u) => u.label)).toEqual([NV, TP, NO_LEAD_UNIT]);
    expect(report.byArea.map((a) => [a.key, a.label])).toEqual([
      ['1', 'Tiêu chí 1'],
      ['2', 'Tiêu chí 2'],
    ]);
  });

  it('a done task leaves the open points', () => {
    const done = progressReport(
      PLAN.map((r) => (r.code === '1.1' ? { ...r, task: { ...r.task!, status: 'done' as const } } : r)),
      AS_OF,
    );
    expect(toDecimalString(done.total.atStake!)).toBe('3.25');
    expect(toDecimalString(done.total.atStakeOpen!)).toBe('2.5');
    expect(done.total.overdue).toBe(1);
  });

  it("keeps one unit's rows and counts only them", () => {
    const tp = progressReport(PLAN, AS_OF, (r) => r.task?.leadUnits.includes(TP) ?? false);
    expect(tp.rows.map((r) => r.code)).toEqual(['1.2', '2.1']);
    expect(tp.byArea.map((a) => [a.key, a.tasks])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
    expect(tp.total.overdue).toBe(1);
  });

  it('an empty plan has zero counts and no groups', () => {
    const empty = progressReport([row('1', '2', '1')], AS_OF);
    expect(empty.rows).toEqual([]);
    expect(empty.byArea).toEqual([]);
    expect(empty.total).toMatchObject({ tasks: 0, donePercent: 0, atStake: null, overdue: 0 });
  });
});
