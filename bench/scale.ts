/**
 * The national-scale bench (issue 13 point 3): for each engine and each size (number of plans), a
 * generated country kept under /tmp and reused while the seed and size match (on PostgreSQL vacuumed
 * first, as autovacuum leaves it), the real app server in a child process (this file, `serve`:
 * openDatabase, the start-up back-fill, buildApp, listen, as src/http/server.ts does), and each
 * figure beside its floor in the same run:
 *
 * - the plans list, a page of 50 (first page, a search, a year, a unit's subtree, a page in the
 *   middle, with open errors, with an overdue task, and the first page of a reader of the whole
 *   country): median and p99 over BENCH_REQUESTS requests from one client, then the first five
 *   mixed at 1, 2 and 4 clients and at BENCH_CLIENTS; floor: the page's two statements (page and
 *   count, db/plans-repo.ts) run on a connection of this process;
 * - one plan page (GET /api/plans/:id): req/s and p99 at BENCH_CONNECTIONS connections against bare
 *   Fastify serving the same bytes (bench/serve-bare.ts), alternately, the medians of three rounds
 *   each; the server's stall ticker paused
 *   while its rate is measured (bare Fastify has none); on PostgreSQL also against bare Fastify making
 *   one round trip to the database a request (the app's one: the session and the plan's version);
 * - a score edit (PATCH /api/plans/:id/items/:itemId as the web sends it): p50 and p99, the median of
 *   three series of 100 with the server's stall ticker paused, each beside the plan page alone; and
 *   the statements a Kysely plugin in the server counts;
 * - ranking a pool of 3,500 units × 100 criteria (bench/ranking.ts's pool stored in the same
 *   database): a page of 50 of GET /api/results/:id/ranking read from the stored ranking, and
 *   stale (the pool's version moved before each: ranked and stored by the database), against
 *   rankedInSql over the same page's rows (and the stale page against the pool ranked in SQL as the
 *   product ranks it, a page read and nothing stored: rankedPageInSql); the stored page also asked
 *   without compression against those rows read raw plus bare Fastify answering the page's bytes
 *   (after one round trip on PostgreSQL): what any HTTP answer costs; a change of the pool's bands (PUT: its results ranked
 *   again and stored after the commit); one result ranked and stored by the use-case in process
 *   against the same ranking by its one SELECT (rankedPoolInSql) and against the whole pool's rows
 *   read raw by index, and when units moved also against storeRanking alone (the SELECT and the
 *   moved places written, rolled back); the event loop's longest stall during each;
 * - a round's overview (units × areas) for 120 units, GET /api/rounds/:id/overview (the overview
 *   page's API, the province's dashboard), and GET /api/rounds/:id/results; floor: the round's
 *   answers read raw;
 * - start-up (spawn → listening; and the server's own open → listen), RSS after the run, and the
 *   event loop's longest stall during the measured requests (the longest gap between two ticks of a
 *   1 ms timer in the server), per request kind for the lists, the plan page and the score edit.
 *
 * The HTTP requests timed one at a time (and the lists' at BENCH_CLIENTS clients) are made and timed by
 * a client process of their own (startClient): the garbage collection of this one, which holds the
 * floors' connection and autocannon, otherwise lands inside the requests it times.
 *
 * Then a table per engine of every figure at every size, flagging what grows faster than the plans.
 *
 *   npx tsx bench/scale.ts [--engine sqlite|postgres|both] [--sizes 100,1000,4000,12000]
 *   npx tsx bench/scale.ts --report [--engine …]   (the tables again from the last runs' figures)
 *   npx tsx bench/scale.ts --generate-only [--engine …] [--sizes …]   (the countries only, measured later
 *   on a quiet machine: generating needs no quiet, measuring does)
 *   (BENCH_REQUESTS, BENCH_CLIENTS, BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_SEED;
 *   PARINDEX_BENCH_POSTGRES names the server; BENCH_FRESH=1 generates again; BENCH_ONLY=list measures
 *   the plans list only, BENCH_ONLY=plans the lists, the plan page and the score edit only (with the
 *   event loop's longest stall per request kind), BENCH_ONLY=overview the round's overview and results
 *   only (BENCH_REQUESTS of each), BENCH_ONLY=ranking the ranking only; BENCH_CACHE keeps the countries in another folder than /tmp/parindex-scale —
 *   a branch with a migration of its own measures copies there, not the countries others share;
 *   BENCH_SOCKET=1 on PostgreSQL measures the plan page through the Unix socket too, planPageOverSocket)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { vietnamDate } from '../src/core/dates.js';
import { fold } from '../src/core/text.js';
import { openDatabase, refreshStatistics, type Database } from '../src/db/database.js';
import { countPlanFigures, listPlanFigures, type PlanListFilter } from '../src/db/plans-repo.js';
import {
  bandsOf,
  findPool,
  findResult,
  movePoolVersion,
  rankedInSql,
  rankedPageInSql,
  rankedPoolInSql,
  storeRanking,
  resultParts,
  type RankingRules,
  storedRanking,
  updatePool,
} from '../src/db/results-repo.js';
import { systemActor } from '../src/modules/access.js';
import { signIn } from '../src/modules/auth.js';
import { closeComputePool } from '../src/modules/compute-pool.js';
import { rankAfterChange, rankingPageOf } from '../src/modules/results.js';
import { createAccount, TEST_PASSWORD, TEST_PASSWORD_COST } from '../test/helpers/accounts.js';
import { ROOT } from '../test/helpers/fixtures.js';
import { AREAS, COMPONENTS } from './ranking.js';
import { makeCountry, type CountryInfo } from './scale-country.js';
import { overSocket, POSTGRES_SOCKET_FOLDER } from '../test/helpers/databases.js';
import { statementCounter } from '../test/helpers/statement-counter.js';

type Kind = 'sqlite' | 'postgres';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const ENGINE = argument('engine') ?? 'both';
const KINDS: Kind[] = ENGINE === 'both' ? ['sqlite', 'postgres'] : [ENGINE as Kind];
const SIZES = (argument('sizes') ?? '100,1000,4000,12000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SEED = Number(process.env.BENCH_SEED ?? 13);
const DEFAULT_CACHE = '/tmp/parindex-scale';
const CACHE = process.env.BENCH_CACHE ?? DEFAULT_CACHE;
const POSTGRES = process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ——— the server (child process) ———

interface ServerStats {
  statements: number;
  rss: number;
  /** the longest event-loop delay since the last reset, ms */
  stall: number;
  /** the main thread's CPU time in that gap of the longest CPU since the last reset, ms */
  stallCpu: number;
  p99Delay: number;
}

/** A stall as the wall clock saw it and as the main thread's CPU time (what a loaded machine does not inflate). */
interface Stall {
  wall: number;
  cpu: number;
}

/**
 * The main thread's CPU time, ms (Linux: /proc's schedstat, updated at each scheduler tick, so
 * ~4 ms granularity); 0 elsewhere. Read again from the start of a descriptor kept open: 4–6 µs a
 * read, where readFileSync took 30–35 (the server's ticker reads it every millisecond).
 */
