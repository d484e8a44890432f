import { describe, expect, it } from 'vitest';
import type { FollowUpStatus } from './follow-up.js';
import { planAgainstResult, type PlanResultRow } from './plan-result.js';
import { score, toDecimalString, type Score } from './score.js';

const s = (x: string | null): Score | null => (x === null ? null : score(x));
const dec = (x: Score | null) => (x === null ? null : toDecimalString(x));

function row(
  code: string,
  baseline: string | null,
  target: string | null,
  task?: { status: FollowUpStatus; units: string[] },
): PlanResultRow {
  return {
    code,
    name: `Tiêu chí ${code}`,
    max: s('2'),
    baseline: s(baseline),
    target: s(target),
    task: task
      ? {
          text: `Nhiệm vụ ${code}`,
          status: task.status,
          leadUnits: task.units.map((name, i) => ({ id: name === '?' ? null : i + 10 * name.length, name })),
        }
      : null,
  };
}

const ROWS: PlanResultRow[] = [
  row('1', '3', '4'),
  row('1.1', '1', '2', { status: 'done', units: ['Sở Nội vụ'] }),
  row('1.2', '1', '1.5', { status: 'done', units: ['Sở Nội vụ'] }),
  row('1.3', '1', '2', { status: 'in_progress', units: ['Sở Tư pháp'] }),
  row('2', '1', '2'),
  row('2.1', '1', '2'),
  row('2.2', '0.5', '1', { status: 'done', units: [] }),
];

const ACHIEVED: Record<string, string> = { '1': '4.5', '1.1': '2', '1.2': '1', '1.3': '1.5', '2.1': '1.75' };
const achievedOf = (code: string) => s(ACHIEVED[code] ?? null);

describe('planAgainstResult', () => {
  const result = planAgainstResult(ROWS, achievedOf);

  it('compares each criterion’s target with what was achieved', () => {
    expect(result.criteria.map((c) => [c.code, c.outcome, dec(c.gained), dec(c.gap)])).toEqual([
      ['1', 'met', '1.5', '0.5'],
      ['1.1', 'met', '1', '0'],
      ['1.2', 'not-met', '0', '-0.5'],
      ['1.3', 'not-met', '0.5', '-0.5'],
      ['2', 'no-result', null, null],
      ['2.1', 'not-met', '0.75', '-0.25'],
      ['2.2', 'no-result', null, null],
    ]);
    // leaves only
    expect(result.counts).toEqual({ met: 1, 'not-met': 3, 'no-result': 1, 'no-target': 0 });
  });

  it('sets each task’s status beside the points its criterion gained', () => {
    expect(result.tasks.map((t) => [t.code, t.status, dec(t.gained), t.paidOff])).toEqual([
      ['1.1', 'done', '1', true],
      ['1.2', 'done', '0', false],
      ['1.3', 'in_progress', '0.5', null],
      ['2.2', 'done', null, null],
    ]);
    expect(result.notPaidOff.map((t) => t.code)).toEqual(['1.2']);
  });

  it('counts each lead unit’s tasks done and targets met', () => {
    expect(
      result.leadUnits.map((u) => [u.name, u.tasks, u.done, u.targets, u.targetsMet, dec(u.gained)]),
    ).toEqual([
      ['Sở Nội vụ', 2, 2, 2, 1, '1'],
      ['Sở Tư pháp', 1, 0, 1, 0, '0.5'],
      ['', 1, 1, 0, 0, null],
    ]);
  });

  it('finds the points gained without a task on the criterion or above it', () => {
    expect(result.gainedWithoutTask.map((c) => [c.code, dec(c.gained)])).toEqual([['2.1', '0.75']]);
    const withAreaTask = planAgainstResult(
      ROWS.map((r) => (r.code === '2' ? row('2', '1', '2', { status: 'done', units: ['Sở Nội vụ'] }) : r)),
      achievedOf,
    );
    expect(withAreaTask.gainedWithoutTask).toEqual([]);
  });

  it('matches criteria through the crosswalk; no counterpart is no result', () => {
    const moved = planAgainstResult(
      ROWS,
      (code) => s({ '3.1': '2' }[code] ?? null),
      (code) => (code === '1.1' ? '3.1' : null),
    );
    expect(moved.criteria.filter((c) => c.achieved !== null).map((c) => [c.code, c.resultCode])).toEqual([
      ['1.1', '3.1'],
    ]);
    expect(moved.counts['no-result']).toBe(4);
  });

  it('a done task whose criterion missed its target did not pay off even when it gained', () => {
    const r = planAgainstResult([row('5.1', '0', '2', { status: 'done', units: ['Sở Y tế'] })], () => s('1'));
    expect(r.tasks.map((t) => [t.paidOff, dec(t.gained), t.outcome])).toEqual([[false, '1', 'not-met']]);
  });
});
