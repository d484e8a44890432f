/**
 * 0025: results and ranking (issue 12, decision 0015). A ranking pool (`ranking_pools`) is a set of
 * units ranked together (the provinces of the country; a province's departments; its wards; its
 * communes and special zones), with an optional tie-break order (part codes compared after the
 * index, highest first). Classification bands are data per pool and year (`classification_bands`:
 * a label and the lowest index it takes, "A ≥ 90"). A result (`results`) is one pool's published
 * outcome of one year — from a published assessment round or imported from a publication — and is
 * the pool's only result of that year (a new one replaces it, audited). Its parts (`result_parts`)
 * are the columns it scores: components (the national table's appraised points, SIPAS, leaders'
 * survey, socio-economic impact), areas and criteria, each with its max. `result_units` holds each
 * unit's points, max and index (decimal strings, exact) with the rank and group as published (null
 * when the publication gave none); `result_scores` each unit's score per part (the applicable max
 * when it differs from the part's). Ranks and groups are computed on reading (core/ranking.ts).
 *
 * Roles as data: admin gains results.manage (import, pools, bands, publish a round's results).
 */
import { type Kysely, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import { idTable, type AnyDb } from './common.js';

type Roles = Kysely<{ roles: { code: string; permissions: string } }>;

async function grant(db: AnyDb, up: boolean): Promise<void> {
  const roles = db as unknown as Roles;
  const role = await roles.selectFrom('roles').selectAll().where('code', '=', 'admin').executeTakeFirst();
  if (!role) return;
  const permissions = (JSON.parse(role.permissions) as string[]).filter((p) => p !== 'results.manage');
  if (up) permissions.push('results.manage');
  await roles
    .updateTable('roles')
    .set({ permissions: JSON.stringify(permissions) })
    .where('code', '=', 'admin')
    .execute();
}

export function results(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await idTable(db, kind, 'ranking_pools')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('tie_break', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await idTable(db, kind, 'classification_bands')
        .addColumn('pool_id', 'integer', (c) =>
          c.notNull().references('ranking_pools.id').onDelete('cascade'),
        )
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('min_index', 'text', (c) => c.notNull())
        .addColumn('colour', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('classification_bands_pool_year')
        .on('classification_bands')
        .columns(['pool_id', 'year', 'position'])
        .unique()
        .execute();

      await idTable(db, kind, 'results')
        .addColumn('pool_id', 'integer', (c) => c.notNull().references('ranking_pools.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('round_id', 'integer', (c) => c.references('assessment_rounds.id'))
        .addColumn('framework_id', 'integer', (c) => c.references('frameworks.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('source_name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('results_pool_year')
        .on('results')
        .columns(['pool_id', 'year'])
        .unique()
        .execute();

      await db.schema
        .createTable('result_parts')
        .addColumn('result_id', 'integer', (c) => c.notNull().references('results.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('max', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('result_parts_pk', ['result_id', 'code'])
        .execute();

      await idTable(db, kind, 'result_units')
        .addColumn('result_id', 'integer', (c) => c.notNull().references('results.id').onDelete('cascade'))
        .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('points', 'text')
        .addColumn('max', 'text')
        .addColumn('index', 'text', (c) => c.notNull())
        .addColumn('published_rank', 'integer')
        .addColumn('published_group', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('result_units_key')
        .on('result_units')
        .columns(['result_id', 'unit_id'])
        .unique()
        .execute();
      await db.schema.createIndex('result_units_unit').on('result_units').column('unit_id').execute();

      await db.schema
        .createTable('result_scores')
        .addColumn('result_unit_id', 'integer', (c) =>
          c.notNull().references('result_units.id').onDelete('cascade'),
        )
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('score', 'text')
        .addColumn('max', 'text')
        .addPrimaryKeyConstraint('result_scores_pk', ['result_unit_id', 'code'])
        .execute();

      await grant(db, true);
    },
    async down(db: AnyDb) {
      await grant(db, false);
      for (const t of [
        'result_scores',
        'result_units',
        'result_parts',
        'results',
        'classification_bands',
        'ranking_pools',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