const threadCpu = (() => {
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  if (!existsSync(schedstat)) return () => 0;
  const fd = openSync(schedstat, 'r');
  const bytes = Buffer.alloc(64);
  return () =>
    Number(bytes.toString('latin1', 0, readSync(fd, bytes, 0, bytes.length, 0)).split(' ')[0]) / 1e6;
})();

async function serve(address: string): Promise<void> {
  const t0 = performance.now();
  const { buildApp } = await import('../src/http/app.js');
  const { backfillFigures } = await import('../src/modules/plan-view.js');
  const counter = statementCounter();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // the longest gap between two ticks of a 1 ms interval: the event loop's longest stall since the
  // last reset (monitorEventLoopDelay's max read right after a request often missed it), on the
  // wall clock and as the main thread's CPU time in a gap (a loaded machine descheduling the server
  // makes long gaps of little CPU)
  let tickedAt = performance.now();
  let cpuAt = threadCpu();
  let longest: Stall = { wall: 0, cpu: 0 };
  // the same since the last read of the stats: what a reset answers (the gaps between two requests)
  let sinceRead: Stall = { wall: 0, cpu: 0 };
  const tick = () => {
    const now = performance.now();
    const cpu = threadCpu();
    for (const stall of [longest, sinceRead]) {
      stall.wall = Math.max(stall.wall, now - tickedAt);
      stall.cpu = Math.max(stall.cpu, cpu - cpuAt);
    }
    tickedAt = now;
    cpuAt = cpu;
  };
  // the ticker costs the server ~1,000 wake-ups a second: it is paused while the plan page's rate is
  // measured against bare Fastify, which has none (pg-page found it took ×1,2 off PostgreSQL's rate)
  let ticker: NodeJS.Timeout | null = setInterval(tick, 1).unref();
  const t1 = performance.now();
  const database = await openDatabase(address);
  await backfillFigures(database.db);
  const app = await buildApp(
    { db: database.db.withPlugin(counter.plugin), clock: () => new Date(), passwordCost: TEST_PASSWORD_COST },
    { logLevel: 'warn' },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ready = performance.now();
  const sendStats = () => {
    const stats: ServerStats = {
      statements: counter.count,
      rss: process.memoryUsage().rss,
      stall: longest.wall,
      stallCpu: longest.cpu,
      p99Delay: loop.percentile(99) / 1e6,
    };
    sinceRead = { wall: 0, cpu: 0 };
    process.send!({ stats });
  };
  process.on('message', (m: string) => {
    if (m === 'reset') {
      const gap = sinceRead;
      loop.reset();
      longest = { wall: 0, cpu: 0 };
      sinceRead = { wall: 0, cpu: 0 };
      tickedAt = performance.now();
      cpuAt = threadCpu();
      process.send!({ gap });
    }
    if (m === 'pause') {
      if (ticker) clearInterval(ticker);
      ticker = null;
      process.send!({ paused: true });
    }
    if (m === 'resume') {
      tickedAt = performance.now();
      cpuAt = threadCpu();
      ticker ??= setInterval(tick, 1).unref();
      process.send!({ resumed: true });
    }
    // read after a few ticks: a stall that has just ended is recorded at its next tick
    if (m === 'stats') setTimeout(sendStats, 5);
    if (m === 'stop')
      void app
        .close()
        .then(() => database.close())
        .then(() => process.exit(0));
  });
  process.send!({
    port: (app.server.address() as AddressInfo).port,
    // open → listening, this process's modules already loaded (import of the app: t1 - t0)
    startMs: ready - t1,
    importMs: t1 - t0,
  });
}

// ——— measuring (this process) ———

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

interface Timing {
  p50: number;
  p99: number;
}

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * The time of `work` here, ms, or the one it answers: a request's, timed by the client process
 * (startClient), which this process's pauses do not reach.
 */
async function timeOf(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  const own = await work();
  return typeof own === 'number' ? own : performance.now() - t;
}

/**
 * `count` calls of `work` by `clients` callers back to back, after `warm` untimed calls; a call
 * answering a number has timed itself (its request alone, not the bench's questions around it).
 */
async function closed(count: number, clients: number, work: (i: number) => Promise<number | void>, warm = 5) {
  for (let i = 0; i < warm; i++) await work(i);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        times.push(await timeOf(() => work(i)));
      }
    }),
  );
  return { ...timing(times), perSecond: count / ((performance.now() - started) / 1000) };
}

interface Server {
  child: ChildProcess;
  port: number;
  spawnMs: number;
  startMs: number;
}

