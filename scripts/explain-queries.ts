/**
 * The query plans of the main queries (docs/QUERY-PLANS.md), on SQLite or PostgreSQL: the statements
 * the use-cases themselves run are captured as they run (a Kysely with a log over the same
 * database) and explained — SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (costs off) over
 * analysed tables. The database is filled first when it holds fewer plans than asked: the seed's
 * plans, then copies under units of their own (as bench/edits.ts makes them), list figures computed,
 * statistics taken. Prints Markdown.
 *
 *   npx tsx scripts/explain-queries.ts [--plans 2000] [--db path-or-postgres-url]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompiledQuery as Compiled } from 'kysely';
import { isPostgresAddress, openDatabase, refreshStatistics } from '../src/db/database.js';
import { capturingKysely, explainPlan } from '../test/helpers/explain.js';
import { readPlans } from '../src/formats/read.js';
import { sessionWithGrants } from '../src/db/sessions-repo.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { updateItemScores } from '../src/modules/plan-edits.js';
import { backfillFigures, planListPage, planViewFor } from '../src/modules/plan-view.js';
import { SEED_PATH } from '../test/helpers/fixtures.js';
import { copyPlans } from '../test/helpers/plan-copies.js';

const { values } = parseArgs({ options: { plans: { type: 'string' }, db: { type: 'string' } } });
const wanted = Number(values.plans ?? 2000);
const address = values.db ?? join(mkdtempSync(join(tmpdir(), 'parindex-explain-')), 'explain.sqlite');
const kind = isPostgresAddress(address) ? 'postgres' : 'sqlite';
const clock = () => new Date('2026-11-30T03:00:00Z');
const actor = systemActor('explain');

const database = await openDatabase(address);
const count = async () =>
  Number(
    (
      await database.db
        .selectFrom('plans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
if ((await count()) === 0) {
  // read in this process: the worker pool's time limit is for uploads, not for a busy machine
  const imported = await importPlans(
    { db: database.db, clock, read: readPlans },
    { bytes: new Uint8Array(readFileSync(SEED_PATH)), sourceName: 'seed.txt', actor },
  );
  if (!imported.ok) throw new Error('seed not imported');
}
const have = await count();
if (have < wanted) await copyPlans(database.db, wanted - have, clock().toISOString());
await backfillFigures(database.db);
await refreshStatistics(database);
const plans = await count();
await database.close();

const { db, seen } = capturingKysely(kind, address);
const explain = (query: Compiled) => explainPlan(kind, db, query);

/** Runs `work`, then prints each distinct statement it ran with its plan. */
async function section(title: string, work: () => Promise<unknown>): Promise<void> {
  seen.length = 0;
  await work();
  // a transaction's own statements have no plan
  const statements = [...new Map(seen.map((q) => [q.sql, q])).values()].filter(
    (q) => !/^(begin|commit|rollback|savepoint|release)\b/i.test(q.sql),
  );
  console.log(`\n### ${title}\n`);
  for (const statement of statements) {
    const text = statement.sql.length > 600 ? `${statement.sql.slice(0, 600)} …` : statement.sql;
    console.log('```sql\n' + text + '\n```\n```\n' + (await explain(statement)) + '\n```\n');
  }
}

const first = await db.selectFrom('plans').select(['id', 'version']).orderBy('id').executeTakeFirstOrThrow();
const middle = await db
  .selectFrom('plans')
  .select('id')
  .orderBy('id')
  .offset(Math.floor(plans / 2))
  .limit(1)
  .executeTakeFirstOrThrow();
const leaf = await db
  .selectFrom('plan_items')
  .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
  .select(['plan_items.id', 'plan_items.version'])
  .where('plan_items.plan_id', '=', first.id)
  .where('criteria.max_score', 'is not', null)
  .where('criteria.depth', '>=', 2)
  .orderBy('criteria.position')
  .executeTakeFirstOrThrow();

console.log(`## ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${plans} plans`);
// skip: the first statements of a fresh handle (the migrator's look at its tables)
await planViewFor(db, middle.id, actor);
await section('plans list, first page (50 of all, sorted)', () =>
  planListPage(db, actor, clock, { limit: 50 }),
);
await section('plans list, searched', () => planListPage(db, actor, clock, { limit: 50, q: 'ban sao 1' }));
await section('plan page load (a plan not in the cache)', () => planViewFor(db, first.id, actor));
await section('score edit (PATCH of one target)', () =>
  updateItemScores({ db, clock }, actor, first.id, leaf.id, { version: leaf.version, target: '0.5' }),
);
await section('session lookup', () => sessionWithGrants(db, 'a'.repeat(64)));
await db.destroy();
