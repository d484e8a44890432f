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
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 40);
const CLOSED = Number(process.env.BENCH_CLOSED ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BASELINE_REQUESTS = Number(process.env.BENCH_BASELINE ?? 2000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,sqlite').split(',') as ('postgres' | 'sqlite')[];
/** 500 units × ~100 answers in the last hour, a second */
const ISSUE_RATE = (UNITS * 100) / 3600;
const RATES = (process.env.BENCH_RATES ?? '1,5,10')
  .split(',')
  .map(Number)
  .map((x) => ({ label: `${x}× the issue's rate`, perSecond: ISSUE_RATE * x }));
const HEALTH_RATE = 10;
process.env.PARINDEX_TEST_POSTGRES ??=
  process.env.PARINDEX_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Session {
  unitId: number;
  cookie: string;
  csrf: string;
}

interface Setup {
  port: number;
  roundId: number;
  sessions: Session[];
  /** the leaves a unit answers, each with its answers */
  leaves: { id: number; code: string; answers: unknown[] }[];
}

// ——— the server (child process) ———

async function serve(kind: 'postgres' | 'sqlite'): Promise<void> {
  const { createTestDatabase } = await import('../test/helpers/databases.js');
  const { seedRound, calendarFrom } = await import('../test/helpers/rounds.js');
  const { addUser, TEST_PASSWORD, TEST_PASSWORD_COST } = await import('../test/helpers/accounts.js');
  const { buildApp } = await import('../src/http/app.js');
  const { signIn } = await import('../src/modules/auth.js');
  const { insertUnit } = await import('../src/db/units-repo.js');
  const { unitKey } = await import('../src/core/units.js');
  const { roundCriteria } = await import('../src/modules/round-context.js');
  const { sampleAnswer } = await import('../src/modules/samples.js');
  const { ZERO } = await import('../src/core/score.js');

  const test = await createTestDatabase(kind);
  const database = await test.open();
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => {
      statements++;
      return args.node;
    },
    transformResult: (args: PluginTransformResultArgs) => Promise.resolve(args.result),
  };
  const clock = () => new Date();
  const day = clock().toISOString().slice(0, 10);
  // the self-assessment opened 9 days ago and closes tomorrow: its last hours
  const first = new Date(Date.parse(`${day}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
  const fixture = await seedRound(
    { db: database.db, clock },
    { calendar: calendarFrom(first, 11), communes: Math.min(UNITS, 8) },
  );
  const { db } = database;
  // ~100 self-scored leaves: each of the sample framework's beside a copy of it (code n + 50 under
  // the same parent, the same rule; a gate's copy reads the same criterion)
  const rows = await db
    .selectFrom('criteria')
    .selectAll()
    .where('framework_id', '=', fixture.frameworkId)
    .orderBy('position')
    .execute();
  const parents = new Set(rows.map((r) => r.parent_code));
  await db
    .updateTable('criteria')
    .set((eb) => ({ position: eb('position', '*', 2) }))
    .where('framework_id', '=', fixture.frameworkId)
    .execute();
  const copies = rows.filter(
    (r) => !parents.has(r.code) && r.rule !== null && r.scorer !== 'survey' && r.scorer !== 'council',
  );
  for (const r of copies) {
    const { id: _id, version: _version, ...rest } = r;
    const last = Number(r.code.split('.').pop());
    const code = `${r.parent_code}.${last + 50}`;
    await db
      .insertInto('criteria')
      .values({ ...rest, code, raw_code: code, position: r.position * 2 + 1, name: `${r.name} (bản sao)` })
      .execute();
  }
  const at = clock().toISOString();
  const unitIds = fixture.communes.map((c) => c.id);
  for (let i = unitIds.length; i < UNITS; i++) {
    const name = `Xã Thử ${String(i + 1).padStart(3, '0')}`;
    const id = await insertUnit(db, {
      name,
      name_key: unitKey(name, { levelWords: [] }),
      kind: 'commune',
      parent_id: fixture.provinceId,
      created_at: at,
    });
    unitIds.push(id);
  }
  if (unitIds.length > fixture.communes.length) {
    await db
      .insertInto('round_units')
      .values(
        unitIds
          .slice(fixture.communes.length)
          .map((unit_id) => ({ round_id: fixture.roundId, unit_id, submitted_at: null, submitted_by: null })),
      )
      .execute();
  }
  const sessions: Session[] = [];
  for (const [i, unitId] of unitIds.entries()) {
    const username = `canbo${i + 1}`;
    await addUser({ db, clock }, username, [{ role: 'assessor', unitId }]);
    const { token, session } = await signIn(
      { db, clock, passwordCost: TEST_PASSWORD_COST },
      { username, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
    );
    sessions.push({ unitId, cookie: `parindex_session=${token}`, csrf: session.csrfToken });
  }
  const criteria = await roundCriteria(db, fixture.frameworkId);
  const codes = new Set(criteria.map((c) => c.parentCode));
  const leaves = criteria.flatMap((c) => {
    if (codes.has(c.code) || !c.rule || c.scorer === 'survey' || c.scorer === 'council') return [];
    const max = c.max ?? (c.rule.kind === 'bonus' || c.rule.kind === 'penalty' ? c.rule.cap : ZERO);
    const answers = [sampleAnswer(c.rule, max, 'fair'), sampleAnswer(c.rule, max, 'good')];
    return answers.every((a) => a !== null) ? [{ id: c.id, code: c.code, answers }] : [];
  });
  const app = await buildApp(
    { db: db.withPlugin(counting), clock, passwordCost: TEST_PASSWORD_COST },
    { logLevel: 'warn' },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const setup: Setup = {
    port: (app.server.address() as AddressInfo).port,
    roundId: fixture.roundId,
    sessions,
    leaves,
  };
  process.on('message', (m: string) => {
    if (m === 'statements') process.send!({ statements });
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

interface Figures {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function figures(times: number[], seconds: number): Figures {
  times.sort((a, b) => a - b);
  return {
    count: times.length,
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
  };
}

/** `count` requests by CONCURRENCY clients back to back. */
async function closedLoop(count: number, request: () => Promise<void>): Promise<Figures> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await request();
        times.push(performance.now() - t);
      }
    }),
  );
  return figures(times, (performance.now() - started) / 1000);
}

/** A small fixed-seed generator (mulberry32): the same arrivals every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests arriving at `perSecond` for `seconds` (exponential gaps), each timed from when it was
 * due: a request the server is late for counts its wait.
 */
async function openLoop(
  perSecond: number,
  seconds: number,
  seed: number,
  request: () => Promise<void>,
): Promise<Figures> {
  const next = random(seed);
  const due: number[] = [];
  for (let t = 0; ;) {
    t += (-Math.log(1 - next()) / perSecond) * 1000;
    if (t > seconds * 1000) break;
    due.push(t);
  }
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    due.map(async (at) => {
      const wait = started + at - performance.now();
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      await request();
      times.push(performance.now() - (started + at));
    }),
  );
  return figures(times, seconds);
}

function ask(child: ChildProcess, message: string): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: { statements: number }) => ok(m.statements));
    child.send(message);
  });
}

const ms = (v: number) => v.toFixed(1);
const line = (name: string, f: Figures) =>
  `${name} | ${f.count} | ${f.perSecond.toFixed(1)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)}`;

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
    // every unit's saves, mixed: save k of every unit before save k + 1 of any, units shuffled;
    // each leaf answered, then answered again with the other answer
    const versions = new Map<string, number>();
    const plan: { session: Session; leaf: Setup['leaves'][number]; answer: unknown }[] = [];
    const order = setup.sessions.map((s, i) => ({ s, key: (i * 7919) % setup.sessions.length }));
    order.sort((a, b) => a.key - b.key);
    for (let round = 0; round < 2; round++) {
      for (const [li, leaf] of setup.leaves.entries()) {
        for (const { s } of order) {
          plan.push({ session: s, leaf, answer: leaf.answers[(round + li) % leaf.answers.length] });
        }
      }
    }
    let taken = 0;
    let failures = 0;
    const save = async () => {
      const { session, leaf, answer } = plan[taken++ % plan.length]!;
      const key = `${session.unitId}:${leaf.id}`;
      try {
        const res = await fetch(
          `${base}/api/rounds/${setup.roundId}/units/${session.unitId}/answers/${leaf.id}`,
          {
            method: 'PATCH',
            headers: {
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ version: versions.get(key) ?? 0, answer, note: `lần ${taken}` }),
          },
        );
        const body = (await res.json()) as { criterion?: { version: number } };
        if (res.status !== 200 || !body.criterion) throw new Error(`${res.status} ${JSON.stringify(body)}`);
        versions.set(key, body.criterion.version);
      } catch (e) {
        // an overloaded server refuses or times out: counted, reported, the run goes on
        if (failures++ < 3) console.error(`save ${key}: ${String(e).slice(0, 300)}`);
      }
    };
    const health = async () => {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`health ${res.status}`);
    };

    const engine = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    console.log(
      `\n${engine}: ${setup.sessions.length} units × ${setup.leaves.length} self-scored leaves; ` +
        `the issue's rate ${ISSUE_RATE.toFixed(1)} saves/s; open loop ${SECONDS} s per rate`,
    );
    console.log('request | count | req/s | p50 ms | p95 ms | p99 ms | max ms');
    console.log('---|---:|---:|---:|---:|---:|---:');
    await closedLoop(300, health);
    const s0 = await ask(child, 'statements');
    const baseline = await closedLoop(BASELINE_REQUESTS, health);
    console.log(line(`GET /api/health alone, ${CONCURRENCY} clients (baseline)`, baseline));
    const s1 = await ask(child, 'statements');
    let savesDone = 0;
    let saveStatements = 0;
    for (const [i, rate] of RATES.entries()) {
      const before = await ask(child, 'statements');
      const startedAt = taken;
      const [saves, probe] = await Promise.all([
        openLoop(rate.perSecond, SECONDS, 11 + i, save),
        openLoop(HEALTH_RATE, SECONDS, 101 + i, health),
      ]);
      const after = await ask(child, 'statements');
      savesDone += taken - startedAt;
      saveStatements += after - before - probe.count * ((s1 - s0) / BASELINE_REQUESTS);
      console.log(line(`PATCH …/answers/:criterionId, open loop, ${rate.label} (req/s: offered)`, saves));
      console.log(line(`GET /api/health during it (${HEALTH_RATE}/s)`, probe));
    }
    const before = await ask(child, 'statements');
    const startedAt = taken;
    const capacity = await closedLoop(CLOSED, save);
    const after = await ask(child, 'statements');
    savesDone += taken - startedAt;
    saveStatements += after - before;
    console.log(
      line(`PATCH …/answers/:criterionId, closed loop, ${CONCURRENCY} clients (capacity)`, capacity),
    );
    if (failures > 0) console.log(`${failures} saves failed (refused or timed out)`);
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
