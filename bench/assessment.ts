/**
 * The self-assessment's last hour: on PostgreSQL, 500 communes in one round of the sample commune
 * framework, each with its own assessor signed in, every unit saving its answers (~100 saves: each
 * self-scored leaf answered, then answered again) through the real HTTP API at 32 concurrent
 * requests, in an order mixing the units. Prints p50/p95/p99 of a save, the statements a save sends
 * (counted by a Kysely plugin in the server), and a baseline measured the same way in the same run
 * (GET /api/health) with the ratio. The server runs in a child process (this file, `serve`), the
 * load in this one.
 *
 *   PARINDEX_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres npm run bench:assessment
 *   (BENCH_UNITS, BENCH_ROUNDS_PER_LEAF, BENCH_CONCURRENCY change the load; the database is made
 *   for the run and dropped after it)
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';

const UNITS = Number(process.env.BENCH_UNITS ?? 500);
const SAVES_PER_LEAF = Number(process.env.BENCH_ROUNDS_PER_LEAF ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BASELINE_REQUESTS = Number(process.env.BENCH_BASELINE ?? 5000);
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
  /** the leaves a unit answers, each with its answer */
  leaves: { id: number; code: string; answers: unknown[] }[];
}

// ——— the server (child process) ———

async function serve(): Promise<void> {
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

  const test = await createTestDatabase('postgres');
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
  const at = clock().toISOString();
  const unitIds = fixture.communes.map((c) => c.id);
  for (let i = unitIds.length; i < UNITS; i++) {
    const name = `Xã Thử ${String(i + 1).padStart(3, '0')}`;
    const id = await insertUnit(database.db, {
      name,
      name_key: unitKey(name, { levelWords: [] }),
      kind: 'commune',
      parent_id: fixture.provinceId,
      created_at: at,
    });
    unitIds.push(id);
  }
  await database.db
    .insertInto('round_units')
    .values(
      unitIds
        .slice(fixture.communes.length)
        .map((unit_id) => ({ round_id: fixture.roundId, unit_id, submitted_at: null, submitted_by: null })),
    )
    .execute();
  const sessions: Session[] = [];
  for (const [i, unitId] of unitIds.entries()) {
    const username = `canbo${i + 1}`;
    // 'assessor' is a role of 0018 the test helper's type does not list yet
    await addUser({ db: database.db, clock }, username, [{ role: 'assessor', unitId }]);
    const { token, session } = await signIn(
      { db: database.db, clock, passwordCost: TEST_PASSWORD_COST },
      { username, password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
    );
    sessions.push({ unitId, cookie: `parindex_session=${token}`, csrf: session.csrfToken });
  }
  const criteria = await roundCriteria(database.db, fixture.frameworkId);
  const leaves = criteria.flatMap((c) => {
    if (!c.rule || c.scorer === 'survey' || c.scorer === 'council') return [];
    const max = c.max ?? (c.rule.kind === 'bonus' || c.rule.kind === 'penalty' ? c.rule.cap : ZERO);
    const answers = [sampleAnswer(c.rule, max, 'fair'), sampleAnswer(c.rule, max, 'good')];
    return answers.every((a) => a !== null) ? [{ id: c.id, code: c.code, answers }] : [];
  });
  const app = await buildApp(
    { db: database.db.withPlugin(counting), clock, passwordCost: TEST_PASSWORD_COST },
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(
  count: number,
  request: (i: number) => Promise<void>,
): Promise<{ p50: number; p95: number; p99: number; max: number; perSecond: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await request(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
    perSecond: count / seconds,
  };
}

function ask(child: ChildProcess, message: string): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: { statements: number }) => ok(m.statements));
    child.send(message);
  });
}

async function measure(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const setup = await new Promise<Setup>((ok, fail) => {
    child.once('message', (m: { setup: Setup }) => ok(m.setup));
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${setup.port}`;
  try {
    // every unit's saves, mixed: save k of every unit before save k + 1 of any, units shuffled
    const versions = new Map<string, number>();
    const plan: { session: Session; leaf: Setup['leaves'][number]; answer: unknown }[] = [];
    const order = setup.sessions.map((s, i) => ({ s, key: (i * 7919) % setup.sessions.length }));
    order.sort((a, b) => a.key - b.key);
    for (let round = 0; round < SAVES_PER_LEAF; round++) {
      for (const [li, leaf] of setup.leaves.entries()) {
        for (const { s } of order) {
          plan.push({ session: s, leaf, answer: leaf.answers[(round + li) % leaf.answers.length] });
        }
      }
    }
    let failures = 0;
    const save = async (i: number) => {
      const { session, leaf, answer } = plan[i]!;
      const key = `${session.unitId}:${leaf.id}`;
      const res = await fetch(
        `${base}/api/rounds/${setup.roundId}/units/${session.unitId}/answers/${leaf.id}`,
        {
          method: 'PATCH',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ version: versions.get(key) ?? 0, answer, note: `lần ${i}` }),
        },
      );
      const body = (await res.json()) as { criterion?: { version: number } };
      if (res.status !== 200 || !body.criterion) {
        if (failures++ < 3) console.error(`save ${key}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        return;
      }
      versions.set(key, body.criterion.version);
    };
    const health = async () => {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`health ${res.status}`);
    };
    // warm up: the baseline, then one save per leaf of one unit, then the measured runs
    await run(500, health);
    const before = await ask(child, 'statements');
    const baseline = await run(BASELINE_REQUESTS, health);
    const afterBaseline = await ask(child, 'statements');
    const saves = await run(plan.length, save);
    const afterSaves = await ask(child, 'statements');
    if (failures > 0) throw new Error(`${failures} saves failed`);
    const perSave = (afterSaves - afterBaseline) / plan.length;
    const ms = (v: number) => v.toFixed(1);
    console.log(
      `PostgreSQL, ${setup.sessions.length} units × ${setup.leaves.length} leaves × ${SAVES_PER_LEAF} = ${plan.length} saves, ${CONCURRENCY} concurrent requests`,
    );
    console.log('request | count | req/s | p50 ms | p95 ms | p99 ms | max ms');
    console.log('---|---:|---:|---:|---:|---:|---:');
    console.log(
      `GET /api/health (baseline) | ${BASELINE_REQUESTS} | ${baseline.perSecond.toFixed(0)} | ${ms(baseline.p50)} | ${ms(baseline.p95)} | ${ms(baseline.p99)} | ${ms(baseline.max)}`,
    );
    console.log(
      `PATCH …/answers/:criterionId | ${plan.length} | ${saves.perSecond.toFixed(0)} | ${ms(saves.p50)} | ${ms(saves.p95)} | ${ms(saves.p99)} | ${ms(saves.max)}`,
    );
    console.log(
      `p99 of a save: ${ms(saves.p99)} ms (${(saves.p99 / baseline.p99).toFixed(1)}× the baseline's p99; target < 100 ms); ` +
        `${perSave.toFixed(1)} statements per save through Kysely (the baseline: ${((afterBaseline - before) / BASELINE_REQUESTS).toFixed(1)}), besides BEGIN/COMMIT`,
    );
  } finally {
    child.send('stop');
    await new Promise((ok) => child.once('exit', ok));
  }
}

if (process.argv[2] === 'serve') await serve();
else await measure();
