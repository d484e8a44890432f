/**
 * Assessment rounds (0018): the round row, its calendar, its units and their grants of more time.
 * Queries only; the rules are in core/assessment.ts and the use-cases.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { chunks } from './frameworks-repo.js';
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

/**
 * One unit of a round with its name and parent, and the last day granted to it in `phase` (null: no
 * grant, or no phase asked) — one statement for a change's prelude.
 */
export function roundUnitRow(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  phase: string | null,
): Promise<(RoundUnitRecord & { granted_until: string | null }) | undefined> {
  return db
    .selectFrom('round_units')
    .innerJoin('units', 'units.id', 'round_units.unit_id')
    .selectAll('round_units')
    .select(['units.name as unit_name', 'units.parent_id as parent_id'])
    .select((eb) =>
      eb
        .selectFrom('round_extensions')
        .select((x) => x.fn.max('until').as('until'))
        .where('round_extensions.round_id', '=', roundId)
        .where('round_extensions.unit_id', '=', unitId)
        .where('round_extensions.phase', '=', phase ?? '')
        .where('round_extensions.state', '=', 'granted')
        .as('granted_until'),
    )
    .where('round_units.round_id', '=', roundId)
    .where('round_units.unit_id', '=', unitId)
    .executeTakeFirst();
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
  return row?.until ?? null;
}

/**
 * Takes the round's row lock for the rest of the transaction and reads the row (UPDATE … RETURNING,
 * as frameworks-repo.ts#lockFramework): changes of one round run one after the other.
 */
export function lockRound(db: Kysely<DB>, id: number): Promise<RoundRecord | undefined> {
  return db
    .updateTable('assessment_rounds')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function insertRound(db: Kysely<DB>, row: Insertable<AssessmentRoundsTable>): Promise<number> {
  const r = await db.insertInto('assessment_rounds').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Writes a round's calendar whole (the old one, if any, replaced). */
export async function writeRoundPhases(
  db: Kysely<DB>,
  roundId: number,
  calendar: readonly { phase: string; opensOn: string; closesOn: string }[],
): Promise<void> {
  await db.deleteFrom('round_phases').where('round_id', '=', roundId).execute();
  if (calendar.length === 0) return;
  await db
    .insertInto('round_phases')
    .values(
      calendar.map((p) => ({
        round_id: roundId,
        phase: p.phase,
        opens_on: p.opensOn,
        closes_on: p.closesOn,
      })),
    )
    .execute();
}

export async function insertRoundUnits(
  db: Kysely<DB>,
  roundId: number,
  unitIds: readonly number[],
): Promise<void> {
  for (const part of chunks(unitIds, 500)) {
    await db
      .insertInto('round_units')
      .values(part.map((unit_id) => ({ round_id: roundId, unit_id, submitted_at: null, submitted_by: null })))
      .execute();
  }
}

/** Writes a round's fields when it still has the version the editor saw; the rows changed (0 or 1). */
export async function updateRoundRow(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<AssessmentRoundsTable>,
): Promise<number> {
  const result = await db
    .updateTable('assessment_rounds')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every round with its framework's name, newest year first. */
export function roundListRows(db: Kysely<DB>): Promise<(RoundRecord & { framework_name: string })[]> {
  return db
    .selectFrom('assessment_rounds')
    .innerJoin('frameworks', 'frameworks.id', 'assessment_rounds.framework_id')
    .selectAll('assessment_rounds')
    .select('frameworks.name as framework_name')
    .orderBy('assessment_rounds.year', 'desc')
    .orderBy('assessment_rounds.id', 'desc')
    .execute();
}

/** The phases of every round (the list's calendars), in one statement. */
export function allRoundPhaseRows(db: Kysely<DB>): Promise<RoundPhaseRecord[]> {
  return db.selectFrom('round_phases').selectAll().execute();
}

/** Every round's units with their state and name (the list's counts and a reader's own units). */
export function allRoundUnitStates(
  db: Kysely<DB>,
): Promise<{ round_id: number; unit_id: number; state: string; unit_name: string }[]> {
  return db
    .selectFrom('round_units')
    .innerJoin('units', 'units.id', 'round_units.unit_id')
    .select(['round_units.round_id', 'round_units.unit_id', 'round_units.state', 'units.name as unit_name'])
    .orderBy('units.sort_key')
    .orderBy('units.id')
    .execute();
}

/** A round's requests for more time with the units' names, oldest first. */
export function extensionRows(
  db: Kysely<DB>,
  roundId: number,
): Promise<(RoundExtensionRecord & { unit_name: string })[]> {
  return db
    .selectFrom('round_extensions')
    .innerJoin('units', 'units.id', 'round_extensions.unit_id')
    .selectAll('round_extensions')
    .select('units.name as unit_name')
    .where('round_extensions.round_id', '=', roundId)
    .orderBy('round_extensions.id')
    .execute();
}

export function findExtension(
  db: Kysely<DB>,
  roundId: number,
  id: number,
): Promise<RoundExtensionRecord | undefined> {
  return db
    .selectFrom('round_extensions')
    .selectAll()
    .where('id', '=', id)
    .where('round_id', '=', roundId)
    .executeTakeFirst();
}

/** Whether a request of the unit for that phase waits for a decision. */
export async function hasPendingExtension(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  phase: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('round_extensions')
    .select('id')
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('phase', '=', phase)
    .where('state', '=', 'requested')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertExtension(
  db: Kysely<DB>,
  row: Insertable<RoundExtensionsTable>,
): Promise<number> {
  const r = await db.insertInto('round_extensions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Records a decision on a request still waiting for one; the rows changed (0: decided meanwhile). */
export async function decideExtensionRow(
  db: Kysely<DB>,
  id: number,
  set: Pick<
    Updateable<RoundExtensionsTable>,
    'state' | 'until' | 'decided_by' | 'decided_at' | 'decision_note'
  >,
): Promise<number> {
  const result = await db
    .updateTable('round_extensions')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many returned criteria each unit of the round has not explained yet. */
export async function unexplainedReturns(db: Kysely<DB>, roundId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('criterion_returns')
    .select(['unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('round_id', '=', roundId)
    .where((eb) => eb.or([eb('explanation', 'is', null), eb('explanation', '=', '')]))
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}
