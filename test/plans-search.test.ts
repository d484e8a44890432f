/**
 * The plans list's search served by an index of trigrams (migration 0034: pg_trgm's GIN index on
 * PostgreSQL, an FTS5 trigram table kept by triggers on SQLite) finds exactly the plans the plain
 * `like '%…%'` scan of plans.search_key finds — the search typed with or without diacritics (core/text.ts#fold),
 * of one, two, three and more characters, with % _ \ taken as written — for plans of units with
 * Vietnamese names, and still after a plan is added, its unit renamed (the key written anew with the
 * plan's version), archived and deleted. On SQLite the FTS table is checked against plans after each
 * change (FTS5 'integrity-check' with the content table).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../src/core/text.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { countPlanFigures, listPlanFigures } from '../src/db/plans-repo.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { kindOfName } from '../src/core/unit-kinds.js';
import { planConfirmName } from '../src/core/plan-name.js';
import { systemActor } from '../src/modules/access.js';
import { deletePlan, setPlanArchived } from '../src/modules/plan-archive.js';
import { backfillFigures, planListPage } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { updateUnit } from '../src/modules/units-admin.js';
import { createTestDatabase, ENGINES, POSTGRES_ADMIN_URL, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

const NAMES = [
  'Xã Đắk Nia',
  'Huyện Đắk Song',
  'Phường Hòa Bình',
  'Xã Hòa Bắc',
  'Thị trấn Ea Tling',
  'Xã Quảng Khê',
  'Phường Nghĩa Đức',
  "Xã Nâm N'Jang",
  'Xã Đức Minh',
  'Huyện Cư Jút',
  'Ấp Bắc',
  'Khu 100% Xanh',
  'Tổ dân phố 5_2',
  'Tổ 5x2',
  'Khu A\\B',
  'Xã Trường Xuân',
];

/** As typed in the list's search box. */
const QUERIES = [
  'a',
  'Đ',
  'ư',
  'ha',
  'Hò',
  '20',
  'dak',
  'ĐẮK',
  'Đắk Song 2025',
  'hoa b',
  '  Hòa   Bình ',
  '2026',
  'uc m',
  "n'j",
  '%',
  '_',
  '100%',
  '0% x',
  '%x',
  '5_2',
  '5%2',
  '_2 2',
  'a\\b',
  '\\',
  'zzz',
];

