/** Helpers shared by the migrations: only the primary key differs between the engines. */
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../schema.js';

export type AnyDb = Kysely<unknown>;

export function idTable(db: AnyDb, kind: DatabaseKind, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', kind === 'postgres' ? 'serial' : 'integer', (c) =>
      kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );
}
