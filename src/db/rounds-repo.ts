/**
 * Assessment rounds (0018): the round row, its calendar, its units and their grants of more time.
 * Queries only; the rules are in core/assessment.ts and the use-cases.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  AssessmentRoundsTable,
  DB,
  RoundExtensionsTable,
  RoundPhasesTable,
  RoundUnitsTable,
} from './schema.js';

export type RoundRecord = Selectable<AssessmentRoundsTable>;
export type RoundPhaseRecord = Selectable<RoundPhasesTable>;
export type RoundUnitRecord = Selectable<RoundUnitsTable> & { unit_name: string; parent_id: number | null };
export type RoundExtensionRecord = Selectable<RoundExtensionsTable>;

export function findRoundRow(db: Kysely<DB>, id: number): Promise<RoundRecord | undefined> {
  return db.selectFrom('assessment_rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function roundPhaseRows(db: Kysely<DB>, roundId: number): Promise<RoundPhaseRecord[]> {
  return db.selectFrom('round_phases').selectAll().where('round_id', '=', roundId).execute();
}

/** The round's units with their names and parents, in the units' Vietnamese order. */
export function roundUnitRows(db: Kysely<DB>, roundId: number, unitId?: number): Promise<RoundUnitRecord[]> {
  let q = db
    .selectFrom('round_units')
    .innerJoin('units', 'units.id', 'round_units.unit_id')
    .selectAll('round_units')
    .select(['units.name as unit_name', 'units.parent_id as parent_id'])
    .where('round_units.round_id', '=', roundId);
  if (unitId !== undefined) q = q.where('round_units.unit_id', '=', unitId);
  return q.orderBy('units.sort_key').orderBy('units.id').execute();
}

/** The last day granted to a unit in a phase of a round, if any grant was made. */
export async function grantedUntil(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  phase: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('round_extensions')
    .select((eb) => eb.fn.max('until').as('until'))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('phase', '=', phase)
    .where('state', '=', 'granted')
    .executeTakeFirst();
  return (row?.until) ?? null;
}
