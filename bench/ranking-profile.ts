/**
 * Where a page of GET /api/results/:id/ranking spends (issue 13 point 3), on a database holding
 * bench/ranking.ts's pool (3,500 units × 100 criteria, two years): each SQL statement of the
 * use-case timed by a Kysely plugin (median over the runs, per statement in the order they ran),
 * for a stored page (rankingPageOf in process) and a stale one (the pool's version moved before
 * each); then what HTTP adds over the same page in this process (the app listening here, one
 * client): the session's statements, the response's JSON.stringify and brotli (quality 4, what
 * @fastify/compress sends a client that accepts it), each timed alone, and the page's size.
 *
 *   npx tsx bench/ranking-profile.ts [address]   (an SQLite file or a postgres:// URL; BENCH_SEED=1
 *   stores the pool there first; BENCH_RUNS pages each, 30 by default)
 */
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants } from 'node:zlib';
import type { KyselyPlugin } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { movePoolVersion, rankedInSql } from '../src/db/results-repo.js';
import { buildApp } from '../src/http/app.js';
import { systemActor } from '../src/modules/access.js';
import { signIn } from '../src/modules/auth.js';
import { closeComputePool } from '../src/modules/compute-pool.js';
import { rankingPageOf } from '../src/modules/results.js';
import { createAccount, TEST_PASSWORD, TEST_PASSWORD_COST } from '../test/helpers/accounts.js';
import { AREAS, COMPONENTS, seed } from './ranking.js';

const address = process.argv[2] ?? '/tmp/rank-profile/pool.sqlite';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/** Each statement's time, by its first words (the table or function it reads), in the order run. */
function statementTimer() {
  const started = new Map<unknown, { at: number; label: string }>();
  let run: { label: string; ms: number }[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      started.set(args.queryId, { at: performance.now(), label: labelOf(args.node) });
      return args.node;
    },
    transformResult: (args) => {
      const s = started.get(args.queryId);
      started.delete(args.queryId);
      if (s) run.push({ label: s.label, ms: performance.now() - s.at });
      return Promise.resolve(args.result);
    },
  };
  return { plugin, take: () => [run, (run = [])][0]! };
}

