import { formatScore, type Score } from '@core/score';
import { TaskPatch, type PlanRow, type PlanView, type Task, type TaskStatus } from '@shared/api';
import { describe, expect, it } from 'vitest';
import {
  allRows,
  buildModel,
  completionByUnit,
  dueOf,
  filterTree,
  isOverdue,
  leadUnitOptions,
  parseProgress,
  taskRows,
  topLosses,
  visibleCodes,
  type Due,
} from './model';

const HA_NOI = { id: 11, name: 'Sở Nội vụ' };
const TU_PHAP = { id: 12, name: 'Sở Tư pháp' };
const AN_GIANG = { id: 13, name: 'Ấp Bắc' };

function task(over: Partial<Task> = {}): Task {
  return {
    id: 1,
    text: '',
    status: 'not_started',
    progress: 0,
    deadline: null,
    deadlineText: '',
    progressNote: '',
    version: 1,
    leadUnits: [],
    supportUnits: [],
    leadUnitsText: '',
    ...over,
  };
}

let itemId = 0;
function row(
  code: string,
  name: string,
  max: string | null,
  baseline: string | null,
  target: string | null,
  t: Task | null = null,
): PlanRow {
  const parts = code.split('.');
  return {
    itemId: ++itemId,
    code,
    parentCode: parts.length > 1 ? parts.slice(0, -1).join('.') : null,
    depth: parts.length - 1,
    name,
    max,
    baseline,
    target,
    version: 1,
    task: t,
  };
}

function plan(rows: PlanRow[], over: Partial<PlanView> = {}): PlanView {
  return {
    id: 1,
    subject: { id: 1, name: 'Tỉnh Đắk Nông' },
    year: 2025,
    baselineYear: 2024,
    label: null,
    title: null,
    subtitle: null,
    sourceName: 'ke-hoach.xlsx',
    version: 1,
    updatedAt: '2025-01-01T00:00:00Z',
    archived: false,
    statedTotals: null,
    rows,
    findings: [],
    units: [],
    access: {
      scope: 'full',
      editScores: true,
      editTasks: true,
      editLeadUnits: true,
      export: true,
      readAudit: true,
      archive: true,
      delete: true,
      leadUnitIds: [],
    },
    ...over,
  };
}

const text = (s: Score | null) => (s === null ? null : formatScore(s, 'en'));

// area 1 (two criteria), area 2 (one criterion, no scores stated for the target)
const rows = [
  row('1', 'Công tác chỉ đạo điều hành', '10', '7.5', '9'),
  row(
    '1.1',
    'Kế hoạch cải cách hành chính',
    '6',
    '4.25',
    '5.5',
    task({ id: 1, text: 'Ban hành kế hoạch', leadUnits: [HA_NOI], status: 'done', deadline: '2025-03-31' }),
  ),
  row(
    '1.2',
    'Báo cáo định kỳ',
    '4',
    '3.25',
    '3.5',
    task({
      id: 2,
      text: 'Gửi báo cáo đúng hạn',
      leadUnits: [TU_PHAP],
      supportUnits: [HA_NOI],
      deadline: '2025-02-01',
    }),
  ),
  row('2', 'Cải cách thể chế', '8', '8', null),
  row('2.1', 'Rà soát văn bản', '8', '8', null, task({ id: 3, text: '', leadUnits: [] })),
];

describe('buildModel', () => {
  const model = buildModel(
    plan(rows, {
      findings: [
        { rule: 'sum-baseline', severity: 'error', code: '1', params: {}, location: null },
        { rule: 'areas-not-100', severity: 'warning', code: null, params: {}, location: null },
      ],
    }),
  );

  it('builds the tree with depth, leaves, parents and gains', () => {
    expect(model.roots.map((r) => r.key)).toEqual(['1', '2']);
    expect(model.roots[0]!.children!.map((r) => r.key)).toEqual(['1.1', '1.2']);
    expect([...allRows(model.roots)].map((r) => [r.key, r.depth, r.isLeaf])).toEqual([
      ['1', 0, false],
      ['1.1', 1, true],
      ['1.2', 1, true],
      ['2', 0, false],
      ['2.1', 1, true],
    ]);
    expect(model.parentOf.get('1.2')).toBe('1');
    expect(model.parentOf.get('1')).toBeNull();
    expect(text(model.byCode.get('1.1')!.gain)).toBe('1.25');
    expect(model.byCode.get('2')!.gain).toBeNull();
  });

  it('sums the areas exactly when no total is stated, and keeps a stated total', () => {
    // an area without a target adds nothing to the target total
    expect(
      [model.totals.max, model.totals.baseline, model.totals.target, model.totals.gain].map(text),
    ).toEqual(['18', '15.5', '9', '-6.5']);
    const stated = buildModel(plan(rows, { statedTotals: { max: '18', baseline: '15', target: '17' } }));
    expect([stated.totals.baseline, stated.totals.target, stated.totals.gain].map(text)).toEqual([
      '15',
      '17',
      '2',
    ]);
  });

  it('gives each area its lost points and each row its findings; plan findings apart', () => {
    expect(model.areas.map((a) => [a.code, text(a.lost)])).toEqual([
      ['1', '2.5'],
      ['2', '0'],
    ]);
    expect(model.byCode.get('1')!.findings.map((f) => f.rule)).toEqual(['sum-baseline']);
    expect(model.byCode.get('1.1')!.findings).toEqual([]);
    expect(model.planFindings.map((f) => f.rule)).toEqual(['areas-not-100']);
  });
});

