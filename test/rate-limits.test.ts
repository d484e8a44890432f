/**
 * The rate limits' counts in the database (db/rate-limit-repo.ts, migration 0029) on both engines:
 * requests under one key add up within a window, a request after the window starts a new one, keys
 * count apart, requests counted at once are all counted, and old windows are removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { countHit, deleteHitsBefore } from '../src/db/rate-limit-repo.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, seconds)).toISOString();

describe.each(ENGINES)('rate limit counts on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('adds up within a window, starts again after it, and keeps keys apart', async () => {
    const { db } = database;
    expect(await countHit(db, 'POST /login 10.0.0.1', at(0), at(60))).toEqual({
      hits: 1,
      window_ends: at(60),
    });
    expect(await countHit(db, 'POST /login 10.0.0.1', at(10), at(70))).toEqual({
      hits: 2,
      window_ends: at(60),
    });
    expect(await countHit(db, 'POST /login 10.0.0.2', at(10), at(70))).toEqual({
      hits: 1,
      window_ends: at(70),
    });
    // at the window's end a new one starts
    expect(await countHit(db, 'POST /login 10.0.0.1', at(60), at(120))).toEqual({
      hits: 1,
      window_ends: at(120),
    });
  });

  it('counts every one of the requests counted at once', async () => {
    const { db } = database;
    const hits = await Promise.all(
      Array.from({ length: 20 }, () => countHit(db, 'POST /login 10.0.0.3', at(0), at(60))),
    );
    expect(hits.map((h) => h.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('removes the windows that ended before a time', async () => {
    const { db } = database;
    await deleteHitsBefore(db, at(100));
    const keys = (await db.selectFrom('rate_limits').select('key').orderBy('key').execute()).map(
      (r) => r.key,
    );
    expect(keys).toEqual(['POST /login 10.0.0.1']);
  });
});
