/**
 * The audit head cannot be rewound, on both engines: the database refuses TRUNCATE (PostgreSQL) or
 * DELETE of the trail, any move of the head that is not forward over appended entries, deleting the
 * head and entries slipped in before it. Someone who drops those triggers and trims the trail is
 * caught by verify (ids that do not start at 1 or have gaps, a head whose count is off), and someone
 * who rewrites the whole chain consistently is caught by an anchor kept outside the database.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import { migratorFor } from '../src/db/migrations/index.js';
import type { DB } from '../src/db/schema.js';
import { systemActor } from '../src/modules/access.js';
import { audit, entryHash, GENESIS_HASH } from '../src/modules/audit.js';
import { verifyAudit } from '../src/modules/audit-verify.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const AT = '2024-06-03T02:00:00.000Z';

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `n` entries appended one change at a time, as the application does. */
async function append(db: Kysely<DB>, n: number, from = 0): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((trx) =>
      audit(trx, systemActor('cli:test'), AT, [
        {
          action: 'unit.update',
          entity: 'unit',
          entityId: from + i,
          field: 'name',
          newValue: `Đơn vị ${from + i}`,
        },
      ]),
    );
  }
}

describe.each(ENGINES)('audit head on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    db = database.db;
    await append(db, 10);
  });
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const entries = () => db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const head = () => db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

  /** What the owner of the database can do: take the guards away. */
  async function dropGuards(): Promise<void> {
    if (kind === 'postgres') {
      await sql`alter table audit_log disable trigger user`.execute(db);
      await sql`alter table audit_head disable trigger user`.execute(db);
    } else {
      for (const t of [
        'audit_log_no_update',
        'audit_log_no_delete',
        'audit_log_past_head',
        'audit_head_forward',
        'audit_head_no_delete',
        'audit_head_no_insert',
      ])
        await sql`drop trigger ${sql.raw(t)}`.execute(db);
    }
  }

  /** Recomputes every hash from the first remaining entry, from genesis, and moves the head. */
  async function rehashFromGenesis(options: { count: 'true' | 'stale' }): Promise<void> {
    let prev = GENESIS_HASH;
    const rows = await entries();
    for (const row of rows) {
      const { id, prev_hash: _p, hash: _h, ...content } = row;
      const hash = entryHash(prev, content);
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', id).execute();
      prev = hash;
    }
    const last = rows.at(-1)!;
    await db
      .updateTable('audit_head')
      .set({
        last_hash: prev,
        last_id: last.id,
        ...(options.count === 'true' ? { appended: rows.length } : {}),
      })
      .execute();
  }

  it('gives contiguous ids from 1, counted by the head, even after a change that rolled back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await audit(trx, systemActor('cli:test'), AT, [
          { action: 'unit.create', entity: 'unit', entityId: 99 },
        ]);
        throw new Error('the change fails after its audit entry');
      }),
    ).rejects.toThrow('the change fails');
    await append(db, 2, 10);
    const rows = await entries();
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await head()).toMatchObject({ appended: 12, last_id: 12, last_hash: rows[11]!.hash });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 12, lastId: 12 });
  });

  it('appends a change of 401 entries (statements of 200) and one of 200, the head over the last', async () => {
    const change = (n: number, from: number) =>
      db.transaction().execute((trx) =>
        audit(
          trx,
          systemActor('cli:test'),
          AT,
          Array.from({ length: n }, (_, i) => ({
            action: 'unit.update' as const,
            entity: 'unit' as const,
            entityId: from + i,
            field: 'name',
            newValue: `Đơn vị ${from + i}`,
          })),
        ),
      );
    await change(401, 10);
    await change(200, 411);
    const rows = await entries();
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 611 }, (_, i) => i + 1));
    expect(await head()).toMatchObject({ appended: 611, last_id: 611, last_hash: rows[610]!.hash });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 611, lastId: 611 });
  });

  it('refuses to truncate or empty the trail and the head', async () => {
    if (kind === 'postgres') {
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_head`.execute(db)).rejects.toThrow(/audit_head/);
    }
    // SQLite has no TRUNCATE: an unqualified DELETE is its form (and its truncate shortcut is off
    // on a table with triggers)
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_head`.execute(db)).rejects.toThrow(/audit_head/);
    await expect(
      sql`insert into audit_head (id, appended, last_hash, last_id) values (2, 0, ${GENESIS_HASH}, 0)`.execute(
        db,
      ),
    ).rejects.toThrow(/audit_head/);
    expect((await entries()).length).toBe(10);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 10 });
  });

  it('refuses entries slipped in at or before the head', async () => {
    const [first] = await entries();
    const { id: _id, ...copy } = first!;
    await expect(
      db
        .insertInto('audit_log')
        .values({ ...copy, id: 5 })
        .execute(),
    ).rejects.toThrow(/appended after the head/);
    if (kind === 'sqlite') {
      // without an id the trigger sees -1: entries take their ids from the head
      await expect(db.insertInto('audit_log').values(copy).execute()).rejects.toThrow(
        /appended after the head/,
      );
    }
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 10 });
  });

  it('refuses to rewind the head, and verify catches a rewind done around the guards', async () => {
    const rows = await entries();
    const earlier = rows[6]!;
    // the attack of the report: the head pointed back at an earlier entry
    await expect(
      sql`update audit_head set last_hash = ${earlier.hash} where id = 1`.execute(db),
    ).rejects.toThrow(/moves only forward/);
    // a consistent-looking rewind of hash, id and count
    await expect(
      db.updateTable('audit_head').set({ last_hash: earlier.hash, last_id: 7, appended: 7 }).execute(),
    ).rejects.toThrow(/moves only forward/);
    // counting entries that were never appended
    await expect(db.updateTable('audit_head').set({ appended: 11 }).execute()).rejects.toThrow(
      /moves only forward/,
    );
    // moving forward to an entry that is not there
    await expect(db.updateTable('audit_head').set({ last_id: 11, appended: 11 }).execute()).rejects.toThrow(
      /moves only forward/,
    );
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 10 });

    // the owner drops the guards, removes the last three entries and points the head back
    await dropGuards();
    await sql`delete from audit_log where id > 7`.execute(db);
    await db.updateTable('audit_head').set({ last_hash: earlier.hash, last_id: 7 }).execute();
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 7, id: null, reason: 'count' });
    const ran = await cli(['audit', 'verify', '--db', testDb.address, '--lang', 'en']);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain('the trail does not hold as many entries as the head counted');
  });

  it('finds a trail trimmed at its start, rehashed or not', async () => {
    await dropGuards();
    await sql`delete from audit_log where id <= 3`.execute(db);
    // as left: the first remaining entry links to a removed one
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 0, id: 4, reason: 'link' });
    // rebuilt from genesis so every link and hash holds, and the head counts what is left
    await rehashFromGenesis({ count: 'true' });
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 0, id: 4, reason: 'gap' });
    const ran = await cli(['audit', 'verify', '--db', testDb.address]);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain('tại mục #4: số thứ tự không liền với mục trước');
  });

  it('finds a hole in the middle of a rehashed trail', async () => {
    await dropGuards();
    await sql`delete from audit_log where id = 5`.execute(db);
    await rehashFromGenesis({ count: 'true' });
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 4, id: 6, reason: 'gap' });
  });

  it('finds a truncated trail rebuilt from genesis by the count, and by the head without it', async () => {
    if (kind === 'postgres') {
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    }
    await dropGuards();
    if (kind === 'postgres') await sql`truncate audit_log`.execute(db);
    else await sql`delete from audit_log`.execute(db);
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 0, id: null, reason: 'head' });
    await db.updateTable('audit_head').set({ last_hash: GENESIS_HASH, last_id: 0 }).execute();
    expect(await verifyAudit(db)).toEqual({ ok: false, entries: 0, id: null, reason: 'count' });
  });

  it('prints the head as an anchor, and verify --anchor finds a trail rewritten consistently', async () => {
    const anchored = await cli(['audit', 'anchor', '--json', '--db', testDb.address]);
    expect(anchored).toMatchObject({ code: 0, err: '' });
    const anchor = JSON.parse(anchored.out) as { id: number; hash: string; entries: number; anchor: string };
    const rows = await entries();
    expect(anchor).toEqual({ id: 10, hash: rows[9]!.hash, entries: 10, anchor: `10:${rows[9]!.hash}` });
    const text = await cli(['audit', 'anchor', '--db', testDb.address]);
    expect(text.out.split('\n')[0]).toBe(anchor.anchor);

    // the trail grows: the anchor still holds
    await append(db, 3, 10);
    let ran = await cli(['audit', 'verify', '--db', testDb.address, '--anchor', anchor.anchor]);
    expect(ran).toMatchObject({ code: 0, err: '' });
    expect(ran.out).toContain('Các mốc #10 còn nguyên.');

    // the owner rewrites entry 4 and recomputes everything after it, head and count included
    await dropGuards();
    await db.updateTable('audit_log').set({ new_value: 'Đơn vị khác' }).where('id', '=', 4).execute();
    await rehashFromGenesis({ count: 'true' });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 13 });
    ran = await cli(['audit', 'verify', '--db', testDb.address, '--anchor', anchor.anchor, '--lang', 'en']);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain(
      'altered at entry #10: the trail no longer holds this entry with the hash kept outside the database',
    );
    expect(await verifyAudit(db, { anchors: [{ id: 10, hash: anchor.hash }] })).toEqual({
      ok: false,
      entries: 9,
      id: 10,
      reason: 'anchor',
    });

    // or cuts the trail back before the anchor and rebuilds it
    await sql`delete from audit_log where id > 8`.execute(db);
    await rehashFromGenesis({ count: 'true' });
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 8 });
    expect(await verifyAudit(db, { anchors: [{ id: 10, hash: anchor.hash }] })).toEqual({
      ok: false,
      entries: 8,
      id: 10,
      reason: 'anchor',
    });
  });

  it('refuses a malformed anchor with one line and exit 2, and will not anchor a broken trail', async () => {
    const bad = await cli(['audit', 'verify', '--db', testDb.address, '--anchor', '10:abc']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^parindex: --anchor 10:abc: phải có dạng SỐ:MÃ_BĂM/);
    await dropGuards();
    await db.updateTable('audit_log').set({ new_value: 'sửa' }).where('id', '=', 2).execute();
    const anchored = await cli(['audit', 'anchor', '--db', testDb.address]);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toBe('');
    expect(anchored.err).toContain('#2');
  });
});

