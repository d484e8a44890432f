/** 0002: uploads waiting for the import wizard's confirmation. */
import type { Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function pendingImports(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      // an uploaded file between preview and confirm, kept in the database so any server process
      // can confirm it
      await db.schema
        .createTable('pending_imports')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('bytes', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('pending_imports').execute();
    },
  };
}
