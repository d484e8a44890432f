import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from './ranking.js';
import { score, sum, toDecimalString, type Score } from './score.js';
import { indexOfPoints } from './scoring.js';
import {
  partsAtStake,
  smallestSetToNextGroup,
  whatIf,
  type WhatIfPart,
  type WhatIfPool,
  type WhatIfUnit,
} from './what-if.js';

const band = (label: string, min: string): Band => ({ label, minIndex: score(min), colour: '' });
const BANDS = [band('A', '90'), band('B', '80')];
const dec = (s: Score | null) => (s === null ? null : toDecimalString(s));

/** 63 provinces; Đắk Nông 37th at 84,66, as published for 2022; eight provinces between 84,66 and 86,16. */
function nationalPool(): WhatIfPool {
  const parts: WhatIfPart[] = [
    { code: '5', kind: 'area', parentCode: null, name: 'Cải cách tài chính công', max: score('10') },
    { code: '5.9', kind: 'criterion', parentCode: '5', name: 'Giải ngân vốn đầu tư công', max: score('1') },
    { code: '5.1', kind: 'criterion', parentCode: '5', name: 'Dự toán', max: score('9') },
    { code: '8', kind: 'area', parentCode: null, name: 'Tác động', max: score('20') },
    { code: '8.1', kind: 'criterion', parentCode: '8', name: 'SIPAS', max: score('2') },
    { code: '8.2', kind: 'criterion', parentCode: '8', name: 'Khác', max: score('18') },
  ];
  const units: WhatIfUnit[] = [];
  for (let i = 1; i <= 63; i++) {
    if (i === 37) {
      units.push({
        unitId: 37,
        name: 'Tỉnh Đắk Nông',
        index: score('84.66'),
        points: score('84.66'),
        max: score('100'),
        scores: {
          '5': { score: score('8.25'), max: null },
          '5.9': { score: score('0.25'), max: null },
          '5.1': { score: score('8'), max: null },
          '8': { score: score('15.25'), max: null },
          '8.1': { score: score('1.25'), max: null },
          '8.2': { score: score('14'), max: null },
        },
      });
      continue;
    }
    // 1–28 from 91,5 down to 86,3; 29–36 from 86,1 down to 84,7; 38–63 below 84
    const index =
      i <= 28
        ? (9150 - (i - 1) * 19) / 100
        : i <= 36
          ? (8610 - (i - 29) * 20) / 100
          : (8400 - (i - 38) * 50) / 100;
    units.push({
      unitId: i,
      name: `Tỉnh ${i}`,
      index: score(index.toFixed(2)),
      points: score(index.toFixed(2)),
      max: score('100'),
      scores: {},
    });
  }
  return { parts, units, bands: BANDS, tieBreak: [] };
}