function startServer(address: string): Promise<Server> {
  const t0 = performance.now();
  const child = fork(fileURLToPath(import.meta.url), ['serve', address], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok, fail) => {
    child.once('message', (m: { port: number; startMs: number }) =>
      ok({ child, port: m.port, spawnMs: performance.now() - t0, startMs: m.startMs }),
    );
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
}

// ——— the client (child process) ———

/** A request the client makes: an address, its method, headers and body. */
interface ClientRequest {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the client answers: the status, the body's bytes and the request's time in the client, ms. */
interface ClientAnswer {
  status: number;
  body: Uint8Array;
  time: number;
}

/**
 * The requests the bench times are made and timed by a process of their own, which does nothing
 * else: this one holds the floors' database connection and autocannon, and its garbage collection
 * (scavenges of 8–38 ms on this machine, --trace-gc) landed inside requests it timed: the plan
 * page's p99 from one client was 41–45 ms timed here, 11,8 ms timed by this process.
 */
function client(): void {
  process.on('message', (m: { id: number; request: ClientRequest }) => {
    const { url, method, headers, body } = m.request;
    const t = performance.now();
    void fetch(url, { method: method ?? 'GET', headers, body })
      .then(async (res) => {
        const bytes = new Uint8Array(await res.arrayBuffer());
        const answer: ClientAnswer = { status: res.status, body: bytes, time: performance.now() - t };
        process.send!({ id: m.id, answer });
      })
      .catch((error: unknown) => process.send!({ id: m.id, error: String(error) }));
  });
}

/** The client process and a function sending it a request (several may be under way at once). */
function startClient(): { child: ChildProcess; send: (request: ClientRequest) => Promise<ClientAnswer> } {
  const child = fork(fileURLToPath(import.meta.url), ['client'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // the bodies go as bytes, not as JSON arrays of numbers
    serialization: 'advanced',
  });
  const waiting = new Map<number, { ok: (a: ClientAnswer) => void; fail: (e: Error) => void }>();
  let next = 0;
  child.on('message', (m: { id: number; answer?: ClientAnswer; error?: string }) => {
    const wait = waiting.get(m.id)!;
    waiting.delete(m.id);
    if (m.answer) wait.ok({ ...m.answer, body: Buffer.from(m.answer.body) });
    else wait.fail(new Error(m.error));
  });
  const send = (request: ClientRequest) =>
    new Promise<ClientAnswer>((ok, fail) => {
      const id = next++;
      waiting.set(id, { ok, fail });
      child.send({ id, request });
    });
  return { child, send };
}

/** Sends the server one of its commands and answers its reply (each command has one). */
function tell<Reply>(child: ChildProcess, command: 'stats' | 'reset' | 'pause' | 'resume'): Promise<Reply> {
  return new Promise((ok) => {
    child.once('message', (m: Reply) => ok(m));
    child.send(command);
  });
}

const ask = (child: ChildProcess): Promise<ServerStats> =>
  tell<{ stats: ServerStats }>(child, 'stats').then((m) => m.stats);

/** Resets the server's stall figures; answers the longest gap since the stats were last read. */
const resetLoop = (child: ChildProcess): Promise<Stall> =>
  tell<{ gap: Stall }>(child, 'reset').then((m) => m.gap);

/** `run` with the server's stall ticker paused: a rate measured against bare Fastify, which has none. */
async function unwatched<T>(children: ChildProcess[], run: () => Promise<T>): Promise<T> {
  for (const child of children) await tell(child, 'pause');
  try {
    return await run();
  } finally {
    for (const child of children) await tell(child, 'resume');
  }
}

/** bench/serve-bare.ts on `file`'s bytes; with `roundTripTo`, one round trip to that PostgreSQL a request. */
function startBare(file: string, roundTripTo?: string): Promise<{ child: ChildProcess; port: number }> {
  const script = resolve(ROOT, 'bench/serve-bare.ts');
  const args = ['--import', 'tsx', script, file, ...(roundTripTo === undefined ? [] : [roundTripTo])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    child.stdout.once('data', (d: Buffer) => ok({ child, port: Number(d.toString().trim()) }));
    child.once('exit', (code) => fail(new Error(`serve-bare exited with ${code}`)));
  });
}

type Rate = Awaited<ReturnType<typeof cannon>>;

/** The median of one figure over rounds of the same rate. */
const medianOf = (rates: Rate[], pick: (r: Rate) => number) => timing(rates.map(pick)).p50;

async function cannon(url: string, cookie: string) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    pipelining: 1,
    headers: { cookie },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** One figure of one size: a name, a value and its unit, the floor beside it when there is one. */
interface Figure {
  name: string;
  value: number;
  unit: 'ms' | 'req/s' | 'MB' | 'n';
  floor?: number;
  /** whether the figure may be compared across sizes for growth (times, memory) */
  grows: boolean;
}

async function measure(kind: Kind, size: number, country: CountryInfo): Promise<Figure[]> {
  const figures: Figure[] = [];
  const add = (f: Figure) => {
    figures.push(f);
    const floor =
      f.floor === undefined ? '' : ` (floor ${f.floor.toFixed(1)}, × ${(f.value / f.floor).toFixed(2)})`;
    console.log(`  ${f.name}: ${f.value.toFixed(f.unit === 'n' ? 0 : 1)} ${f.unit}${floor}`);
  };
  // this process's own connection: the session, the floors, the pool's version
  const database = await openDatabase(country.address);
  const { db } = database;
  const clock = () => new Date();
  const username = 'scale-bench';
  const known = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!known) await createAccount(db, username, [{ role: 'admin', unitId: null }]);
  const { token, session } = await signIn(
    { db, clock, passwordCost: TEST_PASSWORD_COST },
    { username, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
  );
  const cookie = `parindex_session=${token}`;
  const headers = { cookie };
  // a reader of the whole country (a viewer at its root: the ministry), whose list is the plans of
  // a subtree of every unit
  const { rootId } = await db
    .selectFrom('units')
    .select('parent_id as rootId')
    .where('id', '=', country.provinceId)
    .executeTakeFirstOrThrow();
  const national = 'scale-bench-national';
  if (!(await db.selectFrom('users').select('id').where('username', '=', national).executeTakeFirst()))
    await createAccount(db, national, [{ role: 'viewer', unitId: rootId }]);
  const nationalSession = await signIn(
    { db, clock, passwordCost: TEST_PASSWORD_COST },
    { username: national, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
  );
  const nationalHeaders = { cookie: `parindex_session=${nationalSession.token}` };

  const server = await startServer(country.address);
  const base = `http://127.0.0.1:${server.port}`;
  const clientProcess = startClient();
  /** A request made and timed by the client process; any status but 200 throws. */
  const send = async (request: ClientRequest): Promise<ClientAnswer> => {
    const answer = await clientProcess.send(request);
    if (answer.status !== 200) {
      const body = Buffer.from(answer.body).toString().slice(0, 300);
      throw new Error(`${request.method ?? 'GET'} ${request.url}: ${answer.status} ${body}`);
    }
    return answer;
  };
  /** A GET of `url` (an address of any server) with these headers: its body and its time in the client. */
  const fetchBody = (url: string, asked: Record<string, string>) => send({ url, headers: asked });
  const get = (path: string, asked = headers) => fetchBody(`${base}${path}`, asked);
  /** The time of a GET in the client, ms. */
  const getTime = (path: string, asked = headers) => get(path, asked).then((a) => a.time);
  try {
    add({ name: 'start-up, spawn → listening', value: server.spawnMs, unit: 'ms', grows: true });
    add({
      name: 'start-up, open → listening (in the server)',
      value: server.startMs,
      unit: 'ms',
      grows: true,
    });
    await resetLoop(server.child);

    // the round's overview of 120 units, and its results: each from one client, one request at a
    // time, the event loop's longest stall during each request (its median: robust to a loaded
    // machine descheduling the server now and then; its longest)
    const roundPhase = async (requests: number) => {
      const answersRaw = await closed(requests, 1, async () => {
        await db
          .selectFrom('assessment_answers')
          .selectAll()
          .where('round_id', '=', country.roundId)
          .execute();
      });
      const oneByOne = async (path: string) => {
        const times: number[] = [];
        const stalls: number[] = [];
        for (let i = 0; i < requests + 5; i++) {
          await resetLoop(server.child);
          const time = await getTime(path);
          const { stall } = await ask(server.child);
          if (i < 5) continue;
          times.push(time);
          stalls.push(stall);
        }
        return { ...timing(times), stall: timing(stalls).p50, longest: Math.max(...stalls) };
      };
      const overview = await oneByOne(`/api/rounds/${country.roundId}/overview`);
      const results = await oneByOne(`/api/rounds/${country.roundId}/results`);
      add({
        name: `round overview (${country.roundUnits} units) p50`,
        value: overview.p50,
        unit: 'ms',
        floor: answersRaw.p50,
        grows: true,
      });
      add({
        name: 'round overview p99',
        value: overview.p99,
        unit: 'ms',
        floor: answersRaw.p99,
        grows: true,
      });
      add({ name: 'round results p50', value: results.p50, unit: 'ms', grows: true });
      add({ name: 'round results p99', value: results.p99, unit: 'ms', grows: true });
      for (const [what, m] of [
        ['round overview', overview],
        ['round results', results],
      ] as const) {
        add({
          name: `event loop, stall per request (median), ${what}`,
          value: m.stall,
          unit: 'ms',
          grows: true,
        });
        add({ name: `event loop, longest stall, ${what}`, value: m.longest, unit: 'ms', grows: true });
      }
      return Math.max(overview.longest, results.longest);
    };
    if (process.env.BENCH_ONLY === 'overview') {
      await roundPhase(REQUESTS);
      return figures;
    }
    // ranking the 3,500-unit pool (BENCH_ONLY=ranking: this phase alone); the event loop's longest stall
    const rankingPhase = async (): Promise<number> => {
      // ranking the 3,500-unit pool, a page of 50 at a time (the API's page). Stale: the pool's
      // version moved before each request (another server's change, a crash before ranking), so the
      // request ranks and stores the pool (one statement in the database) and answers; a change: the pool's bands
      // of the result's year replaced (PUT, two sets alternately), the request ranking the pool's
      // results again after its commit and storing them; stored: pages read from the stored ranking
      // (first, middle, last alternately). Floor: raw SQL over the same page's rows (and over the whole
      // pool's, what a stale ranking reads); for a stale page also the pool ranked in SQL as the product
      // ranks it (storeRanking's one SELECT: RANK() over the index and the tie-break, the bands), the
      // page's rows, nothing stored. Each floor is timed between the requests it is the floor of (one
      // of each in turn: a loaded machine's load moves during a run). The event loop's longest stall
      // during each of the three.
      const codes = [...COMPONENTS, ...Array.from({ length: AREAS }, (_, a) => String(a + 1))];
      const page = { offset: 1750, limit: 50 };
      const rankPath = (offset: number) =>
        `/api/results/${country.resultId}/ranking?offset=${offset}&limit=${page.limit}`;
      const { year } = (await findResult(db, country.resultId))!;
      const pool = (await findPool(db, country.poolId))!;
      const inParts = new Set(
        (await resultParts(db, country.resultId)).filter((p) => p.kind !== 'criterion').map((p) => p.code),
      );
      // the pool's bands of the result's year as the ranking takes them (read again after they change)
      const bandsNow = async () =>
        (await bandsOf(db, country.poolId, year))
          .map((b) => ({ label: b.label, minIndex: b.min_index }))
          .sort((a, b) => Number(b.minIndex) - Number(a.minIndex));
      const ranking: RankingRules = {
        bands: await bandsNow(),
        tieBreak: (JSON.parse(pool.tie_break) as string[]).map((code) => ({
          code,
          inPartScores: inParts.has(code),
        })),
      };
      const rawPage = () => rankedInSql(db, country.resultId, codes, 'part_scores', page);
      await resetLoop(server.child);
      const rankTimes: number[] = [];
      const staleRaw: number[] = [];
      const staleRanked: number[] = [];
      for (let i = 0; i < 23; i++) {
        await movePoolVersion(db, country.poolId);
        const stale = await getTime(rankPath(i % 2 === 0 ? 0 : page.offset));
        const raw = await timeOf(rawPage);
        const ranked = await timeOf(() => rankedPageInSql(db, country.resultId, ranking, page));
        if (i < 3) continue;
        rankTimes.push(stale);
        staleRaw.push(raw);
        staleRanked.push(ranked);
      }
      const rankCold = timing(rankTimes);
      const stallStale = (await ask(server.child)).stall;
      const bandSets = [
        [
          { label: 'Tốt', minIndex: '80', colour: '#2e7d32' },
          { label: 'Khá', minIndex: '65', colour: '#f9a825' },
        ],
        [
          { label: 'Tốt', minIndex: '82.5', colour: '#2e7d32' },
          { label: 'Khá', minIndex: '67.5', colour: '#f9a825' },
        ],
      ];
      await resetLoop(server.child);
      const changeTimes: number[] = [];
      for (let i = 0; i < 9; i++) {
        const { time } = await send({
          url: `${base}/api/results/pools/${country.poolId}/bands/${year}`,
          method: 'PUT',
          headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ bands: bandSets[i % 2] }),
        });
        if (i >= 1) changeTimes.push(time);
      }
      const rankChange = timing(changeTimes);
      const stallChange = (await ask(server.child)).stall;
      await resetLoop(server.child);
      const offsets = [0, page.offset, 3450];
      // each stored page over HTTP, then read by the use-case in this process (no HTTP, session or
      // JSON), then the floor
      const reader = { db, clock };
      const inProcess = (i: number) =>
        rankingPageOf(reader, systemActor('scale-bench'), country.resultId, {
          offset: offsets[i % 3]!,
          limit: page.limit,
        });
      // and the same page asked without compression, beside bare Fastify answering the middle page's
      // bytes (after one round trip to PostgreSQL, as the app reads the session and the ranking's
      // head in one): what any HTTP answer of those bytes costs this client and server, the part of
      // the page's time that raw SQL in this process does not have
      const plain = { ...headers, 'accept-encoding': 'identity' };
      const getPlainTime = (url: string) => fetchBody(url, plain).then((a) => a.time);
      const pageFile = join(CACHE, `ranking-page-${kind}-${size}.json`);
      writeFileSync(pageFile, (await fetchBody(`${base}${rankPath(page.offset)}`, plain)).body);
      const bare = await startBare(pageFile, kind === 'postgres' ? country.address : undefined);
      const warmTimes: number[] = [];
      const inProcessTimes: number[] = [];
      const rawTimes: number[] = [];
      const plainTimes: number[] = [];
      const bareTimes: number[] = [];
      try {
        for (let i = 0; i < 65; i++) {
          const http = await getTime(rankPath(offsets[i % 3]!));
          const own = await timeOf(() => inProcess(i));
          const raw = await timeOf(rawPage);
          const uncompressed = await getPlainTime(`${base}${rankPath(offsets[i % 3]!)}`);
          const bareAnswer = await getPlainTime(`http://127.0.0.1:${bare.port}/api/plans/1`);
          if (i < 5) continue;
          warmTimes.push(http);
          inProcessTimes.push(own);
          rawTimes.push(raw);
          plainTimes.push(uncompressed);
          bareTimes.push(bareAnswer);
        }
      } finally {
        bare.child.kill();
      }
      const rankWarm = timing(warmTimes);
      const rankInProcess = timing(inProcessTimes);
      const rankRaw = timing(rawTimes);
      const rankPlain = timing(plainTimes);
      const rankBare = timing(bareTimes);
      const stallStored = (await ask(server.child)).stall;
      const rankStall = Math.max(stallStale, stallChange, stallStored);
      // ranking a pool: one result ranked and stored by the use-case in this process (rankAfterChange
      // after the pool's version moved: the ranking SELECT, the places that moved, the summary),
      // beside the same ranking by its one SELECT alone, nothing stored; in turn. Two kinds of move:
      // the version alone (no unit moves: no place written, the summary's counts kept), and the
      // tie-break's order reversed (the units whose index another shares move: their places written,
      // the groups and findings counted again), reversed back the next time
      const rankingNow: RankingRules = { ...ranking, bands: await bandsNow() };
      const poolTimes: number[] = [];
      const poolRaw: number[] = [];
      const movedTimes: number[] = [];
      const movedRaw: number[] = [];
      const movedStore: number[] = [];
      // storeRanking alone in a transaction rolled back: ranking and writing the places that moved,
      // what the database must do at least for a ranking stored (the use-case adds its reads, the
      // groups and findings counted again, the summary)
      const rolledBack = new Error('rolled back');
      const storeAlone = (version: number) =>
        timeOf(() =>
          db
            .transaction()
            .execute(async (trx) => {
              const at = new Date().toISOString();
              const { resultId, poolId } = country;
              if (
                !(await storeRanking(trx, {
                  ...rankingNow,
                  tieBreak,
                  resultId,
                  poolId,
                  poolVersion: version,
                  at,
                }))
              )
                throw new Error('storeRanking wrote no head');
              throw rolledBack;
            })
            .catch((e: unknown) => {
              if (e !== rolledBack) throw e;
            }),
        );
      let tieBreak = rankingNow.tieBreak;
      for (let i = 0; i < 46; i++) {
        const reorder = i % 2 === 1;
        const pool = (await findPool(db, country.poolId))!;
        if (reorder) {
          tieBreak = [...tieBreak].reverse();
          const { id, version, name, name_key, description } = pool;
          const tie_break = JSON.stringify(tieBreak.map((t) => t.code));
          await updatePool(db, id, version, { name, name_key, description, tie_break });
        } else await movePoolVersion(db, country.poolId);
        // before the use-case (after it, no place would move); the SELECT alone after it
        const store = reorder ? await storeAlone(pool.version + 1) : 0;
        const own = await timeOf(() => rankAfterChange(db, [country.resultId]));
        if ((await storedRanking(db, country.resultId))?.pool_version !== pool.version + 1)
          throw new Error('rankAfterChange did not store the ranking at the pool version');
        const raw = await timeOf(() => rankedPoolInSql(db, country.resultId, { ...rankingNow, tieBreak }));
        if (i < 6) continue;
        (reorder ? movedTimes : poolTimes).push(own);
        (reorder ? movedRaw : poolRaw).push(raw);
        if (reorder) movedStore.push(store);
      }
      const [rankPool, rankPoolRaw] = [timing(poolTimes), timing(poolRaw)];
      const [rankMoved, rankMovedRaw, rankMovedStore] = [
        timing(movedTimes),
        timing(movedRaw),
        timing(movedStore),
      ];
      const rankRawWhole = await closed(20, 1, () =>
        rankedInSql(db, country.resultId, codes, 'part_scores').then(() => undefined),
      );
      const [rankStaleRaw, rankRanked] = [timing(staleRaw), timing(staleRanked)];
      add({
        name: 'ranking 3,500 × 100, page of 50, stale (ranked and stored) p50',
        value: rankCold.p50,
        unit: 'ms',
        floor: rankStaleRaw.p50,
        grows: true,
      });
      add({
        name: 'ranking page stale p99',
        value: rankCold.p99,
        unit: 'ms',
        floor: rankStaleRaw.p99,
        grows: true,
      });
      add({
        name: 'ranking page stale p50 against the pool ranked in SQL as the product does (a page, nothing stored)',
        value: rankCold.p50,
        unit: 'ms',
        floor: rankRanked.p50,
        grows: true,
      });
      add({
        name: 'ranking page stored p50',
        value: rankWarm.p50,
        unit: 'ms',
        floor: rankRaw.p50,
        grows: true,
      });
      add({
        name: 'ranking page stored p99',
        value: rankWarm.p99,
        unit: 'ms',
        floor: rankRaw.p99,
        grows: true,
      });
      add({
        name: `ranking page stored without compression p50, against its rows read raw + bare Fastify answering its bytes${kind === 'postgres' ? ' after one round trip' : ''}`,
        value: rankPlain.p50,
        unit: 'ms',
        floor: rankRaw.p50 + rankBare.p50,
        grows: true,
      });
      add({
        name: 'bare Fastify answering a ranking page p50',
        value: rankBare.p50,
        unit: 'ms',
        grows: true,
      });
      add({
        name: 'ranking page stored, rankingPageOf in process p50',
        value: rankInProcess.p50,
        unit: 'ms',
        floor: rankRaw.p50,
        grows: true,
      });
      add({
        name: 'bands changed: commit + the pool ranked and stored p50',
        value: rankChange.p50,
        unit: 'ms',
        grows: true,
      });
      add({ name: 'bands changed p99', value: rankChange.p99, unit: 'ms', grows: true });
      add({
        name: 'ranking a pool: one result ranked and stored in process (no unit moved) p50, against its SELECT alone',
        value: rankPool.p50,
        unit: 'ms',
        floor: rankPoolRaw.p50,
        grows: true,
      });
      add({
        name: 'ranking a pool, p99',
        value: rankPool.p99,
        unit: 'ms',
        floor: rankPoolRaw.p99,
        grows: true,
      });
      add({
        name: 'ranking a pool, the tie-break reversed (units moved, places written, counted again) p50, against its SELECT alone',
        value: rankMoved.p50,
        unit: 'ms',
        floor: rankMovedRaw.p50,
        grows: true,
      });
      add({
        name: 'ranking a pool, the tie-break reversed, p99',
        value: rankMoved.p99,
        unit: 'ms',
        floor: rankMovedRaw.p99,
        grows: true,
      });
      add({
        name: 'ranking a pool, the tie-break reversed p50, against storeRanking alone (the SELECT and the places that moved written, rolled back)',
        value: rankMoved.p50,
        unit: 'ms',
        floor: rankMovedStore.p50,
        grows: true,
      });
      add({ name: 'raw SQL, the whole pool by index p50', value: rankRawWhole.p50, unit: 'ms', grows: true });
      add({
        name: 'ranking a pool: one result ranked and stored in process (no unit moved) p50, against raw SQL, the whole pool by index (its rows read, measured after)',
        value: rankPool.p50,
        unit: 'ms',
        floor: rankRawWhole.p50,
        grows: true,
      });
      add({ name: 'event loop, longest stall, stale pages', value: stallStale, unit: 'ms', grows: true });
      add({ name: 'event loop, longest stall, bands changed', value: stallChange, unit: 'ms', grows: true });
      add({ name: 'event loop, longest stall, stored pages', value: stallStored, unit: 'ms', grows: true });
      return rankStall;
    };
    if (process.env.BENCH_ONLY === 'ranking') {
      await rankingPhase();
      return figures;
    }

    // the event loop's longest stall per request kind of the phase before the ranking (lists, plan
    // page, edits): each request between a reset of the server's ticker and a read of it, timed
    // alone (not those two round trips); a run of concurrent requests as one; the gaps between two
    // requests (work done after an answer was sent) kept apart
    await resetLoop(server.child);
    const kindStalls = new Map<string, Stall[]>();
    const noteStall = (kind: string, stall: Stall) => {
      const stalls = kindStalls.get(kind) ?? [];
      kindStalls.set(kind, stalls);
      stalls.push(stall);
    };
    const stallOf = ({ stall, stallCpu }: ServerStats): Stall => ({ wall: stall, cpu: stallCpu });
    const watched = async (kind: string, request: () => Promise<unknown>): Promise<number> => {
      noteStall('between requests', await resetLoop(server.child));
      const time = await timeOf(request);
      noteStall(kind, stallOf(await ask(server.child)));
      return time;
    };

    // the plans list: pages of 50, each from one client, beside its two statements here; the first
    // five then mixed at CLIENTS clients
    const today = vietnamDate(new Date());
    const lists: {
      name: string;
      query: string;
      filter: PlanListFilter;
      offset?: number;
      asked?: { cookie: string };
    }[] = [
      { name: 'first page', query: '', filter: { archived: false } },
      {
        name: `search "${country.search}"`,
        query: `&q=${encodeURIComponent(country.search)}`,
        filter: { archived: false, search: fold(country.search).replace(/\s+/g, ' ') },
      },
      {
        name: `year ${country.year}`,
        query: `&year=${country.year}`,
        filter: { archived: false, year: country.year },
      },
      {
        name: 'a province (unit subtree)',
        query: `&unit=${country.provinceId}`,
        filter: { archived: false, under: country.provinceId },
      },
      {
        name: 'a page in the middle',
        query: `&offset=${Math.floor(country.plans / 2)}`,
        filter: { archived: false },
        offset: Math.floor(country.plans / 2),
      },
      { name: 'with open errors', query: '&hasErrors=1', filter: { archived: false, hasErrors: true } },
      {
        name: 'with an overdue task',
        query: '&overdue=1',
        filter: { archived: false, overdue: { today, value: true } },
      },
      {
        name: 'a reader of the whole country',
        query: '',
        filter: { archived: false, reach: { subtrees: [rootId!], units: [] }, lead: [] },
        asked: nationalHeaders,
      },
    ];
    for (const list of lists) {
      const app = await closed(REQUESTS, 1, () =>
        watched(`list, ${list.name}`, () => getTime(`/api/plans?limit=50${list.query}`, list.asked)),
      );
      const floor = await closed(REQUESTS, 1, async () => {
        await Promise.all([
          listPlanFigures(db, list.filter, { limit: 50, offset: list.offset }),
          countPlanFigures(db, list.filter),
        ]);
      });
      add({ name: `list p50, ${list.name}`, value: app.p50, unit: 'ms', floor: floor.p50, grows: true });
      add({ name: `list p99, ${list.name}`, value: app.p99, unit: 'ms', floor: floor.p99, grows: true });
    }
    // the five mixed at 1, 2 and 4 clients, then at CLIENTS (its event loop watched): where a
    // process's p99 leaves the target as readers asking at once are added (a closed loop: each client
    // asks again when answered, so at n clients a request waits on average for the n − 1 others,
    // n / (req/s))
    for (const clients of [...[1, 2, 4].filter((n) => n < CLIENTS), CLIENTS]) {
      const at = `${clients} client${clients === 1 ? '' : 's'}`;
      const run = () =>
        closed(REQUESTS * 2, clients, (i) => getTime(`/api/plans?limit=50${lists[i % 5]!.query}`));
      let mixed!: Awaited<ReturnType<typeof closed>>;
      if (clients === CLIENTS)
        await watched(`list, the five mixed at ${at} (the whole run)`, async () => {
          mixed = await run();
        });
      else mixed = await run();
      add({ name: `list p99, the five mixed at ${at}`, value: mixed.p99, unit: 'ms', grows: true });
      add({ name: `list req/s at ${at}`, value: mixed.perSecond, unit: 'req/s', grows: false });
    }
    if (process.env.BENCH_ONLY === 'list') return figures;

    // one plan page against bare Fastify serving its bytes
    const path = `/api/plans/${country.planId}`;
    let bytes!: Buffer;
    await watched('plan page, first (built, compressed and kept)', async () => {
      bytes = Buffer.from((await get(path)).body);
    });
    const file = join(CACHE, `plan-${kind}-${size}.json`);
    writeFileSync(file, bytes);
    const bare = await startBare(file);
    try {
      const plansAt = `plan page at ${CONNECTIONS} conn. (the whole run)`;
      await watched(plansAt, () => cannon(`${base}${path}`, cookie));
      await cannon(`http://127.0.0.1:${bare.port}${path}`, cookie);
      // three rounds of each in turn, the medians: one round each moved the ratio by ±0,1 on a
      // machine whose load moves during a run
      const apps: Rate[] = [];
      const bares: Rate[] = [];
      for (let round = 0; round < 3; round++) {
        apps.push(await unwatched([server.child], () => cannon(`${base}${path}`, cookie)));
        bares.push(await cannon(`http://127.0.0.1:${bare.port}${path}`, cookie));
      }
      add({
        name: `plan page req/s (${CONNECTIONS} conn., median of 3)`,
        value: medianOf(apps, (r) => r.rps),
        unit: 'req/s',
        floor: medianOf(bares, (r) => r.rps),
        grows: false,
      });
      add({
        name: `plan page p99 (${CONNECTIONS} conn., median of 3)`,
        value: medianOf(apps, (r) => r.p99),
        unit: 'ms',
        floor: medianOf(bares, (r) => r.p99),
        grows: true,
      });
      if (kind === 'postgres') {
        // the floor of a page that asks the database anything: bare Fastify making one round trip to
        // PostgreSQL a request (the app makes one: the session and the plan's version), alternately
        const tripping = await startBare(file, country.address);
        try {
          const trips: Rate[] = [];
          const apps: Rate[] = [];
          await cannon(`http://127.0.0.1:${tripping.port}${path}`, cookie);
          for (let round = 0; round < 3; round++) {
            apps.push(await unwatched([server.child], () => cannon(`${base}${path}`, cookie)));
            trips.push(await cannon(`http://127.0.0.1:${tripping.port}${path}`, cookie));
          }
          add({
            name: `plan page req/s (${CONNECTIONS} conn., median of 3) against bare Fastify + one round trip to PostgreSQL`,
            value: medianOf(apps, (r) => r.rps),
            unit: 'req/s',
            floor: medianOf(trips, (r) => r.rps),
            grows: false,
          });
        } finally {
          tripping.child.kill();
        }
      }
      const one = await closed(REQUESTS, 1, () => watched('plan page, kept', () => getTime(path)));
      add({ name: 'plan page p99, one client', value: one.p99, unit: 'ms', grows: true });
      if (kind === 'postgres' && process.env.BENCH_SOCKET === '1') {
        const bareUrl = `http://127.0.0.1:${bare.port}${path}`;
        const socketFigures = await planPageOverSocket(
          server.child,
          country,
          `${base}${path}`,
          bareUrl,
          cookie,
        );
        for (const f of socketFigures) add(f);
      }
    } finally {
      bare.child.kill();
    }

    // a score edit as the web sends it: the leaf's target, the version it last saw
    const view = JSON.parse(bytes.toString()) as {
      rows: {
        itemId: number;
        code: string;
        parentCode: string | null;
        max: string | null;
        version: number;
      }[];
    };
    const leaf = view.rows.find(
      (r) => r.max !== null && Number(r.max) >= 1 && !view.rows.some((c) => c.parentCode === r.code),
    )!;
    let version = leaf.version;
    let editStatements = 0;
    const edit = async (i: number, watch: boolean): Promise<number> => {
      if (watch) noteStall('between requests', await resetLoop(server.child));
      const before = await ask(server.child);
      const answer = await send({
        url: `${base}/api/plans/${country.planId}/items/${leaf.itemId}`,
        method: 'PATCH',
        headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ version, target: i % 2 === 0 ? '0.5' : '1' }),
      });
      const body = JSON.parse(Buffer.from(answer.body).toString()) as {
        rows: { itemId: number; version: number }[];
      };
      version = body.rows.find((r) => r.itemId === leaf.itemId)!.version;
      const after = await ask(server.child);
      editStatements = after.statements - before.statements;
      if (watch) noteStall('score edit', stallOf(after));
      return answer.time;
    };
    // timed one by one, the request alone: not the statements asked around it (the server answers
    // those a few ticks later, see sendStats); with the server's stall ticker paused, as the plan
    // page's rate is (its ~1,000 wake-ups a second and a read of /proc at each are the bench's, not
    // the edit's); in three series, each followed by the plan page alone (its floor: one round trip
    // and a kept answer) and each figure the median of the three: on this shared machine a p99 of
    // 100 requests is its second slowest, and one slow request, which the floor's p99 shows too
    // (25–145 ms in single series after 100 edits, 12–17 after 20; its p50 2–4), moved a single
    // series' p99 by × 2
    const editCount = Math.min(REQUESTS, 100);
    const editSeries: Timing[] = [];
    const floorSeries: Timing[] = [];
    let i = 0;
    // the first plan page after an edit builds it again (the edit moved its version)
    await edit(i++, false);
    await watched('plan page, built again after an edit', () => getTime(path));
    for (let series = 0; series < 3; series++) {
      await unwatched([server.child], async () => {
        const times: number[] = [];
        for (let n = 0; n < editCount + 5; n++) {
          const time = await edit(i++, false);
          if (n >= 5) times.push(time);
        }
        editSeries.push(timing(times));
        floorSeries.push(await closed(50, 1, () => getTime(path)));
      });
    }
    // the event loop's stalls of an edit: 20 more, the ticker running
    for (let n = 0; n < 20; n++) await edit(i++, true);
    const shown = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p99.toFixed(1)}`;
    console.log(
      `  score edit p50 / p99 per series, ms: ${editSeries.map(shown).join('; ')} (plan page alone: ${floorSeries.map(shown).join('; ')})`,
    );
    const median = (series: Timing[], pick: (t: Timing) => number) => timing(series.map(pick)).p50;
    for (const at of ['p50', 'p99'] as const)
      add({
        name: `score edit ${at} (median of 3 series)`,
        value: median(editSeries, (t) => t[at]),
        unit: 'ms',
        floor: median(floorSeries, (t) => t[at]),
        grows: true,
      });
    add({ name: 'score edit statements (Kysely)', value: editStatements, unit: 'n', grows: true });
    noteStall('between requests', await resetLoop(server.child));
    for (const [kind, stalls] of kindStalls) {
      const cpu = stalls.map((s) => s.cpu);
      if (stalls.length > 1)
        add({
          name: `event loop, stall per request (median, CPU), ${kind}`,
          value: timing(cpu).p50,
          unit: 'ms',
          grows: true,
        });
      add({
        name: `event loop, longest stall (CPU), ${kind}`,
        value: Math.max(...cpu),
        unit: 'ms',
        grows: true,
      });
      add({
        name: `event loop, longest stall, ${kind}`,
        value: Math.max(...stalls.map((s) => s.wall)),
        unit: 'ms',
        grows: true,
      });
    }
    const stallBefore = Math.max(...[...kindStalls.values()].flat().map((s) => s.wall));
    const stallBeforeCpu = Math.max(...[...kindStalls.values()].flat().map((s) => s.cpu));
    add({
      name: 'event loop, longest stall, lists, plan page and edits',
      value: stallBefore,
      unit: 'ms',
      grows: true,
    });
    add({
      name: 'event loop, longest stall (CPU), lists, plan page and edits',
      value: stallBeforeCpu,
      unit: 'ms',
      grows: true,
    });
    if (process.env.BENCH_ONLY === 'plans') return figures;

    const rankStall = await rankingPhase();

    const roundStall = await roundPhase(20);

    const stats = await ask(server.child);
    add({ name: 'RSS after the run', value: stats.rss / 2 ** 20, unit: 'MB', grows: true });
    // where the run's longest stall happened: the phase before the ranking (above), the ranking or the overview's
    add({
      name: 'event loop, longest stall during the run',
      value: Math.max(stallBefore, rankStall, roundStall),
      unit: 'ms',
      grows: true,
    });
    return figures;
  } finally {
    server.child.send('stop');
    await new Promise((ok) => server.child.once('exit', ok));
    clientProcess.child.kill();
    await closeComputePool();
    await database.close();
  }
}

/**
 * BENCH_SOCKET=1 on PostgreSQL: the plan page from a second server connected through the Unix socket
 * (test/helpers/databases.ts#overSocket, the form docs/DEPLOYMENT.md gives), alternately with the
 * TCP one and bare Fastify for BENCH_SOCKET_ROUNDS rounds (3): the medians, bare's beside them.
 */
async function planPageOverSocket(
  tcpServer: ChildProcess,
  country: CountryInfo,
  tcp: string,
  bare: string,
  cookie: string,
): Promise<Figure[]> {
  const address = overSocket(country.address);
  if (address === null) throw new Error(`BENCH_SOCKET: no PostgreSQL socket in ${POSTGRES_SOCKET_FOLDER}`);
  const server = await startServer(address);
  const socket = tcp.replace(/:\d+\//, `:${server.port}/`);
  const rounds = Number(process.env.BENCH_SOCKET_ROUNDS ?? 3);
  const runs = { tcp: [] as Rate[], socket: [] as Rate[], bare: [] as Rate[] };
  try {
    await unwatched([tcpServer, server.child], async () => {
      await cannon(socket, cookie);
      for (let round = 0; round < rounds; round++) {
        runs.tcp.push(await cannon(tcp, cookie));
        runs.socket.push(await cannon(socket, cookie));
        runs.bare.push(await cannon(bare, cookie));
      }
    });
  } finally {
    server.child.send('stop');
    await new Promise((ok) => server.child.once('exit', ok));
  }
  const of = (name: string, rates: Rate[]): Figure[] => [
    {
      name: `plan page req/s ${name} (${CONNECTIONS} conn., median of ${rounds})`,
      value: medianOf(rates, (r) => r.rps),
      unit: 'req/s',
      floor: medianOf(runs.bare, (r) => r.rps),
      grows: false,
    },
    {
      name: `plan page p99 ${name} (${CONNECTIONS} conn., median of ${rounds})`,
      value: medianOf(rates, (r) => r.p99),
      unit: 'ms',
      floor: medianOf(runs.bare, (r) => r.p99),
      grows: true,
    },
  ];
  return [...of('over TCP, alternating with the socket', runs.tcp), ...of('over a Unix socket', runs.socket)];
}

// ——— the countries kept under /tmp ———

async function postgresExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  try {
    return (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

async function freshPostgres(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The country of that engine, size and seed: generated once, kept, reused. */
async function countryOf(kind: Kind, size: number): Promise<CountryInfo> {
  mkdirSync(CACHE, { recursive: true });
  const key = `${kind}-country-${size}-s${SEED}`;
  const infoFile = join(CACHE, `${key}.json`);
  // another BENCH_CACHE keeps its own PostgreSQL database too, not the shared one of that size and seed
  const own =
    CACHE === DEFAULT_CACHE
      ? ''
      : `_${basename(CACHE)
          .replace(/[^a-z0-9]/gi, '_')
          .toLowerCase()}`;
  const name = `parindex_scale_${size}_s${SEED}${own}`;
  const sqliteFile = join(CACHE, `${key}.sqlite`);
  const kept = existsSync(infoFile) && process.env.BENCH_FRESH !== '1';
  if (kept && (kind === 'sqlite' ? existsSync(sqliteFile) : await postgresExists(name))) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as CountryInfo;
    // migrations added since (another branch merged) run at open, the statistics after them
    const database = await openDatabase(info.address);
    try {
      await asAutovacuumLeavesIt(database);
    } finally {
      await database.close();
    }
    return info;
  }
  rmSync(infoFile, { force: true });
  let address: string;
  if (kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
    address = sqliteFile;
  } else {
    address = await freshPostgres(name);
  }
  const database: Database = await openDatabase(address);
  try {
    const t0 = performance.now();
    const info = await makeCountry(database, address, size, SEED, (line) => console.log(`  ${line}`));
    await refreshStatistics(database);
    await asAutovacuumLeavesIt(database);
    console.log(
      `  ${kind}, ${info.plans} plans generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    writeFileSync(infoFile, JSON.stringify(info, null, 2));
    return info;
  } finally {
    await database.close();
  }
}

