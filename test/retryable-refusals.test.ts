/**
 * A transaction PostgreSQL refuses for what ran at the same moment — a deadlock (40P01), a
 * serialization failure (40001) — or SQLite's busy database (another connection holding the write
 * lock past the busy timeout, a snapshot another connection's write made stale) is answered 503 "try
 * again" in Vietnamese (English on request) with Retry-After, not 500: the errors are real ones, made
 * by two connections here, thrown from a route of an app with the server's error handling. Nothing is retried by the server (a use-case may have
 * done things outside its transaction). Any other database error stays a 500 with no internals.
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryableRefusal } from '../src/db/errors.js';
import { registerErrorHandling } from '../src/http/errors.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

async function answerTo(error: unknown, lang?: string) {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  app.get('/x', () => {
    throw error;
  });
  try {
    const res = await app.inject({
      method: 'GET',
      url: '/x',
      headers: lang === undefined ? {} : { 'accept-language': lang },
    });
    return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json<unknown>() };
  } finally {
    await app.close();
  }
}

describe.each(ENGINES)('refusals by transactions at the same moment, on %s', (kind) => {
  let test: TestDatabase;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: test.address });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    if (kind !== 'postgres') return;
    test = await createTestDatabase('postgres', { empty: true });
    const setup = await connect();
    await setup.query('create table pair (id integer primary key, v integer not null)');
    await setup.query('insert into pair values (1, 0), (2, 0)');
  });
  afterAll(async () => {
    for (const c of clients) await c.end();
    await test?.drop();
  });

  it.runIf(kind === 'postgres')('a deadlock: 503 TRY_AGAIN, in Vietnamese, with Retry-After', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('begin');
    await b.query('begin');
    await a.query('update pair set v = 1 where id = 1');
    await b.query('update pair set v = 1 where id = 2');
    // each now waits for the row the other holds: PostgreSQL fails one of them
    const outcomes = await Promise.all([
      a.query('update pair set v = 2 where id = 2').then(
        () => null,
        (e: unknown) => e,
      ),
      b.query('update pair set v = 2 where id = 1').then(
        () => null,
        (e: unknown) => e,
      ),
    ]);
    await a.query('rollback');
    await b.query('rollback');
    const refused = outcomes.filter((o) => o !== null);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: '40P01' });
    expect(isRetryableRefusal(refused[0])).toBe(true);
    expect(await answerTo(refused[0])).toEqual({
      status: 503,
      retryAfter: '1',
      body: {
        error: {
          code: 'TRY_AGAIN',
          message: 'Yêu cầu chưa thực hiện được vì trùng lúc với một thay đổi khác; vui lòng thử lại',
        },
      },
    });
  });

  it.runIf(kind === 'postgres')('a serialization failure: 503 TRY_AGAIN, in English on request', async () => {
    const [a, b] = [await connect(), await connect()];
    // each reads both rows and writes one: committed one after the other, the second is refused
    for (const [client, id] of [
      [a, 1],
      [b, 2],
    ] as const) {
      await client.query('begin isolation level serializable');
      await client.query('select sum(v) from pair');
      await client.query('update pair set v = v + 1 where id = $1', [id]);
    }
    await a.query('commit');
    const refused: unknown = await b.query('commit').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: '40001' });
    const answer = await answerTo(refused, 'en');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      error: {
        code: 'TRY_AGAIN',
        message:
          'The request could not be carried out: another change was made at the same moment; please try again',
      },
    });
  });

  it.runIf(kind === 'sqlite')(
    "SQLite busy: another connection's write lock held past the busy timeout, 503 TRY_AGAIN",
    async () => {
      test = await createTestDatabase('sqlite');
      const [server, other] = [await test.open(), await test.open()];
      // another server (or a command) on the same file, in the middle of a write
      const holder = new SQLite(test.address);
      try {
        // the app's connection as openDatabase sets it, waiting 50 ms instead of 5 s
        await sql`pragma busy_timeout = 50`.execute(server.db);
        holder.exec('begin immediate');
        holder.exec('create table held (x integer)');
        const refused: unknown = await sql`create table busy_probe (x integer)`.execute(server.db).then(
          () => null,
          (e: unknown) => e,
        );
        expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
        expect(await answerTo(refused)).toMatchObject({
          status: 503,
          retryAfter: '1',
          body: { error: { code: 'TRY_AGAIN' } },
        });
        // the write passes once the lock is let go (the same request, sent again)
        holder.exec('commit');
        await sql`create table busy_probe (x integer)`.execute(server.db);
        // a reader of a snapshot that another connection's write made stale cannot write (WAL):
        // SQLite fails it at once, whatever the timeout
        const [stale, writer] = [new SQLite(test.address), other];
        try {
          stale.exec('begin');
          stale.prepare('select count(*) from busy_probe').get();
          await sql`insert into busy_probe values (1)`.execute(writer.db);
          let snapshot: unknown = null;
          try {
            stale.exec('insert into busy_probe values (2)');
          } catch (e) {
            snapshot = e;
          }
          stale.exec('rollback');
          expect(snapshot).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
          expect((await answerTo(snapshot, 'en')).status).toBe(503);
        } finally {
          stale.close();
        }
      } finally {
        holder.close();
        await server.close();
        await other.close();
      }
    },
  );

  it('any other database failure stays a 500 with no internals', async () => {
    const failure = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(isRetryableRefusal(failure)).toBe(false);
    const answer = await answerTo(failure);
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('relation');
  });
});