describe('whatIf', () => {
  it('+1,5 on 5.9 and 8.1 moves Đắk Nông from 37 to 29, still group B', () => {
    const answer = whatIf(nationalPool(), 37, [
      { code: '5.9', score: score('1') },
      { code: '8.1', score: score('2') },
    ]);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(dec(answer.points.before)).toBe('84.66');
    expect(dec(answer.points.after)).toBe('86.16');
    expect([dec(answer.before.index), answer.before.rank, answer.before.group]).toEqual(['84.66', 37, 'B']);
    expect([dec(answer.after.index), answer.after.rank, answer.after.group]).toEqual(['86.16', 29, 'B']);
    expect(answer.passed.map((u) => u.unitId)).toEqual([29, 30, 31, 32, 33, 34, 35, 36]);
    expect(answer.nextGroup && [answer.nextGroup.label, dec(answer.nextGroup.minIndex)]).toEqual(['A', '90']);
  });

  it('no change keeps the stated index and rank', () => {
    const answer = whatIf(nationalPool(), 37, []);
    expect(answer.ok && [dec(answer.after.index), answer.after.rank, answer.passed.length]).toEqual([
      '84.66',
      37,
      0,
    ]);
  });

  it('a lower expected score moves the unit down, passing nobody', () => {
    const answer = whatIf(nationalPool(), 37, [{ code: '8.2', score: score('10') }]);
    expect(answer.ok && [dec(answer.after.index), answer.after.rank, answer.passed]).toEqual([
      '80.66',
      44,
      [],
    ]);
  });

  it('a level index shares the rank; the tie-break orders it when configured', () => {
    const pool = nationalPool();
    // 86,1 is the 29th's index: +1,44 reaches it exactly
    const change = [{ code: '8.2', score: score('15.44') }];
    const shared = whatIf(pool, 37, change);
    expect(shared.ok && [dec(shared.after.index), shared.after.rank]).toEqual(['86.1', 29]);
    expect(shared.ok && shared.passed.map((u) => u.unitId)).toEqual([30, 31, 32, 33, 34, 35, 36]);
    const tied = whatIf({ ...pool, tieBreak: ['8'] }, 37, change);
    // the 29th has no score on 8: a missing key comes after a present one, so Đắk Nông goes first
    expect(tied.ok && [tied.after.rank, tied.passed.map((u) => u.unitId)]).toEqual([
      29,
      [29, 30, 31, 32, 33, 34, 35, 36],
    ]);
  });

  it('refuses unknown, repeated, nested and out-of-range parts', () => {
    const pool = nationalPool();
    expect(whatIf(pool, 99, [])).toMatchObject({ ok: false, problem: 'unit-unknown' });
    expect(whatIf(pool, 37, [{ code: '9.9', score: score('1') }])).toMatchObject({
      ok: false,
      problem: 'part-unknown',
      code: '9.9',
    });
    expect(
      whatIf(pool, 37, [
        { code: '8.1', score: score('1') },
        { code: '8.1', score: score('2') },
      ]),
    ).toMatchObject({ ok: false, problem: 'part-repeated' });
    expect(
      whatIf(pool, 37, [
        { code: '8', score: score('16') },
        { code: '8.1', score: score('2') },
      ]),
    ).toMatchObject({ ok: false, problem: 'part-nested', code: '8.1', parentCode: '8' });
    expect(whatIf(pool, 37, [{ code: '8.1', score: score('2.5') }])).toMatchObject({
      ok: false,
      problem: 'out-of-range',
    });
    expect(whatIf(pool, 37, [{ code: '8.1', score: score('-1') }])).toMatchObject({
      problem: 'out-of-range',
    });
  });

  it('moves the areas above a changed criterion (a tie key here)', () => {
    const pool = nationalPool();
    // the 32nd (85,5) has 15,9 on area 8; Đắk Nông reaches 85,5 with 8 at 15,25 + 0,75 = 16
    const units = pool.units.map((u) =>
      u.unitId === 32 ? { ...u, scores: { '8': { score: score('15.9'), max: null } } } : u,
    );
    const answer = whatIf({ ...pool, units, tieBreak: ['8'] }, 37, [
      { code: '8.1', score: score('2') },
      { code: '5.9', score: score('0.34') },
    ]);
    expect(answer.ok && [dec(answer.after.index), answer.after.rank]).toEqual(['85.5', 32]);
    expect(answer.ok && answer.passed.map((u) => u.unitId)).toEqual([32, 33, 34, 35, 36]);
  });

  it('without stated points, sums the top parts', () => {
    const parts: WhatIfPart[] = [
      { code: 'appraised', kind: 'component', parentCode: null, name: 'Thẩm định', max: score('60') },
      { code: 'sipas', kind: 'component', parentCode: null, name: 'SIPAS', max: score('40') },
    ];
    const unit = (id: number, a: string, s: string): WhatIfUnit => ({
      unitId: id,
      name: `u${id}`,
      index: indexOfPoints(sum([score(a), score(s)]), score('100'))!,
      points: null,
      max: null,
      scores: { appraised: { score: score(a), max: null }, sipas: { score: score(s), max: null } },
    });
    const pool: WhatIfPool = {
      parts,
      units: [unit(1, '50', '35'), unit(2, '55', '36')],
      bands: BANDS,
      tieBreak: [],
    };
    const answer = whatIf(pool, 1, [{ code: 'sipas', score: score('40') }]);
    expect(answer.ok && [dec(answer.after.index), answer.after.rank, answer.after.group]).toEqual([
      '90',
      2,
      'A',
    ]);
  });
});