/**
 * A PostgreSQL country as a server with the default autovacuum keeps it: the dead rows of the runs
 * before (a stale ranking's places written again, the edits) reclaimed and the visibility map set
 * (index-only scans read no table). This machine's server runs with autovacuum off: measured without
 * this, each run read through every run's dead places before it (417,000 after a few runs).
 */
async function asAutovacuumLeavesIt(database: Database): Promise<void> {
  if (database.kind === 'postgres') await sql`vacuum (analyze)`.execute(database.db);
}

// ——— the growth table ———

function growthTable(kind: Kind, sizes: { plans: number; figures: Figure[] }[]): void {
  console.log(
    `\n${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: every figure at every size (floor in brackets)`,
  );
  console.log(`figure | ${sizes.map((s) => `${s.plans} plans`).join(' | ')} | growth`);
  console.log(`---|${sizes.map(() => '---:').join('|')}|---`);
  // the search word and the round's units differ between sizes: a figure is matched without them
  const key = (name: string) => name.replace(/ "[^"]*"/, '').replace(/ \(\d+ units\)/, '');
  const names = sizes[0]!.figures.map((f) => key(f.name));
  for (const name of names) {
    const row = sizes.map((s) => s.figures.find((f) => key(f.name) === name));
    const cells = row.map((f) =>
      f === undefined
        ? '–'
        : `${f.value.toFixed(f.unit === 'n' ? 0 : 1)}${f.floor === undefined ? '' : ` (${f.floor.toFixed(1)})`}`,
    );
    // faster than linear: between two sizes the figure grew by more than the plans did, and by
    // more than noise (a few ms on this shared machine)
    let flag = '';
    for (let i = 1; i < row.length; i++) {
      const a = row[i - 1];
      const b = row[i];
      if (!a || !b || !a.grows) continue;
      const plans = sizes[i]!.plans / sizes[i - 1]!.plans;
      const grew = b.value / Math.max(a.value, 1e-9);
      if (grew > plans && b.value - a.value > 5)
        flag = `**faster than linear** (${sizes[i - 1]!.plans} → ${sizes[i]!.plans}: × ${grew.toFixed(1)})`;
    }
    const first = row[0];
    const last = row[row.length - 1];
    if (flag === '' && first && last && first.grows && row.length > 1)
      flag = `× ${(last.value / Math.max(first.value, 1e-9)).toFixed(2)} for × ${(sizes[sizes.length - 1]!.plans / sizes[0]!.plans).toFixed(0)} plans`;
    console.log(`${name} (${row.find((f) => f)?.unit ?? ''}) | ${cells.join(' | ')} | ${flag}`);
  }
}

