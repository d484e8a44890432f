/**
 * Issue 9.1 on both engines: the plans list is sorted and paged in SQL (units.sort_key, migration
 * 0014) in exactly the order the list had when it sorted in memory — newest year first, then the
 * subject's name by compareVi, then id — for the sample plans and for plans of units with
 * Vietnamese names; limit and offset give the slices of that order and the total is every match,
 * for a reader of everything, of a province's subtree, of one unit, and with a unit asked for.
 */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVi, vietnameseSortKey } from '../src/core/collate.js';
import type { Actor, Grant } from '../src/core/access.js';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { listPlans } from '../src/db/plans-repo.js';
import { insertUnit, updateUnitRow } from '../src/db/units-repo.js';
import { systemActor } from '../src/modules/access.js';
import { planListPage } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { PlanListQuery } from '../src/shared/api.js';
import { unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

const NAMES = [
  'Huyện Đắk Nông',
  'Thành phố Đà Nẵng',
  'Đà Nẵng',
  'Đắk Nông',
  'Dầu Tiếng',
  'Ea Kar',
  'Ê Đê',
  'Ân Thi',
  'Ấp Bắc',
  'An Phú',
  'Ăn Khê',
  'Bà Rịa',
  'Ba Tơ',
  'Bạ Rịa',
  'Bắc Giang',
  'Bắc Ninh',
  'bắc kạn',
  'Phường 2',
  'Phường 10',
  'Phường 01',
  'Ơn Bắc',
  'Ông Ích Khiêm',
  'Ưng Hòa',
  'Uông Bí',
  'Zơ Rai',
  'Yên Bái',
  'Xã A (cũ)',
  'Xã A-B',
  'Xã A B',
  'Cư Jút',
  'Ủy ban',
];

const reader = (grant: Omit<Grant, 'id' | 'role' | 'permissions'>): Actor => ({
  userId: 1,
  username: 'doc',
  ip: 'test',
  grants: [{ id: 1, role: 'viewer', permissions: new Set(['plan.read']), ...grant }],
});

describe.each(ENGINES)('plans list sorted and paged in SQL, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let province: number;
  const now = new Date('2026-11-30T03:00:00Z');
  const clock = () => now;
  const createdUnder = new Map<number, number | null>();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    db = database.db;
    await loadSamplesIfEmpty({ db, clock }, resolve(ROOT, 'samples'));
    province = await unitId(db, 'Tỉnh Đắk Nông');
    const source = await db.selectFrom('plans').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const { id: _id, ...plan } = source;
    // half under the province, half on their own; the same name under both; two years each
    for (const [i, name] of NAMES.entries()) {
      for (const parent of i % 3 === 0 ? [province, null] : [i % 2 === 0 ? province : null]) {
        const unit = await insertUnit(db, {
          name,
          name_key: `${name.toLowerCase()} ${i}`,
          kind: 'district',
          parent_id: parent,
          created_at: now.toISOString(),
        });
        createdUnder.set(unit, parent);
        for (const year of i % 4 === 0 ? [2025, 2026] : [2025 + (i % 2)])
          await db
            .insertInto('plans')
            .values({ ...plan, subject_unit_id: unit, year, archived: i % 5 === 0 ? 1 : 0 })
            .execute();
      }
    }
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  /** Every plan the reader sees, in the order the list had when it sorted in memory (compareVi). */
  async function expectedOrder(visible: (subject: number) => boolean, archived: boolean): Promise<number[]> {
    const rows = await db
      .selectFrom('plans')
      .innerJoin('units', 'units.id', 'plans.subject_unit_id')
      .select([
        'plans.id as id',
        'plans.year as year',
        'units.name as name',
        'plans.subject_unit_id as subject',
      ])
      .select('plans.archived as archived')
      .execute();
    return rows
      .filter((r) => visible(r.subject) && (archived || !r.archived))
      .sort((a, b) => b.year - a.year || compareVi(a.name, b.name) || a.id - b.id)
      .map((r) => r.id);
  }

  const ids = async (actor: Actor, query: PlanListQuery) => {
    const page = await planListPage(db, actor, clock, query);
    return { ids: page.items.map((p) => p.id), total: page.total };
  };

  it('stores every unit its key', async () => {
    const units = await db.selectFrom('units').select(['name', 'sort_key']).execute();
    expect(units.length).toBeGreaterThan(NAMES.length);
    for (const u of units) expect(u.sort_key).toBe(vietnameseSortKey(u.name));
  });

  it('backfills the key of units stored before migration 0014', async () => {
    const migrator = migratorFor(db, kind);
    expect((await migrator.migrateTo('0013_plan_figures')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const units = await db.selectFrom('units').select(['name', 'sort_key']).execute();
    expect(units.filter((u) => u.sort_key !== vietnameseSortKey(u.name))).toEqual([]);
  });

  it('lists every plan in the order compareVi gives, archived or not', async () => {
    for (const archived of [false, true]) {
      const expected = await expectedOrder(() => true, archived);
      expect(expected.length).toBeGreaterThan(40);
      expect(await ids(systemActor(), { archived })).toEqual({ ids: expected, total: expected.length });
    }
  });

  it('lists every plan for the command line (plans-repo.ts#listPlans) in the same order', async () => {
    expect((await listPlans(db)).map((p) => p.id)).toEqual(await expectedOrder(() => true, true));
  });

  it('gives the slices of that order with limit and offset, and the total of every match', async () => {
    const expected = await expectedOrder(() => true, true);
    for (const [limit, offset] of [
      [5, 0],
      [5, 5],
      [7, 3],
      [undefined, 4],
      [1, expected.length - 1],
      [10, expected.length],
      [100, 0],
    ] as const) {
      const page = await ids(systemActor(), { archived: true, limit, offset });
      const end = limit === undefined ? undefined : offset + limit;
      expect(page).toEqual({ ids: expected.slice(offset, end), total: expected.length });
    }
  });

  it("keeps a province reader to the province's subtree, a unit reader to the unit, in order and paged", async () => {
    const parents = new Map(
      (await db.selectFrom('units').select(['id', 'parent_id']).execute()).map((u) => [u.id, u.parent_id]),
    );
    const under = (root: number) => (u: number) => {
      for (let x: number | null = u; x !== null; x = parents.get(x) ?? null) if (x === root) return true;
      return false;
    };
    const inProvince = await expectedOrder(under(province), false);
    expect(inProvince.length).toBeGreaterThan(10);
    const subtree = reader({ unitId: province, scope: 'subtree' });
    expect(await ids(subtree, {})).toEqual({ ids: inProvince, total: inProvince.length });
    expect(await ids(subtree, { limit: 4, offset: 2 })).toEqual({
      ids: inProvince.slice(2, 6),
      total: inProvince.length,
    });
    // a global reader asking for the province's plans sees the same
    expect(await ids(systemActor(), { unit: province, limit: 4, offset: 2 })).toEqual({
      ids: inProvince.slice(2, 6),
      total: inProvince.length,
    });

    const lone = (await expectedOrder((u) => createdUnder.get(u) === null, false))[0]!;
    const loneUnit = (
      await db.selectFrom('plans').select('subject_unit_id').where('id', '=', lone).executeTakeFirstOrThrow()
    ).subject_unit_id;
    const own = await expectedOrder((u) => u === loneUnit, false);
    expect(own.length).toBeGreaterThan(0);
    expect(await ids(reader({ unitId: loneUnit, scope: 'unit' }), {})).toEqual({
      ids: own,
      total: own.length,
    });
    // a unit reader asking for another unit sees nothing
    expect(await ids(reader({ unitId: loneUnit, scope: 'unit' }), { unit: province })).toEqual({
      ids: [],
      total: 0,
    });
  });

  it('follows a unit renamed: its plans move to their new place', async () => {
    const unit = [...createdUnder.keys()][1]!;
    await updateUnitRow(db, unit, { name: 'Ạ Đổi tên', name_key: 'a doi ten' });
    const expected = await expectedOrder(() => true, true);
    expect(await ids(systemActor(), { archived: true })).toEqual({ ids: expected, total: expected.length });
    const first2026 = (await planListPage(db, systemActor(), clock, { archived: true, year: 2026 })).items[0];
    const hasRenamed2026 = await db
      .selectFrom('plans')
      .select('id')
      .where('subject_unit_id', '=', unit)
      .where('year', '=', 2026)
      .executeTakeFirst();
    if (hasRenamed2026) expect(first2026?.subject).toBe('Ạ Đổi tên');
  });

  it("keeps on each plan its subject unit's key (0032), after a rename too, rolled back with it", async () => {
    const keys = () =>
      db
        .selectFrom('plans')
        .innerJoin('units', 'units.id', 'plans.subject_unit_id')
        .select(['plans.subject_sort_key as planKey', 'units.sort_key as unitKey'])
        .execute();
    const before = await keys();
    expect(before.length).toBeGreaterThan(40);
    expect(before.filter((k) => k.planKey !== k.unitKey)).toEqual([]);
    const unit = [...createdUnder.keys()][2]!;
    await updateUnitRow(db, unit, { name: 'Ô Tên mới', name_key: 'o ten moi' });
    expect((await keys()).filter((k) => k.planKey !== k.unitKey)).toEqual([]);
    // a rename undone with its transaction leaves the plans as they were
    await db
      .transaction()
      .execute(async (trx) => {
        await updateUnitRow(trx, unit, { name: 'Ư Hủy', name_key: 'u huy' });
        throw new Error('undone');
      })
      .catch(() => undefined);
    const plan = await db
      .selectFrom('plans')
      .select('subject_sort_key')
      .where('subject_unit_id', '=', unit)
      .executeTakeFirst();
    if (plan) expect(plan.subject_sort_key).toBe(vietnameseSortKey('Ô Tên mới'));
  });
});
