/**
 * Migration 0033 on PostgreSQL: a plan's copy of its subject's sort key (0032) stays right when a
 * rename of the unit and the plan's insert run at the same time on two connections, in either
 * order. Deterministic: the first transaction is held open, the second statement is seen waiting on
 * a lock (pg_stat_activity) before the first commits. SQLite has one writer: nothing to race there.
 */
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnameseSortKey } from '../src/core/collate.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

describe('a plan’s subject sort key under a concurrent rename, on postgres', () => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let renamer: pg.Client;
  let planner: pg.Client;
  const now = new Date('2026-11-30T03:00:00Z');

  beforeAll(async () => {
    test = await createTestDatabase('postgres');
    database = await test.open();
    db = database.db;
    await loadSamplesIfEmpty({ db, clock: () => now }, resolve(ROOT, 'samples'));
    renamer = new pg.Client({ connectionString: test.address });
    planner = new pg.Client({ connectionString: test.address });
    await Promise.all([renamer.connect(), planner.connect()]);
  });

  afterAll(async () => {
    await Promise.all([renamer?.end(), planner?.end()]);
    await database?.close();
    await test?.drop();
  });

  const newUnit = (name: string) =>
    insertUnit(db, {
      name,
      name_key: name.toLowerCase(),
      kind: 'district',
      parent_id: null,
      created_at: now.toISOString(),
    });

  /** The statement that inserts a copy of a sample plan for `unit`, as the planner's connection runs it. */
  async function planInsert(unit: number): Promise<{ sql: string; parameters: readonly unknown[] }> {
    const source = await db.selectFrom('plans').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const { id: _id, subject_sort_key: _key, ...plan } = source;
    return db
      .insertInto('plans')
      .values({ ...plan, subject_unit_id: unit, year: 2031 })
      .returning('id')
      .compile();
  }

  const rename = (client: pg.Client, unit: number, name: string) =>
    client.query('update units set name = $1, sort_key = $2 where id = $3', [
      name,
      vietnameseSortKey(name),
      unit,
    ]);

  const backendPid = new Map<pg.Client, number>();

  /** Whether the connection's statement comes to wait on a lock (within 5 s). */
  async function waitsOnLock(client: pg.Client): Promise<boolean> {
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await sql<{ wait_event_type: string | null }>`
        select wait_event_type from pg_stat_activity where pid = ${backendPid.get(client)!}`.execute(db);
      if (rows[0]?.wait_event_type === 'Lock') return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  const keyOf = async (plan: number) =>
    (await db.selectFrom('plans').select('subject_sort_key').where('id', '=', plan).executeTakeFirstOrThrow())
      .subject_sort_key;

  beforeAll(async () => {
    for (const client of [renamer, planner])
      backendPid.set(
        client,
        (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid,
      );
  });

  it('a plan inserted while its unit’s rename is uncommitted waits for it and takes the new key', async () => {
    const unit = await newUnit('Huyện Trước Đổi');
    const insert = await planInsert(unit);
    await renamer.query('begin');
    await rename(renamer, unit, 'Ê Tên Mới');
    const inserting = planner.query<{ id: number }>(insert.sql, [...insert.parameters]);
    let waited = false;
    try {
      waited = await waitsOnLock(planner);
    } finally {
      await renamer.query('commit');
    }
    const plan = (await inserting).rows[0]!.id;
    expect(await keyOf(plan)).toBe(vietnameseSortKey('Ê Tên Mới'));
    expect(waited).toBe(true);
  });

  it('a rename made while a plan of the unit is uncommitted waits for it and gives it the new key', async () => {
    const unit = await newUnit('Huyện Chưa Đổi');
    const insert = await planInsert(unit);
    await planner.query('begin');
    const plan = (await planner.query<{ id: number }>(insert.sql, [...insert.parameters])).rows[0]!.id;
    const renaming = rename(renamer, unit, 'Ô Đã Đổi');
    let waited = false;
    try {
      waited = await waitsOnLock(renamer);
    } finally {
      await planner.query('commit');
    }
    await renaming;
    expect(await keyOf(plan)).toBe(vietnameseSortKey('Ô Đã Đổi'));
    expect(waited).toBe(true);
  });
});
