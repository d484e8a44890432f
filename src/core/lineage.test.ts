import { describe, expect, it } from 'vitest';
import {
  aliveOn,
  dayBefore,
  eventProblems,
  lastYearFigure,
  lineageColumns,
  liveSuccessors,
  predecessors,
  successors,
  type LineageEvent,
} from './lineage.js';
import { score, toDecimalString } from './score.js';

// the 2025 reform as data: Đắk Nông (1) merged into Lâm Đồng (2); Krông Nô (3) dissolved; the
// communes Nâm N'Đir (4) and Nâm Nung (5) merged into a new Xã Nâm Nung (6), later renamed Xã Krông Nô (7)
const DAK_NONG = 1;
const LAM_DONG = 2;
const KRONG_NO = 3;
const NAM_NDIR = 4;
const NAM_NUNG = 5;
const NEW_NAM_NUNG = 6;
const XA_KRONG_NO = 7;
const EVENTS: LineageEvent[] = [
  { id: 1, kind: 'merged', date: '2025-07-01', decision: '202/2025/QH15', from: [DAK_NONG], to: [LAM_DONG] },
  { id: 2, kind: 'dissolved', date: '2025-07-01', decision: '202/2025/QH15', from: [KRONG_NO], to: [] },
  {
    id: 3,
    kind: 'merged',
    date: '2025-07-01',
    decision: '1671/NQ-UBTVQH15',
    from: [NAM_NDIR, NAM_NUNG],
    to: [NEW_NAM_NUNG],
  },
  {
    id: 4,
    kind: 'renamed',
    date: '2026-01-01',
    decision: '12/NQ-HĐND',
    from: [NEW_NAM_NUNG],
    to: [XA_KRONG_NO],
  },
];

describe('predecessors and successors', () => {
  it.each([
    [
      XA_KRONG_NO,
      'predecessors',
      [
        [NEW_NAM_NUNG, 1, '2026-01-01'],
        [NAM_NDIR, 2, '2025-07-01'],
        [NAM_NUNG, 2, '2025-07-01'],
      ],
    ],
    [
      NEW_NAM_NUNG,
      'predecessors',
      [
        [NAM_NDIR, 1, '2025-07-01'],
        [NAM_NUNG, 1, '2025-07-01'],
      ],
    ],
    [
      NAM_NDIR,
      'successors',
      [
        [NEW_NAM_NUNG, 1, '2025-07-01'],
        [XA_KRONG_NO, 2, '2026-01-01'],
      ],
    ],
    [LAM_DONG, 'predecessors', [[DAK_NONG, 1, '2025-07-01']]],
    [KRONG_NO, 'successors', []],
  ] as const)('unit %i, %s', (unit, way, expected) => {
    const steps = way === 'predecessors' ? predecessors(EVENTS, unit) : successors(EVENTS, unit);
    expect(steps.map((s) => [s.unitId, s.depth, s.date])).toEqual(expected);
  });

  it('the live successors follow renames to the unit that still exists', () => {
    expect(liveSuccessors(EVENTS, NAM_NUNG)).toEqual([XA_KRONG_NO]);
    expect(liveSuccessors(EVENTS, DAK_NONG)).toEqual([LAM_DONG]);
    expect(liveSuccessors(EVENTS, KRONG_NO)).toEqual([]);
  });

  it('the columns of units kept in step: last day the day before, the one successor', () => {
    expect(lineageColumns(EVENTS, DAK_NONG)).toEqual({
      successorId: LAM_DONG,
      lineage: 'merged',
      validTo: '2025-06-30',
    });
    expect(lineageColumns(EVENTS, KRONG_NO)).toEqual({
      successorId: null,
      lineage: 'dissolved',
      validTo: '2025-06-30',
    });
    expect(lineageColumns(EVENTS, LAM_DONG)).toEqual({ successorId: null, lineage: null, validTo: null });
    const split: LineageEvent = {
      id: 9,
      kind: 'split',
      date: '2025-07-01',
      decision: '',
      from: [8],
      to: [10, 11],
    };
    expect(lineageColumns([split], 8)).toEqual({
      successorId: null,
      lineage: 'split',
      validTo: '2025-06-30',
    });
  });

  it.each([
    ['2025-07-01', '2025-06-30'],
    ['2024-03-01', '2024-02-29'],
    ['2026-01-01', '2025-12-31'],
  ])('the day before %s is %s', (day, before) => expect(dayBefore(day)).toBe(before));
});

describe('the units alive on a day', () => {
  const units = [
    { id: NAM_NUNG, validFrom: null, validTo: '2025-06-30' },
    { id: NEW_NAM_NUNG, validFrom: '2025-07-01', validTo: '2025-12-31' },
    { id: XA_KRONG_NO, validFrom: '2026-01-01', validTo: null },
  ];
  it.each([
    ['2025-06-30', [NAM_NUNG]],
    ['2025-07-01', [NEW_NAM_NUNG]],
    ['2026-05-19', [XA_KRONG_NO]],
  ])('%s', (day, alive) => expect(aliveOn(units, day)).toEqual(alive));
});

