/**
 * The command line's start (issue 13 point 7): the built `parindex check` of the seed text file
 * (read in the command's own thread, cli/read-local.ts) against the floor of the same run — `node -e 0`, a Node process that loads nothing — and against
 * `parindex --version` (commander, the catalog and the command files, no action). Each is run RUNS
 * times, one of each in turn so that the machine's load falls on all alike; prints the median, p95
 * and the ratio to the floor, and the mean CPU time of each (its children's, from /proc on Linux)
 * beside the floor's. The target is `check` in ≤ 300 ms.
 *
 *   npm run build:server && npm run bench:cli
 *   (BENCH_RUNS changes the count, 20 by default; BENCH_CLI_BASELINE=path/to/bin/parindex.js adds an
 *   older build — e.g. the commit before the lazy commands — to the same run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SHARED_SEED = join(ROOT, '../shared/seeds/000_ec60236c2b8a4f74.txt');
const SEED = existsSync(SHARED_SEED)
  ? SHARED_SEED
  : join(ROOT, 'samples/phu-luc-dak-nong-2022-krong-no-2023.txt');
const BIN = join(ROOT, 'bin', 'parindex.js');

interface Task {
  name: string;
  args: string[];
  /** the exit codes a run may end with: check exits 1 when the seed has errors */
  codes: number[];
}

const tasks: Task[] = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], codes: [0] },
  { name: 'parindex --version', args: [BIN, '--version'], codes: [0] },
  { name: 'parindex check seed.txt', args: [BIN, 'check', SEED], codes: [0, 1] },
];
const baseline = process.env.BENCH_CLI_BASELINE;
if (baseline) {
  tasks.push({ name: 'baseline: parindex check seed.txt', args: [baseline, 'check', SEED], codes: [0, 1] });
}

/**
 * CPU time (user + system, ms) of this process's waited-for children so far: cutime and cstime of
 * /proc/self/stat, in clock ticks of 10 ms; null off Linux. Less moved by the machine's load than
 * the wall time: a run waiting for a core costs wall time, not CPU.
 */
function childrenCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // the fields after the command name (which may hold spaces) in parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function once(task: Task): { ms: number; cpuMs: number | null } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, task.args, { cwd: ROOT, stdio: 'ignore' });
  const ms = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  if (result.status === null || !task.codes.includes(result.status)) {
    throw new Error(`${task.name}: exit ${result.status ?? result.signal}`);
  }
  return { ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

if (!existsSync(join(ROOT, 'dist', 'cli', 'index.js'))) throw new Error('run `npm run build:server` first');
const load = loadavg()[0]!.toFixed(1);
// one run of each first: the files in the page cache, as for anyone who ran the command before
for (const task of tasks) once(task);
const times = tasks.map(() => [] as number[]);
const cpu: (number | null)[] = tasks.map(() => 0);
for (let run = 0; run < RUNS; run++) {
  tasks.forEach((task, i) => {
    const { ms, cpuMs } = once(task);
    times[i]!.push(ms);
    cpu[i] = cpuMs === null || cpu[i] === null ? null : cpu[i]! + cpuMs;
  });
}
const cpuMean = cpu.map((total) => (total === null ? null : total / RUNS));
const floorCpu = cpuMean[0] ?? null;

const medians = times.map((t) =>
  quantile(
    [...t].sort((a, b) => a - b),
    0.5,
  ),
);
console.log(`${RUNS} runs each, load average ${load} at the start`);
console.log('task | median ms | p95 ms | × floor | CPU ms (mean) | CPU × floor');
console.log('---|---:|---:|---:|---:|---:');
tasks.forEach((task, i) => {
  const sorted = [...times[i]!].sort((a, b) => a - b);
  const ratio = medians[i]! / medians[0]!;
  const cpuMs = cpuMean[i];
  const cpuCells =
    cpuMs === undefined || cpuMs === null || floorCpu === null
      ? '– | –'
      : `${cpuMs.toFixed(0)} | ${(cpuMs / floorCpu).toFixed(2)}`;
  console.log(
    `${task.name} | ${medians[i]!.toFixed(1)} | ${quantile(sorted, 0.95).toFixed(1)} | ${ratio.toFixed(2)} | ${cpuCells}`,
  );
});
