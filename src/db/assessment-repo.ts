/**
 * A unit's self-assessment in a round (0018): its answers, the evidence linked to its criteria, the
 * questions returned to it, the stages' scores, its granted extensions, and its round row (locked and
 * moved). Queries only; the rules are in modules/self-assessment.ts.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AssessmentAnswersTable, CriterionReturnsTable, DB, RoundUnitsTable } from './schema.js';

export type AnswerRecord = Selectable<AssessmentAnswersTable>;
export type ReturnRecord = Selectable<CriterionReturnsTable>;
export type UnitRecord = Selectable<RoundUnitsTable>;

export function answerRows(db: Kysely<DB>, roundId: number, unitId: number): Promise<AnswerRecord[]> {
  return db
    .selectFrom('assessment_answers')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** Inserts a unit's first answer row of a criterion; its id. */
export async function insertAnswerRow(
  db: Kysely<DB>,
  row: Insertable<AssessmentAnswersTable>,
): Promise<AnswerRecord> {
  return db.insertInto('assessment_answers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes an answer row when it still has `version`; the row after, or undefined when it had another. */
export function updateAnswerRow(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<AssessmentAnswersTable>,
): Promise<AnswerRecord | undefined> {
  return db
    .updateTable('assessment_answers')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The scores that followed another answer (a gate): one statement per row, rarely more than one. */
export async function updateAnswerScores(
  db: Kysely<DB>,
  changes: readonly { id: number; score: string | null }[],
): Promise<void> {
  for (const c of changes) {
    await db.updateTable('assessment_answers').set({ score: c.score }).where('id', '=', c.id).execute();
  }
}

/** Which criteria each of the unit's evidence files supports. */
export function evidenceLinkRows(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<{ evidence_id: number; criterion_id: number }[]> {
  return db
    .selectFrom('answer_evidence')
    .innerJoin('evidence_files', 'evidence_files.id', 'answer_evidence.evidence_id')
    .select(['answer_evidence.evidence_id', 'answer_evidence.criterion_id'])
    .where('evidence_files.round_id', '=', roundId)
    .where('evidence_files.unit_id', '=', unitId)
    .orderBy('answer_evidence.evidence_id')
    .execute();
}

export function returnRows(db: Kysely<DB>, roundId: number, unitId: number): Promise<ReturnRecord[]> {
  return db
    .selectFrom('criterion_returns')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** The appraisal stages' scores of the unit (appraisal1, appraisal2, council, survey). */
export function stageScoreRows(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<{ criterion_id: number; stage: string; score: string; comment: string }[]> {
  return db
    .selectFrom('assessment_scores')
    .select(['criterion_id', 'stage', 'score', 'comment'])
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** The last day granted to the unit in each phase where a grant was made. */
export async function grantedExtensionRows(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<{ phase: string; until: string }[]> {
  const rows = await db
    .selectFrom('round_extensions')
    .select(['phase'])
    .select((eb) => eb.fn.max('until').as('until'))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('state', '=', 'granted')
    .groupBy('phase')
    .execute();
  return rows.flatMap((r) => (r.until === null ? [] : [{ phase: r.phase, until: r.until }]));
}

/**
 * Takes the unit's round row for the change's transaction (an update that changes nothing: a row
 * lock on PostgreSQL, the write lock on SQLite) and reads it; saves and submissions of one unit
 * queue here.
 */
export function lockRoundUnit(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<UnitRecord | undefined> {
  return db
    .updateTable('round_units')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .returningAll()
    .executeTakeFirst();
}

/** Writes the unit's round row at `version` (bumped); the row after. */
export function updateRoundUnitRow(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  version: number,
  set: Updateable<RoundUnitsTable>,
): Promise<UnitRecord | undefined> {
  return db
    .updateTable('round_units')
    .set({ ...set, version: version + 1 })
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
