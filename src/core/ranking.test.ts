import { describe, expect, it } from 'vitest';
import { averageOf, bandOf, bandProblems, bestOf, pointsLost, rankByIndex, type Band } from './ranking.js';
import { score, toDecimalString } from './score.js';

const band = (label: string, min: string): Band => ({ label, minIndex: score(min), colour: '' });

describe('rankByIndex', () => {
  const units = [
    { name: 'a', index: score('84.66'), appraised: score('30') },
    { name: 'b', index: score('90'), appraised: score('31') },
    { name: 'c', index: score('84.66'), appraised: score('32') },
    { name: 'd', index: null, appraised: null },
    { name: 'e', index: score('80.1'), appraised: score('1') },
  ];

  it('gives equal indexes the same rank and skips the next, as published tables do', () => {
    expect(rankByIndex(units, (u) => u.index).map((u) => [u.name, u.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['e', 4],
      ['d', null],
    ]);
  });

  it('orders equal indexes by the configured tie-break, highest first', () => {
    const ranked = rankByIndex(
      units,
      (u) => u.index,
      (u) => [u.appraised],
    );
    expect(ranked.map((u) => [u.name, u.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
      ['e', 4],
      ['d', null],
    ]);
  });

  it('keeps the same rank when the tie-break keys are equal too', () => {
    const ranked = rankByIndex(
      [
        { n: 'x', i: score('88'), k: score('5') },
        { n: 'y', i: score('88.0'), k: score('5.00') },
      ],
      (u) => u.i,
      (u) => [u.k],
    );
    expect(ranked.map((u) => u.rank)).toEqual([1, 1]);
  });
});

describe('bandOf', () => {
  const national = [band('B', '80'), band('A', '90')];
  it('takes the highest band whose lowest index is reached, edges inclusive', () => {
    expect(bandOf(score('90'), national)?.label).toBe('A');
    expect(bandOf(score('89.9999'), national)?.label).toBe('B');
    expect(bandOf(score('80'), national)?.label).toBe('B');
    expect(bandOf(score('79.99'), national)).toBeNull();
    expect(bandOf(null, national)).toBeNull();
  });
});

describe('bandProblems', () => {
  it('names empty and repeated labels, edges outside 0–100 and two bands on one edge', () => {
    expect(bandProblems([band('A', '90'), band('a', '80'), band(' ', '101'), band('C', '80.0')])).toEqual([
      { problem: 'label-repeated', position: 1, label: 'a' },
      { problem: 'label-empty', position: 2 },
      { problem: 'min-out-of-range', position: 2 },
      { problem: 'same-edge', position: 3, label: 'a' },
    ]);
    expect(bandProblems([band('Tốt', '85'), band('Khá', '70')])).toEqual([]);
  });
});

describe('pointsLost', () => {
  it('lists max − score per part, biggest first, leaving out full and unscored parts', () => {
    const lost = pointsLost([
      { code: '1', max: score('6.5'), score: score('6.5') },
      { code: '8.1', max: score('10'), score: score('8.57') },
      { code: '5.9', max: score('2'), score: score('0.5') },
      { code: '2', max: null, score: score('1') },
      { code: '3', max: score('4'), score: null },
    ]);
    expect(lost.map((l) => [l.code, toDecimalString(l.lost)])).toEqual([
      ['5.9', '1.5'],
      ['8.1', '1.43'],
    ]);
  });
});

describe('averageOf and bestOf', () => {
  it('averages exactly, half-up at the fourth decimal, negatives symmetric; none: null', () => {
    expect(averageOf([score('9.5'), score('8'), score('9')])).toEqual(score('8.8333'));
    expect(averageOf([score('0.0001'), score('0')])).toEqual(score('0.0001'));
    expect(averageOf([score('-0.0001'), score('0')])).toEqual(score('-0.0001'));
    expect(averageOf([score('85.5'), score('92'), score('85.5'), score('79.99')])).toEqual(score('85.7475'));
    expect(averageOf([])).toBeNull();
  });

  it('takes the highest; none: null', () => {
    expect(bestOf([score('8'), score('9.5'), score('9')])).toEqual(score('9.5'));
    expect(bestOf([])).toBeNull();
    // of equal ones, the one written with the most decimals (what the database's ranking keeps too)
    expect(bestOf([score('9.5'), score('9.50'), score('9.5')])).toEqual(score('9.50'));
  });
});
