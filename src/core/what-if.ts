/**
 * What-if (issue 12 point 5): a unit of a pool's result expects other scores on chosen parts; where do
 * its points, index, rank and group go, the others unchanged? And the fewest parts that, each raised
 * to its max, reach the next group. Pure and exact (core/score.ts): the server answers with it and the
 * page runs the same code live.
 *
 * A change on a part moves that part, every part above it (parent codes up to the top) and the unit's
 * points by the same difference; the index is then points ÷ applicable max × 100
 * (core/scoring.ts#indexOfPoints). With no change the index is the one the result states.
 */
import { bandOf, rankByIndex, type Band } from './ranking.js';
import {
  add,
  compare,
  fromDecimalString,
  storedScore,
  sub,
  sum,
  trimScale,
  ZERO,
  type Score,
} from './score.js';
import { indexOfPoints } from './scoring.js';

export type WhatIfPartKind = 'component' | 'area' | 'criterion';

export interface WhatIfPart {
  code: string;
  kind: WhatIfPartKind;
  parentCode: string | null;
  name: string;
  max: Score | null;
}

export interface WhatIfScore {
  score: Score | null;
  /** the unit's applicable max where it differs from the part's */
  max: Score | null;
}

export interface WhatIfUnit {
  unitId: number;
  name: string;
  index: Score;
  points: Score | null;
  max: Score | null;
  /** by part code; the other units need only the tie-break codes */
  scores: Readonly<Record<string, WhatIfScore>>;
}

export interface WhatIfPool {
  parts: readonly WhatIfPart[];
  units: readonly WhatIfUnit[];
  bands: readonly Band[];
  /** part codes compared after an equal index (core/ranking.ts#rankByIndex) */
  tieBreak: readonly string[];
}

export interface WhatIfChange {
  code: string;
  score: Score;
}

export interface Place {
  index: Score;
  rank: number | null;
  group: string | null;
}

export interface WhatIfOutcome {
  points: { before: Score | null; after: Score | null };
  before: Place;
  after: Place;
  /** units ranked ahead of or level with the unit before, behind it after, in their new order */
  passed: { unitId: number; name: string; index: Score }[];
  /** the band above the group after, null at the top (or without bands) */
  nextGroup: { label: string; minIndex: Score } | null;
}

export type WhatIfProblem =
  | { problem: 'unit-unknown'; unitId: number }
  | { problem: 'part-unknown'; code: string }
  | { problem: 'part-repeated'; code: string }
  | { problem: 'part-nested'; code: string; parentCode: string }
  | { problem: 'no-max'; code: string | null }
  | { problem: 'out-of-range'; code: string; max: Score };

export type WhatIfAnswer = ({ ok: true } & WhatIfOutcome) | ({ ok: false } & WhatIfProblem);

/** The part's max for this unit: its own where it has one, else the part's. */
export function unitMaxOf(pool: WhatIfPool, unit: WhatIfUnit, code: string): Score | null {
  return unit.scores[code]?.max ?? pool.parts.find((p) => p.code === code)?.max ?? null;
}

/** The parts a unit's points are the sum of: the roots of the highest kind present. */
function topParts(parts: readonly WhatIfPart[]): WhatIfPart[] {
  const codes = new Set(parts.map((p) => p.code));
  for (const kind of ['component', 'area', 'criterion'] as const) {
    const top = parts.filter((p) => p.kind === kind && (p.parentCode === null || !codes.has(p.parentCode)));
    if (top.length > 0) return top;
  }
  return [];
}

/** The unit's points and applicable max: as stated, else the sum over the top parts. */
function totalsOf(pool: WhatIfPool, unit: WhatIfUnit): { points: Score | null; max: Score | null } {
  const top = topParts(pool.parts);
  const all = <T>(xs: (T | null)[]): xs is T[] => xs.length > 0 && xs.every((x) => x !== null);
  const points = top.map((p) => unit.scores[p.code]?.score ?? null);
  const maxes = top.map((p) => unitMaxOf(pool, unit, p.code));
  return {
    points: unit.points ?? (all(points) ? trimScale(sum(points)) : null),
    max: unit.max ?? (all(maxes) ? trimScale(sum(maxes)) : null),
  };
}

/** The codes above a part, nearest first. */
function ancestors(parts: readonly WhatIfPart[], code: string): string[] {
  const byCode = new Map(parts.map((p) => [p.code, p]));
  const out: string[] = [];
  let parent = byCode.get(code)?.parentCode ?? null;
  while (parent !== null && byCode.has(parent) && !out.includes(parent)) {
    out.push(parent);
    parent = byCode.get(parent)!.parentCode;
  }
  return out;
}

interface Applied {
  points: Score | null;
  index: Score;
  scores: Record<string, WhatIfScore>;
}

