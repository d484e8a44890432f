/**
 * A pool's result ranked whole from its stored rows (issue 13 point 3): every unit's rank by index
 * and the pool's tie-break (rankByIndex), its band, and the pool's average index and average and best
 * score per component and area. Pure, and the costly part of a ranking (3,500 units' stored scores
 * read): modules/compute-pool.ts runs it in a worker thread, so the server's thread only reads the
 * rows and shows a page of the outcome.
 *
 * What goes in and out is what a worker thread takes and gives back cheaply: the rows as one JSON
 * text (poolRowsText: a single string is copied whole, where 3,500 row objects are cloned one by
 * one on the server's thread), the outcome as typed arrays by row position.
 */
import { averageOf, bandOf, bestOf, rankByIndex, type Band } from './ranking.js';
import { decimalOrNull, fromDecimalString, storedScore, type Score } from './score.js';

/** A unit's row as stored (result_units): its index and part_scores (code → [score, max]). */
export interface PoolRow {
  index: string;
  /** JSON: Record<code, [score, max]> of the components and areas (0027) */
  part_scores: string;
}

type StoredScores = Record<string, readonly [string | null, string | null]>;

/** The rows as one JSON text: [[index, part_scores], …], part_scores as stored (already JSON). */
export function poolRowsText(rows: readonly PoolRow[]): string {
  return `[${rows.map((r) => `[${JSON.stringify(r.index)},${r.part_scores}]`).join(',')}]`;
}

export interface PoolRankingInput {
  /** poolRowsText of the rows, in their stored order */
  rows: string;
  /** part codes compared after an equal index, highest first */
  tieBreak: readonly string[];
  /** scores of tie-break parts not in part_scores (criteria): [row position, code, score] */
  extra: readonly (readonly [row: number, code: string, score: string | null])[];
  bands: readonly Band[];
  /** the components and areas, in the result's order: their average and best */
  partCodes: readonly string[];
}

export interface PoolRanking {
  /** row positions in rank order (unranked last) */
  order: Int32Array;
  /** the rank of each row of `order`, 0 when it has none */
  ranks: Int32Array;
  /** the band (its position in `bands`) of each row of `order`, -1 when none */
  bands: Int16Array;
  average: { index: string | null; parts: Record<string, string | null> };
  best: { parts: Record<string, string | null> };
}

export function rankPool(input: PoolRankingInput): PoolRanking {
  const { rows, tieBreak, bands, partCodes } = input;
  const units = (JSON.parse(rows) as [string, StoredScores][]).map(([index, scores], at) => ({
    at,
    index: fromDecimalString(index),
    scores,
  }));
  const extra = new Map<number, Map<string, string | null>>();
  for (const [row, code, score] of input.extra) {
    let codes = extra.get(row);
    if (!codes) extra.set(row, (codes = new Map<string, string | null>()));
    codes.set(code, score);
  }
  const ranked = rankByIndex(
    units,
    (u) => u.index,
    (u) =>
      tieBreak.map((code) => {
        const other = extra.get(u.at);
        const text = other?.has(code) ? other.get(code)! : (u.scores[code]?.[0] ?? null);
        return storedScore(text);
      }),
  );
  const order = new Int32Array(ranked.length);
  const ranks = new Int32Array(ranked.length);
  const bandAt = new Int16Array(ranked.length);
  ranked.forEach((u, i) => {
    order[i] = u.at;
    ranks[i] = u.rank ?? 0;
    const band = bandOf(u.index, bands);
    bandAt[i] = band === null ? -1 : bands.indexOf(band);
  });
  // per part: the scores given, for the pool's average and best
  const columns: Score[][] = partCodes.map(() => []);
  for (const u of units) {
    for (let i = 0; i < partCodes.length; i++) {
      const value = storedScore(u.scores[partCodes[i]!]?.[0] ?? null);
      if (value !== null) columns[i]!.push(value);
    }
  }
  const perPart = (of: (scores: Score[]) => Score | null) =>
    Object.fromEntries(partCodes.map((code, i) => [code, decimalOrNull(of(columns[i]!))]));
  return {
    order,
    ranks,
    bands: bandAt,
    average: { index: decimalOrNull(averageOf(units.map((u) => u.index))), parts: perPart(averageOf) },
    best: { parts: perPart(bestOf) },
  };
}
