/**
 * Whether the database holds every migration this build knows (GET /api/ready): a server started by
 * a newer build against a database another, older server migrated — or a database restored from an
 * old backup — is not ready, and the load balancer sends it nothing until it is.
 */
import type { Kysely } from 'kysely';
import { migratorFor } from './migrations/index.js';
import type { DB } from './schema.js';

/**
 * The names of the migrations not applied, in order (none: current). Reads Kysely's own table and
 * runs nothing. The names are the same on both engines (each has its own SQL under one name), so the
 * engine's set is not needed to compare them.
 */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const state = await migratorFor(db, 'sqlite').getMigrations();
  return state.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