describe('whether an event fits those recorded', () => {
  const event = (e: Partial<LineageEvent>): LineageEvent => ({
    id: 99,
    kind: 'merged',
    date: '2025-07-01',
    decision: '',
    from: [],
    to: [],
    ...e,
  });
  it.each([
    [
      'a merge into two units',
      event({ from: [1, 2], to: [3, 4] }),
      [{ code: 'shape', kind: 'merged', from: 2, to: 2 }],
    ],
    [
      'a split into one unit',
      event({ kind: 'split', from: [1], to: [3] }),
      [{ code: 'shape', kind: 'split', from: 1, to: 1 }],
    ],
    [
      'a dissolution with a successor',
      event({ kind: 'dissolved', from: [1], to: [2] }),
      [{ code: 'shape', kind: 'dissolved', from: 1, to: 1 }],
    ],
    ['a unit merged into itself', event({ from: [1, 2], to: [2] }), [{ code: 'same-unit', unit: 2 }]],
    // Nâm Nung already merged on 01/07/2025: it cannot be merged again
    [
      'Nâm Nung merged twice',
      event({ date: '2025-09-01', from: [NAM_NUNG], to: [LAM_DONG] }),
      [{ code: 'twice', unit: NAM_NUNG, kind: 'merged', date: '2025-07-01' }],
    ],
    // the new Nâm Nung began on 01/07/2025: it cannot end that day or before
    [
      'the new commune ended before it began',
      event({ kind: 'dissolved', date: '2025-05-01', from: [NEW_NAM_NUNG] }),
      [
        { code: 'twice', unit: NEW_NAM_NUNG, kind: 'renamed', date: '2026-01-01' },
        { code: 'order', unit: NEW_NAM_NUNG, began: '2025-07-01' },
      ],
    ],
    [
      'merged into Krông Nô after it was dissolved',
      event({ date: '2025-09-01', from: [LAM_DONG], to: [KRONG_NO] }),
      [{ code: 'ended', unit: KRONG_NO, until: '2025-06-30' }],
    ],
    [
      'the renamed commune back into its predecessor',
      event({ kind: 'renamed', date: '2027-01-01', from: [XA_KRONG_NO], to: [NAM_NUNG] }),
      [
        { code: 'ended', unit: NAM_NUNG, until: '2025-06-30' },
        { code: 'cycle', unit: XA_KRONG_NO },
      ],
    ],
    [
      'a commune moved under Lâm Đồng',
      event({ kind: 'moved', from: [XA_KRONG_NO], to: [LAM_DONG], date: '2026-02-01' }),
      [],
    ],
    ['two new communes merged', event({ from: [10, 11], to: [12] }), []],
  ])('%s', (_name, e, problems) => expect(eventProblems(EVENTS, e)).toEqual(problems));

  it('a cycle among units that never ended', () => {
    // A → B then B → A, both dated the same day: the second leads back to A
    const first = event({ id: 1, kind: 'renamed', from: [20], to: [21] });
    expect(eventProblems([first], event({ kind: 'renamed', from: [21], to: [20] }))).toContainEqual({
      code: 'cycle',
      unit: 21,
    });
  });
});

describe("a merged commune's last year", () => {
  // Nâm N'Đir planned 78,5 and Nâm Nung 81,25 for 2025; a third predecessor had no plan that year
  const figures = [
    { unitId: NAM_NDIR, value: score('78,5') },
    { unitId: NAM_NUNG, value: score('81,25') },
    { unitId: 30, value: null },
  ];
  it.each([
    // the largest predecessor's figure: Nâm Nung's 81,25
    ['largest', null, '81.25', NAM_NUNG],
    // (78,5 + 81,25) / 2 = 159,75 / 2 = 79,875; the one without a plan is left out
    ['average', null, '79.875', null],
    ['entered', '80,1', '80.1', null],
  ] as const)('%s', (rule, entered, value, from) => {
    const outcome = lastYearFigure(figures, rule, entered === null ? null : score(entered));
    expect(outcome.ok && [toDecimalString(outcome.value), outcome.from]).toEqual([value, from]);
  });

  it('the average rounds half up to ten-thousandths: (1 + 0,0001 + 0) / 3', () => {
    // 10001 ten-thousandths / 3 = 3333,67 → 3334 → 0,3334
    const outcome = lastYearFigure(
      [
        { unitId: 1, value: score('1') },
        { unitId: 2, value: score('0,0001') },
        { unitId: 3, value: score('0') },
      ],
      'average',
    );
    expect(outcome.ok && toDecimalString(outcome.value)).toBe('0.3334');
  });

  it('without figures or without an entered value there is none', () => {
    expect(lastYearFigure([{ unitId: 1, value: null }], 'largest')).toEqual({
      ok: false,
      reason: 'no-figures',
    });
    expect(lastYearFigure([], 'entered')).toEqual({ ok: false, reason: 'no-value' });
  });
});
