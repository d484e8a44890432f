/**
 * Benchmarks of the core engine. Prints figures; it is not a timed test. Each figure is set against
 * a baseline measured in the same run (reading the seed file and splitting it into lines), because
 * this machine is noisy: the ratios are what BENCHMARKS.md records.
 *
 *   npm run bench
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { openDatabase, type Database } from '../src/db/database.js';
import { readPlans } from '../src/formats/read.js';
import { closeReadPool, readPlansIsolated } from '../src/formats/read-pool.js';
import { writeDocx } from '../src/formats/docx-write.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { progressReport } from '../src/core/progress.js';
import type { ProgressReportDocument } from '../src/formats/report-layout.js';
import { writeReportDocx } from '../src/formats/report-docx.js';
import { writeReportXlsx } from '../src/formats/report-xlsx.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { SEED_PATH } from '../test/helpers/fixtures.js';

const bytes = new Uint8Array(readFileSync(SEED_PATH));
const read = await readPlans(bytes);
if (!read.ok) throw new Error('seed not readable');
const docs = read.plans.map((p) => p.plan);
const xlsx = await writeXlsx(docs);
const docx = await writeDocx(docs);

// the district plan's progress report, every task half done and late
const district = docs[docs.length - 1]!;
const report: ProgressReportDocument = {
  subject: district.subject ?? '',
  year: district.year ?? 0,
  unit: null,
  report: progressReport(
    district.rows.map((r) => ({
      code: r.code,
      name: r.name,
      max: r.max,
      baseline: r.baseline,
      task:
        r.task === '' && r.leadUnits === ''
          ? null
          : {
              text: r.task,
              status: 'in_progress' as const,
              progress: 50,
              deadline: '2026-06-30',
              deadlineText: '',
              note: 'Đang thực hiện theo kế hoạch',
              leadUnits: r.leadUnits.split(/;\s*/).filter((u) => u !== ''),
            },
    })),
    '2026-11-30',
  ),
};

const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-'));
let n = 0;
let database: Database | null = null;

const bench = new Bench({ name: 'core', time: 2000, warmup: true });
bench
  .add('baseline: read seed file + split lines', () => {
    const text = readFileSync(SEED_PATH, 'utf8');
    if (text.split('\n').length < 100) throw new Error('short');
  })
  .add('check seed (read + recognise + check, text)', async () => {
    const r = await readPlans(bytes);
    if (!r.ok) throw new Error('read failed');
  })
  .add('check seed in the worker pool (as uploads and the CLI are)', async () => {
    const r = await readPlansIsolated(bytes);
    if (!r.ok) throw new Error('read failed');
  })
  .add('check seed as XLSX', async () => {
    const r = await readPlans(xlsx);
    if (!r.ok) throw new Error('read failed');
  })
  .add('check seed as DOCX', async () => {
    const r = await readPlans(docx);
    if (!r.ok) throw new Error('read failed');
  })
  .add(
    'import seed into a new SQLite database (read in the worker pool)',
    async () => {
      const result = await importPlans(
        { db: database!.db, clock: () => new Date() },
        { actor: systemActor('bench'), bytes, sourceName: 'seed.txt' },
      );
      if (!result.ok || result.plans[0]!.outcome !== 'created') throw new Error('import failed');
    },
    {
      beforeEach: async () => {
        n += 1;
        database = await openDatabase(join(dir, `bench-${n}.sqlite`));
      },
      afterEach: async () => {
        await database?.close();
      },
    },
  )
  .add('write XLSX of both plans', async () => {
    await writeXlsx(docs);
  })
  .add('write DOCX of both plans', async () => {
    await writeDocx(docs);
  })
  .add('progress report XLSX (district plan)', async () => {
    await writeReportXlsx(report);
  })
  .add('progress report DOCX (district plan)', async () => {
    await writeReportDocx(report);
  });

// the pool's worker starts (and loads the readers) once, as in a running server
await readPlansIsolated(bytes);
await bench.run();

/**
 * The worker against the main thread for the common case, interleaved round by round (tinybench
 * runs one task after the other, and this machine's load drifts between them): the seed imported
 * into a new SQLite database, and read alone.
 */
const rounds = {
  importWorker: [] as number[],
  importMain: [] as number[],
  readWorker: [] as number[],
  readMain: [] as number[],
};
for (let i = 0; i < 30; i++) {
  for (const inWorker of [true, false]) {
    n += 1;
    const db = await openDatabase(join(dir, `bench-${n}.sqlite`));
    let started = performance.now();
    const result = await importPlans(
      { db: db.db, clock: () => new Date(), read: inWorker ? readPlansIsolated : readPlans },
      { actor: systemActor('bench'), bytes, sourceName: 'seed.txt' },
    );
    (inWorker ? rounds.importWorker : rounds.importMain).push(performance.now() - started);
    await db.close();
    if (!result.ok) throw new Error('import failed');
    started = performance.now();
    await (inWorker ? readPlansIsolated : readPlans)(bytes);
    (inWorker ? rounds.readWorker : rounds.readMain).push(performance.now() - started);
  }
}
await closeReadPool();
rmSync(dir, { recursive: true, force: true });

const baseline = bench.tasks[0]!.result;
if (baseline.state !== 'completed') throw new Error('baseline did not complete');
const base = baseline.latency.p50;
console.log(`ParIndex core benchmarks — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('task | median ms | p99 ms | samples | × baseline');
console.log('---|---:|---:|---:|---:');
for (const task of bench.tasks) {
  const r = task.result;
  if (r.state !== 'completed') {
    console.log(`${task.name} | failed`);
    continue;
  }
  console.log(
    `${task.name} | ${r.latency.p50.toFixed(3)} | ${r.latency.p99.toFixed(3)} | ${r.latency.samplesCount} | ${(r.latency.p50 / base).toFixed(1)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  '\nseed, worker pool against main thread, interleaved (30 rounds) | median ms worker | median ms main | worker / main',
);
console.log('---|---:|---:|---:');
for (const [name, worker, main] of [
  ['import into a new SQLite database', rounds.importWorker, rounds.importMain],
  ['read + recognise + check', rounds.readWorker, rounds.readMain],
] as const) {
  console.log(
    `${name} | ${median(worker).toFixed(1)} | ${median(main).toFixed(1)} | ${(median(worker) / median(main)).toFixed(2)}`,
  );
}
const mem = process.memoryUsage();
console.log(
  `\nmemory after the run: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
