/** Queries built once per database handle (keptQuery), prepared once per PostgreSQL connection. */
import { createHash } from 'node:crypto';
import {
  createQueryId,
  sql,
  SqliteAdapter,
  type Compilable,
  type CompiledQuery,
  type Kysely,
  type RawBuilder,
} from 'kysely';
import type { DB } from './schema.js';

/** A value of a kept query (keptQuery), filled in when it runs. */
class Slot {
  constructor(readonly index: number) {}

  /** Used in arithmetic or text while the query is built (`${from + count}`), it would be sent as text. */
  [Symbol.toPrimitive](): never {
    throw new Error(`keptQuery: argument ${this.index + 1} is used as more than a value`);
  }
}

/**
 * A query built and compiled once per database handle, then run with each call's values: on the
 * hottest reads (the session of every request, a plan's version) Kysely's builder and compiler took
 * more CPU than the statement itself (issue 13). `build` gives a Kysely builder or a raw `sql`
 * template (compiled against the handle, as its execute(db) would); it must use each argument once,
 * as one plain value (not in a list, not as text of the statement — sql.raw, sql.ref —, not in
 * arithmetic): it is built once with placeholders in their place.
 * Plugins of the handle that change the query apply when it is built; their results, every run.
 * On PostgreSQL its text is also a named prepared statement (preparedName): the server parses and
 * plans it once per connection, not on every run.
 */
export function keptQuery<A extends readonly (string | number | null)[], O>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<O> | RawBuilder<O>,
): (db: Kysely<DB>, ...args: A) => Promise<O[]> {
  const compiled = new WeakMap<Kysely<DB>, CompiledQuery<O>>();
  return async (db, ...args) => {
    let query = compiled.get(db);
    if (!query) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as A;
      const built = build(db, ...slots);
      query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      // each argument exactly once: one used twice would hide another left out
      const uses = args.map(
        (_, i) => query!.parameters.filter((p) => p instanceof Slot && p.index === i).length,
      );
      const wrong = uses.findIndex((n) => n !== 1);
      if (wrong !== -1)
        throw new Error(`keptQuery: argument ${wrong + 1} is used ${uses[wrong]} times as a value, not once`);
      compiled.set(db, query);
      if (!names.has(query.sql))
        names.set(query.sql, `kept_${createHash('sha1').update(query.sql).digest('hex')}`);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    const result = await db.executeQuery<O>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };
}

/** The name of each kept query's SQL text: from its text alone, so one name is always one text. */
const names = new Map<string, string>();

/**
 * The prepared statement's name for a kept query's text, undefined for any other text. node-pg
 * prepares a named statement once per connection and refuses a name given another text: the name is
 * the text's hash, and every connection of every pool prepares it on its first run (database.ts).
 */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/**
 * Ids as one value of a statement (idsIn), whatever their number: PostgreSQL's array text ("{1,2}"),
 * SQLite's JSON ("[1,2]"). A kept query takes a page's ids so, where `in (…)` wrote one placeholder
 * per id and made each number of ids a statement of its own, planned again on every run.
 */
export function idList(db: Kysely<DB>, ids: readonly number[]): string {
  return onSqlite(db) ? JSON.stringify(ids) : `{${ids.join(',')}}`;
}

/** `column` is one of the ids of `list` (idList, or a kept query's argument that will be one). */
export function idsIn(db: Kysely<DB>, column: RawBuilder<unknown>, list: string): RawBuilder<boolean> {
  return onSqlite(db)
    ? sql<boolean>`${column} in (select value from json_each(${list}))`
    : sql<boolean>`${column} = any(cast(${list} as integer[]))`;
}

/** Whether a statement is built for SQLite (the handle's dialect): where the engines' SQL differs. */
export const onSqlite = (db: Kysely<DB>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;
