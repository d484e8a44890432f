/**
 * Results for tests (issue 12): `seedResult(db, …)` stores a pool's result of a year through
 * db/results-repo.ts — the pool (made when no pool has that name), its bands of the year when given,
 * the units (made as communes when no unit has that name), the parts and each unit's scores — and
 * answers the ids. Components, areas and criteria are given as parts; a unit's scores by part code.
 */
import type { Kysely } from 'kysely';
import { fold } from '../../src/core/text.js';
import {
  findPoolByKey,
  insertPool,
  insertResult,
  replaceBands,
  type NewResultUnit,
} from '../../src/db/results-repo.js';
import type { DB } from '../../src/db/schema.js';
import { allUnits, insertUnit } from '../../src/db/units-repo.js';

const AT = '2025-01-01T00:00:00.000Z';

export interface SeedPart {
  code: string;
  kind?: 'component' | 'area' | 'criterion';
  parentCode?: string | null;
  name?: string;
  max: string | null;
}

export interface SeedUnit {
  /** the unit's name in the register (made when missing) and, unless `writtenAs`, as published */
  name: string;
  writtenAs?: string;
  index: string;
  points?: string | null;
  max?: string | null;
  rank?: number | null;
  group?: string | null;
  /** by part code: a score, or [score, applicable max] */
  scores?: Record<string, string | null | [string | null, string]>;
}

export interface SeedResult {
  /** a pool's name (made when missing) or id */
  pool: string | number;
  year: number;
  title?: string;
  source?: 'round' | 'import';
  frameworkId?: number | null;
  tieBreak?: string[];
  parts?: SeedPart[];
  bands?: { label: string; minIndex: string; colour?: string }[];
  units: SeedUnit[];
}

export interface SeededResult {
  poolId: number;
  resultId: number;
  /** every unit of the result by its register name */
  unitIds: Record<string, number>;
}

const poolKey = (name: string) => fold(name).replace(/\s+/g, ' ').trim();

/** A unit by name, made as a commune (no parent) when none has that name. */
export async function unitNamed(db: Kysely<DB>, name: string): Promise<number> {
  const found = (await allUnits(db)).find((u) => u.name === name);
  if (found) return found.id;
  return insertUnit(db, { name, name_key: fold(name), kind: 'commune', parent_id: null, created_at: AT });
}

export async function seedResult(db: Kysely<DB>, seed: SeedResult): Promise<SeededResult> {
  let poolId: number;
  if (typeof seed.pool === 'number') poolId = seed.pool;
  else {
    const found = await findPoolByKey(db, poolKey(seed.pool));
    poolId =
      found?.id ??
      (await insertPool(db, {
        name: seed.pool,
        name_key: poolKey(seed.pool),
        tie_break: JSON.stringify(seed.tieBreak ?? []),
        created_at: AT,
        created_by: 'test',
      }));
  }
  if (seed.bands) {
    await replaceBands(
      db,
      poolId,
      seed.year,
      seed.bands.map((b) => ({ label: b.label, min_index: b.minIndex, colour: b.colour ?? '' })),
    );
  }
  const unitIds: Record<string, number> = {};
  for (const u of seed.units) unitIds[u.name] = await unitNamed(db, u.name);
  const parts = seed.parts ?? [];
  const units: NewResultUnit[] = seed.units.map((u) => ({
    unit_id: unitIds[u.name]!,
    name: u.writtenAs ?? u.name,
    points: u.points ?? null,
    max: u.max ?? null,
    index: u.index,
    published_rank: u.rank ?? null,
    published_group: u.group ?? null,
    scores: Object.entries(u.scores ?? {}).map(([code, s]) =>
      Array.isArray(s) ? { code, score: s[0], max: s[1] } : { code, score: s, max: null },
    ),
  }));
  const resultId = await insertResult(
    db,
    {
      pool_id: poolId,
      year: seed.year,
      source: seed.source ?? 'import',
      round_id: null,
      framework_id: seed.frameworkId ?? null,
      title: seed.title ?? `Kết quả ${seed.year}`,
      source_name: null,
      created_at: AT,
      created_by: 'test',
    },
    parts.map((p) => ({
      code: p.code,
      kind: p.kind ?? 'area',
      parent_code: p.parentCode ?? null,
      name: p.name ?? `Lĩnh vực ${p.code}`,
      max: p.max,
    })),
    units,
  );
  return { poolId, resultId, unitIds };
}