/** The unit with the changes applied (checked): its scores, points and index. */
function applyChanges(
  pool: WhatIfPool,
  unit: WhatIfUnit,
  changes: readonly WhatIfChange[],
): ({ ok: true } & Applied) | ({ ok: false } & WhatIfProblem) {
  const scores: Record<string, WhatIfScore> = { ...unit.scores };
  const seen = new Set<string>();
  let delta = ZERO;
  for (const c of changes) {
    if (!pool.parts.some((p) => p.code === c.code))
      return { ok: false, problem: 'part-unknown', code: c.code };
    if (seen.has(c.code)) return { ok: false, problem: 'part-repeated', code: c.code };
    seen.add(c.code);
    const max = unitMaxOf(pool, unit, c.code);
    if (max === null) return { ok: false, problem: 'no-max', code: c.code };
    if (c.score.units < 0 || compare(c.score, max) > 0)
      return { ok: false, problem: 'out-of-range', code: c.code, max };
  }
  for (const c of changes) {
    const nested = ancestors(pool.parts, c.code).find((a) => seen.has(a));
    if (nested !== undefined) return { ok: false, problem: 'part-nested', code: c.code, parentCode: nested };
    const was = unit.scores[c.code]?.score ?? ZERO;
    const d = sub(c.score, was);
    delta = add(delta, d);
    scores[c.code] = { score: c.score, max: unit.scores[c.code]?.max ?? null };
    for (const a of ancestors(pool.parts, c.code)) {
      const s = scores[a];
      if (s !== undefined && s.score !== null) scores[a] = { ...s, score: trimScale(add(s.score, d)) };
    }
  }
  if (delta.units === 0)
    return { ok: true, points: unit.points ?? totalsOf(pool, unit).points, index: unit.index, scores };
  const { points, max } = totalsOf(pool, unit);
  if (points === null || max === null) return { ok: false, problem: 'no-max', code: null };
  const after = trimScale(add(points, delta));
  const index = indexOfPoints(after, max);
  if (index === null) return { ok: false, problem: 'no-max', code: null };
  return { ok: true, points: after, index, scores };
}

/** Ranks of every unit with one unit's index and scores replaced. */
function ranksWith(pool: WhatIfPool, unitId: number, applied: Applied | null): Map<number, number | null> {
  const items = pool.units.map((u) =>
    u.unitId === unitId && applied ? { ...u, index: applied.index, scores: applied.scores } : u,
  );
  const ranked = rankByIndex(
    items,
    (u) => u.index,
    pool.tieBreak.length === 0
      ? undefined
      : (u) => pool.tieBreak.map((code) => u.scores[code]?.score ?? null),
  );
  return new Map(ranked.map((u) => [u.unitId, u.rank]));
}

/** The band just above an index's band (the lowest band when below them all); null at the top. */
export function bandAbove(index: Score, bands: readonly Band[]): Band | null {
  const ascending = [...bands].sort((a, b) => compare(a.minIndex, b.minIndex));
  return ascending.find((b) => compare(b.minIndex, index) > 0) ?? null;
}

/** The unit's index, rank and group before and after the changes; the units it passes. */
export function whatIf(pool: WhatIfPool, unitId: number, changes: readonly WhatIfChange[]): WhatIfAnswer {
  const unit = pool.units.find((u) => u.unitId === unitId);
  if (!unit) return { ok: false, problem: 'unit-unknown', unitId };
  const applied = applyChanges(pool, unit, changes);
  if (!applied.ok) return applied;
  const before = ranksWith(pool, unitId, null);
  const after = ranksWith(pool, unitId, applied);
  const rankBefore = before.get(unitId) ?? null;
  const rankAfter = after.get(unitId) ?? null;
  const passed = pool.units
    .filter((u) => u.unitId !== unitId)
    .filter((u) => {
      const b = before.get(u.unitId) ?? null;
      const a = after.get(u.unitId) ?? null;
      return (
        b !== null &&
        a !== null &&
        rankBefore !== null &&
        rankAfter !== null &&
        b <= rankBefore &&
        a > rankAfter
      );
    })
    .sort((x, y) => (after.get(x.unitId) ?? 0) - (after.get(y.unitId) ?? 0))
    .map((u) => ({ unitId: u.unitId, name: u.name, index: u.index }));
  const next = bandAbove(applied.index, pool.bands);
  return {
    ok: true,
    points: { before: unit.points ?? totalsOf(pool, unit).points, after: applied.points },
    before: { index: unit.index, rank: rankBefore, group: bandOf(unit.index, pool.bands)?.label ?? null },
    after: { index: applied.index, rank: rankAfter, group: bandOf(applied.index, pool.bands)?.label ?? null },
    passed,
    nextGroup: next && { label: next.label, minIndex: next.minIndex },
  };
}

