/**
 * A pool's result of a year as a workbook (GET /api/results/:id/export.xlsx): the ranking as the page
 * shows it (modules/results.ts#rankingOf: rights, ranks, groups), every part's score per unit (three
 * statements), the charts drawn on the server (formats/results-xlsx.ts). Read with plan.read.
 */
import { fileSlug } from '../core/text.js';
import { resultParts, resultScores, resultUnits } from '../db/results-repo.js';
import { resultCharts, writeResultsXlsx } from '../formats/results-xlsx.js';
import type { ResultPart } from '../shared/api/results.js';
import type { Actor } from './access.js';
import type { Deps } from './deps.js';
import { rankingOf, type KnownHead } from './results.js';

export async function exportResultWorkbook(
  deps: Deps,
  actor: Actor,
  resultId: number,
  known: KnownHead = {},
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const ranking = await rankingOf(deps, actor, resultId, known);
  const [parts, units, scores] = await Promise.all([
    resultParts(deps.db, resultId),
    resultUnits(deps.db, resultId),
    resultScores(deps.db, resultId),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u.unit_id]));
  const byUnit = new Map<number, Record<string, string | null>>();
  for (const s of scores) {
    const unitId = unitOf.get(s.result_unit_id);
    if (unitId === undefined) continue;
    const row = byUnit.get(unitId) ?? {};
    row[s.code] = s.score;
    byUnit.set(unitId, row);
  }
  const allParts: ResultPart[] = parts.map((p) => ({
    code: p.code,
    kind: p.kind,
    parentCode: p.parent_code,
    name: p.name,
    max: p.max,
  }));
  const bytes = await writeResultsXlsx({
    ranking,
    parts: allParts,
    scores: byUnit,
    charts: await resultCharts(ranking),
  });
  const pool = fileSlug(ranking.result.poolName);
  return { bytes, fileName: `ket-qua-${pool || resultId}-${ranking.result.year}.xlsx` };
}
