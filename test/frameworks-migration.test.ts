/**
 * Migration 0015 on both engines: the frameworks plans already use (the seeds' trees) become
 * frameworks in use, their leaves scored by hand in steps of 0,25 and their parents without a rule;
 * the admin role gains framework.manage; a kept upload is a plan's. Going down and up again keeps
 * the plans and their criteria.
 */
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

describe.each(ENGINES)('migration 0015 (frameworks) on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    const deps = { db: database.db, clock: () => new Date('2024-03-01T02:00:00.000Z') };
    await loadSamplesIfEmpty(deps, resolve(ROOT, 'samples'));
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it("makes the plans' trees frameworks in use with hand rules on their leaves", async () => {
    const db = database.db;
    const migrator = migratorFor(db, kind);
    expect((await migrator.migrateTo('0014_unit_sort_key')).error).toBeUndefined();
    // before 0015: a framework as the plans' import wrote it
    const columns = await sql<{ n: number }>`select count(*) as n from criteria`.execute(db);
    const criteriaBefore = Number(columns.rows[0]!.n);
    await sql`update roles set permissions = '["plan.read"]' where code = 'admin'`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const frameworks = await db.selectFrom('frameworks').select(['id', 'state']).execute();
    expect(frameworks.length).toBe(2);
    expect(frameworks.every((f) => f.state === 'in-use')).toBe(true);
    const criteria = await db
      .selectFrom('criteria')
      .select([
        'framework_id',
        'code',
        'parent_code',
        'raw_code',
        'rule',
        'scorer',
        'not_applicable',
        'version',
      ])
      .execute();
    expect(criteria.length).toBe(criteriaBefore);
    const parents = new Set(criteria.map((c) => `${c.framework_id}:${c.parent_code}`));
    for (const c of criteria) {
      const isParent = parents.has(`${c.framework_id}:${c.code}`);
      expect(c.rule === null, c.code).toBe(isParent);
      if (!isParent) expect(JSON.parse(c.rule!)).toEqual({ kind: 'manual', step: { units: 2500, scale: 2 } });
      expect(c).toMatchObject({
        raw_code: c.code,
        scorer: 'self',
        not_applicable: 'not-allowed',
        version: 1,
      });
    }
    const admin = await db
      .selectFrom('roles')
      .select('permissions')
      .where('code', '=', 'admin')
      .executeTakeFirstOrThrow();
    // 0018 adds round.manage after it, 0025 results.manage
    expect(JSON.parse(admin.permissions)).toEqual([
      'plan.read',
      'framework.manage',
      'round.manage',
      'results.manage',
    ]);
    const viewer = await db
      .selectFrom('roles')
      .select('permissions')
      .where('code', '=', 'viewer')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(viewer.permissions)).not.toContain('framework.manage');
    expect(await db.selectFrom('framework_crosswalks').selectAll().execute()).toEqual([]);
  });
});
