/** 0001: units, frameworks and criteria, plans, items, tasks and the units they name. */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

export function coreTables(kind: DatabaseKind): Migration {
  const table = (db: AnyDb, name: string) => idTable(db, kind, name);
  return {
    async up(db: AnyDb) {
      await table(db, 'units')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
        .addColumn('successor_id', 'integer', (c) => c.references('units.id'))
        .addColumn('lineage', 'text')
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // one unit per spelling under one parent; top-level units share parent 0
      await sql`create unique index units_parent_name on units (coalesce(parent_id, 0), name_key)`.execute(
        db,
      );

      await table(db, 'unit_aliases')
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('alias_key', 'text', (c) => c.notNull())
        .addUniqueConstraint('unit_aliases_unit_key', ['unit_id', 'alias_key'])
        .execute();

      await table(db, 'frameworks')
        .addColumn('unit_group', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('frameworks_group_year_version', ['unit_group', 'year', 'version'])
        .execute();

      await table(db, 'criteria')
        .addColumn('framework_id', 'integer', (c) =>
          c.notNull().references('frameworks.id').onDelete('cascade'),
        )
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('max_score', 'text')
        .addUniqueConstraint('criteria_framework_code', ['framework_id', 'code'])
        .execute();

      await table(db, 'plans')
        .addColumn('subject_unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('baseline_year', 'integer')
        .addColumn('label', 'text')
        .addColumn('title', 'text')
        .addColumn('subtitle', 'text')
        .addColumn('source_name', 'text', (c) => c.notNull())
        .addColumn('source_format', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('stated_max', 'text')
        .addColumn('stated_baseline', 'text')
        .addColumn('stated_target', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('plans_subject_year', ['subject_unit_id', 'year'])
        .execute();

      await table(db, 'plan_items')
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('criterion_id', 'integer', (c) => c.notNull().references('criteria.id'))
        .addColumn('baseline', 'text')
        .addColumn('target', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('plan_items_plan_criterion', ['plan_id', 'criterion_id'])
        .execute();

      await table(db, 'tasks')
        .addColumn('plan_item_id', 'integer', (c) =>
          c.notNull().references('plan_items.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('lead_units_text', 'text', (c) => c.notNull())
        .addColumn('support_units_text', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('deadline_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started'))
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tasks_plan_item').on('tasks').column('plan_item_id').execute();

      await db.schema
        .createTable('task_units')
        .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'role', 'position'])
        .execute();
      await db.schema.createIndex('task_units_unit').on('task_units').column('unit_id').execute();
    },
    async down(db: AnyDb) {
      for (const t of [
        'task_units',
        'tasks',
        'plan_items',
        'plans',
        'criteria',
        'frameworks',
        'unit_aliases',
        'units',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
