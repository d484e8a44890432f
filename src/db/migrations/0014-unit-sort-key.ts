/**
 * 0014: each unit keeps a sort key of its name (core/collate.ts#vietnameseSortKey) whose byte order
 * is the Vietnamese order, so the plans list sorts and pages in SQL: SQLite compares text bytewise
 * (BINARY) and the index and the list's ORDER BY use COLLATE "C" on PostgreSQL. db/units-repo.ts
 * writes it with every name. Existing units are backfilled here (the key is pure core).
 */
import { sql, type Migration } from 'kysely';
import { vietnameseSortKey } from '../../core/collate.js';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function unitSortKey(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('units')
        .addColumn('sort_key', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      const units = await sql<{ id: number; name: string }>`select id, name from units`.execute(db);
      for (const u of units.rows)
        await sql`update units set sort_key = ${vietnameseSortKey(u.name)} where id = ${u.id}`.execute(db);
      await sql`create index units_sort_key on units (sort_key${kind === 'postgres' ? sql` collate "C"` : sql``}, id)`.execute(
        db,
      );
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('units_sort_key').execute();
      await sql`alter table units drop column sort_key`.execute(db);
    },
  };
}
