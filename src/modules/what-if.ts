/**
 * The what-if simulator on a stored result (issue 12 point 5): the pool as core/what-if.ts takes it
 * (the page runs the same code live), the server's answer to expected scores, and the fewest parts
 * that reach the next group. Reading needs 'plan.read' (a published result is public, decision 0015).
 *
 * The pool is read from results-repo rows (poolOfResult below); once modules/results.ts#rankingOf is
 * merged the ranking shown beside it comes from there, and this stays the one reader of a pool's
 * scores for the simulator.
 */
import { decimalOrNull, score as parseDecimal, toDecimalString } from '../core/score.js';
import {
  poolFromDecimals,
  smallestSetToNextGroup,
  whatIf,
  type Place,
  type WhatIfProblem,
} from '../core/what-if.js';
import {
  bandsOf,
  findPool,
  findResult,
  resultParts,
  resultScores,
  resultUnits,
  type ResultRecord,
} from '../db/results-repo.js';
import { unitNames } from '../db/units-repo.js';
import {
  type NextGroupResponse,
  type WhatIfBody,
  type WhatIfData,
  type WhatIfResponse,
} from '../shared/api.js';
import { hasPermission, type Actor } from './access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

/** Results are read by anyone who reads plans. */
export function requireResultReader(actor: Actor): void {
  if (!hasPermission(actor, 'plan.read')) throw new AppError('FORBIDDEN');
}

export async function findResultOrFail(deps: Deps, resultId: number): Promise<ResultRecord> {
  const result = await findResult(deps.db, resultId);
  if (!result) throw new AppError('RESULT_NOT_FOUND', { id: resultId });
  return result;
}

/**
 * A result's pool as the simulator takes it: every unit's index, points and max, the simulated
 * unit's score on every part, the others' on the tie-break parts only.
 */
export async function poolOfResult(deps: Deps, result: ResultRecord, unitId: number): Promise<WhatIfData> {
  const { db } = deps;
  const [pool, parts, units, bands] = await Promise.all([
    findPool(db, result.pool_id),
    resultParts(db, result.id),
    resultUnits(db, result.id),
    bandsOf(db, result.pool_id, result.year),
  ]);
  const subject = units.find((u) => u.unit_id === unitId);
  if (!subject) throw new AppError('RESULT_UNIT_NOT_FOUND', { resultId: result.id, unitId });
  const tieBreak = JSON.parse(pool?.tie_break ?? '[]') as string[];
  const scores = await resultScores(db, result.id, tieBreak.length === 0 ? [subject.id] : undefined);
  const byUnit = new Map<number, Record<string, { score: string | null; max: string | null }>>();
  const ties = new Set(tieBreak);
  for (const s of scores) {
    if (s.result_unit_id !== subject.id && !ties.has(s.code)) continue;
    let own = byUnit.get(s.result_unit_id);
    if (!own) byUnit.set(s.result_unit_id, (own = {}));
    own[s.code] = { score: canonical(s.score), max: canonical(s.max) };
  }
  const names = await unitNames(
    db,
    units.map((u) => u.unit_id),
  );
  return {
    resultId: result.id,
    year: result.year,
    poolId: result.pool_id,
    poolName: pool?.name ?? '',
    title: result.title,
    unitId,
    parts: parts.map((p) => ({
      code: p.code,
      kind: p.kind,
      parentCode: p.parent_code,
      name: p.name,
      max: canonical(p.max),
    })),
    bands: bands.map((b) => ({ label: b.label, minIndex: canonical(b.min_index)!, colour: b.colour })),
    tieBreak,
    units: units.map((u) => ({
      unitId: u.unit_id,
      name: names.get(u.unit_id) ?? u.name,
      index: canonical(u.index)!,
      points: canonical(u.points),
      max: canonical(u.max),
      scores: byUnit.get(u.id) ?? {},
    })),
  };
}

/** A stored decimal in the API's form (PostgreSQL's numeric text may carry trailing zeros). */
function canonical(text: string | null): string | null {
  return decimalOrNull(text === null ? null : parseDecimal(text));
}

export async function whatIfData(
  deps: Deps,
  actor: Actor,
  resultId: number,
  unitId: number,
): Promise<WhatIfData> {
  requireResultReader(actor);
  return poolOfResult(deps, await findResultOrFail(deps, resultId), unitId);
}

function placeOf(p: Place) {
  return { index: toDecimalString(p.index), rank: p.rank, group: p.group };
}

function refused(p: WhatIfProblem, resultId: number): AppError {
  switch (p.problem) {
    case 'unit-unknown':
      return new AppError('RESULT_UNIT_NOT_FOUND', { resultId, unitId: p.unitId });
    case 'part-unknown':
      return new AppError('WHAT_IF_PART_UNKNOWN', { code: p.code });
    case 'part-repeated':
      return new AppError('WHAT_IF_PART_REPEATED', { code: p.code });
    case 'part-nested':
      return new AppError('WHAT_IF_PART_NESTED', { code: p.code, parentCode: p.parentCode });
    case 'no-max':
      return new AppError('WHAT_IF_NO_MAX', { code: p.code ?? '' });
    case 'out-of-range':
      return new AppError('WHAT_IF_OUT_OF_RANGE', { code: p.code, max: toDecimalString(p.max) });
  }
}

/** The unit's index, rank and group with the expected scores, the others unchanged. */
export async function simulate(
  deps: Deps,
  actor: Actor,
  resultId: number,
  body: WhatIfBody,
): Promise<WhatIfResponse> {
  const data = await whatIfData(deps, actor, resultId, body.unitId);
  const answer = whatIf(
    poolFromDecimals(data),
    body.unitId,
    body.changes.map((c) => ({ code: c.code, score: parseDecimal(c.score) })),
  );
  if (!answer.ok) throw refused(answer, resultId);
  return {
    points: { before: decimalOrNull(answer.points.before), after: decimalOrNull(answer.points.after) },
    before: placeOf(answer.before),
    after: placeOf(answer.after),
    passed: answer.passed.map((u) => ({ unitId: u.unitId, unit: u.name, index: toDecimalString(u.index) })),
    nextGroup: answer.nextGroup && {
      label: answer.nextGroup.label,
      minIndex: toDecimalString(answer.nextGroup.minIndex),
    },
  };
}

/** The fewest parts, each to its max, that lift the unit into the band above; null when none does. */
export async function nextGroup(
  deps: Deps,
  actor: Actor,
  resultId: number,
  unitId: number,
): Promise<NextGroupResponse> {
  const data = await whatIfData(deps, actor, resultId, unitId);
  const plan = smallestSetToNextGroup(poolFromDecimals(data), unitId);
  if (!plan) return null;
  return {
    target: { label: plan.target.label, minIndex: toDecimalString(plan.target.minIndex) },
    criteria: plan.parts.map((p) => ({
      code: p.code,
      name: p.name,
      score: toDecimalString(p.score),
      max: toDecimalString(p.max),
      atStake: toDecimalString(p.atStake),
    })),
    reaches: placeOf(plan.reaches),
  };
}