function labelOf(node: { kind: string }): string {
  type Named = { kind: string; table?: { identifier?: { name: string } }; node?: Named };
  const n = node as {
    kind: string;
    from?: { froms: Named[] };
    table?: Named;
    into?: Named;
    sqlFragments?: readonly string[];
  };
  if (n.kind === 'RawNode')
    return `sql: ${(n.sqlFragments ?? []).join('?').replace(/\s+/g, ' ').trim().slice(0, 70)}`;
  const nameOf = (t: Named | undefined): string | undefined =>
    t === undefined ? undefined : (t.table?.identifier?.name ?? nameOf(t.node));
  return `${n.kind.replace('Node', '').toLowerCase()} ${nameOf(n.from?.froms[0] ?? n.table ?? n.into) ?? '?'}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs `work` RUNS times (after one untimed), each statement's median by its place in the run. */
async function profile(
  what: string,
  timer: ReturnType<typeof statementTimer>,
  work: () => Promise<unknown>,
  before: () => Promise<unknown> = () => Promise.resolve(),
) {
  await before();
  await work();
  timer.take();
  const totals: number[] = [];
  const steps: { label: string; ms: number }[][] = [];
  for (let i = 0; i < RUNS; i++) {
    await before();
    timer.take();
    const t = performance.now();
    await work();
    totals.push(performance.now() - t);
    steps.push(timer.take());
  }
  console.log(`\n${what}: p50 ${median(totals).toFixed(2)} ms (${RUNS} runs); statements (median ms):`);
  const longest = steps.reduce((a, b) => (b.length > a.length ? b : a), []);
  longest.forEach((s, i) => {
    const times = steps.map((r) => r[i]?.ms).filter((x) => x !== undefined);
    console.log(`  ${i + 1}. ${median(times).toFixed(2)}  ${s.label}`);
  });
  const sum = median(steps.map((r) => r.reduce((n, s) => n + s.ms, 0)));
  console.log(`  (sum of the statements' times ${sum.toFixed(2)}; they may overlap)`);
  return median(totals);
}

const database = await openDatabase(address);
const timer = statementTimer();
const db = database.db.withPlugin(timer.plugin);
try {
  const { resultId, poolId } = process.env.BENCH_SEED
    ? await seed(database.db)
    : await database.db
        .selectFrom('results')
        .select(['id as resultId', 'pool_id as poolId'])
        .orderBy('year', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
  console.log(`${database.kind}: result ${resultId} of pool ${poolId}; ${RUNS} runs`);
  const deps = { db, clock: () => new Date() };
  const actor = systemActor('bench');
  const codes = [...COMPONENTS, ...Array.from({ length: AREAS }, (_, a) => String(a + 1))];
  const page = { offset: 1750, limit: 50 };
  const read = () => rankingPageOf(deps, actor, resultId, page);
  const stored = await profile('stored page, rankingPageOf in process', timer, read);
  const raw = await profile('floor: rankedInSql over the page', timer, () =>
    rankedInSql(database.db, resultId, codes, 'part_scores', page),
  );
  await profile('stale page, rankingPageOf in process', timer, read, () =>
    movePoolVersion(database.db, poolId),
  );
  await read();

  // HTTP: the app listening in this process, the same page from one client
  const username = 'profile-bench';
  const known = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!known) await createAccount(database.db, username, [{ role: 'admin', unitId: null }]);
  const { token } = await signIn(
    { db: database.db, clock: () => new Date(), passwordCost: TEST_PASSWORD_COST },
    { username, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
  );
  const app = await buildApp({ db, clock: () => new Date(), passwordCost: TEST_PASSWORD_COST });
  // the server's own time for a request: received → answer sent (Fastify's elapsedTime)
  let served = 0;
  app.addHook('onResponse', async (_request, reply) => {
    served = reply.elapsedTime;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/api/results/${resultId}/ranking?offset=${page.offset}&limit=${page.limit}`;
  const get = (encoding: string) => async () => {
    const res = await fetch(url, {
      headers: { cookie: `parindex_session=${token}`, 'accept-encoding': encoding },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${res.status}`);
  };
  try {
    const br = await profile('stored page over HTTP (accept-encoding br)', timer, get('br'));
    const plain = await profile('stored page over HTTP (identity)', timer, get('identity'));
    const body = await read();
    const times = (f: () => unknown) => {
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        f();
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    const text = JSON.stringify(body);
    const stringify = times(() => JSON.stringify(body));
    const brotli = times(() => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }));
    const size = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
    console.log(
      `\nthe page: ${(text.length / 1024).toFixed(1)} KB of JSON (${(size / 1024).toFixed(1)} KB in brotli 4); ` +
        `JSON.stringify ${stringify.toFixed(2)} ms, brotli ${brotli.toFixed(2)} ms`,
    );
    // the same page each way in turn (a loaded machine's load moves within a run): in process, over
    // HTTP without and with brotli (the client's time and the server's own), the floor
    const own: number[] = [];
    const plainHttp: number[] = [];
    const brHttp: number[] = [];
    const plainServed: number[] = [];
    const brServed: number[] = [];
    const floor: number[] = [];
    const timed = async (work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      return performance.now() - t;
    };
    for (let i = 0; i < RUNS + 3; i++) {
      const o = await timed(read);
      const p = await timed(get('identity'));
      const ps = served;
      const b = await timed(get('br'));
      const bs = served;
      const f = await timed(() => rankedInSql(database.db, resultId, codes, 'part_scores', page));
      if (i < 3) continue;
      for (const [xs, x] of [
        [own, o],
        [plainHttp, p],
        [plainServed, ps],
        [brHttp, b],
        [brServed, bs],
        [floor, f],
      ] as const)
        xs.push(x);
    }
    const m = median;
    console.log(
      `in turn, medians: floor ${m(floor).toFixed(2)} · in process ${m(own).toFixed(2)} (× ${(m(own) / m(floor)).toFixed(2)}) · ` +
        `HTTP identity ${m(plainHttp).toFixed(2)} (server ${m(plainServed).toFixed(2)}; × ${(m(plainHttp) / m(floor)).toFixed(2)}) · ` +
        `HTTP br ${m(brHttp).toFixed(2)} (server ${m(brServed).toFixed(2)}; × ${(m(brHttp) / m(floor)).toFixed(2)})`,
    );
    console.log(
      `summary: floor ${raw.toFixed(2)} · in process ${stored.toFixed(2)} (× ${(stored / raw).toFixed(2)}) · ` +
        `HTTP identity ${plain.toFixed(2)} (× ${(plain / raw).toFixed(2)}) · HTTP br ${br.toFixed(2)} (× ${(br / raw).toFixed(2)})`,
    );
  } finally {
    await app.close();
  }
} finally {
  await closeComputePool();
  await database.close();
}
