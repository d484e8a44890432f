/**
 * Evidence files of units in rounds (0018: evidence_files, answer_evidence; 0026: evidence_removals)
 * and the returns that let the explanation phase add to them. Queries only; the rules are modules/evidence.ts's.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { onSqlite } from './kept-query.js';
import type { AnswerEvidenceTable, DB, EvidenceFilesTable } from './schema.js';

export type EvidenceFileRecord = Selectable<EvidenceFilesTable>;
export type EvidenceLinkRecord = Selectable<AnswerEvidenceTable>;

export function evidenceFileRow(db: Kysely<DB>, id: number): Promise<EvidenceFileRecord | undefined> {
  return db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A unit's files in a round, oldest first. */
export function unitEvidenceRows(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<EvidenceFileRecord[]> {
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/** The unit's file of that content in the round, if it has one. */
export function unitEvidenceBySha(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  sha256: string,
): Promise<EvidenceFileRecord | undefined> {
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** The bytes of the unit's files in the round: each content once (the key is round, unit, sha256). */
export async function unitEvidenceBytes(db: Kysely<DB>, roundId: number, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('evidence_files')
    .select((eb) => eb.fn.sum<number | string | null>('size').as('bytes'))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

/** The criteria each file supports, with the phase each link was made in. */
export function evidenceLinkRows(
  db: Kysely<DB>,
  evidenceIds: readonly number[],
): Promise<EvidenceLinkRecord[]> {
  if (evidenceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('answer_evidence')
    .selectAll()
    .where('evidence_id', 'in', [...evidenceIds])
    .orderBy('evidence_id')
    .orderBy('criterion_id')
    .execute();
}

/**
 * The ids of the unit's files supporting each criterion in the round (criterion id → file ids,
 * ascending): what the self-assessment and appraisal views put beside each answer.
 */
export async function evidenceIdsByCriterion(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('answer_evidence')
    .innerJoin('evidence_files', 'evidence_files.id', 'answer_evidence.evidence_id')
    .select(['answer_evidence.criterion_id as criterion_id', 'answer_evidence.evidence_id as evidence_id'])
    .where('evidence_files.round_id', '=', roundId)
    .where('evidence_files.unit_id', '=', unitId)
    .orderBy('answer_evidence.criterion_id')
    .orderBy('answer_evidence.evidence_id')
    .execute();
  const byCriterion = new Map<number, number[]>();
  for (const r of rows) {
    const ids = byCriterion.get(r.criterion_id) ?? [];
    ids.push(r.evidence_id);
    byCriterion.set(r.criterion_id, ids);
  }
  return byCriterion;
}

export async function insertEvidenceFile(
  db: Kysely<DB>,
  values: Omit<EvidenceFileRecord, 'id'>,
): Promise<number> {
  const row = await db.insertInto('evidence_files').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertEvidenceLink(db: Kysely<DB>, link: EvidenceLinkRecord): Promise<void> {
  await db.insertInto('answer_evidence').values(link).execute();
}

export async function deleteEvidenceLink(
  db: Kysely<DB>,
  evidenceId: number,
  criterionId: number,
): Promise<void> {
  await db
    .deleteFrom('answer_evidence')
    .where('evidence_id', '=', evidenceId)
    .where('criterion_id', '=', criterionId)
    .execute();
}

/** The file and its links (the links first: SQLite's foreign keys may be off). */
export async function deleteEvidenceFile(db: Kysely<DB>, evidenceId: number): Promise<void> {
  await db.deleteFrom('answer_evidence').where('evidence_id', '=', evidenceId).execute();
  await db.deleteFrom('evidence_files').where('id', '=', evidenceId).execute();
}

/** Notes that the unit took evidence off these criteria at `at` (the latest removal is kept). */
export async function recordEvidenceRemovals(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
  criterionIds: readonly number[],
  at: string,
): Promise<void> {
  const ids = [...new Set(criterionIds)];
  if (ids.length === 0) return;
  await db
    .insertInto('evidence_removals')
    .values(ids.map((criterion_id) => ({ round_id: roundId, unit_id: unitId, criterion_id, removed_at: at })))
    .onConflict((oc) => oc.columns(['round_id', 'unit_id', 'criterion_id']).doUpdateSet({ removed_at: at }))
    .execute();
}

/** How many files, in any round and unit, hold this content. */
export async function evidenceShaReferences(db: Kysely<DB>, sha256: string): Promise<number> {
  const row = await db
    .selectFrom('evidence_files')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every content the database refers to, with how many files hold it. */
export async function evidenceShaCounts(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('evidence_files')
    .select(['sha256', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('sha256')
    .execute();
  return new Map(rows.map((r) => [r.sha256, Number(r.n)]));
}

/** The files and bytes of evidence the database refers to (each content counted once). */
export async function evidenceTotals(db: Kysely<DB>): Promise<{ files: number; bytes: number }> {
  const rows = await db
    .selectFrom('evidence_files')
    .select(['sha256', (eb) => eb.fn.max('size').as('size')])
    .groupBy('sha256')
    .execute();
  return { files: rows.length, bytes: rows.reduce((sum, r) => sum + Number(r.size), 0) };
}

/** The criteria (ids) of the unit returned to it with a question in the round. */
export async function returnedCriterionIds(
  db: Kysely<DB>,
  roundId: number,
  unitId: number,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom('criterion_returns')
    .select('criterion_id')
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
  return new Set(rows.map((r) => r.criterion_id));
}

/**
 * Serialises the changes of one unit's evidence in a round (the allowance is summed and checked
 * under it): an update that changes nothing takes the unit's row lock on both engines.
 */
export async function lockRoundUnit(db: Kysely<DB>, roundId: number, unitId: number): Promise<void> {
  await db
    .updateTable('round_units')
    .set((eb) => ({ unit_id: eb.ref('unit_id') }))
    .where('round_id', '=', roundId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** Keys of PostgreSQL's advisory locks taken here: the first of the two-int form, "evidence". */
const EVIDENCE_LOCK = 0x65766964;

/**
 * Serialises, until the transaction ends, whatever adds a reference to one content or removes it
 * from the store: an upload of that content and the recount before its removal cannot interleave.
 * PostgreSQL: a transaction-scoped advisory lock on the content's first 32 bits. SQLite: one writer
 * at a time already; a write that changes nothing takes the database's write lock now rather than
 * at the transaction's first real write.
 */
export async function lockEvidenceContent(db: Kysely<DB>, sha256: string): Promise<void> {
  if (onSqlite(db)) {
    await db
      .updateTable('evidence_files')
      .set((eb) => ({ sha256: eb.ref('sha256') }))
      .where('sha256', '=', sha256)
      .execute();
    return;
  }
  const key = Number.parseInt(sha256.slice(0, 8), 16) | 0;
  await sql`select pg_advisory_xact_lock(${EVIDENCE_LOCK}, ${key})`.execute(db);
}
