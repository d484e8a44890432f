/** Survey scores (assessment_scores, stage 'survey') and what their import matches against. No rules here. */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface SurveyScoreRecord {
  id: number;
  unit_id: number;
  criterion_id: number;
  score: string;
  version: number;
}

/** The aliases of these units (names they were also written as), by unit. */
export async function aliasesOf(db: Kysely<DB>, unitIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('unit_aliases')
    .select(['unit_id', 'alias'])
    .where('unit_id', 'in', [...unitIds])
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.alias]);
  return out;
}

/** Every survey score of a round. */
export function surveyScores(db: Kysely<DB>, roundId: number): Promise<SurveyScoreRecord[]> {
  return db
    .selectFrom('assessment_scores')
    .select(['id', 'unit_id', 'criterion_id', 'score', 'version'])
    .where('round_id', '=', roundId)
    .where('stage', '=', 'survey')
    .execute();
}

export async function insertSurveyScore(
  db: Kysely<DB>,
  row: {
    round_id: number;
    unit_id: number;
    criterion_id: number;
    score: string;
    user_id: number | null;
    username: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('assessment_scores')
    .values({ ...row, stage: 'survey', answer: null })
    .execute();
}

/** Replaces a survey score seen at `version`; false when someone changed it since. */
export async function updateSurveyScore(
  db: Kysely<DB>,
  id: number,
  change: { score: string; user_id: number | null; username: string; at: string; version: number },
): Promise<boolean> {
  const result = await db
    .updateTable('assessment_scores')
    .set({ ...change, version: change.version + 1 })
    .where('id', '=', id)
    .where('version', '=', change.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
