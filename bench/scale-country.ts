/**
 * The country bench/scale.ts measures, written once per engine, size and seed: the plans (copies of
 * the sample plans under districts of their own, 120 to a province, written in bulk), a round of 120 communes of the sample commune framework with every
 * self-scored leaf answered, and bench/ranking.ts's pool of 3,500 units × 100 criteria.
 */
import { resolve } from 'node:path';
import { unitKey } from '../src/core/units.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import { fold } from '../src/core/text.js';
import { vietnameseSortKey } from '../src/core/collate.js';
import type { Database } from '../src/db/database.js';
import type { DB, PlansTable } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { backfillFigures } from '../src/modules/plan-view.js';
import { roundCriteria } from '../src/modules/round-context.js';
import { loadSamplesIfEmpty, sampleAnswer } from '../src/modules/samples.js';
import { ZERO } from '../src/core/score.js';
import { ROOT } from '../test/helpers/fixtures.js';
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
/** subject units per generated province (the issue's ~120 assessed units of a province) */
const PER_PROVINCE = 120;
const BATCH = 400;

/**
 * `n` copies of the sample plans, each under a district of its own ("Huyện Bản sao i"), 120 of them
 * under each province ("Tỉnh Bản sao p"), written in batches of 400 plans (a few statements each:
 * test/helpers/plan-copies.ts writes one plan at a time, an hour at 12,000 plans on PostgreSQL here).
 * Each copy carries its source's list figures as stored with its version (its rows are the same),
 * its own search key, and no lead units (task_units are not copied, as plan-copies.ts does).
 */
async function copyInBulk(
  db: Kysely<DB>,
  sources: Selectable<PlansTable>[],
  n: number,
  at: string,
): Promise<void> {
  const unitRow = (name: string, kind: string, parent_id: number | null) => ({
    name,
    sort_key: vietnameseSortKey(name),
    name_key: unitKey(name, { levelWords: [] }),
    kind,
    parent_id,
    successor_id: null,
    lineage: null,
    valid_from: null,
    valid_to: null,
    created_at: at,
  });
  const provinces: number[] = [];
  for (let p = 0; p * PER_PROVINCE < n; p++) {
    const row = await db
      .insertInto('units')
      .values(unitRow(`Tỉnh Bản sao ${p}`, 'province', null))
      .returning('id')
      .executeTakeFirstOrThrow();
    provinces.push(row.id);
  }
  for (let from = 0; from < n; from += BATCH) {
    const count = Math.min(BATCH, n - from);
    await db.transaction().execute(async (trx) => {
      const names = Array.from({ length: count }, (_, k) => `Huyện Bản sao ${from + k}`);
      const units = await trx
        .insertInto('units')
        .values(
          names.map((name, k) =>
            unitRow(name, 'district', provinces[Math.floor((from + k) / PER_PROVINCE)]!),
          ),
        )
        .returning('id')
        .execute();
      const copies = names.map((name, k) => ({
        source: sources[(from + k) % sources.length]!,
        name,
        unit: units[k]!.id,
      }));
      const plans = await trx
        .insertInto('plans')
        .values(
          copies.map(({ source, name, unit }) => {
            const { id: _id, ...rest } = source;
            return {
              ...rest,
              subject_unit_id: unit,
              unit_figures: '[]',
              search_key: fold(`${name} ${source.year}`),
            };
          }),
        )
        .returning('id')
        .execute();
      for (const source of sources) {
        const ids = plans.filter((_, k) => copies[k]!.source.id === source.id).map((p) => p.id);
        if (ids.length === 0) continue;
        await sql`insert into plan_items (plan_id, criterion_id, baseline, target, version, updated_at)
          select p.id, i.criterion_id, i.baseline, i.target, i.version, i.updated_at
          from plans p join plan_items i on i.plan_id = ${source.id}
          where p.id in (${sql.join(ids)})`.execute(trx);
        await sql`insert into tasks (plan_item_id, position, text, lead_units_text, support_units_text,
            deadline, deadline_text, status, progress, progress_note, version, created_at, updated_at)
          select n.id, t.position, t.text, t.lead_units_text, t.support_units_text, t.deadline,
            t.deadline_text, t.status, t.progress, t.progress_note, t.version, t.created_at, t.updated_at
          from tasks t join plan_items o on o.id = t.plan_item_id
          join plan_items n on n.criterion_id = o.criterion_id
          where o.plan_id = ${source.id} and n.plan_id in (${sql.join(ids)})`.execute(trx);
      }
    });
  }
}

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
  await backfillFigures(db);
  const samples = await db.selectFrom('plans').selectAll().orderBy('id').execute();
  await copyInBulk(db, samples, Math.max(0, size - samples.length), clock().toISOString());
  lap(`${size} plans copied`);
  // nothing left stale: the copies carry their source's figures, as the server's start would find them
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
  return {
    address,
    plans: plans.length,
    planId: middle.id,
    provinceId: middle.parent_id ?? fixture.provinceId,
    search: 'ban sao 1',
    year: middle.year,
    poolId,
    resultId,
    roundId: fixture.roundId,
    roundUnits: unitIds.length,
  };
}
