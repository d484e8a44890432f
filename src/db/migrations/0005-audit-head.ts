/**
 * 0005: the audit head cannot be rewound. The head (one row) gains the id of the last entry;
 * `appended` (since 0003) is the number of entries. Entries get their ids from the head, so ids run
 * 1, 2, 3… without gaps on both engines (a PostgreSQL sequence skips the values of rolled-back
 * transactions; the head is transactional). Triggers on both engines then refuse:
 * - deleting, inserting or truncating the head, and any update that is not a forward move over
 *   entries actually appended (count and last id grow together; the new last entry exists with the
 *   new hash and the first new entry links to the old hash);
 * - an entry whose id is not past the head, and TRUNCATE of the trail (PostgreSQL; SQLite has no
 *   TRUNCATE and its DELETE is refused since 0003, which also turns off its truncate shortcut).
 * Someone who can drop triggers can still rewrite everything consistently: the anchor kept outside
 * the database (`parindex audit anchor`) is what detects that — see SECURITY.md.
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function auditHead(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('audit_head')
        .addColumn('last_id', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await renumberEntries(db, kind);
      await sql`update audit_head set last_id = coalesce((select max(id) from audit_log), 0)`.execute(db);

      // a forward move: as many new entries as the last id grew by, the new last one carries the
      // new hash, and the first new one links to the old hash
      const forward = (o: string, n: string) =>
        sql.raw(
          `${n}.id = ${o}.id and ${n}.last_id >= ${o}.last_id
         and ${n}.appended - ${o}.appended = ${n}.last_id - ${o}.last_id
         and ((${n}.last_id = ${o}.last_id and ${n}.last_hash = ${o}.last_hash)
           or (exists (select 1 from audit_log a where a.id = ${n}.last_id and a.hash = ${n}.last_hash)
               and exists (select 1 from audit_log a where a.id = ${o}.last_id + 1 and a.prev_hash = ${o}.last_hash)))`,
        );
      if (kind === 'postgres') {
        await sql`create function audit_head_guard() returns trigger language plpgsql as $$
          begin
            if tg_op = 'UPDATE' then
              if ${forward('old', 'new')} then return new; end if;
              raise exception 'audit_head moves only forward over appended entries';
            end if;
            raise exception 'audit_head cannot be deleted, added to or truncated';
          end $$`.execute(db);
        await sql`create trigger audit_head_guard before insert or update or delete on audit_head
          for each row execute function audit_head_guard()`.execute(db);
        await sql`create trigger audit_head_no_truncate before truncate on audit_head
          for each statement execute function audit_head_guard()`.execute(db);
        await sql`create trigger audit_log_no_truncate before truncate on audit_log
          for each statement execute function audit_log_append_only()`.execute(db);
        await sql`create function audit_log_past_head() returns trigger language plpgsql as $$
          begin
            if new.id > (select last_id from audit_head where id = 1) then return new; end if;
            raise exception 'audit_log entries are appended after the head';
          end $$`.execute(db);
        await sql`create trigger audit_log_past_head before insert on audit_log
          for each row execute function audit_log_past_head()`.execute(db);
      } else {
        await sql`create trigger audit_head_forward before update on audit_head
          when not (${forward('old', 'new')})
          begin select raise(abort, 'audit_head moves only forward over appended entries'); end`.execute(db);
        await sql`create trigger audit_head_no_delete before delete on audit_head
          begin select raise(abort, 'audit_head cannot be deleted'); end`.execute(db);
        await sql`create trigger audit_head_no_insert before insert on audit_head
          begin select raise(abort, 'audit_head cannot be added to'); end`.execute(db);
        // without an explicit id SQLite shows -1 here: entries take their ids from the head
        await sql`create trigger audit_log_past_head before insert on audit_log
          when new.id <= (select last_id from audit_head where id = 1)
          begin select raise(abort, 'audit_log entries are appended after the head'); end`.execute(db);
      }
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') {
        await sql`drop trigger if exists audit_log_past_head on audit_log`.execute(db);
        await sql`drop function if exists audit_log_past_head()`.execute(db);
        await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
        await sql`drop trigger if exists audit_head_no_truncate on audit_head`.execute(db);
        await sql`drop trigger if exists audit_head_guard on audit_head`.execute(db);
        await sql`drop function if exists audit_head_guard()`.execute(db);
      } else {
        for (const t of [
          'audit_log_past_head',
          'audit_head_no_insert',
          'audit_head_no_delete',
          'audit_head_forward',
        ])
          await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
      }
      await db.schema.alterTable('audit_head').dropColumn('last_id').execute();
    },
  };
}

/**
 * Before 0005 a PostgreSQL sequence gave the ids, so a rolled-back change left a gap. Ids are not
 * part of an entry's hash: closing the gaps (in order) keeps the chain and lets verify require
 * contiguous ids. SQLite's AUTOINCREMENT rolls back with the change, so a gap there was made by
 * someone: it is left for verify to report.
 */
async function renumberEntries(db: AnyDb, kind: DatabaseKind): Promise<void> {
  if (kind !== 'postgres') return;
  const { rows } = await sql<{ n: number | string; last: number | string | null }>`
    select count(*) as n, max(id) as last from audit_log`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n === Number(rows[0]?.last ?? 0)) return;
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  await sql`update audit_log set id = -id`.execute(db);
  // the statement sees the table as it was before it: -id ascending is the old order reversed
  await sql`update audit_log set id = (select count(*) from audit_log b where b.id >= audit_log.id)`.execute(
    db,
  );
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}
