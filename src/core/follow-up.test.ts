import { describe, expect, it } from 'vitest';
import { deadlineOutsideYear, settleFollowUp, type FollowUp, type FollowUpStatus } from './follow-up.js';

const f = (status: FollowUpStatus, progress: number): FollowUp => ({ status, progress });

describe('settleFollowUp', () => {
  it.each<[string, FollowUp, { status?: FollowUpStatus; progress?: number }, FollowUp]>([
    [
      'progress on a task not started moves it to in progress',
      f('not_started', 0),
      { progress: 30 },
      f('in_progress', 30),
    ],
    ['1 % is enough to have started', f('not_started', 0), { progress: 1 }, f('in_progress', 1)],
    ['100 % marks it done', f('not_started', 0), { progress: 100 }, f('done', 100)],
    ['100 % from in progress marks it done', f('in_progress', 60), { progress: 100 }, f('done', 100)],
    ['marked done, its progress becomes 100', f('in_progress', 40), { status: 'done' }, f('done', 100)],
    [
      'done with a stated progress keeps that progress',
      f('in_progress', 40),
      { status: 'done', progress: 90 },
      f('done', 90),
    ],
    ['progress back to 0 keeps the status', f('in_progress', 40), { progress: 0 }, f('in_progress', 0)],
    [
      '0 % on a task not started stays not started',
      f('not_started', 0),
      { progress: 0 },
      f('not_started', 0),
    ],
    [
      'more progress on an at-risk task keeps it at risk',
      f('at_risk', 20),
      { progress: 50 },
      f('at_risk', 50),
    ],
    [
      'more progress in progress stays in progress',
      f('in_progress', 20),
      { progress: 50 },
      f('in_progress', 50),
    ],
    [
      'a chosen status is kept with the progress of the same change',
      f('not_started', 0),
      { status: 'not_started', progress: 30 },
      f('not_started', 30),
    ],
    [
      'a chosen status alone changes only the status',
      f('in_progress', 30),
      { status: 'at_risk' },
      f('at_risk', 30),
    ],
    [
      'choosing "not started" keeps the progress already reported',
      f('in_progress', 30),
      { status: 'not_started' },
      f('not_started', 30),
    ],
    ['no follow-up in the change leaves it as it was', f('not_started', 20), {}, f('not_started', 20)],
  ])('%s', (_name, before, change, after) => {
    expect(settleFollowUp(before, change)).toEqual(after);
  });
});

describe('deadlineOutsideYear', () => {
  it.each<[string | null, number, boolean]>([
    ['2024-06-30', 2024, false],
    ['2024-01-01', 2024, false],
    ['2024-12-31', 2024, false],
    ['2025-01-01', 2024, true],
    ['2023-12-31', 2024, true],
    [null, 2024, false],
  ])('%s in a plan for %i: %s', (deadline, year, outside) => {
    expect(deadlineOutsideYear(deadline, year)).toBe(outside);
  });
});
