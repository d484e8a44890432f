/**
 * The country bench/scale.ts measures, written once per engine, size and seed (the generated country
 * of `parindex demo generate`, its rounds and results, and a national ranking pool).
 */
import type { Database } from '../src/db/database.js';
import type { DemoOptions } from '../src/modules/demo-country.js';
import { generateCountry } from '../src/modules/demo.js';
import { generateRounds } from '../src/modules/demo-rounds.js';
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

/** The country's shape for a number of plans: 120 assessed units a province, as the 34 × 120 × 3. */
export function demoOptions(size: number, seed: number): DemoOptions {
  const shape =
    size <= 120
      ? { provinces: 1, unitsPerProvince: size, years: 1 }
      : size <= 4080
        ? { provinces: Math.round(size / 120), unitsPerProvince: 120, years: 1 }
        : { provinces: Math.round(size / 360), unitsPerProvince: 120, years: 3 };
  return { ...shape, lastYear: 2026, seed };
}

/**
 * A generated country (modules/demo.ts, then its rounds and results, modules/demo-rounds.ts) and
 * bench/ranking.ts's pool of 3,500 units × 100 criteria, the national pool no province holds.
 */
export async function makeCountry(
  database: Database,
  address: string,
  size: number,
  seed: number,
  progress: (line: string) => void,
): Promise<CountryInfo> {
  const { db } = database;
  const deps = { db, kind: database.kind, clock: () => new Date() };
  let t = performance.now();
  const lap = (what: string) => {
    progress(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  const country = await generateCountry(deps, demoOptions(size, seed));
  lap(`the country (${JSON.stringify(country.options)}), ${country.counts.plans} plans`);
  const rounds = await generateRounds(deps, country);
  lap(`its rounds (${rounds.rounds}), ${rounds.answers} answers, ${rounds.results} results`);
  const { poolId, resultId } = await seedPool(db);
  lap('the ranking pool of 3,500 units');

  const plans = await db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select(['plans.id', 'plans.year', 'units.name'])
    .orderBy('plans.id')
    .execute();
  const middle = plans[Math.floor(plans.length / 2)]!;
  // the last year's round of the most units: the overview the province's office opens
  const lastYear = country.years[country.years.length - 1]!;
  const round = await db
    .selectFrom('round_units')
    .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_units.round_id')
    .select(['round_units.round_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assessment_rounds.year', '=', lastYear)
    .groupBy('round_units.round_id')
    .orderBy('n', 'desc')
    .orderBy('round_units.round_id')
    .executeTakeFirstOrThrow();
  // a word of the middle plan's subject ("Phường Hòa Bình" → "hoa"): a search many plans match
  const word = middle.name.split(' ').slice(-1)[0]!;
  return {
    address,
    plans: plans.length,
    planId: middle.id,
    provinceId: country.provinces[Math.floor(country.provinces.length / 2)]!.unitId,
    search: word,
    year: lastYear,
    poolId,
    resultId,
    roundId: round.round_id,
    roundUnits: Number(round.n),
  };
}
