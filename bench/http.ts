/**
 * HTTP benchmark: requests per second and p99 latency of GET /api/plans/:id (the province plan's
 * tree) at 64 concurrent clients, signed in (the session is looked up on every request), against a
 * bare Fastify route answering the same bytes, in the same run. Servers run in child processes; the load comes from autocannon in this one. The
 * weight of the pages is bench/web.ts's.
 *
 *   npm run bench:http
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from '../test/helpers/fixtures.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;

function start(
  script: string,
  args: string[] = [],
): Promise<{ port: number; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    child.stdout.once('data', (d: Buffer) => {
      const [port, token] = d.toString().trim().split(' ');
      ok({ port: Number(port), token: token ?? '', child });
    });
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
}

let cookie = '';

async function load(url: string) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    pipelining: 1,
    headers: { cookie },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, bytes: result.throughput.average };
}

const app = await start('bench/serve-app.ts');
cookie = `parindex_session=${app.token}`;
const plans = (await (
  await fetch(`http://127.0.0.1:${app.port}/api/plans`, { headers: { cookie } })
).json()) as {
  id: number;
  subject: string;
}[];
const province = plans.find((p) => p.subject === 'Tỉnh Đắk Nông')!;
const path = `/api/plans/${province.id}`;
const bytes = Buffer.from(
  await (await fetch(`http://127.0.0.1:${app.port}${path}`, { headers: { cookie } })).arrayBuffer(),
);
const file = join(mkdtempSync(join(tmpdir(), 'parindex-bench-')), 'plan.json');
writeFileSync(file, bytes);
const bare = await start('bench/serve-bare.ts', [file]);

try {
  // warm both, then measure alternately so drift on this noisy machine hits both
  await load(`http://127.0.0.1:${app.port}${path}`);
  await load(`http://127.0.0.1:${bare.port}${path}`);
  const a = await load(`http://127.0.0.1:${app.port}${path}`);
  const b = await load(`http://127.0.0.1:${bare.port}${path}`);
  console.log(
    `GET ${path} (province plan, ${(bytes.length / 1024).toFixed(1)} KB JSON), ${CONNECTIONS} connections, ${DURATION} s each`,
  );
  console.log('server | req/s | p99 ms');
  console.log('---|---:|---:');
  console.log(`ParIndex app | ${a.rps.toFixed(0)} | ${a.p99}`);
  console.log(`bare Fastify, same bytes | ${b.rps.toFixed(0)} | ${b.p99}`);
  console.log(`ratio app / bare: ${(a.rps / b.rps).toFixed(2)} (req/s), ${(a.p99 / b.p99).toFixed(2)} (p99)`);
} finally {
  app.child.kill();
  bare.child.kill();
}
