/**
 * db/kept-query.ts on both engines: a query built once per database handle answers each call with its
 * own values (the plan a request names, the session of its cookie), through the handle's plugins, in
 * a transaction too; an argument that is not a plain value of the query is refused when it is built.
 * On PostgreSQL it is a named prepared statement, prepared once per connection under its text's name.
 * Ids given as one value (idList, idsIn) make one statement whatever their number.
 */
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { isRetryableRefusal } from '../src/db/errors.js';
import { idList, idsIn, keptQuery, preparedName } from '../src/db/kept-query.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

describe.each(ENGINES)('keptQuery on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    const at = '2026-11-30T00:00:00.000Z';
    for (const [name, kind] of [
      ['Xã An Bình', 'xa'],
      ['Xã An Bình', 'phuong'],
      ['Phường Hòa Bình', 'phuong'],
    ] as const)
      await insertUnit(database.db, {
        name,
        name_key: `${name} ${kind}`,
        kind,
        parent_id: null,
        created_at: at,
      });
  });
  afterAll(async () => {
    await database.close();
    await test.drop();
  });

  /** The handle with a plugin that counts the queries compiled through it. */
  const counting = () => {
    let compiled = 0;
    const db = database.db.withPlugin({
      transformQuery: (args) => {
        compiled++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    return { db, compiled: () => compiled };
  };

  const unitsNamed = keptQuery((db: Kysely<DB>, name: string, kind: string) =>
    db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where('kind', '!=', kind)
      .orderBy('id'),
  );

  it('answers each call with its own values, built once, its results through the plugins every time', async () => {
    const units = await database.db
      .selectFrom('units')
      .select(['id', 'name', 'kind'])
      .orderBy('id')
      .execute();
    expect(units.length).toBeGreaterThan(2);
    let compiled = 0;
    let results = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        compiled++;
        return args.node;
      },
      transformResult: (args) => {
        results++;
        return Promise.resolve(args.result);
      },
    };
    const db = database.db.withPlugin(counting);
    for (const unit of units.slice(0, 3)) {
      const expected = units
        .filter((u) => u.name === unit.name && u.kind !== 'none')
        .map(({ id, name }) => ({ id, name }));
      expect(await unitsNamed(db, unit.name, 'none')).toEqual(expected);
      expect(await unitsNamed(db, unit.name, unit.kind)).toEqual(
        units
          .filter((u) => u.name === unit.name && u.kind !== unit.kind)
          .map(({ id, name }) => ({ id, name })),
      );
    }
    expect(compiled).toBe(1);
    expect(results).toBe(6);
    expect(await unitsNamed(db, 'không có đơn vị này', 'none')).toEqual([]);
    // a transaction is a handle of its own: it sees its own writes
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('units').set({ name: 'Đổi tên tạm' }).where('id', '=', units[0]!.id).execute();
        expect((await unitsNamed(trx, 'Đổi tên tạm', 'none')).map((u) => u.id)).toEqual([units[0]!.id]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await unitsNamed(db, 'Đổi tên tạm', 'none')).toEqual([]);
  });

  it.runIf(kind === 'postgres')(
    'is prepared once per connection under one name for its text; other statements are not',
    async () => {
      // one connection: a transaction; the handle's own compiled text is the transaction's too
      const prepared = await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) expect(await unitsNamed(trx, 'Xã An Bình', 'none')).toHaveLength(2);
        await trx.selectFrom('units').select('id').where('name', '=', 'Xã An Bình').execute();
        const { rows } = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements order by name`.execute(trx);
        return rows;
      });
      const kept = prepared.filter((p) => p.name.startsWith('kept_'));
      const mine = kept.filter((p) => p.statement.includes('"kind" !='));
      expect(mine).toHaveLength(1);
      expect(preparedName(mine[0]!.statement)).toBe(mine[0]!.name);
      // a statement that is not kept goes unnamed: nothing else is prepared
      expect(prepared.filter((p) => !p.name.startsWith('kept_'))).toEqual([]);
      expect(new Set(kept.map((p) => p.name)).size).toBe(kept.length);
      expect(preparedName('select 1')).toBeUndefined();
    },
  );

  // changes the units table's shape, and puts it back
  it('answers right after another connection changed the shape of a table it reads (select *, a column’s type)', async () => {
    const unitById = keptQuery((db: Kysely<DB>, id: number) =>
      db.selectFrom('units').selectAll().where('id', '=', id),
    );
    const unit = (await database.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow())
      .id;
    const other = await test.open();
    try {
      // one connection throughout: the one that prepared the statement meets the change
      await database.db.connection().execute(async (conn) => {
        const before = await unitById(conn, unit);
        expect(before).toHaveLength(1);
        expect(before[0]).not.toHaveProperty('pgfix_extra');
        // another server's migration adds a column: `select *` now answers another shape
        await sql`alter table units add column pgfix_extra integer not null default 7`.execute(other.db);
        expect(await unitById(conn, unit)).toEqual([{ ...before[0], pgfix_extra: 7 }]);
        if (kind === 'postgres') {
          // and changes a column's type
          await sql`alter table units alter column pgfix_extra type text`.execute(other.db);
          expect(await unitById(conn, unit)).toEqual([{ ...before[0], pgfix_extra: '7' }]);
          // in a transaction the refused statement aborts it: not run again there (what the transaction
          // wrote before it is gone), the error marked "try again"; the connection's next run answers
          await sql`alter table units alter column pgfix_extra type bigint using pgfix_extra::bigint`.execute(
            other.db,
          );
          const refused: unknown = await conn
            .transaction()
            .execute(async (trx) => {
              await sql`update units set pgfix_extra = 8 where id = ${unit}`.execute(trx);
              return unitById(trx, unit);
            })
            .catch((error: unknown) => error);
          expect(refused).toMatchObject({ code: '0A000' });
          expect(isRetryableRefusal(refused)).toBe(true);
          expect(await unitById(conn, unit)).toEqual([{ ...before[0], pgfix_extra: 7 }]);
          const { rows } = await sql<{ name: string; statement: string }>`
            select name, statement from pg_prepared_statements`.execute(conn);
          const mine = rows.filter((r) => r.statement.startsWith('select * from "units"'));
          const base = preparedName(mine[0]!.statement);
          // prepared again under a new name each time; the refused ones dropped, the one refused inside
          // the transaction too, once the connection was outside it
          expect(mine.map((r) => r.name)).toEqual([`${base}_3`]);
        }
      });
    } finally {
      await sql`alter table units drop column pgfix_extra`.execute(other.db);
      await other.close();
    }
  });

  it('keeps a raw sql template too: compiled once against the handle, each call with its own values', async () => {
    const units = await database.db.selectFrom('units').select(['id', 'name']).orderBy('id').execute();
    const namedFrom = keptQuery(
      (db: Kysely<DB>, name: string, from: number) =>
        sql<{
          id: number;
          name: string;
        }>`select id, name from units where name = ${name} and id >= ${from} order by id`,
    );
    const { db, compiled } = counting();
    const first = units[0]!;
    for (const from of [0, first.id + 1]) {
      expect(await namedFrom(db, 'Xã An Bình', from)).toEqual(
        units.filter((u) => u.name === 'Xã An Bình' && u.id >= from),
      );
    }
    expect(await namedFrom(db, 'Phường Hòa Bình', 0)).toEqual(
      units.filter((u) => u.name === 'Phường Hòa Bình'),
    );
    expect(compiled()).toBe(1);
    if (kind === 'postgres') {
      const prepared = await database.db.connection().execute(async (conn) => {
        await namedFrom(conn, 'Xã An Bình', 0);
        const { rows } = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements`.execute(conn);
        return rows.filter((r) => r.statement.startsWith('select id, name from units where name = $1'));
      });
      expect(prepared).toHaveLength(1);
      expect(preparedName(prepared[0]!.statement)).toBe(prepared[0]!.name);
    }
  });

  it('takes any number of ids as one value (idList, idsIn): one statement for them all', async () => {
    const units = await database.db.selectFrom('units').select(['id', 'name']).orderBy('id').execute();
    const byIds = keptQuery((db: Kysely<DB>, ids: string) =>
      db
        .selectFrom('units')
        .select(['id', 'name'])
        .where(idsIn(db, sql.ref('units.id'), ids))
        .orderBy('id'),
    );
    const { db, compiled } = counting();
    const ids = units.map((u) => u.id);
    // none, one, several out of order and repeated, and ids of no unit
    for (const asked of [[], [ids[1]!], [ids[2]!, ids[0]!, ids[2]!], [...ids, 99_999, -1]])
      expect(await byIds(db, idList(db, asked))).toEqual(units.filter((u) => asked.includes(u.id)));
    expect(compiled()).toBe(1);
    if (kind === 'postgres') {
      const prepared = await database.db.connection().execute(async (conn) => {
        for (const asked of [[ids[0]!], ids]) await byIds(conn, idList(conn, asked));
        const { rows } = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements`.execute(conn);
        return rows.filter((r) => r.statement.includes('= any(cast($1 as integer[]))'));
      });
      expect(prepared).toHaveLength(1);
    }
  });

  it('refuses an argument a raw template does not use as one plain value (arithmetic, a list)', async () => {
    const sum = keptQuery(
      (db: Kysely<DB>, from: number, count: number) =>
        sql<{ id: number }>`select id from units where id >= ${from} and id < ${from + count}`,
    );
    await expect(sum(database.db, 1, 2)).rejects.toThrow(/keptQuery/);
    const list = keptQuery(
      (db: Kysely<DB>, id: number) =>
        sql<{ id: number }>`select id from units where id in (${sql.join([id, id])}) and id <> ${id}`,
    );
    await expect(list(database.db, 1)).rejects.toThrow(/keptQuery/);
    // one argument twice and another not at all: as many values as arguments, yet the wrong ones
    const swapped = keptQuery(
      (db: Kysely<DB>, from: number, _to: number) =>
        sql<{ id: number }>`select id from units where id >= ${from} and id < ${from}`,
    );
    await expect(swapped(database.db, 1, 5)).rejects.toThrow(/argument 1 is used 2 times/);
  });

  it('refuses an argument that is not one plain value of the query', async () => {
    const inList = keptQuery((db: Kysely<DB>, id: number) =>
      db.selectFrom('units').select('id').where('id', 'in', [id, id]),
    );
    await expect(inList(database.db, 1)).rejects.toThrow(/keptQuery/);
  });
});
