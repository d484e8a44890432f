/**
 * The country bench/scale.ts measures, written once per engine, size and seed: the plans (copies of
 * the sample plans under units of their own, test/helpers/plan-copies.ts, with their list figures
 * computed as at start-up), a round of 120 communes of the sample commune framework with every
 * self-scored leaf answered, and bench/ranking.ts's pool of 3,500 units × 100 criteria.
 */
import { resolve } from 'node:path';
import { unitKey } from '../src/core/units.js';
import type { Database } from '../src/db/database.js';
import { insertUnit } from '../src/db/units-repo.js';
import { backfillFigures } from '../src/modules/plan-view.js';
import { roundCriteria } from '../src/modules/round-context.js';
import { loadSamplesIfEmpty, sampleAnswer } from '../src/modules/samples.js';
import { ZERO } from '../src/core/score.js';
import { ROOT } from '../test/helpers/fixtures.js';
import { copyPlans } from '../test/helpers/plan-copies.js';
import { calendarFrom, seedRound } from '../test/helpers/rounds.js';
import { seed as seedPool } from './ranking.js';

/** What the bench needs to know of a country (kept beside it as JSON). */
export interface CountryInfo {
  address: string;
  plans: number;
  /** a plan in the middle of the list: the plan page and the score edit */
  planId: number;
  /** a unit whose subtree holds plans: the list's unit filter */
  provinceId: number;
  /** a search the list runs (part of unit names) */
  search: string;
  /** a year the plans have */
  year: number;
  poolId: number;
  resultId: number;
  roundId: number;
  roundUnits: number;
}

const ROUND_UNITS = 120;

export async function makeCountry(
  database: Database,
  address: string,
  size: number,
  _seed: number,
  progress: (line: string) => void,
): Promise<CountryInfo> {
  const { db } = database;
  const clock = () => new Date();
  const deps = { db, clock };
  let t = performance.now();
  const lap = (what: string) => {
    progress(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  await loadSamplesIfEmpty(deps, resolve(ROOT, 'samples'));
  const samples = await db.selectFrom('plans').select('id').execute();
  await copyPlans(db, Math.max(0, size - samples.length), clock().toISOString());
  lap(`${size} plans copied`);
  await backfillFigures(db);
  lap('their list figures');

  // a round of 120 communes, every self-scored leaf answered (its score left to the overview)
  const day = clock().toISOString().slice(0, 10);
  const first = new Date(Date.parse(`${day}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
  const fixture = await seedRound(deps, { calendar: calendarFrom(first, 11) });
  const at = clock().toISOString();
  const unitIds = fixture.communes.map((c) => c.id);
  for (let i = unitIds.length; i < ROUND_UNITS; i++) {
    const name = `Xã Thử ${String(i + 1).padStart(3, '0')}`;
    unitIds.push(
      await insertUnit(db, {
        name,
        name_key: unitKey(name, { levelWords: [] }),
        kind: 'commune',
        parent_id: fixture.provinceId,
        created_at: at,
      }),
    );
  }
  await db
    .insertInto('round_units')
    .values(
      unitIds
        .slice(fixture.communes.length)
        .map((unit_id) => ({ round_id: fixture.roundId, unit_id, submitted_at: null, submitted_by: null })),
    )
    .execute();
  const criteria = await roundCriteria(db, fixture.frameworkId);
  const parents = new Set(criteria.map((c) => c.parentCode));
  const leaves = criteria.flatMap((c) => {
    if (parents.has(c.code) || !c.rule || c.scorer === 'survey' || c.scorer === 'council') return [];
    const max = c.max ?? (c.rule.kind === 'bonus' || c.rule.kind === 'penalty' ? c.rule.cap : ZERO);
    return [{ id: c.id, rule: c.rule, max }];
  });
  const answers = unitIds.flatMap((unit_id, u) =>
    leaves.flatMap((leaf, l) => {
      const answer = sampleAnswer(leaf.rule, leaf.max, (u + l) % 3 === 0 ? 'fair' : 'good');
      return answer === null
        ? []
        : [
            {
              round_id: fixture.roundId,
              unit_id,
              criterion_id: leaf.id,
              answer: JSON.stringify(answer),
              score: null,
              not_applicable_reason: null,
              updated_at: at,
              updated_by: 'bench',
            },
          ];
    }),
  );
  for (let i = 0; i < answers.length; i += 500) {
    await db
      .insertInto('assessment_answers')
      .values(answers.slice(i, i + 500))
      .execute();
  }
  lap(`a round of ${unitIds.length} communes, ${answers.length} answers`);

  const { poolId, resultId } = await seedPool(db);
  lap('the ranking pool of 3,500 units');

  const plans = await db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select(['plans.id', 'plans.year', 'units.parent_id'])
    .orderBy('plans.id')
    .execute();
  const middle = plans[Math.floor(plans.length / 2)]!;
  const withParent = plans.find((p) => p.parent_id !== null);
  return {
    address,
    plans: plans.length,
    planId: middle.id,
    provinceId: withParent?.parent_id ?? fixture.provinceId,
    search: 'ban sao 1',
    year: middle.year,
    poolId,
    resultId,
    roundId: fixture.roundId,
    roundUnits: unitIds.length,
  };
}
