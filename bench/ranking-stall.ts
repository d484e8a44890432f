/**
 * The event loop's longest turn while a stale ranking page is answered (issue 13: GET
 * /api/results/:id/ranking after the pool's version moved: the pool ranked in the worker thread and
 * stored, its year before too), in process on bench/ranking.ts's pool of 3,500 units: the longest
 * turn as the main thread's CPU time (Linux /proc schedstat, ~4 ms granularity) — what the code holds
 * the thread for, which a loaded machine does not inflate as it does the wall time, printed beside it
 * — and a page read from the stored ranking (p50, a fresh handle each: nothing kept in memory). Also
 * the stale page's wall time (p50), a change of the pool's bands of the year (savePoolBands: its
 * commit, then the pool's results ranked and stored; two sets alternately) and the floor: raw SQL over
 * the rows a ranking needs (rankedInSql: the whole pool by index with part_scores), each measured
 * between the stale pages.
 *
 *   npx tsx bench/ranking-stall.ts [address]   (an SQLite file or a postgres:// URL holding the pool;
 *   BENCH_SEED=1 stores it there first; BENCH_RUNS stale pages, 8 by default)
 *
 * A baseline: the same file run from another checkout against the same database, alternately.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { findResult, movePoolVersion, rankedInSql } from '../src/db/results-repo.js';
import { systemActor } from '../src/modules/access.js';
import { closeComputePool } from '../src/modules/compute-pool.js';
import { rankingPageOf, savePoolBands } from '../src/modules/results.js';
import { seed } from './ranking.js';

const address = process.argv[2] ?? '/tmp/rank-stall/pool.sqlite';
const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
/** the main thread's time on a CPU, ms */
const cpu = () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6;

/** Each turn of the event loop: the main thread's CPU and wall time between two setImmediate. */
function turns() {
  let lastCpu = cpu();
  let lastWall = performance.now();
  let cpuMax = 0;
  let wallMax = 0;
  let on = true;
  const tick = () => {
    const [c, w] = [cpu(), performance.now()];
    cpuMax = Math.max(cpuMax, c - lastCpu);
    wallMax = Math.max(wallMax, w - lastWall);
    [lastCpu, lastWall] = [cpu(), performance.now()];
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    reset: () => ([cpuMax, wallMax] = [0, 0]),
    max: () => ({ cpu: cpuMax, wall: wallMax }),
    stop: () => (on = false),
  };
}

const database = await openDatabase(address);
const ids = process.env.BENCH_SEED
  ? await seed(database.db)
  : await database.db
      .selectFrom('results')
      .select(['id as resultId', 'pool_id as poolId'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
const actor = systemActor('bench');
const page = { offset: 1750, limit: 50 };
const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const deps = { db: database.db, clock: () => new Date() };
const { year } = (await findResult(database.db, ids.resultId))!;
const bandSets = [
  [
    { label: 'Tốt', minIndex: '80', colour: '' },
    { label: 'Khá', minIndex: '65', colour: '' },
  ],
  [
    { label: 'Tốt', minIndex: '82.5', colour: '' },
    { label: 'Khá', minIndex: '67.5', colour: '' },
  ],
];
const loop = turns();
const cpuMax: number[] = [];
const wallMax: number[] = [];
const stale: number[] = [];
const changed: number[] = [];
const floor: number[] = [];
const timed = async (into: number[], f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  into.push(performance.now() - t);
};
for (let i = 0; i < RUNS; i++) {
  await movePoolVersion(database.db, ids.poolId);
  await pause(30);
  loop.reset();
  await timed(stale, () => rankingPageOf(deps, actor, ids.resultId, page));
  await pause(30); // the answer's last turn measured too
  cpuMax.push(loop.max().cpu);
  wallMax.push(loop.max().wall);
  await timed(changed, () => savePoolBands(deps, actor, ids.poolId, year, bandSets[i % 2]!));
  await timed(floor, () => rankedInSql(database.db, ids.resultId, [], 'part_scores'));
}
loop.stop();
const stored: number[] = [];
for (let i = 0; i < 60; i++) {
  const db = database.db.withPlugin({
    transformQuery: (a) => a.node,
    transformResult: (a) => Promise.resolve(a.result),
  });
  const t = performance.now();
  await rankingPageOf({ db, clock: () => new Date() }, actor, ids.resultId, {
    offset: [0, 1750, 3450][i % 3]!,
    limit: page.limit,
  });
  if (i >= 6) stored.push(performance.now() - t);
}
console.log(
  `${database.kind}: stale page, longest turn: CPU median ${median(cpuMax).toFixed(1)} ms ` +
    `(${cpuMax.map((x) => x.toFixed(0)).join(' ')}), wall median ${median(wallMax).toFixed(1)} ms; ` +
    `stored page p50 ${median(stored).toFixed(1)} ms; stale page p50 ${median(stale).toFixed(1)} ms; ` +
    `bands changed p50 ${median(changed).toFixed(1)} ms; raw SQL, the whole pool by index p50 ${median(floor).toFixed(1)} ms`,
);
await closeComputePool();
await database.close();
