import { describe, expect, it } from 'vitest';
import {
  diffPlan,
  hasFollowUp,
  type FollowUp,
  type IncomingDiffRow,
  type StoredDiffRow,
} from './plan-diff.js';
import { score } from './score.js';

const NONE: FollowUp = { status: 'not_started', progress: 0, deadline: null, note: '' };
const FOLLOWED: FollowUp = { status: 'in_progress', progress: 40, deadline: '2024-09-30', note: 'Đã trình' };

let nextId = 1;
/** A stored row as written in a document: scores in Vietnamese, one task at position 0 (or none). */
function stored(
  code: string,
  task: string | null,
  followUp: FollowUp = NONE,
  extra: { lead?: string[]; target?: string; name?: string } = {},
): StoredDiffRow {
  return {
    code,
    name: extra.name ?? `Tiêu chí ${code}`,
    max: score('1'),
    baseline: score('0,5'),
    target: score(extra.target ?? '0,75'),
    tasks:
      task === null
        ? []
        : [
            {
              id: nextId++,
              position: 0,
              text: task,
              leadUnits: extra.lead ?? ['Phòng Nội vụ'],
              supportUnits: [],
              deadlineText: '',
              followUp,
            },
          ],
  };
}

function incoming(
  code: string,
  task: string | null,
  extra: { lead?: string[]; target?: string; name?: string; max?: string } = {},
): IncomingDiffRow {
  return {
    code,
    name: extra.name ?? `Tiêu chí ${code}`,
    max: score(extra.max ?? '1'),
    baseline: score('0,5'),
    target: score(extra.target ?? '0,75'),
    task:
      task === null
        ? null
        : { text: task, leadUnits: extra.lead ?? ['Phòng Nội vụ'], supportUnits: [], deadlineText: '' },
  };
}

const idOf = (row: StoredDiffRow) => row.tasks[0]!.id;

describe('hasFollowUp', () => {
  it.each([
    ['nothing set', NONE, '', false],
    ['a status', { ...NONE, status: 'done' }, '', true],
    ['progress', { ...NONE, progress: 10 }, '', true],
    ['a note', { ...NONE, note: 'x' }, '', true],
    ['a blank note', { ...NONE, note: '  ' }, '', false],
    ['a deadline set in the app', { ...NONE, deadline: '2024-06-30' }, '', true],
    ['the document’s own deadline', { ...NONE, deadline: '2024-06-30' }, '30/6/2024', false],
    ['a deadline moved in the app', { ...NONE, deadline: '2024-07-31' }, '30/6/2024', true],
  ] as const)('%s → %s', (_what, followUp, deadlineText, expected) => {
    expect(hasFollowUp({ followUp, deadlineText })).toBe(expected);
  });
});