describe('visibleCodes and filterTree', () => {
  const model = buildModel(plan(rows));
  it.each<[string, string, number | null, string[] | null]>([
    ['no search, no unit: everything', '  ', null, null],
    ['a word without diacritics finds the row and its parent', 'bao cao', null, ['1', '1.2']],
    ['a task text', 'ban hanh', null, ['1', '1.1']],
    ['a code', '2.1', null, ['2', '2.1']],
    ['a lead unit by name', 'tu phap', null, ['1', '1.2']],
    ['a unit filter: lead or support', '', HA_NOI.id, ['1', '1.1', '1.2']],
    ['search and unit together', 'ke hoach', TU_PHAP.id, []],
    ['nothing matches', 'không có', null, []],
  ])('%s', (_name, search, unitId, expected) => {
    const keep = visibleCodes(model, search, unitId);
    expect(keep === null ? null : [...keep].sort()).toEqual(expected);
  });

  it('keeps the ancestors and drops emptied children', () => {
    const kept = filterTree(model.roots, visibleCodes(model, 'bao cao', null));
    expect(kept.map((r) => r.key)).toEqual(['1']);
    expect(kept[0]!.children!.map((r) => r.key)).toEqual(['1.2']);
    expect(filterTree(model.roots, null).map((r) => r.key)).toEqual(['1', '2']);
    // an area kept without any of its children keeps no children list
    expect(filterTree(model.roots, new Set(['2']))[0]!.children).toBeUndefined();
  });
});

describe('topLosses', () => {
  it('lists the leaves losing points, most first, with whether they have a task and a lead', () => {
    const losses = topLosses(buildModel(plan(rows)));
    expect(losses.map((l) => [l.row.key, text(l.lost), l.hasTask, l.hasLead])).toEqual([
      ['1.1', '1.75', true, true],
      ['1.2', '0.75', true, true],
    ]);
    expect(topLosses(buildModel(plan(rows)), 1)).toHaveLength(1);
  });
});

describe('tasks', () => {
  it('follows the rows with a task text or a lead unit', () => {
    expect(taskRows(plan(rows)).map((r) => r.code)).toEqual(['1.1', '1.2']);
  });

  it('offers the lead units in Vietnamese order, once each', () => {
    const twice = [...rows, row('3', 'X', null, null, null, task({ leadUnits: [AN_GIANG, HA_NOI] }))];
    expect(leadUnitOptions(twice).map((o) => o.label)).toEqual(['Ấp Bắc', 'Sở Nội vụ', 'Sở Tư pháp']);
  });

  it.each<[string, TaskStatus, string | null, boolean]>([
    ['past its deadline', 'in_progress', '2025-02-28', true],
    ['due today', 'in_progress', '2025-03-01', false],
    ['done late', 'done', '2025-01-01', false],
    ['without a deadline', 'at_risk', null, false],
  ])('isOverdue: %s', (_name, status, deadline, overdue) => {
    expect(isOverdue(task({ status, deadline }), '2025-03-01')).toBe(overdue);
  });

  it.each<[string, TaskStatus, string | null, Due]>([
    ['no deadline', 'in_progress', null, { kind: 'none' }],
    ['done', 'done', '2025-01-01', { kind: 'done' }],
    ['later', 'not_started', '2025-03-11', { kind: 'later', days: 10 }],
    ['today', 'not_started', '2025-03-01', { kind: 'today' }],
    ['overdue across a month end', 'at_risk', '2025-02-27', { kind: 'overdue', days: 2 }],
  ])('dueOf: %s', (_name, status, deadline, due) => {
    expect(dueOf({ status, deadline }, '2025-03-01')).toEqual(due);
  });

  it('counts completion per lead unit, most tasks first', () => {
    const more = [
      ...rows,
      row('3', 'Y', null, null, null, task({ leadUnits: [TU_PHAP], status: 'done' })),
      row(
        '4',
        'Z',
        null,
        null,
        null,
        task({ leadUnits: [TU_PHAP], status: 'at_risk', deadline: '2025-01-15' }),
      ),
    ];
    expect(completionByUnit(plan(more), '2025-03-01')).toEqual([
      {
        unitId: TU_PHAP.id,
        unit: TU_PHAP.name,
        tasks: 3,
        byStatus: { not_started: 1, in_progress: 0, done: 1, at_risk: 1 },
        overdue: 2,
        done: 33,
      },
      {
        unitId: HA_NOI.id,
        unit: HA_NOI.name,
        tasks: 1,
        byStatus: { not_started: 0, in_progress: 0, done: 1, at_risk: 0 },
        overdue: 0,
        done: 100,
      },
    ]);
  });
});

describe("a task's progress as typed", () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['100', 100],
    ['45%', 45],
    [' 60 % ', 60],
    ['007', 7],
  ])('takes %j as %i', (text, value) => {
    expect(parseProgress(text)).toBe(value);
  });

  it.each(['', ' ', '%', 'abc', '12.5', '12,5', '101', '150', '1000', '-5', '1e2', '50%%', '0x10'])(
    'refuses %j',
    (text) => {
      expect(parseProgress(text)).toBeNull();
    },
  );

  it('takes what the server takes and nothing else', () => {
    const server = TaskPatch.shape.progress;
    for (let n = -5; n <= 105; n++) {
      expect(parseProgress(String(n)) !== null).toBe(server.safeParse(n).success);
    }
    for (const n of [12.5, 99.9, 0.5]) {
      expect(parseProgress(String(n))).toBeNull();
      expect(server.safeParse(n).success).toBe(false);
    }
  });
});
