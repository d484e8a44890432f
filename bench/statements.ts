/**
 * Per-request work on SQLite, before and after in the same process (issue 13): two databases with
 * the seed, one opening with the statement cache (database.ts#reusingStatements, 500 kept), one
 * preparing every statement anew as Kysely's driver does; the same work is run on each in turns,
 * and CPU time (not wall time: the machine is shared) is compared:
 * - the plan page (GET /api/plans/:id through the app, signed in: session, head, cached view),
 * - a score edit (updateItemScores + the plan view the PATCH answers with, as bench/edits.ts),
 * - helmet's headers: @fastify/helmet per request against the headers made once
 *   (http/security-headers.ts), each on a bare Fastify route.
 *
 *   npx tsx bench/statements.ts [rounds, default 5]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { openDatabase } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { registerSecurityHeaders, SECURITY_HEADERS } from '../src/http/security-headers.js';
import { signIn } from '../src/modules/auth.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { updateItemScores } from '../src/modules/plan-edits.js';
import { planViewFor } from '../src/modules/plan-view.js';
import { createAccount, TEST_PASSWORD } from '../test/helpers/accounts.js';
import { SEED_PATH } from '../test/helpers/fixtures.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const PAGES = 400;
const EDITS = 60;
const clock = () => new Date();
const actor = systemActor('bench');

async function setUp(statementCache: number) {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-statements-'));
  const database = await openDatabase(join(dir, 'bench.sqlite'), { statementCache });
  const imported = await importPlans(
    { db: database.db, clock },
    { bytes: new Uint8Array(readFileSync(SEED_PATH)), sourceName: 'seed.txt', actor },
  );
  if (!imported.ok) throw new Error('seed not imported');
  const planId = imported.plans[0]!.planId;
  await createAccount(database.db, 'bench', [{ role: 'admin', unitId: null }]);
  const { token } = await signIn(
    { db: database.db, clock },
    { username: 'bench', password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'bench' },
  );
  const app = await buildApp({ db: database.db, clock });
  const view = JSON.parse((await planViewFor(database.db, planId, actor)).json.toString()) as {
    rows: { itemId: number; code: string; parentCode: string | null; max: string | null; version: number }[];
  };
  const leaf = view.rows.find(
    (r) => r.max !== null && Number(r.max) >= 1 && !view.rows.some((c) => c.parentCode === r.code),
  )!;
  return { database, app, planId, cookie: `parindex_session=${token}`, leaf, version: leaf.version };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** CPU milliseconds of the process spent in `work`. */
async function cpu(work: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function pages(s: Setup): Promise<number> {
  return cpu(async () => {
    for (let i = 0; i < PAGES; i++) {
      const res = await s.app.inject({
        method: 'GET',
        url: `/api/plans/${s.planId}`,
        headers: { cookie: s.cookie },
      });
      if (res.statusCode !== 200) throw new Error(`plan page: ${res.statusCode}`);
    }
  });
}

async function edits(s: Setup): Promise<number> {
  return cpu(async () => {
    for (let i = 0; i < EDITS; i++) {
      await updateItemScores({ db: s.database.db, clock }, actor, s.planId, s.leaf.itemId, {
        version: s.version,
        target: i % 2 === 0 ? '0.5' : '1',
      });
      await planViewFor(s.database.db, s.planId, actor);
      s.version++;
    }
  });
}

async function bare(headers: 'none' | 'helmet' | 'once'): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  if (headers === 'helmet') await app.register(fastifyHelmet, SECURITY_HEADERS);
  if (headers === 'once') await registerSecurityHeaders(app, SECURITY_HEADERS);
  app.get('/', (_request, reply) => reply.send('{}'));
  await app.ready();
  return app;
}

async function hits(app: FastifyInstance): Promise<number> {
  return cpu(async () => {
    for (let i = 0; i < 2000; i++) await app.inject({ method: 'GET', url: '/' });
  });
}

const kept = await setUp(500);
const anew = await setUp(0);
const helmetApps = { none: await bare('none'), helmet: await bare('helmet'), once: await bare('once') };
// one untimed turn each: code paths compiled, caches filled
await pages(kept);
await pages(anew);
await edits(kept);
await edits(anew);

const sum = { pagesKept: 0, pagesAnew: 0, editsKept: 0, editsAnew: 0, none: 0, helmet: 0, once: 0 };
for (let round = 0; round < ROUNDS; round++) {
  // in turns, the order switched each round
  const order = round % 2 === 0 ? [kept, anew] : [anew, kept];
  for (const s of order) {
    const ms = await pages(s);
    if (s === kept) sum.pagesKept += ms;
    else sum.pagesAnew += ms;
  }
  for (const s of order) {
    const ms = await edits(s);
    if (s === kept) sum.editsKept += ms;
    else sum.editsAnew += ms;
  }
  sum.none += await hits(helmetApps.none);
  sum.helmet += await hits(helmetApps.helmet);
  sum.once += await hits(helmetApps.once);
}
const per = (ms: number, n: number) => (ms / (n * ROUNDS)).toFixed(3);
console.log(
  `plan page (GET /api/plans/:id, inject): CPU ${per(sum.pagesKept, PAGES)} ms with statements kept, ` +
    `${per(sum.pagesAnew, PAGES)} ms prepared anew: ratio ${(sum.pagesKept / sum.pagesAnew).toFixed(2)}`,
);
console.log(
  `score edit (edit + plan view): CPU ${per(sum.editsKept, EDITS)} ms kept, ${per(sum.editsAnew, EDITS)} ms ` +
    `anew: ratio ${(sum.editsKept / sum.editsAnew).toFixed(2)}`,
);
console.log(
  `bare route (inject): CPU ${per(sum.none, 2000)} ms with no headers, ${per(sum.helmet, 2000)} ms with ` +
    `@fastify/helmet, ${per(sum.once, 2000)} ms with the headers made once; helmet's cost ` +
    `${per(sum.helmet - sum.none, 2000)} → ${per(sum.once - sum.none, 2000)} ms`,
);
for (const s of [kept, anew]) {
  await s.app.close();
  await s.database.close();
}
for (const app of Object.values(helmetApps)) await app.close();
