/**
 * Edits and the plans list, through the use-cases on SQLite: what a score edit costs (PATCH of one
 * target = updateItemScores + the plan view the route answers with), in milliseconds and in SQL
 * statements, a task edit likewise, a unit named in 50 plans renamed, and the plans list's first
 * request after a start at N plans (copies of the seed's plans under new units). Prints figures; BENCHMARKS.md records them.
 *
 *   npx tsx bench/edits.ts [N plans for the list, default 1000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { updateItemScores, updateTask } from '../src/modules/plan-edits.js';
import { updateUnit } from '../src/modules/units-admin.js';
import { backfillFigures, planListPage, planViewFor } from '../src/modules/plan-view.js';
import { SEED_PATH } from '../test/helpers/fixtures.js';
import { copyPlanYears, copyPlans } from '../test/helpers/plan-copies.js';
import { statementCounter } from '../test/helpers/statement-counter.js';

const counter = statementCounter();

const listSize = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-edits-'));
const database = await openDatabase(join(dir, 'bench.sqlite'));
const clock = () => new Date('2026-11-30T03:00:00Z');
const actor = systemActor('bench');
const imported = await importPlans(
  { db: database.db, clock },
  { bytes: new Uint8Array(readFileSync(SEED_PATH)), sourceName: 'seed.txt', actor },
);
if (!imported.ok) throw new Error('seed not imported');
const planId = imported.plans[0]!.planId;
const db = database.db.withPlugin(counter.plugin);

const view = JSON.parse((await planViewFor(db, planId, actor)).json.toString()) as {
  rows: { itemId: number; code: string; parentCode: string | null; max: string | null; version: number }[];
};
const leaf = view.rows.find(
  (r) => r.max !== null && Number(r.max) >= 1 && !view.rows.some((c) => c.parentCode === r.code),
)!;
let version = leaf.version;
const times: number[] = [];
const counts: number[] = [];
for (let i = 0; i < 60; i++) {
  counter.count = 0;
  const start = performance.now();
  await updateItemScores({ db, clock }, actor, planId, leaf.itemId, {
    version,
    target: i % 2 === 0 ? '0.5' : '1',
  });
  await planViewFor(db, planId, actor);
  times.push(performance.now() - start);
  counts.push(counter.count);
  version++;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tail = times.slice(10);
console.log(
  `score edit (PATCH: edit + plan view), ${leaf.code}: median ${median(tail).toFixed(1)} ms, ` +
    `p90 ${[...tail].sort((a, b) => a - b)[Math.floor(tail.length * 0.9)]!.toFixed(1)} ms, ` +
    `statements ${median(counts.slice(10))}`,
);

// a task's follow-up (PATCH …/task: updateTask + the plan view), then its lead units
const tasked = JSON.parse((await planViewFor(db, planId, actor)).json.toString()) as {
  rows: { itemId: number; code: string; task: { version: number } | null }[];
  units: { id: number; name: string }[];
};
const taskRow = tasked.rows.find((r) => r.task !== null)!;
let taskVersion = taskRow.task!.version;
const taskEdit = async (patch: object) => {
  const taskTimes: number[] = [];
  const taskCounts: number[] = [];
  for (let i = 0; i < 60; i++) {
    counter.count = 0;
    const start = performance.now();
    await updateTask({ db, clock }, actor, planId, taskRow.itemId, {
      version: taskVersion,
      progress: i % 2 === 0 ? 40 : 60,
      ...patch,
    });
    await planViewFor(db, planId, actor);
    taskTimes.push(performance.now() - start);
    taskCounts.push(counter.count);
    taskVersion++;
  }
  return { ms: median(taskTimes.slice(10)), statements: median(taskCounts.slice(10)) };
};
const progressOnly = await taskEdit({});
const withUnits = await taskEdit({
  leadUnitIds: [tasked.units[0]!.id],
  supportUnitIds: [tasked.units[1]!.id],
});
console.log(
  `task edit (PATCH …/task: edit + plan view), ${taskRow.code}: progress median ${progressOnly.ms.toFixed(1)} ms, ` +
    `statements ${progressOnly.statements}; with lead and support units ${withUnits.ms.toFixed(1)} ms, ` +
    `statements ${withUnits.statements}`,
);

// a unit named in the tasks of 50 plans of one subject (the plan and 49 later years) renamed
await copyPlanYears(database.db, planId, 49);
const renamed = tasked.units[0]!.id;
const renameTimes: number[] = [];
const renameCounts: number[] = [];
for (let i = 0; i < 7; i++) {
  counter.count = 0;
  const start = performance.now();
  const name = tasked.units[0]!.name;
  await updateUnit({ db, clock }, actor, renamed, { name: i % 2 === 0 ? `${name} mới` : name });
  renameTimes.push(performance.now() - start);
  renameCounts.push(counter.count);
}
console.log(
  `unit named in 50 plans renamed (updateUnit): median ${median(renameTimes.slice(2)).toFixed(0)} ms, ` +
    `statements ${median(renameCounts.slice(2))}`,
);

const copyStart = performance.now();
// the seed's 2 plans and the 49 copies above, then copies of them under units of their own
await copyPlans(database.db, listSize - 51, clock().toISOString());
const copied = performance.now() - copyStart;
const plans = await database.db
  .selectFrom('plans')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
// a fresh handle: the first list request after a start
await database.close();
const reopened = await openDatabase(join(dir, 'bench.sqlite'));
counter.count = 0;
const listDb = reopened.db.withPlugin(counter.plugin);
// copies are made without list figures (figures_version null, as plans stored before 0013 or 0017):
// the start-up back-fill computes them before the server listens
let start = performance.now();
const backfilled = await backfillFigures(reopened.db);
const backfill = performance.now() - start;
start = performance.now();
const { items: first } = await planListPage(listDb, actor, clock, {});
const cold = performance.now() - start;
const coldStatements = counter.count;
start = performance.now();
await planListPage(listDb, actor, clock, {});
const warm = performance.now() - start;
await reopened.close();
const again = await openDatabase(join(dir, 'bench.sqlite'));
const againDb = again.db.withPlugin(counter.plugin);
counter.count = 0;
start = performance.now();
const { items: page } = await planListPage(againDb, actor, clock, { q: 'ban sao 1', limit: 50 });
const restarted = performance.now() - start;
const restartedStatements = counter.count;
// a page in the middle of the whole list, sorted (the median of 20 requests)
const middle: number[] = [];
for (let i = 0; i < 20; i++) {
  start = performance.now();
  await planListPage(againDb, actor, clock, { limit: 50, offset: Math.floor(Number(plans.n) / 2) });
  middle.push(performance.now() - start);
}
middle.sort((a, b) => a - b);
// a lead-unit officer (the lead unit of the seed's first task, under its subject) among all the plans
const leadUnit = await again.db
  .selectFrom('task_units')
  .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
  .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
  .select('task_units.unit_id')
  .where('plan_items.plan_id', '=', planId)
  .where('task_units.role', '=', 'lead')
  .orderBy('task_units.unit_id')
  .executeTakeFirstOrThrow();
const officer = {
  userId: 2,
  username: 'lead',
  ip: '127.0.0.1',
  grants: [
    {
      id: 1,
      role: 'lead_unit',
      unitId: leadUnit.unit_id,
      scope: 'lead' as const,
      permissions: new Set(['plan.read']),
    },
  ],
};
const leadTimes: number[] = [];
let leadItems = 0;
for (let i = 0; i < 20; i++) {
  counter.count = 0;
  start = performance.now();
  leadItems = (await planListPage(againDb, officer, clock, { limit: 50 })).items.length;
  leadTimes.push(performance.now() - start);
}
const leadStatements = counter.count;
leadTimes.sort((a, b) => a - b);
console.log(
  `start-up back-fill of ${backfilled} plans: ${(backfill / 1000).toFixed(1)} s; ` +
    `a lead-unit officer's list (${leadItems} items) at ${Number(plans.n)} plans: median ` +
    `${leadTimes[10]!.toFixed(1)} ms (${leadStatements} statements)`,
);
console.log(
  `plans list at ${Number(plans.n)} plans (copies made in ${(copied / 1000).toFixed(1)} s): ` +
    `first request ${cold.toFixed(0)} ms (${coldStatements} statements, ${first.length} items), ` +
    `second ${warm.toFixed(0)} ms; first after a restart (search, page of 50) ` +
    `${restarted.toFixed(0)} ms (${restartedStatements} statements, ${page.length} items); ` +
    `a page of 50 in the middle, median ${middle[10]!.toFixed(1)} ms`,
);
await again.close();
rmSync(dir, { recursive: true, force: true });
