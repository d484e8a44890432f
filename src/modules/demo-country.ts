/**
 * A generated country (issue 13 point 1): the shapes `parindex demo generate` passes between its
 * parts. modules/demo.ts makes the units (with lineage), the frameworks and the plans and hands the
 * country to modules/demo-rounds.ts, which makes the assessment rounds (answers, evidence records)
 * and the results. Everything is deterministic from `seed`: the same options write the same rows.
 */
import { createHash } from 'node:crypto';

export interface DemoOptions {
  /** provinces (each a unit under the country, with its departments, communes and wards) */
  provinces: number;
  /** assessed units per province (departments ≈ 1/6, communes and wards the rest) */
  unitsPerProvince: number;
  /** years of plans, rounds and results, ending with `lastYear` */
  years: number;
  lastYear: number;
  /** the random generator's seed: the same seed, the same country */
  seed: number;
}

export interface DemoProvince {
  unitId: number;
  name: string;
  /** the province's departments (sở, ban, ngành): ranked together */
  departments: number[];
  /** the province's communes, wards and special zones in force in the last year: ranked together */
  communes: number[];
  /**
   * communes merged into one of `communes` (unit-events): assessed and ranked with them up to
   * `lastYear`, the year before the merger, and not after
   */
  mergedAway: { id: number; lastYear: number }[];
}

export interface DemoCountry {
  options: DemoOptions;
  /** the units' root (the country) */
  rootId: number;
  provinces: DemoProvince[];
  /** the years generated, oldest first */
  years: number[];
  /** framework id per unit group and year: `${group}:${year}` (group 'department' | 'commune') */
  frameworks: Record<string, number>;
  /** how many of each were written */
  counts: DemoCounts;
}

export interface DemoCounts {
  units: number;
  plans: number;
  planRows: number;
  tasks: number;
  rounds: number;
  answers: number;
  evidence: number;
  results: number;
}

/**
 * Numbers in [0, 1) from a seed, the same on any machine: SHA-256 of the seed and a block counter,
 * each digest giving eight 32-bit numbers.
 */
export function seededRandom(seed: number): () => number {
  let block = 0;
  let digest = Buffer.alloc(0);
  let at = 32;
  return () => {
    if (at === 32) {
      digest = createHash('sha256').update(`${seed}:${block++}`).digest();
      at = 0;
    }
    const value = digest.readUInt32BE(at) / 4294967296;
    at += 4;
    return value;
  };
}
