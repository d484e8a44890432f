/**
 * 0034: the plans list's search indexed (issue 13). The search is a substring of plans.search_key
 * (core/text.ts#fold of "subject year", written with the plan's figures: modules/plan-view.ts),
 * asked as `like '%…%'`: a read of every plan's key without an index of trigrams.
 *
 * PostgreSQL: pg_trgm (a trusted extension since PostgreSQL 13: the database's owner or a role with
 * CREATE on it may add it) and a GIN index of the key's trigrams, which the same LIKE uses from three
 * characters on. A role that may not create the extension stops here with what to do
 * (docs/DEPLOYMENT.md).
 *
 * SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34) over plans.search_key, external
 * content (the text stays in plans; the index holds trigrams only), kept by triggers in the statement
 * that writes a plan (insert, a new key, delete), so in its transaction. The list asks it for patterns
 * of three characters or more (db/plans-repo.ts#plansOf). Existing plans are indexed here ('rebuild').
 */
import { sql, type Migration } from 'kysely';
import type { DatabaseKind } from '../schema.js';
import type { AnyDb } from './common.js';

export function plansSearch(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      if (kind === 'postgres') {
        try {
          await sql`create extension if not exists pg_trgm`.execute(db);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(
            `migration 0034: the extension pg_trgm could not be created (${reason}); have the database's ` +
              `owner or a superuser run "create extension pg_trgm" in this database, then start again`,
          );
        }
        await sql`create index plans_search_trgm on plans using gin (search_key gin_trgm_ops)`.execute(db);
        return;
      }
      await sql`create virtual table plans_search using fts5(
          search_key, content = 'plans', content_rowid = 'id', tokenize = 'trigram'
        )`.execute(db);
      await sql`insert into plans_search (plans_search) values ('rebuild')`.execute(db);
      // an external content table is told the old text to remove (fts5 'delete' command)
      const remove = sql`insert into plans_search (plans_search, rowid, search_key)
          values ('delete', old.id, old.search_key);`;
      const add = sql`insert into plans_search (rowid, search_key) values (new.id, new.search_key);`;
      await sql`create trigger plans_search_insert after insert on plans for each row begin ${add} end`.execute(
        db,
      );
      await sql`create trigger plans_search_delete after delete on plans for each row begin ${remove} end`.execute(
        db,
      );
      await sql`create trigger plans_search_update after update of search_key on plans
          for each row when new.search_key is not old.search_key begin ${remove} ${add} end`.execute(db);
    },
    async down(db: AnyDb) {
      if (kind === 'postgres') {
        // the extension stays: another schema object may use it
        await sql`drop index plans_search_trgm`.execute(db);
        return;
      }
      await sql`drop trigger plans_search_update`.execute(db);
      await sql`drop trigger plans_search_delete`.execute(db);
      await sql`drop trigger plans_search_insert`.execute(db);
      await sql`drop table plans_search`.execute(db);
    },
  };
}
