/**
 * The self-assessment's last hour (issue 11: 500 units submitting in the last hour, each ~100
 * answers, p99 of a save < 100 ms on PostgreSQL): 500 communes in one round of a framework of ~100
 * self-scored leaves (the sample commune framework's 49, each with a copy beside it), each commune
 * with its own assessor signed in, saving answers through the real HTTP API (the server in a child
 * process: this file, `serve`; the load in this one).
 *
 * Open loop: saves arrive at a fixed rate whatever the answers' times (exponential gaps, a fixed
 * seed) — the issue's rate (500 × 100 answers in an hour ≈ 13.9 a second), then bursts of 5× and
 * 10× it — each save's time counted from when it was due, so a queue shows; GET /api/health is
 * probed at 10 a second during each, as the baseline in the same load. Then the closed loop: 32
 * clients back to back (the saves a second the server can take), the health baseline alone first.
 * Prints p50/p95/p99/max and the statements a save sends (a Kysely plugin in the server).
 *
 *   npm run bench:assessment                 (PostgreSQL, then SQLite)
 *   BENCH_ENGINES=postgres BENCH_SECONDS=60 npm run bench:assessment
 *   (BENCH_UNITS, BENCH_SECONDS per open-loop rate, BENCH_RATES the rates as multiples of the
 *   issue's (1,5,10), BENCH_CLOSED saves in the closed loop,
 *   BENCH_CONCURRENCY; PARINDEX_BENCH_POSTGRES: the server; each database is made for the run and
 *   dropped after it)
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

import {
  answerSaver,
  answersPerSecond,
  HEALTH_RATE,
  ratesOf,
  closedLoop,
  health as healthOf,
  line,
  openLoop,
  seedAnswersRound,
  type AnswersRound,
} from './answers-load.js';
import { statementCounter } from '../test/helpers/statement-counter.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 40);
const CLOSED = Number(process.env.BENCH_CLOSED ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BASELINE_REQUESTS = Number(process.env.BENCH_BASELINE ?? 2000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,sqlite').split(',') as ('postgres' | 'sqlite')[];
/** 500 units × ~100 answers in the last hour, a second */
const ISSUE_RATE = answersPerSecond(UNITS);
const RATES = ratesOf(UNITS, '1,5,10');
process.env.PARINDEX_TEST_POSTGRES ??=
  process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Setup extends AnswersRound {
  port: number;
}

// ——— the server (child process) ———

async function serve(kind: 'postgres' | 'sqlite'): Promise<void> {
  const { createTestDatabase } = await import('../test/helpers/databases.js');
  const { TEST_PASSWORD_COST } = await import('../test/helpers/accounts.js');
  const { buildApp } = await import('../src/http/app.js');

  const test = await createTestDatabase(kind);
  const database = await test.open();
  const counter = statementCounter();
  const clock = () => new Date();
  const { db } = database;
  const round = await seedAnswersRound(db, clock, UNITS);
  const app = await buildApp(
    { db: db.withPlugin(counter.plugin), clock, passwordCost: TEST_PASSWORD_COST },
    { logLevel: 'warn' },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const setup: Setup = { ...round, port: (app.server.address() as AddressInfo).port };
  process.on('message', (m: string) => {
    if (m === 'statements') process.send!({ statements: counter.count });
    if (m === 'stop') {
      void app
        .close()
        .then(() => database.close())
        .then(() => test.drop())
        .then(() => process.exit(0));
    }
  });
  process.send!({ setup });
}

// ——— the load (this process) ———

function ask(child: ChildProcess, message: string): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: { statements: number }) => ok(m.statements));
    child.send(message);
  });
}

async function measure(kind: 'postgres' | 'sqlite'): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve', kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const setup = await new Promise<Setup>((ok, fail) => {
    child.once('message', (m: { setup: Setup }) => ok(m.setup));
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${setup.port}`;
  try {
    const saver = answerSaver(setup, () => base);
    const save = () => saver.save();
    const health = () => healthOf(base);

    const engine = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    console.log(
      `\n${engine}: ${setup.sessions.length} units × ${setup.leaves.length} self-scored leaves; ` +
        `the issue's rate ${ISSUE_RATE.toFixed(1)} saves/s; open loop ${SECONDS} s per rate`,
    );
    console.log('request | count | req/s | p50 ms | p95 ms | p99 ms | max ms');
    console.log('---|---:|---:|---:|---:|---:|---:');
    await closedLoop(300, CONCURRENCY, health);
    const s0 = await ask(child, 'statements');
    const baseline = await closedLoop(BASELINE_REQUESTS, CONCURRENCY, health);
    console.log(line(`GET /api/health alone, ${CONCURRENCY} clients (baseline)`, baseline));
    const s1 = await ask(child, 'statements');
    let savesDone = 0;
    let saveStatements = 0;
    for (const [i, rate] of RATES.entries()) {
      const before = await ask(child, 'statements');
      const startedAt = saver.taken;
      const [saves, probe] = await Promise.all([
        openLoop(rate.perSecond, SECONDS, 11 + i, save),
        openLoop(HEALTH_RATE, SECONDS, 101 + i, health),
      ]);
      const after = await ask(child, 'statements');
      savesDone += saver.taken - startedAt;
      saveStatements += after - before - probe.count * ((s1 - s0) / BASELINE_REQUESTS);
      console.log(line(`PATCH …/answers/:criterionId, open loop, ${rate.label} (req/s: offered)`, saves));
      console.log(line(`GET /api/health during it (${HEALTH_RATE}/s)`, probe));
    }
    const before = await ask(child, 'statements');
    const startedAt = saver.taken;
    const capacity = await closedLoop(CLOSED, CONCURRENCY, save);
    const after = await ask(child, 'statements');
    savesDone += saver.taken - startedAt;
    saveStatements += after - before;
    console.log(
      line(`PATCH …/answers/:criterionId, closed loop, ${CONCURRENCY} clients (capacity)`, capacity),
    );
    if (saver.failures > 0) console.log(`${saver.failures} saves failed (refused or timed out)`);
    console.log(
      `${(saveStatements / savesDone).toFixed(1)} statements per save through Kysely, the session's included ` +
        `(GET /api/health: ${((s1 - s0) / BASELINE_REQUESTS).toFixed(1)}), besides BEGIN/COMMIT; ${savesDone} saves`,
    );
  } finally {
    child.send('stop');
    await new Promise((ok) => child.once('exit', ok));
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3] as 'postgres' | 'sqlite');
else for (const kind of ENGINES) await measure(kind);
