/**
 * The what-if page's model: the parts a user types expected scores for (the finest kind the result
 * has: criteria, else areas, else components) and the typed texts as core/what-if.ts changes.
 * core/what-if.ts computes; nothing here sums a score.
 */
import { parseScore, type Score } from '@core/score';
import type { WhatIfChange, WhatIfPool } from '@core/what-if';

export interface EditablePart {
  code: string;
  name: string;
  score: Score | null;
  max: Score | null;
}

/** The leaves of the finest kind the result has, in the result's order, with the unit's score and max. */
export function editableParts(pool: WhatIfPool, unitId: number): EditablePart[] {
  const unit = pool.units.find((u) => u.unitId === unitId);
  if (!unit) return [];
  const kind = (['criterion', 'area', 'component'] as const).find((k) =>
    pool.parts.some((p) => p.kind === k),
  );
  const parents = new Set(pool.parts.map((p) => p.parentCode));
  return pool.parts
    .filter((p) => p.kind === kind && !parents.has(p.code))
    .map((p) => ({
      code: p.code,
      name: p.name,
      score: unit.scores[p.code]?.score ?? null,
      max: unit.scores[p.code]?.max ?? p.max,
    }));
}

/**
 * Whether next year's plan can start from the unit's result: a score of at least one criterion
 * (modules/next-plan.ts refuses a result of the index or the areas only: NEXT_PLAN_NO_CRITERIA).
 */
export function hasCriterionScores(pool: WhatIfPool, unitId: number): boolean {
  const unit = pool.units.find((u) => u.unitId === unitId);
  return (
    unit !== undefined &&
    pool.parts.some((p) => p.kind === 'criterion' && (unit.scores[p.code]?.score ?? null) !== null)
  );
}

/** The typed expected scores as changes; empty texts are no change, unreadable ones are listed apart. */
export function changesOf(expected: Readonly<Record<string, string>>): {
  changes: WhatIfChange[];
  bad: string[];
} {
  const changes: WhatIfChange[] = [];
  const bad: string[] = [];
  for (const [code, text] of Object.entries(expected)) {
    const parsed = parseScore(text);
    if (!parsed.ok) bad.push(code);
    else if (parsed.score !== null) changes.push({ code, score: parsed.score });
  }
  return { changes, bad };
}

/**
 * What a result's name lacks to say which result it is: its title names the pool and the year when
 * the import made it ("Chỉ số cải cách hành chính năm 2024 — Các tỉnh, …"), then neither is repeated.
 */
export function resultNameLacks(title: string, pool: string, year: number): { pool: boolean; year: boolean } {
  // as whole words with their marks, in any case: the pool "Sở" is not named by "Chỉ số" (folded,
  // both are "so"), nor the year 2024 by 20245
  const lower = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi');
  const named = lower(title);
  const holds = (words: string) =>
    new RegExp(
      `(^|[^\\p{L}\\p{N}])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
      'u',
    ).test(named);
  return { pool: !holds(lower(pool)), year: !holds(String(year)) };
}