async function main(): Promise<void> {
  console.log(
    `bench/scale.ts: engines ${KINDS.join(', ')}, sizes ${SIZES.join(', ')}, seed ${SEED}; ${REQUESTS} requests per list page, ` +
      `${CLIENTS} clients mixed, plan page ${CONNECTIONS} connections × ${SECONDS} s`,
  );
  const all: Record<string, { plans: number; figures: Figure[] }[]> = {};
  for (const kind of KINDS) {
    // the figures of sizes measured by an earlier run are kept beside this run's (--report)
    const file = join(CACHE, `results-${kind}.json`);
    const kept = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { plans: number; figures: Figure[] }[])
      : [];
    all[kind] = [];
    for (const size of SIZES) {
      console.log(`\n${kind}, ${size} plans`);
      const country = await countryOf(kind, size);
      if (process.argv.includes('--generate-only')) continue;
      const figures = await measure(kind, size, country);
      all[kind].push({ plans: country.plans, figures });
      const merged = [...kept.filter((k) => !all[kind]!.some((a) => a.plans === k.plans)), ...all[kind]];
      writeFileSync(
        file,
        JSON.stringify(
          merged.sort((a, b) => a.plans - b.plans),
          null,
          2,
        ),
      );
    }
    if (!process.argv.includes('--generate-only')) growthTable(kind, all[kind]);
  }
}

/** `--report`: the growth tables again from the figures kept by the last runs (a size at a time). */
function report(): void {
  for (const kind of KINDS) {
    const file = join(CACHE, `results-${kind}.json`);
    if (existsSync(file))
      growthTable(kind, JSON.parse(readFileSync(file, 'utf8')) as { plans: number; figures: Figure[] }[]);
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3]!);
else if (process.argv[2] === 'client') client();
else if (process.argv.includes('--report')) report();
else await main();
