/**
 * 0016: units across reorganisations as events (decision 0012). `unit_events` holds what happened
 * (merged, split, renamed, moved, dissolved), on which day and by which decision; `unit_event_links`
 * the units on each side ('from': those that end or the unit moved; 'to': the successors or the new
 * parent). `unit_year_baselines` holds a successor's figure of a year made from its predecessors'
 * plans by a chosen rule (largest, average, entered). units.successor_id, lineage and valid_to stay,
 * kept in step with the events by modules/unit-events.ts; the units that already had a lineage get
 * their events here: one event per (kind, successor, last day), dated the day after that last day.
 */
import { sql, type Migration } from 'kysely';
import { dayAfter } from '../../core/lineage.js';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

export function unitEvents(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await idTable(db, kind, 'unit_events')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('unit_event_links')
        .addColumn('event_id', 'integer', (c) => c.notNull().references('unit_events.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('unit_event_links_pk', ['event_id', 'unit_id'])
        .execute();
      await db.schema.createIndex('unit_event_links_unit').on('unit_event_links').column('unit_id').execute();
      await idTable(db, kind, 'unit_year_baselines')
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('from_unit_id', 'integer', (c) => c.references('units.id'))
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('unit_year_baselines_unit_year')
        .on('unit_year_baselines')
        .columns(['unit_id', 'year'])
        .unique()
        .execute();

      const units = await sql<{
        id: number;
        lineage: string;
        successor_id: number | null;
        valid_to: string | null;
        created_at: string;
      }>`select id, lineage, successor_id, valid_to, created_at from units where lineage is not null order by id`.execute(
        db,
      );
      const groups = new Map<string, typeof units.rows>();
      for (const u of units.rows) {
        // merged units of one successor and day are one event; every other unit is its own
        const key =
          u.lineage === 'merged' ? `merged|${u.successor_id}|${u.valid_to}` : `${u.lineage}|unit ${u.id}`;
        groups.set(key, [...(groups.get(key) ?? []), u]);
      }
      for (const members of groups.values()) {
        const first = members[0]!;
        const event = await sql<{
          id: number;
        }>`insert into unit_events (kind, date, decision, note, created_at)
          values (${first.lineage}, ${first.valid_to === null ? null : dayAfter(first.valid_to)}, '',
                  'units.lineage before 0016', ${first.created_at}) returning id`.execute(db);
        const id = event.rows[0]!.id;
        let position = 0;
        for (const u of members) {
          await sql`insert into unit_event_links (event_id, unit_id, side, position)
            values (${id}, ${u.id}, 'from', ${position++})`.execute(db);
        }
        if (first.successor_id !== null) {
          await sql`insert into unit_event_links (event_id, unit_id, side, position)
            values (${id}, ${first.successor_id}, 'to', 0)`.execute(db);
        }
      }
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('unit_year_baselines').execute();
      await db.schema.dropTable('unit_event_links').execute();
      await db.schema.dropTable('unit_events').execute();
    },
  };
}
