import { createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from './src/db/database.js';
import { findPool, movePoolVersion } from './src/db/results-repo.js';
import { rankAfterChange } from './src/modules/results.js';
const address = process.argv[2]!;
const database = await openDatabase(address);
const nodes: RootOperationNode[] = [];
const plugin: KyselyPlugin = { transformQuery: (a) => { nodes.push(a.node); return a.node; }, transformResult: (a) => Promise.resolve(a.result) };
const db = database.db.withPlugin(plugin);
const { resultId, poolId } = await database.db.selectFrom('results').select(['id as resultId', 'pool_id as poolId']).orderBy('year', 'desc').executeTakeFirstOrThrow();
await movePoolVersion(database.db, poolId);
await rankAfterChange(db, [resultId]);
const compiled = nodes.map((n) => db.getExecutor().compileQuery(n, createQueryId()));
const upsert = compiled.find((c) => c.sql.includes('insert into result_places'))!;
const version = (await findPool(database.db, poolId))!.version;
await database.close();
console.log('-- statement\n' + upsert.sql + '\n-- parameters ' + JSON.stringify(upsert.parameters) + ' version ' + version);
if (address.startsWith('postgres')) {
  const c = new pg.Client(address); await c.connect();
  await c.query('begin');
  const r = await c.query('explain (analyze, buffers, costs off) ' + upsert.sql, upsert.parameters as unknown[]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.query('rollback'); await c.end();
} else {
  const s = new Database(address);
  const rows = s.prepare('explain query plan ' + upsert.sql).all(...(upsert.parameters as unknown[])) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, -1]]);
  for (const r of rows) { const d = (depth.get(r.parent) ?? -1) + 1; depth.set(r.id, d); console.log('  '.repeat(d) + r.detail); }
  s.close();
}
