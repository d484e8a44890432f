/**
 * The query plans of the main queries (docs/QUERY-PLANS.md), on SQLite or PostgreSQL: the statements
 * the use-cases themselves run are captured as they run (a Kysely with a log over the same
 * database) and explained — SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (costs off) over
 * analysed tables. An empty database is filled first with the country bench/scale.ts measures
 * (bench/scale-country.ts: a generated country of about --plans plans in provinces of 120 units,
 * its rounds and results, a ranking pool of 3,500 units), statistics taken. Prints Markdown.
 *
 *   npx tsx scripts/explain-queries.ts [--plans 2000] [--db path-or-postgres-url] [--only text]
 *
 * --only: the sections whose title holds the text (e.g. "filter"), the others skipped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompiledQuery as Compiled } from 'kysely';
import { makeCountry } from '../bench/scale-country.js';
import { isPostgresAddress, openDatabase, refreshStatistics } from '../src/db/database.js';
import { capturingKysely, explainPlan } from '../test/helpers/explain.js';
import { sessionWithGrants } from '../src/db/sessions-repo.js';
import type { Actor } from '../src/core/access.js';
import { systemActor } from '../src/modules/access.js';
import { updateItemScores } from '../src/modules/plan-edits.js';
import { planListChoices, planListPage, planSubjectChoices, planViewFor } from '../src/modules/plan-view.js';
import { rankingOf } from '../src/modules/results.js';
import { roundOverview } from '../src/modules/round-results.js';

const { values } = parseArgs({
  options: { plans: { type: 'string' }, db: { type: 'string' }, only: { type: 'string' } },
});
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
if ((await count()) > 0) throw new Error(`${address} holds plans already: give an empty database`);
const country = await makeCountry(database, address, wanted, 13, (line) => console.error(`  ${line}`));
await refreshStatistics(database);
const plans = await count();
await database.close();

const { db, seen } = capturingKysely(kind, address);
const explain = (query: Compiled) => explainPlan(kind, db, query);

/** Runs `work`, then prints each distinct statement it ran with its plan. */
async function section(title: string, work: () => Promise<unknown>): Promise<void> {
  if (values.only !== undefined && !title.includes(values.only)) return;
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

const first = await db
  .selectFrom('plans')
  .select(['id', 'version', 'subject_unit_id'])
  .where('id', '=', country.planId)
  .executeTakeFirstOrThrow();
const leaf = await db
  .selectFrom('plan_items')
  .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
  .select(['plan_items.id', 'plan_items.version'])
  .where('plan_items.plan_id', '=', first.id)
  .where('criteria.max_score', 'is not', null)
  // a leaf: no criterion of its framework has it as parent
  .where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('criteria as child')
          .select('child.id')
          .whereRef('child.framework_id', '=', 'criteria.framework_id')
          .whereRef('child.parent_code', '=', 'criteria.code'),
      ),
    ),
  )
  .orderBy('criteria.position')
  .executeTakeFirstOrThrow();
const other = await db
  .selectFrom('plans')
  .select('id')
  .where('id', '<>', first.id)
  .orderBy('id')
  .executeTakeFirstOrThrow();
// an officer of a province who reads its plans (and those of the units below it) and no other
const provinceReader: Actor = {
  userId: 1,
  username: 'tinh',
  ip: 'local',
  grants: [
    {
      id: 1,
      role: 'reader',
      unitId: country.provinceId,
      scope: 'subtree',
      permissions: new Set(['plan.read']),
    },
  ],
};
// a reader of the whole country (a grant at its root: the ministry)
const root = await db
  .selectFrom('units')
  .select('parent_id')
  .where('id', '=', country.provinceId)
  .executeTakeFirstOrThrow();
const countryReader: Actor = {
  ...provinceReader,
  username: 'ca-nuoc',
  grants: [{ ...provinceReader.grants[0]!, unitId: root.parent_id }],
};
const page = (actorOf: Actor, query: Parameters<typeof planListPage>[3]) => () =>
  planListPage(db, actorOf, clock, { limit: 50, ...query });

console.log(`## ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${plans} plans`);
// skip: the first statements of a fresh handle (the migrator's look at its tables)
await planViewFor(db, first.id, actor);
await section('plans list, first page (default order)', page(actor, {}));
await section('plans list, a page in the middle', page(actor, { offset: Math.floor(plans / 2) }));
await section(`plans list, searched ("${country.search}")`, page(actor, { q: country.search }));
await section(`plans list, one year (${country.year})`, page(actor, { year: country.year }));
await section("plans list, a province's subtree (unit filter)", page(actor, { unit: country.provinceId }));
await section('plans list, with open errors', page(actor, { hasErrors: true }));
await section('plans list, with an overdue task', page(actor, { overdue: true }));
await section("plans list of a province's officer (reader scoped to its subtree)", page(provinceReader, {}));
await section('plans list of a reader of the whole country (scoped to its root)', page(countryReader, {}));
await section("plans list's year filter (the years of the reader's plans)", () =>
  planListChoices(db, actor, false),
);
await section("plans list's unit filter, first page (20 units)", () => planSubjectChoices(db, actor, {}));
await section(`plans list's unit filter, searched ("${country.search}")`, () =>
  planSubjectChoices(db, actor, { q: country.search }),
);
await section("plans list's unit filter, one unit by id (a filter from the address)", () =>
  planSubjectChoices(db, actor, { id: first.subject_unit_id }),
);
await section("plans list's unit filter of a province's officer", () =>
  planSubjectChoices(db, provinceReader, {}),
);
await section('plan page load (a plan not in the cache)', () => planViewFor(db, other.id, actor));
await section('score edit (PATCH of one target)', () =>
  updateItemScores({ db, clock }, actor, first.id, leaf.id, { version: leaf.version, target: '0.5' }),
);
await section('ranking page read (3,500 units, cold)', () =>
  rankingOf({ db, clock }, actor, country.resultId),
);
await section(`round overview (${country.roundUnits} units)`, () =>
  roundOverview({ db, clock }, actor, country.roundId),
);
await section('session lookup', () => sessionWithGrants(db, 'a'.repeat(64)));
await db.destroy();
