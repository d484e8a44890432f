/**
 * The state of a test database: row counts of the tables of plans and units, and a digest of
 * everything.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export const TABLES = [
  'units',
  'unit_aliases',
  'frameworks',
  'criteria',
  'plans',
  'plan_items',
  'tasks',
  'task_units',
] as const satisfies readonly (keyof DB)[];

export type TableName = (typeof TABLES)[number];
export type TableCounts = Record<TableName, number>;

export const EMPTY_COUNTS: TableCounts = Object.fromEntries(TABLES.map((t) => [t, 0])) as TableCounts;

export async function countRows(db: Kysely<DB>): Promise<TableCounts> {
  const counts = {} as TableCounts;
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      db,
    );
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

/** Every table of the database in a fixed order, by the columns that order its rows. */
export const ROW_ORDER: Record<keyof DB, string> = {
  units: 'id',
  unit_ancestors: 'ancestor_id, unit_id',
  unit_aliases: 'id',
  unit_events: 'id',
  unit_event_links: 'event_id, unit_id',
  unit_year_baselines: 'id',
  frameworks: 'id',
  criteria: 'id',
  framework_crosswalks: 'id',
  plans: 'id',
  plan_items: 'id',
  plan_unit_figures: 'plan_id, unit_id',
  tasks: 'id',
  task_units: 'task_id, role, position',
  finding_acknowledgements: 'id',
  pending_imports: 'token',
  users: 'id',
  roles: 'code',
  user_roles: 'id',
  sessions: 'id',
  login_throttle: 'username, ip',
  rate_limits: 'key',
  audit_log: 'id',
  audit_head: 'id',
  assessment_rounds: 'id',
  round_phases: 'round_id, phase',
  round_units: 'round_id, unit_id',
  round_extensions: 'id',
  assessment_answers: 'id',
  assessment_scores: 'id',
  criterion_returns: 'id',
  evidence_files: 'id',
  answer_evidence: 'evidence_id, criterion_id',
  evidence_removals: 'round_id, unit_id, criterion_id',
  notifications: 'id',
  notification_reads: 'notification_id, user_id',
  scheduled_runs: 'key',
  ranking_pools: 'id',
  classification_bands: 'id',
  results: 'id',
  result_parts: 'result_id, code',
  result_units: 'id',
  result_scores: 'result_unit_id, code',
  result_rankings: 'result_id',
  result_places: 'result_id, position',
};

/**
 * The whole content of the database as one hash, to show that a refused request changed nothing:
 * every row of every table (a kept upload's bytes by their length).
 */
export async function databaseDigest(db: Kysely<DB>): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, order] of Object.entries(ROW_ORDER)) {
    const columns =
      table === 'pending_imports'
        ? sql`token, user_id, file_name, length(bytes) as bytes, created_at, expires_at`
        : sql`*`;
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${columns} from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db);
    hash.update(table);
    for (const row of rows) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}