describe.each(ENGINES)('plans list search on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  const now = new Date('2026-11-30T03:00:00Z');
  const deps = () => ({ db, clock: () => now });
  const actor = systemActor('test');
  const units: number[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    db = database.db;
    await loadSamplesIfEmpty(deps(), resolve(ROOT, 'samples'));
    const { id: _id, ...source } = await db
      .selectFrom('plans')
      .selectAll()
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const [i, name] of NAMES.entries()) {
      const unit = await insertUnit(db, {
        name,
        name_key: `${fold(name)} ${i}`,
        kind: kindOfName(name) ?? 'district',
        parent_id: null,
        created_at: now.toISOString(),
      });
      units.push(unit);
      // stored as before migration 0013: the start-up back-fill writes each key (an update of it)
      for (const year of i % 3 === 0 ? [2025, 2026] : [2025])
        await db
          .insertInto('plans')
          .values({ ...source, subject_unit_id: unit, year, figures_version: null })
          .execute();
    }
    await backfillFigures(db);
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  /** Every plan with its subject's name and the key it should have. */
  async function plans() {
    const rows = await db
      .selectFrom('plans')
      .innerJoin('units', 'units.id', 'plans.subject_unit_id')
      .select(['plans.id', 'plans.year', 'plans.archived', 'plans.search_key', 'units.name'])
      .execute();
    return rows.map((r) => ({ ...r, key: fold(`${r.name} ${r.year}`), archived: Boolean(r.archived) }));
  }

  /** The plans the plain LIKE scan finds (the list's search before 0034), archived ones when asked. */
  async function scanned(needle: string, archived: boolean): Promise<number[]> {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let query = db
      .selectFrom('plans')
      .select('id')
      .where(sql<boolean>`search_key like ${pattern} escape '\\'`);
    if (!archived) query = query.where('archived', '=', 0);
    return (await query.execute()).map((r) => r.id).sort((a, b) => a - b);
  }

  async function expectSameAsScan(): Promise<void> {
    const all = await plans();
    // the keys follow the subjects' names and years (what the list searches in)
    expect(all.filter((p) => p.search_key !== p.key)).toEqual([]);
    for (const q of QUERIES) {
      const needle = fold(q.trim()).replace(/\s+/g, ' ');
      for (const archived of [false, true]) {
        const expected = all
          .filter((p) => p.key.includes(needle) && (archived || !p.archived))
          .map((p) => p.id)
          .sort((a, b) => a - b);
        expect(await scanned(needle, archived), `scan of ${q}`).toEqual(expected);
        const page = await planListPage(db, actor, deps().clock, { q, archived });
        expect(
          page.items.map((p) => p.id).sort((a, b) => a - b),
          `list of ${JSON.stringify(q)}, archived ${archived}`,
        ).toEqual(expected);
        expect(page.total).toBe(expected.length);
        // the repository asked directly: page and count
        const filter = { archived, search: needle };
        expect((await listPlanFigures(db, filter)).map((p) => p.id).sort((a, b) => a - b)).toEqual(expected);
        expect(await countPlanFigures(db, filter)).toBe(expected.length);
      }
    }
    if (kind === 'sqlite')
      // the trigram table holds exactly the plans' keys (throws on any difference)
      await sql`insert into plans_search (plans_search, rank) values ('integrity-check', 1)`.execute(db);
  }

  it('finds what the LIKE scan finds, for every kind of search', async () => {
    const all = await plans();
    expect(all.length).toBeGreaterThan(NAMES.length);
    // the searches are not all empty or all full
    expect((await scanned('dak', true)).length).toBeGreaterThan(2);
    expect((await scanned('%', true)).length).toBe(1);
    expect((await scanned('_', true)).length).toBe(2);
    expect((await scanned('\\', true)).length).toBe(1);
    await expectSameAsScan();
  });

  it('after a plan is added', async () => {
    const { id: _id, ...source } = await db
      .selectFrom('plans')
      .selectAll()
      .where('subject_unit_id', '=', units[1]!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plans')
      .values({ ...source, year: 2027, figures_version: null })
      .execute();
    await backfillFigures(db);
    expect(await scanned('dak song 2027', false)).toHaveLength(1);
    await expectSameAsScan();
  });

  it('after a unit is renamed: its plans are found by the new name, not the old', async () => {
    await updateUnit(deps(), actor, units[2]!, { name: 'Phường Thắng Lợi' });
    expect(await scanned('hoa binh', true)).toEqual([]);
    expect((await scanned('thang loi', true)).length).toBeGreaterThan(0);
    await expectSameAsScan();
  });

  it('after a plan is archived and another deleted', async () => {
    const of = (unit: number) =>
      db
        .selectFrom('plans')
        .select(['id', 'year'])
        .where('subject_unit_id', '=', unit)
        .orderBy('id')
        .execute();
    const archived = (await of(units[0]!))[0]!;
    await setPlanArchived(deps(), actor, archived.id, true);
    for (const plan of await of(units[3]!))
      await deletePlan(deps(), actor, plan.id, planConfirmName(NAMES[3]!, plan.year));
    expect((await scanned('hoa bac', true)).length).toBe(0);
    await expectSameAsScan();
  });
});

describe('migration 0034 on PostgreSQL without the right to create pg_trgm', () => {
  it('stops with what to do; passes once the extension is there', async () => {
    const test = await createTestDatabase('postgres', { empty: true });
    const role = `parindex_no_ext_${randomBytes(4).toString('hex')}`;
    const admin = async (statements: string[], database?: string) => {
      const url = new URL(POSTGRES_ADMIN_URL);
      if (database) url.pathname = `/${database}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        for (const s of statements) await client.query(s);
      } finally {
        await client.end();
      }
    };
    const name = new URL(test.address).pathname.slice(1);
    // a role that may make tables in the database but not create in it (no extension)
    await admin([`create role ${role} login`]);
    try {
      await admin([`grant all on schema public to ${role}`], name);
      const url = new URL(test.address);
      url.username = role;
      await expect(openDatabase(url.toString())).rejects.toThrow(
        /migration 0034: the extension pg_trgm could not be created \(permission denied[^)]*\); have the database's owner or a superuser run "create extension pg_trgm"/,
      );
      // created by a superuser: the role's migrations go through
      await admin(['create extension pg_trgm'], name);
      const database = await openDatabase(url.toString());
      await database.close();
      await admin([`drop owned by ${role}`], name);
    } finally {
      await test.drop();
      await admin([`drop role ${role}`]);
    }
  });
});
