/**
 * The appraisal, the units' explanations and the council (0018): the stage scores
 * (`assessment_scores`), the returned criteria (`criterion_returns`), and what the appraisers read
 * beside them — the units' answers, their evidence, its links and their removals (0026). Queries only; the rules are in
 * modules/appraisal.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  AssessmentAnswersTable,
  AssessmentScoresTable,
  CriterionReturnsTable,
  DB,
  EvidenceRemovalsTable,
} from './schema.js';
import type { RoundUnitRecord } from './rounds-repo.js';

export type StageScoreRecord = Selectable<AssessmentScoresTable>;
export type ReturnRecord = Selectable<CriterionReturnsTable>;
export type AnswerRecord = Selectable<AssessmentAnswersTable>;
export type EvidenceRemovalRecord = Selectable<EvidenceRemovalsTable>;

export interface EvidenceLinkRecord {
  evidence_id: number;
  unit_id: number;
  criterion_id: number;
  added_at: string;
}

export interface EvidenceFileRef {
  id: number;
  unit_id: number;
  name: string;
  type: string;
  mime: string;
  size: number;
}

/** The stage scores of a round (of one unit, of some stages). */
export function stageScoreRows(
  db: Kysely<DB>,
  roundId: number,
  filter: { unitId?: number; stages?: readonly string[] } = {},
): Promise<StageScoreRecord[]> {
  let q = db.selectFrom('assessment_scores').selectAll().where('round_id', '=', roundId);
  if (filter.unitId !== undefined) q = q.where('unit_id', '=', filter.unitId);
  if (filter.stages) q = q.where('stage', 'in', [...filter.stages]);
  return q.orderBy('id').execute();
}

export function findStageScore(
  db: Kysely<DB>,
  key: { roundId: number; unitId: number; criterionId: number; stage: string },
): Promise<StageScoreRecord | undefined> {
  return db
    .selectFrom('assessment_scores')
    .selectAll()
    .where('round_id', '=', key.roundId)
    .where('unit_id', '=', key.unitId)
    .where('criterion_id', '=', key.criterionId)
    .where('stage', '=', key.stage)
    .executeTakeFirst();
}

export interface StageScoreValues {
  answer: string | null;
  score: string;
  overridden: number;
  comment: string;
  user_id: number | null;
  username: string;
  at: string;
}

export function insertStageScore(
  db: Kysely<DB>,
  key: { roundId: number; unitId: number; criterionId: number; stage: string },
  values: StageScoreValues,
): Promise<StageScoreRecord> {
  return db
    .insertInto('assessment_scores')
    .values({
      round_id: key.roundId,
      unit_id: key.unitId,
      criterion_id: key.criterionId,
      stage: key.stage,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Writes a stage score at the version read; undefined when someone else changed it first. */
export function updateStageScore(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: StageScoreValues,
): Promise<StageScoreRecord | undefined> {
  return db
    .updateTable('assessment_scores')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The units' self-assessment answers in a round (of one unit). */
export function answerRows(db: Kysely<DB>, roundId: number, unitId?: number): Promise<AnswerRecord[]> {
  let q = db.selectFrom('assessment_answers').selectAll().where('round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.execute();
}

export function returnRows(db: Kysely<DB>, roundId: number, unitId?: number): Promise<ReturnRecord[]> {
  let q = db.selectFrom('criterion_returns').selectAll().where('round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('id').execute();
}

export function findReturn(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  criterionId: number,
): Promise<ReturnRecord | undefined> {
  return db
    .selectFrom('criterion_returns')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('criterion_id', '=', criterionId)
    .executeTakeFirst();
}

export function insertReturn(
  db: Kysely<DB>,
  values: {
    round_id: number;
    unit_id: number;
    criterion_id: number;
    question: string;
    asked_by: string;
    asked_at: string;
  },
): Promise<ReturnRecord> {
  return db
    .insertInto('criterion_returns')
    .values({ ...values, explanation: null, explained_by: null, explained_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records the unit's explanation at the version read; undefined when it changed meanwhile. */
export function explainReturnRow(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: { explanation: string; explained_by: string; explained_at: string },
): Promise<ReturnRecord | undefined> {
  return db
    .updateTable('criterion_returns')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Which criteria each evidence file of the round's units supports, and since when. */
export function evidenceLinkRows(
  db: Kysely<DB>,
  roundId: number,
  unitId?: number,
): Promise<EvidenceLinkRecord[]> {
  let q = db
    .selectFrom('answer_evidence')
    .innerJoin('evidence_files', 'evidence_files.id', 'answer_evidence.evidence_id')
    .select([
      'answer_evidence.evidence_id as evidence_id',
      'evidence_files.unit_id as unit_id',
      'answer_evidence.criterion_id as criterion_id',
      'answer_evidence.added_at as added_at',
    ])
    .where('evidence_files.round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('evidence_files.unit_id', '=', unitId);
  return q.orderBy('answer_evidence.evidence_id').execute();
}

/** When each unit of the round last took evidence off each criterion. */
export function evidenceRemovalRows(
  db: Kysely<DB>,
  roundId: number,
  unitId?: number,
): Promise<EvidenceRemovalRecord[]> {
  let q = db.selectFrom('evidence_removals').selectAll().where('round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.execute();
}

/** The round's evidence files (names and types for the links; the bytes are the evidence store's). */
export function evidenceFileRefs(
  db: Kysely<DB>,
  roundId: number,
  unitId?: number,
): Promise<EvidenceFileRef[]> {
  let q = db
    .selectFrom('evidence_files')
    .select(['id', 'unit_id', 'name', 'type', 'mime', 'size'])
    .where('round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('id').execute();
}

/**
 * Takes the unit's row in the round first (an update that changes nothing): every change of one
 * unit's appraisal waits for the one before it, on both engines.
 */
export async function lockRoundUnit(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<Pick<RoundUnitRecord, 'state' | 'version'> | undefined> {
  return db
    .updateTable('round_units')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .returning(['state', 'version'])
    .executeTakeFirst();
}

/** Moves the unit to a state, its version one on. */
export async function setRoundUnitState(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  state: string,
): Promise<void> {
  await db
    .updateTable('round_units')
    .set((eb) => ({ state, version: eb('version', '+', 1) }))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}
