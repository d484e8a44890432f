/**
 * A round's scores read for its overview, results and exports: the self-answers and stage scores of
 * a range of the round's units in one statement (never per unit or per criterion), a unit's own, the
 * unexplained returns and the granted extensions per unit, and the evidence count per answer.
 * Queries only.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface SelfAnswerRow {
  unit_id: number;
  criterion_id: number;
  answer: string | null;
  score: string | null;
  not_applicable_reason: string | null;
  scoring_explanation: string;
}

/** A self-answer (stage 'self') or a stage score, what a round's totals are computed from. */
export interface LeafRow {
  unit_id: number;
  criterion_id: number;
  stage: string;
  answer: string | null;
  score: string | null;
}

/**
 * The self-answers and the stage scores (other than the self's) of the round's units whose ids are
 * from `units.from` to `units.to`, both included, in one statement (assessment_answers_key and
 * assessment_scores_key serve both halves).
 */
export function roundLeafRows(
  db: Kysely<DB>,
  roundId: number,
  units: { from: number; to: number },
): Promise<LeafRow[]> {
  const answers = db
    .selectFrom('assessment_answers')
    .select(['unit_id', 'criterion_id', sql<string>`'self'`.as('stage'), 'answer', 'score'])
    .where('round_id', '=', roundId)
    .where('unit_id', '>=', units.from)
    .where('unit_id', '<=', units.to);
  const scores = db
    .selectFrom('assessment_scores')
    .select(['unit_id', 'criterion_id', 'stage', 'answer', 'score'])
    .where('round_id', '=', roundId)
    .where('unit_id', '>=', units.from)
    .where('unit_id', '<=', units.to)
    .where('stage', '<>', 'self');
  return answers.unionAll(scores).execute();
}

/** A unit's self-answers in a round with their reasons and explanations (its report). */
export function roundSelfAnswers(db: Kysely<DB>, roundId: number, unitId: number): Promise<SelfAnswerRow[]> {
  return db
    .selectFrom('assessment_answers')
    .select(['unit_id', 'criterion_id', 'answer', 'score', 'not_applicable_reason', 'scoring_explanation'])
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** Per unit, the returns it has not explained. */
export async function unexplainedReturns(db: Kysely<DB>, roundId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('criterion_returns')
    .select((eb) => ['unit_id', eb.fn.countAll<number | string>().as('n')])
    .where('round_id', '=', roundId)
    .where('explanation', 'is', null)
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** Per unit and phase, the last day granted. */
export async function grantedDays(
  db: Kysely<DB>,
  roundId: number,
): Promise<{ unit_id: number; phase: string; until: string }[]> {
  const rows = await db
    .selectFrom('round_extensions')
    .select((eb) => ['unit_id', 'phase', eb.fn.max('until').as('until')])
    .where('round_id', '=', roundId)
    .where('state', '=', 'granted')
    .groupBy(['unit_id', 'phase'])
    .execute();
  return rows.flatMap((r) =>
    r.until === null ? [] : [{ unit_id: r.unit_id, phase: r.phase, until: r.until }],
  );
}

/** The criteria of a unit's answers that have at least one evidence file. */
export async function criteriaWithEvidence(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('answer_evidence')
    .innerJoin('evidence_files', 'evidence_files.id', 'answer_evidence.evidence_id')
    .select('answer_evidence.criterion_id')
    .distinct()
    .where('evidence_files.round_id', '=', roundId)
    .where('evidence_files.unit_id', '=', unitId)
    .execute();
  return new Set(rows.map((r) => r.criterion_id));
}
