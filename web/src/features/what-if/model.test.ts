import { describe, expect, it } from 'vitest';
import { score, toDecimalString } from '@core/score';
import type { WhatIfPool } from '@core/what-if';
import { changesOf, editableParts, hasCriterionScores, resultNameLacks } from './model';

const pool: WhatIfPool = {
  parts: [
    { code: '1', kind: 'area', parentCode: null, name: 'Chỉ đạo', max: score('8.5') },
    { code: '1.1', kind: 'criterion', parentCode: '1', name: 'Kế hoạch', max: score('1.5') },
    { code: '1.2', kind: 'criterion', parentCode: '1', name: 'Báo cáo', max: score('0.5') },
  ],
  units: [
    {
      unitId: 7,
      name: 'Tỉnh Đắk Nông',
      index: score('84.66'),
      points: null,
      max: null,
      scores: { '1.1': { score: score('1'), max: score('1') } },
    },
  ],
  bands: [],
  tieBreak: [],
};

describe('what-if model', () => {
  it('offers the criteria, with the unit’s own max where it has one', () => {
    expect(
      editableParts(pool, 7).map((p) => [
        p.code,
        p.score && toDecimalString(p.score),
        p.max && toDecimalString(p.max),
      ]),
    ).toEqual([
      ['1.1', '1', '1'],
      ['1.2', null, '0.5'],
    ]);
    expect(editableParts(pool, 8)).toEqual([]);
  });

  it('reads Vietnamese decimals, skips empty cells and lists unreadable ones', () => {
    const { changes, bad } = changesOf({ '1.1': '1,25', '1.2': '', '1.3': 'nhiều' });
    expect(changes.map((c) => [c.code, toDecimalString(c.score)])).toEqual([['1.1', '1.25']]);
    expect(bad).toEqual(['1.3']);
  });
});

describe("next year's plan from a result", () => {
  it('starts from a criterion the unit has a score of, never from the areas or the index alone', () => {
    expect(hasCriterionScores(pool, 7)).toBe(true);
    // a unit not in the result
    expect(hasCriterionScores(pool, 8)).toBe(false);
    // an area's score only
    const areaOnly = { ...pool.units[0]!, scores: { '1': { score: score('7'), max: score('8.5') } } };
    expect(hasCriterionScores({ ...pool, units: [areaOnly] }, 7)).toBe(false);
    // the index only
    expect(hasCriterionScores({ ...pool, parts: [] }, 7)).toBe(false);
  });
});

describe("a result's name", () => {
  it.each([
    ['Chỉ số cải cách hành chính năm 2024 — Các tỉnh, thành phố', 'Các tỉnh, thành phố', 2024, false, false],
    ['CHỈ SỐ CCHC 2024 — CÁC TỈNH, THÀNH PHỐ', 'Các tỉnh, thành phố', 2024, false, false],
    ['PAR INDEX 2024', 'Các tỉnh, thành phố', 2024, true, false],
    ['PAR INDEX các tỉnh, thành phố', 'Các tỉnh, thành phố', 2024, false, true],
    ['Kết quả đánh giá các tỉnh', 'Tỉnh', 2023, false, true],
    ['Kết quả đánh giá', 'Các sở', 2023, true, true],
    // a short pool's name inside another word, the year inside a longer number: not named
    ['Chỉ số CCHC năm 20245', 'Sở', 2024, true, true],
    ['Chỉ số CCHC các sở năm 2024', 'Sở', 2024, false, false],
  ])('%s in pool %s, %i: lacks the pool %s, the year %s', (title, pool, year, lacksPool, lacksYear) => {
    expect(resultNameLacks(title, pool, year)).toEqual({ pool: lacksPool, year: lacksYear });
  });
});
