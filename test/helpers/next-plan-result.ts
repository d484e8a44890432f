/**
 * A result to plan the next year from (the next-plan tests: API, CLI, browser), written through
 * results-repo.insertResult: the sample province plan's framework as its criteria (areas and
 * criteria with their max), the province scored on each leaf at the given score, else at the plan's
 * target (else the max). test/helpers/results.ts (H2's) seeds results in general; this one only
 * mirrors a stored plan.
 */
import type { Kysely } from 'kysely';
import { frameworkCriteria } from '../../src/db/frameworks-repo.js';
import { planRows } from '../../src/db/plans-repo.js';
import { insertPool, insertResult } from '../../src/db/results-repo.js';
import type { DB } from '../../src/db/schema.js';

export interface PlanResult {
  resultId: number;
  unitId: number;
}

export async function resultOfPlan(
  db: Kysely<DB>,
  at: Date,
  planId: number,
  year: number,
  scores: Readonly<Record<string, string>>,
): Promise<PlanResult> {
  const plan = await db
    .selectFrom('plans')
    .select(['framework_id', 'subject_unit_id'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const unit = await db
    .selectFrom('units')
    .select('name')
    .where('id', '=', plan.subject_unit_id)
    .executeTakeFirstOrThrow();
  const criteria = await frameworkCriteria(db, plan.framework_id);
  const target = new Map((await planRows(db, planId)).map((r) => [r.code, r.target]));
  const parents = new Set(criteria.map((c) => c.parent_code));
  const now = at.toISOString();
  const poolId = await insertPool(db, {
    name: `Kết quả của ${unit.name}`,
    name_key: `ket qua ${planId}`,
    created_at: now,
    created_by: 'test',
  });
  const resultId = await insertResult(
    db,
    {
      pool_id: poolId,
      year,
      source: 'import',
      round_id: null,
      framework_id: plan.framework_id,
      title: `Chỉ số CCHC ${year}`,
      source_name: null,
      created_at: now,
      created_by: 'test',
    },
    criteria.map((c) => ({
      code: c.code,
      kind: c.parent_code === null ? ('area' as const) : ('criterion' as const),
      parent_code: c.parent_code,
      name: c.name,
      max: c.max_score,
    })),
    [
      {
        unit_id: plan.subject_unit_id,
        name: unit.name,
        points: null,
        max: null,
        index: '85',
        published_rank: null,
        published_group: null,
        scores: criteria
          .filter((c) => !parents.has(c.code))
          .map((c) => ({
            code: c.code,
            score: scores[c.code] ?? target.get(c.code) ?? c.max_score,
            max: null,
          })),
      },
    ],
  );
  return { resultId, unitId: plan.subject_unit_id };
}
