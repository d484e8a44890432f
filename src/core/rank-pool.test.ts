import { describe, expect, it } from 'vitest';
import { poolRowsText, rankPool, type PoolRankingInput } from './rank-pool.js';
import type { Band } from './ranking.js';
import { score } from './score.js';

const band = (label: string, min: string): Band => ({ label, minIndex: score(min), colour: '' });
const row = (index: string, scores: Record<string, [string | null, string | null]>) => ({
  index,
  part_scores: JSON.stringify(scores),
});

describe('rankPool', () => {
  const rows = [
    row('84.66', { a: ['30', '40'], b: ['5', '10'] }),
    row('90', { a: ['31', '40'], b: [null, '10'] }),
    row('84.66', { a: ['32', '40'], b: ['6', '10'] }),
    row('79.5', { a: ['1', '40'] }),
  ];
  const input = (over: Partial<PoolRankingInput> = {}): PoolRankingInput => ({
    rows: poolRowsText(rows),
    tieBreak: [],
    extra: [],
    bands: [band('A', '85'), band('B', '80')],
    partCodes: ['a', 'b'],
    ...over,
  });
  const placed = (input: PoolRankingInput) => {
    const out = rankPool(input);
    return Array.from(out.order, (at, i) => [at, out.ranks[i], out.bands[i]]);
  };

  it('ranks by index (equal share a rank, the next skipped), bands each unit, stable otherwise', () => {
    expect(placed(input())).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [2, 2, 1],
      [3, 4, -1],
    ]);
  });

  it('orders equal indexes by the tie-break, from part_scores or from the criteria given beside them', () => {
    expect(placed(input({ tieBreak: ['b'] })).map(([at, rank]) => [at, rank])).toEqual([
      [1, 1],
      [2, 2],
      [0, 3],
      [3, 4],
    ]);
    const byCriterion = input({ tieBreak: ['1.1'], extra: [[0, '1.1', '9']] });
    expect(placed(byCriterion).map(([at, rank]) => [at, rank])).toEqual([
      [1, 1],
      [0, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('gives the pool’s average index and each part’s average and best over the scores given', () => {
    const out = rankPool(input());
    expect(out.average).toEqual({ index: '84.705', parts: { a: '23.5', b: '5.5' } });
    expect(out.best).toEqual({ parts: { a: '32', b: '6' } });
  });
});