describe('diffPlan', () => {
  it('finds nothing between a plan and itself, keeping every task where it is', () => {
    const rows = [stored('1', null), stored('1.1', 'Ban hành kế hoạch', FOLLOWED), stored('1.2', 'Báo cáo')];
    const diff = diffPlan(rows, [
      incoming('1', null),
      incoming('1.1', 'Ban hành kế hoạch'),
      incoming('1.2', 'Báo cáo'),
    ]);
    expect(diff).toMatchObject({ rows: [], added: 0, removed: 0, changed: 0, moved: 0, lostFollowUp: 0 });
    expect(diff.kept).toEqual([
      { taskId: idOf(rows[1]!), code: '1.1' },
      { taskId: idOf(rows[2]!), code: '1.2' },
    ]);
    expect(diff.removedTaskIds).toEqual([]);
  });

  it('ignores white space, line-break style and number formatting', () => {
    const rows = [stored('1.1', 'Ban hành  kế hoạch\r\n- trước 31/01', FOLLOWED, { target: '0,75' })];
    const diff = diffPlan(rows, [incoming('1.1', 'Ban hành kế hoạch\n- trước 31/01', { target: '0,750' })]);
    expect(diff.rows).toEqual([]);
    expect(diff.kept).toEqual([{ taskId: idOf(rows[0]!), code: '1.1' }]);
  });

  it('keeps the follow-up of an edited task and shows old → new', () => {
    const rows = [stored('1.1', 'Ban hành kế hoạch', FOLLOWED), stored('1.2', 'Báo cáo', FOLLOWED)];
    const diff = diffPlan(rows, [
      incoming('1.1', 'Ban hành kế hoạch CCHC năm 2024'),
      incoming('1.2', 'Báo cáo'),
    ]);
    expect(diff.rows).toEqual([
      {
        code: '1.1',
        name: 'Tiêu chí 1.1',
        kind: 'changed',
        changes: [{ field: 'task', old: 'Ban hành kế hoạch', new: 'Ban hành kế hoạch CCHC năm 2024' }],
        movedFrom: null,
        lostFollowUp: 0,
      },
    ]);
    expect(diff.lostFollowUp).toBe(0);
    expect(diff.kept.map((k) => k.taskId).sort()).toEqual([idOf(rows[0]!), idOf(rows[1]!)].sort());
  });

  it('lists changed scores, names and lead units with their old and new values', () => {
    const rows = [stored('1.1', 'Ban hành kế hoạch', NONE, { lead: ['Phòng Nội vụ'] })];
    const diff = diffPlan(rows, [
      incoming('1.1', 'Ban hành kế hoạch', {
        name: 'Kế hoạch CCHC năm',
        max: '1,5',
        target: '1',
        lead: ['Phòng Nội vụ', 'Văn phòng HĐND&UBND'],
      }),
    ]);
    expect(diff.rows[0]!.changes).toEqual([
      { field: 'name', old: 'Tiêu chí 1.1', new: 'Kế hoạch CCHC năm' },
      { field: 'max', old: '1', new: '1.5' },
      { field: 'target', old: '0.75', new: '1' },
      { field: 'leadUnits', old: 'Phòng Nội vụ', new: 'Phòng Nội vụ; Văn phòng HĐND&UBND' },
    ]);
    expect(diff.changed).toBe(1);
  });

  it('follows tasks to the rows they moved to, by their text', () => {
    // the officer inserted a task at 1.1 and shifted the others down one row
    const rows = [stored('1.1', 'A', FOLLOWED), stored('1.2', 'B', FOLLOWED), stored('1.3', null)];
    const diff = diffPlan(rows, [incoming('1.1', 'Mới'), incoming('1.2', 'A'), incoming('1.3', 'B')]);
    expect(diff.kept).toEqual(
      expect.arrayContaining([
        { taskId: idOf(rows[0]!), code: '1.2' },
        { taskId: idOf(rows[1]!), code: '1.3' },
      ]),
    );
    expect(diff.kept).toHaveLength(2);
    expect(diff.moved).toBe(2);
    expect(diff.lostFollowUp).toBe(0);
    expect(diff.rows.map((r) => [r.code, r.movedFrom, r.changes.map((c) => `${c.old}→${c.new}`)])).toEqual([
      ['1.1', null, ['A→Mới']],
      ['1.2', '1.1', ['B→A']],
      ['1.3', '1.2', ['→B', '→Phòng Nội vụ']],
    ]);
  });

  it('does not guess between two tasks of the same text', () => {
    const rows = [
      stored('1.1', 'Tuyên truyền', FOLLOWED),
      stored('1.2', 'Tuyên truyền', NONE),
      stored('1.3', null),
    ];
    const diff = diffPlan(rows, [
      incoming('1.1', 'Khác'),
      incoming('1.2', 'Khác'),
      incoming('1.3', 'Tuyên truyền'),
    ]);
    // 1.3 matches neither of two equal candidates; 1.1 and 1.2 keep their own (edited) tasks
    expect(diff.kept).toEqual(
      expect.arrayContaining([
        { taskId: idOf(rows[0]!), code: '1.1' },
        { taskId: idOf(rows[1]!), code: '1.2' },
      ]),
    );
    expect(diff.kept).toHaveLength(2);
  });

  it('counts the follow-up of removed tasks and rows as lost', () => {
    const rows = [
      stored('1', null),
      stored('1.1', 'A', FOLLOWED),
      stored('1.2', 'B', NONE),
      stored('1.3', 'C', { ...NONE, note: 'Chờ ý kiến' }),
    ];
    const diff = diffPlan(rows, [
      incoming('1', null),
      incoming('1.1', null),
      incoming('1.2', null),
      incoming('1.4', 'D'),
    ]);
    expect(diff.lostFollowUp).toBe(2);
    expect(diff.removedTaskIds.sort()).toEqual([idOf(rows[1]!), idOf(rows[2]!), idOf(rows[3]!)].sort());
    expect(diff.rows.map((r) => [r.code, r.kind, r.lostFollowUp])).toEqual([
      ['1.1', 'changed', 1],
      ['1.2', 'changed', 0],
      ['1.3', 'removed', 1],
      ['1.4', 'added', 0],
    ]);
    expect(diff.rows[0]!.changes).toEqual([
      { field: 'task', old: 'A', new: '' },
      { field: 'leadUnits', old: 'Phòng Nội vụ', new: '' },
    ]);
    expect(diff.rows[3]!.changes).toEqual([
      { field: 'name', old: null, new: 'Tiêu chí 1.4' },
      { field: 'max', old: null, new: '1' },
      { field: 'baseline', old: null, new: '0.5' },
      { field: 'target', old: null, new: '0.75' },
      { field: 'task', old: null, new: 'D' },
      { field: 'leadUnits', old: null, new: 'Phòng Nội vụ' },
    ]);
    expect(diff).toMatchObject({ added: 1, removed: 1, changed: 2 });
  });

  it('orders rows by code, not as the file listed them', () => {
    const rows = [stored('1.10', 'X'), stored('1.9', 'Y')];
    const diff = diffPlan(rows, [incoming('1.9', 'Y2'), incoming('1.10', 'X2')]);
    expect(diff.rows.map((r) => r.code)).toEqual(['1.9', '1.10']);
  });
});
