/**
 * Statements captured as they run and explained, for test/db-indexes.test.ts and
 * scripts/explain-queries.ts (docs/QUERY-PLANS.md): SQLite's EXPLAIN QUERY PLAN as an indented tree,
 * PostgreSQL's EXPLAIN (costs off).
 */
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type CompiledQuery as Compiled,
} from 'kysely';
import pg from 'pg';
import type { DatabaseKind, DB } from '../../src/db/schema.js';

/** A Kysely over the database at `address` that records every statement run through it. */
export function capturingKysely(
  kind: DatabaseKind,
  address: string,
): { db: Kysely<DB>; seen: Compiled[]; close(): Promise<void> } {
  const seen: Compiled[] = [];
  const dialect =
    kind === 'sqlite'
      ? new SqliteDialect({ database: new SQLite(address) })
      : // one connection: a session setting holds for every statement
        new PostgresDialect({ pool: new pg.Pool({ connectionString: address, max: 1 }) });
  const db = new Kysely<DB>({ dialect, log: (event) => void seen.push(event.query) });
  return { db, seen, close: () => db.destroy() };
}

/** The plan the engine chooses for a captured statement, one line a step. */
export async function explainPlan(kind: DatabaseKind, db: Kysely<DB>, query: Compiled): Promise<string> {
  const prefix = kind === 'sqlite' ? 'explain query plan ' : 'explain (costs off) ';
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + query.sql, [...query.parameters]),
  );
  if (kind === 'postgres') return result.rows.map((r) => String(r['QUERY PLAN'])).join('\n');
  // SQLite: id/parent rows as an indented tree
  const depth = new Map<number, number>([[0, -1]]);
  return result.rows
    .map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${'  '.repeat(d)}${String(r.detail)}`;
    })
    .join('\n');
}
