/**
 * Ranking (issue 12, decision 0015): ranks within a pool by index, highest first; equal indexes
 * share a rank and the next rank is skipped (1, 1, 3), as the published tables do, unless the pool
 * configures a tie-break order (part codes compared after the index, highest first; still equal:
 * the same rank). Classification bands are data per pool and year: a label and the lowest index it
 * takes, inclusive ("A ≥ 90", "B 80 to < 90"). The points a unit lost per part, biggest first, say
 * why a rank is what it is. Pure and exact (core/score.ts).
 */
import { compare, sub, trimScale, type Score } from './score.js';

/**
 * Ranks by index, highest first; equal indexes share a rank and the next rank skips (1, 1, 3),
 * unless `tieKeysOf` orders them (each key compared highest first; a missing key comes after a
 * present one; all keys equal: the same rank). No index (nothing applicable) has no rank and comes
 * last. Stable otherwise.
 */
export function rankByIndex<T>(
  items: readonly T[],
  indexOf: (item: T) => Score | null,
  tieKeysOf?: (item: T) => readonly (Score | null)[],
): (T & { rank: number | null })[] {
  const keyed = items.map((item, at) => ({
    item,
    at,
    index: indexOf(item),
    ties: tieKeysOf ? tieKeysOf(item) : [],
  }));
  const order = (a: (typeof keyed)[number], b: (typeof keyed)[number]): number => {
    const byIndex = compareDesc(a.index, b.index);
    if (byIndex !== 0) return byIndex;
    const n = Math.max(a.ties.length, b.ties.length);
    for (let i = 0; i < n; i++) {
      const byKey = compareDesc(a.ties[i] ?? null, b.ties[i] ?? null);
      if (byKey !== 0) return byKey;
    }
    return 0;
  };
  const sorted = [...keyed].sort((a, b) => order(a, b) || a.at - b.at);
  let rank = 0;
  return sorted.map((x, i) => {
    if (x.index === null) return { ...x.item, rank: null };
    if (i === 0 || order(sorted[i - 1]!, x) !== 0) rank = i + 1;
    return { ...x.item, rank };
  });
}

/** Highest first; null after any value. */
function compareDesc(a: Score | null, b: Score | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(b, a);
}

/** A classification band: a label and the lowest index it takes (inclusive). */
export interface Band {
  label: string;
  minIndex: Score;
  /** a chart colour; '' = the page's palette */
  colour: string;
}

/** The band an index falls in: the highest band whose lowest index it reaches; null below them all. */
export function bandOf(index: Score | null, bands: readonly Band[]): Band | null {
  if (index === null) return null;
  const ordered = [...bands].sort((a, b) => compare(b.minIndex, a.minIndex));
  return ordered.find((b) => compare(index, b.minIndex) >= 0) ?? null;
}

/** What is wrong with a pool's bands for a year: empty or repeated labels, a lowest index outside 0–100, two bands on one edge. */
export type BandProblem =
  | { problem: 'label-empty'; position: number }
  | { problem: 'label-repeated'; position: number; label: string }
  | { problem: 'min-out-of-range'; position: number }
  | { problem: 'same-edge'; position: number; label: string };

export function bandProblems(bands: readonly Band[]): BandProblem[] {
  const out: BandProblem[] = [];
  const labels = new Map<string, number>();
  const edges = new Map<number, string>();
  bands.forEach((b, position) => {
    const label = b.label.trim();
    if (label === '') out.push({ problem: 'label-empty', position });
    else if (labels.has(label.toLocaleLowerCase('vi')))
      out.push({ problem: 'label-repeated', position, label });
    labels.set(label.toLocaleLowerCase('vi'), position);
    if (b.minIndex.units < 0 || b.minIndex.units > 100 * 10_000)
      out.push({ problem: 'min-out-of-range', position });
    const edge = trimScale(b.minIndex).units;
    const other = edges.get(edge);
    if (other !== undefined) out.push({ problem: 'same-edge', position, label: other });
    edges.set(edge, label);
  });
  return out;
}

/** A part of a result (component, area or criterion) and what a unit got on it. */
export interface PartScore {
  code: string;
  max: Score | null;
  score: Score | null;
}

export interface PointsLost {
  code: string;
  /** max − score, above 0 */
  lost: Score;
}

/**
 * The points a unit lost per part (max − score), biggest first, then in the parts' order; parts
 * without a max or a score, and parts at their max, are left out.
 */
export function pointsLost(parts: readonly PartScore[]): PointsLost[] {
  const out: (PointsLost & { at: number })[] = [];
  parts.forEach((p, at) => {
    if (p.max === null || p.score === null) return;
    const lost = trimScale(sub(p.max, p.score));
    if (lost.units > 0) out.push({ code: p.code, lost, at });
  });
  out.sort((a, b) => compare(b.lost, a.lost) || a.at - b.at);
  return out.map(({ code, lost }) => ({ code, lost }));
}

/** The mean of some scores, half-up to 4 decimals (exact); null for none. */
export function averageOf(scores: readonly Score[]): Score | null {
  return averageOfUnits(BigInt(scores.reduce((s, x) => s + x.units, 0)), scores.length);
}

/** The mean of `n` scores summing to `total` ten-thousandths, half-up to 4 decimals (exact); null for none. */
export function averageOfUnits(total: bigint, n: number): Score | null {
  if (n === 0) return null;
  const count = BigInt(n);
  const sign = total < 0n ? -1n : 1n;
  const q = ((total < 0n ? -total : total) * 2n + count) / (2n * count);
  return trimScale({ units: Number(sign * q), scale: 0 });
}

/** The highest of some scores (of equal ones, the one written with the most decimals); null for none. */
export function bestOf(scores: readonly Score[]): Score | null {
  return scores.reduce<Score | null>((best, x) => {
    if (best === null) return x;
    const order = compare(x, best);
    return order > 0 || (order === 0 && x.scale > best.scale) ? x : best;
  }, null);
}