export interface AtStake {
  code: string;
  name: string;
  score: Score;
  max: Score;
  /** max − score, above 0 */
  atStake: Score;
}

/**
 * The parts a unit can still gain on, biggest stake first (then in the parts' order): the leaves of
 * the finest kind the result has (criteria, else areas, else components) with a max, below it.
 */
export function partsAtStake(pool: WhatIfPool, unit: WhatIfUnit): AtStake[] {
  const kind = (['criterion', 'area', 'component'] as const).find((k) =>
    pool.parts.some((p) => p.kind === k),
  );
  const parents = new Set(pool.parts.map((p) => p.parentCode));
  const out: (AtStake & { at: number })[] = [];
  pool.parts.forEach((p, at) => {
    if (p.kind !== kind || parents.has(p.code)) return;
    const max = unitMaxOf(pool, unit, p.code);
    const score = unit.scores[p.code]?.score ?? ZERO;
    if (max === null) return;
    const atStake = trimScale(sub(max, score));
    if (atStake.units > 0) out.push({ code: p.code, name: p.name, score, max, atStake, at });
  });
  out.sort((a, b) => compare(b.atStake, a.atStake) || a.at - b.at);
  return out.map(({ at: _at, ...x }) => x);
}

export interface NextGroupPlan {
  target: { label: string; minIndex: Score };
  /** the fewest parts, biggest stake first; each raised to its max */
  parts: AtStake[];
  reaches: Place;
}

/**
 * The smallest set of parts that, each raised to its max, lifts the unit into the band above its
 * own; null at the top band, without bands, or when even every part at its max does not reach it.
 *
 * Why taking the biggest stakes first gives the fewest parts: the index only grows with the points
 * (indexOfPoints is monotone in the points for a fixed max), so a set of parts reaches the band
 * exactly when the points it adds, the sum of its stakes, reach some threshold G. Let the stakes be
 * a1 ≥ a2 ≥ … ≥ an. Any set S of k parts adds Σ_{i∈S} ai ≤ a1 + … + ak, because the i-th biggest
 * stake of S is at most ai. So if some set of k parts reaches G, the k biggest do too; the greedy
 * prefix stops at the first k whose sum reaches G, hence no set of fewer parts reaches it.
 * (test: what-if.test.ts compares it with every subset of small random pools.)
 */
export function smallestSetToNextGroup(pool: WhatIfPool, unitId: number): NextGroupPlan | null {
  const unit = pool.units.find((u) => u.unitId === unitId);
  if (!unit) return null;
  const target = bandAbove(unit.index, pool.bands);
  if (!target) return null;
  const stakes = partsAtStake(pool, unit);
  for (let k = 1; k <= stakes.length; k++) {
    const chosen = stakes.slice(0, k);
    const applied = applyChanges(
      pool,
      unit,
      chosen.map((s) => ({ code: s.code, score: s.max })),
    );
    if (!applied.ok) return null;
    if (compare(applied.index, target.minIndex) >= 0) {
      const answer = whatIf(
        pool,
        unitId,
        chosen.map((s) => ({ code: s.code, score: s.max })),
      );
      if (!answer.ok) return null;
      return {
        target: { label: target.label, minIndex: target.minIndex },
        parts: chosen,
        reaches: answer.after,
      };
    }
  }
  return null;
}

/** A pool as the API sends it (shared/api/what-if.ts#WhatIfData): decimal strings. */
export interface DecimalPool {
  parts: readonly {
    code: string;
    kind: WhatIfPartKind;
    parentCode: string | null;
    name: string;
    max: string | null;
  }[];
  bands: readonly { label: string; minIndex: string; colour: string }[];
  tieBreak: readonly string[];
  units: readonly {
    unitId: number;
    name: string;
    index: string;
    points: string | null;
    max: string | null;
    scores: Readonly<Record<string, { score: string | null; max: string | null }>>;
  }[];
}

/** The API's pool as whatIf takes it (the server and the page read it the same way). */
export function poolFromDecimals(data: DecimalPool): WhatIfPool {
  return {
    parts: data.parts.map((p) => ({ ...p, max: storedScore(p.max) })),
    bands: data.bands.map((b) => ({ ...b, minIndex: fromDecimalString(b.minIndex) })),
    tieBreak: data.tieBreak,
    units: data.units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      index: fromDecimalString(u.index),
      points: storedScore(u.points),
      max: storedScore(u.max),
      scores: Object.fromEntries(
        Object.entries(u.scores).map(([code, s]) => [
          code,
          { score: storedScore(s.score), max: storedScore(s.max) },
        ]),
      ),
    })),
  };
}
