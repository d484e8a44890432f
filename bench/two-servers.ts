/**
 * The self-assessment's last hour on two app servers (issue 13 point 4): 500 communes of one round,
 * each with its own assessor signed in, saving answers through the real HTTP API, the saves spread
 * over two processes of src/http/server.ts (as `npm start` runs it) on one PostgreSQL database and
 * one S3-compatible bucket (s3rver) — the round and the sessions written by this process before the
 * servers start (bench/answers-load.ts, shared with bench/assessment.ts).
 *
 * Open loop at the issue's rate (500 × 100 answers in an hour ≈ 13.9 saves a second) and 5× it, each
 * save timed from when it was due; at each rate the same load sent to server A alone right after,
 * as the baseline in the same run, and GET /api/health probed at 10 a second on both. Target: p99 of
 * a save < 100 ms with 0 errors.
 *
 *   npm run bench:two-servers
 *   (BENCH_UNITS, BENCH_SECONDS per run, BENCH_RATES the rates as multiples of the issue's (1,5);
 *   PARINDEX_BENCH_POSTGRES: the server; the database is made for the run and dropped after it)
 */
import { refreshStatistics } from '../src/db/database.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { startLocalS3 } from '../test/helpers/evidence-files.js';
import { startInstance, type Instance } from '../test/helpers/instances.js';
import {
  answerSaver,
  answersPerSecond,
  HEALTH_RATE,
  ratesOf,
  closedLoop,
  health,
  line,
  openLoop,
  seedAnswersRound,
  type Figures,
} from './answers-load.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ISSUE_RATE = answersPerSecond(UNITS);
const RATES = ratesOf(UNITS, '1,5');
process.env.PARINDEX_TEST_POSTGRES ??=
  process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const test = await createTestDatabase('postgres');
const s3 = await startLocalS3('parindex-bench-two-servers');
const servers: Instance[] = [];
try {
  const database = await test.open();
  const round = await seedAnswersRound(database.db, () => new Date(), UNITS);
  // statistics for the planner after the bulk write, as the app does after its own
  await refreshStatistics(database);
  await database.close();
  const env = { ...s3.env(), DATABASE_URL: test.address };
  servers.push(...(await Promise.all([startInstance('A', env), startInstance('B', env)])));
  const [a, b] = servers as [Instance, Instance];

  // one mix of saves for the whole run (each answer's version follows it from server to server);
  // `targets` says which servers the next saves go to
  let targets: Instance[] = [a, b];
  const saver = answerSaver(round, (n) => targets[n % targets.length]!.base);
  let probes = 0;
  const probe = () => health(servers[probes++ % 2]!.base);

  console.log(
    `PostgreSQL, two server processes: ${round.sessions.length} units × ${round.leaves.length} self-scored ` +
      `leaves; the issue's rate ${ISSUE_RATE.toFixed(1)} saves/s; open loop ${SECONDS} s per run`,
  );
  console.log('request | count | req/s | p50 ms | p95 ms | p99 ms | max ms');
  console.log('---|---:|---:|---:|---:|---:|---:');
  await closedLoop(400, 16, probe);
  // both servers' save path warm (code compiled, the round's context kept) before anything is timed
  await closedLoop(400, 8, () => saver.save());
  console.log(line('GET /api/health on A and B, 16 clients (baseline)', await closedLoop(2000, 16, probe)));
  const results: { label: string; figures: Figures; failures: number }[] = [];
  for (const [i, rate] of RATES.entries()) {
    for (const [label, to] of [
      ['A and B, alternately', [a, b]],
      ['A alone (baseline)', [a]],
    ] as const) {
      targets = [...to];
      const failed = saver.failures;
      const [saves, probed] = await Promise.all([
        openLoop(rate.perSecond, SECONDS, 11 + i, () => saver.save()),
        openLoop(HEALTH_RATE, SECONDS, 101 + i, probe),
      ]);
      const name = `PATCH …/answers/:criterionId, ${rate.label}, ${label}`;
      console.log(line(name, saves));
      console.log(line(`GET /api/health during it (${HEALTH_RATE}/s)`, probed));
      results.push({ label: name, figures: saves, failures: saver.failures - failed });
    }
  }
  console.log('');
  for (const r of results) {
    const verdict = r.figures.p99 < 100 && r.failures === 0 ? 'within' : 'OUTSIDE';
    console.log(
      `${r.label}: p99 ${r.figures.p99.toFixed(1)} ms, ${r.failures} errors — ${verdict} the target (p99 < 100 ms, 0 errors)`,
    );
  }
  for (let i = 0; i + 1 < results.length; i += 2) {
    const [two, one] = [results[i]!.figures, results[i + 1]!.figures];
    console.log(`${RATES[i / 2]!.label}: p99 two servers / A alone ${(two.p99 / one.p99).toFixed(2)}`);
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await test.drop();
  await s3.close();
}
