/**
 * The generated country's rounds written in bulk (issue 13 point 1, modules/demo-rounds.ts): a
 * round's answers, stage scores, evidence records and unit states in multi-row statements, the rows
 * the use-cases would write one by one (modules/self-assessment.ts, appraisal.ts, survey.ts,
 * evidence.ts). Queries only; what goes in them is computed by the module.
 */
import type { Insertable, Kysely } from 'kysely';
import { chunks } from './frameworks-repo.js';
import type {
  AnswerEvidenceTable,
  AssessmentAnswersTable,
  AssessmentScoresTable,
  DB,
  EvidenceFilesTable,
} from './schema.js';

// a few thousand parameters a statement: under SQLite's 32,766 and PostgreSQL's 65,535 at any width
const ROWS = 1_000;

export async function insertAnswerRows(
  db: Kysely<DB>,
  rows: readonly Insertable<AssessmentAnswersTable>[],
): Promise<void> {
  for (const part of chunks(rows, ROWS)) await db.insertInto('assessment_answers').values(part).execute();
}

export async function insertStageScoreRows(
  db: Kysely<DB>,
  rows: readonly Insertable<AssessmentScoresTable>[],
): Promise<void> {
  for (const part of chunks(rows, ROWS)) await db.insertInto('assessment_scores').values(part).execute();
}

/**
 * The units' evidence records of a round, one file each (the key is round, unit, sha256): the id of
 * each unit's row, to link it to criteria.
 */
export async function insertEvidenceRows(
  db: Kysely<DB>,
  rows: readonly Insertable<EvidenceFilesTable>[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const part of chunks(rows, ROWS)) {
    const written = await db.insertInto('evidence_files').values(part).returning(['id', 'unit_id']).execute();
    for (const w of written) ids.set(w.unit_id, w.id);
  }
  return ids;
}

export async function insertEvidenceLinkRows(
  db: Kysely<DB>,
  rows: readonly Insertable<AnswerEvidenceTable>[],
): Promise<void> {
  for (const part of chunks(rows, ROWS)) await db.insertInto('answer_evidence').values(part).execute();
}

/** Moves units of a round to a state, with their submission and round-row version, as the use-cases leave them. */
export async function setRoundUnitStates(
  db: Kysely<DB>,
  roundId: number,
  state: string,
  version: number,
  submitted: { at: string; by: string } | null,
  unitIds: readonly number[],
): Promise<void> {
  for (const part of chunks(unitIds, ROWS)) {
    await db
      .updateTable('round_units')
      .set({
        state,
        version,
        submitted_at: submitted?.at ?? null,
        submitted_by: submitted?.by ?? null,
      })
      .where('round_id', '=', roundId)
      .where('unit_id', 'in', part)
      .execute();
  }
}
