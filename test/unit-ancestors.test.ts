/**
 * unit_ancestors (migration 0041): each unit with every unit above it, itself included, kept by
 * triggers as units are created, moved and deleted, and back-filled for the units stored before it —
 * always what the units' parents say. The plans list's subtree filter reads it (plans-repo.ts#inSubtree).
 */
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { systemActor } from '../src/modules/access.js';
import { planListPage } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createUnit, updateUnit } from '../src/modules/units-admin.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

/** Every (unit, ancestor) pair as the parents say, itself included, sorted. */
async function expectedPairs(db: Kysely<DB>): Promise<string[]> {
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const parent = new Map(units.map((u) => [u.id, u.parent_id]));
  const pairs: string[] = [];
  for (const u of units)
    for (let up: number | null | undefined = u.id; up !== null && up !== undefined; up = parent.get(up))
      pairs.push(`${u.id}<${up}`);
  return pairs.sort();
}

async function storedPairs(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('unit_ancestors').select(['unit_id', 'ancestor_id']).execute();
  return rows.map((r) => `${r.unit_id}<${r.ancestor_id}`).sort();
}

describe.each(ENGINES)('unit_ancestors on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  const clock = () => new Date('2026-12-02T03:00:00Z');
  const actor = systemActor('test');

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    db = database.db;
    await loadSamplesIfEmpty({ db, clock }, resolve(ROOT, 'samples'));
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('holds every unit with its ancestors, after the sample plans', async () => {
    const expected = await expectedPairs(db);
    // the samples hold a province with its departments and a district with its communes
    expect(expected.length).toBeGreaterThan(20);
    expect(await storedPairs(db)).toEqual(expected);
  });

  it('follows units created, moved with their subtree, and moved back to the top', async () => {
    const deps = { db, clock };
    const province = await createUnit(deps, actor, {
      name: 'Tỉnh Thử Cây',
      kind: 'province',
      parentId: null,
    });
    const commune = await createUnit(deps, actor, {
      name: 'Xã Thử Một',
      kind: 'commune',
      parentId: province.id,
    });
    const other = await createUnit(deps, actor, { name: 'Tỉnh Thử Khác', kind: 'province', parentId: null });
    expect(await storedPairs(db)).toEqual(await expectedPairs(db));
    // a district made under the province, the commune moved under it: the commune keeps the province
    const district = await createUnit(deps, actor, {
      name: 'Huyện Thử',
      kind: 'district',
      parentId: province.id,
    });
    await updateUnit(deps, actor, commune.id, { parentId: district.id });
    expect(await storedPairs(db)).toContain(`${commune.id}<${province.id}`);
    expect(await storedPairs(db)).toEqual(await expectedPairs(db));
    // the district (with the commune under it) moved to the other province: both leave the first
    await updateUnit(deps, actor, district.id, { parentId: other.id });
    const moved = await storedPairs(db);
    expect(moved).not.toContain(`${commune.id}<${province.id}`);
    expect(moved).toContain(`${commune.id}<${other.id}`);
    expect(moved).toEqual(await expectedPairs(db));
    // and to the top
    await updateUnit(deps, actor, district.id, { parentId: null });
    expect(await storedPairs(db)).not.toContain(`${commune.id}<${other.id}`);
    expect(await storedPairs(db)).toEqual(await expectedPairs(db));
    // a unit deleted goes with its rows (the app deletes none; a restore or a script may)
    await sql`delete from units where id = ${commune.id}`.execute(db);
    const after = await storedPairs(db);
    expect(after.some((p) => p.startsWith(`${commune.id}<`))).toBe(false);
    expect(after).toEqual(await expectedPairs(db));
  });

  it("lists a moved unit's plans under its new parent, not its old one", async () => {
    const deps = { db, clock };
    const [plan] = (await planListPage(db, actor, clock, { limit: 1 })).items;
    expect(plan).toBeDefined();
    const subject = await db
      .selectFrom('units')
      .select(['id', 'parent_id'])
      .where('id', '=', plan!.subjectId)
      .executeTakeFirstOrThrow();
    const elsewhere = await createUnit(deps, actor, {
      name: 'Tỉnh Nơi Khác',
      kind: 'province',
      parentId: null,
    });
    const under = (unit: number) =>
      planListPage(db, actor, clock, { unit }).then((p) => p.items.map((i) => i.id));
    expect(await under(elsewhere.id)).not.toContain(plan!.id);
    await updateUnit(deps, actor, subject.id, { parentId: elsewhere.id });
    expect(await under(elsewhere.id)).toContain(plan!.id);
    if (subject.parent_id !== null) expect(await under(subject.parent_id)).not.toContain(plan!.id);
    await updateUnit(deps, actor, subject.id, { parentId: subject.parent_id });
    expect(await under(elsewhere.id)).not.toContain(plan!.id);
  });

  it('is back-filled for the units stored before migration 0041', async () => {
    const migrator = migratorFor(db, kind);
    expect((await migrator.migrateTo('0040_plans_list_filters')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const expected = await expectedPairs(db);
    expect(expected.length).toBeGreaterThan(20);
    expect(await storedPairs(db)).toEqual(expected);
  });
});