describe('smallestSetToNextGroup', () => {
  it('names the fewest criteria, biggest stake first, that reach group A', () => {
    const plan = smallestSetToNextGroup(nationalPool(), 37);
    // 84,66 + 4 (8.2) + 1 (5.1) = 89,66 < 90; + 0,75 (8.1) = 90,41
    expect(plan && plan.parts.map((p) => [p.code, dec(p.atStake)])).toEqual([
      ['8.2', '4'],
      ['5.1', '1'],
      ['5.9', '0.75'],
    ]);
    expect(
      plan && [plan.target.label, dec(plan.reaches.index), plan.reaches.rank, plan.reaches.group],
    ).toEqual(['A', '90.41', 7, 'A']);
  });

  it('is null at the top band and when even every part at its max falls short', () => {
    const pool = nationalPool();
    expect(smallestSetToNextGroup(pool, 1)).toBeNull();
    expect(smallestSetToNextGroup({ ...pool, bands: [band('A', '95'), ...BANDS.slice(1)] }, 37)).toBeNull();
  });

  it('lists the parts at stake of the finest kind only', () => {
    const pool = nationalPool();
    expect(partsAtStake(pool, pool.units[36]!).map((p) => p.code)).toEqual(['8.2', '5.1', '5.9', '8.1']);
  });

  it('finds as few parts as any subset does (property, against brute force)', () => {
    const part = fc.record({
      max: fc.integer({ min: 1, max: 500 }),
      share: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        (raw, a, b) => {
          const parts: WhatIfPart[] = raw.map((_, i) => ({
            code: `1.${i + 1}`,
            kind: 'criterion',
            parentCode: null,
            name: `c${i}`,
            max: { units: raw[i]!.max * 100, scale: 2 },
          }));
          const scores: Record<string, { score: Score; max: null }> = {};
          raw.forEach((p, i) => {
            scores[`1.${i + 1}`] = {
              score: { units: Math.floor((p.max * 100 * p.share) / 100), scale: 2 },
              max: null,
            };
          });
          const points = sum(Object.values(scores).map((s) => s.score));
          const max = sum(parts.map((p) => p.max!));
          const unit: WhatIfUnit = {
            unitId: 1,
            name: 'u',
            index: indexOfPoints(points, max)!,
            points,
            max,
            scores,
          };
          const bands = [band('X', String(Math.max(a, b))), band('Y', String(Math.min(a, b) - 0.5))];
          const pool: WhatIfPool = { parts, units: [unit], bands, tieBreak: [] };
          const greedy = smallestSetToNextGroup(pool, 1);
          // brute force: every subset raised to its max
          const target = [...bands]
            .sort((x, y) => x.minIndex.units - y.minIndex.units)
            .find((x) => x.minIndex.units > unit.index.units);
          let best: number | null = null;
          if (target) {
            for (let mask = 1; mask < 1 << parts.length; mask++) {
              const chosen = parts.filter((_, i) => mask & (1 << i));
              const answer = whatIf(
                pool,
                1,
                chosen.map((p) => ({ code: p.code, score: p.max! })),
              );
              if (answer.ok && answer.after.index.units >= target.minIndex.units)
                best = Math.min(best ?? Infinity, chosen.length);
            }
          }
          expect(greedy?.parts.length ?? null).toBe(best);
          if (greedy) expect(greedy.reaches.index.units).toBeGreaterThanOrEqual(greedy.target.minIndex.units);
        },
      ),
      { numRuns: 300 },
    );
  });
});
