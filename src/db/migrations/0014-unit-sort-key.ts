/**
 * 0014: each unit keeps a sort key of its name (core/collate.ts#vietnameseSortKey) whose byte order
 * is the Vietnamese order, so the plans list sorts and pages in SQL: SQLite compares text bytewise
 * (BINARY), and on PostgreSQL the column itself is COLLATE "C", so its comparisons, ORDER BY and
 * index are bytewise there too without any query saying so. db/units-repo.ts writes it with every
 * name (insertUnit, updateUnitRow). Existing units are backfilled here (the key is pure core).
 */
import { sql, type Migration } from 'kysely';
import { vietnameseSortKey } from '../../core/collate.js';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function unitSortKey(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      // PostgreSQL compares the column bytewise by itself (COLLATE "C"): no query needs to say so
      const collate = kind === 'postgres' ? sql` collate "C"` : sql``;
      await sql`alter table units add column sort_key text${collate} not null default ''`.execute(db);
      const units = await sql<{ id: number; name: string }>`select id, name from units`.execute(db);
      for (const u of units.rows)
        await sql`update units set sort_key = ${vietnameseSortKey(u.name)} where id = ${u.id}`.execute(db);
      await db.schema.createIndex('units_sort_key').on('units').columns(['sort_key', 'id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('units_sort_key').execute();
      await sql`alter table units drop column sort_key`.execute(db);
    },
  };
}