describe('a PostgreSQL trail from before migration 0005', () => {
  it('has the gaps of rolled-back changes closed, keeps its chain, and gets its head', async () => {
    const testDb = await createTestDatabase('postgres', { empty: true });
    const pool = new pg.Pool({ connectionString: testDb.address, max: 2 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      const migrator = migratorFor(db, 'postgres');
      expect((await migrator.migrateTo('0004_task_position')).error).toBeUndefined();
      // as 0003's appender wrote them: ids from the sequence, which a rolled-back change skips
      let prev = GENESIS_HASH;
      const content = (i: number) => ({
        at: AT,
        user_id: null,
        username: 'cli:test',
        ip: 'local',
        action: 'unit.update',
        entity: 'unit',
        entity_id: String(i),
        plan_id: null,
        item_id: null,
        code: null,
        unit_id: null,
        field: 'name',
        old_value: null,
        new_value: `Đơn vị ${i}`,
      });
      for (const i of [1, 2, 3, 4, 5]) {
        if (i === 3) await sql`select nextval('audit_log_id_seq')`.execute(db);
        const c = content(i);
        const hash = entryHash(prev, c);
        await db
          .insertInto('audit_log')
          .values({ ...c, prev_hash: prev, hash })
          .execute();
        await db
          .updateTable('audit_head')
          .set({ appended: i, last_hash: hash } as never)
          .execute();
        prev = hash;
      }
      const before = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
      expect(before.map((r) => r.id)).toEqual([1, 2, 4, 5, 6]);

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const after = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
      expect(after).toEqual(before.map((r, i) => ({ id: i + 1, hash: r.hash })));
      expect(await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual({
        id: 1,
        appended: 5,
        last_hash: prev,
        last_id: 5,
      });
      expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 5, lastId: 5 });
      // and the next change appends #6
      await append(db, 1, 6);
      expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 6, lastId: 6 });
    } finally {
      await db.destroy();
      await testDb.drop();
    }
  });
});
