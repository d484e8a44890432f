/**
 * The generated country's cost per plan beside the import's, in the same run and database engine:
 * `generateCountry` (plans built in memory, written in bulk) against `importPlans` of the sample
 * appendices (2 plans, 265 rows) under other names, the path a file of plans takes. Not a timed test.
 *
 *   npx tsx bench/demo.ts                          (SQLite file; PLANS_IMPORTED=20)
 *   DATABASE_URL=postgres://…/empty npx tsx bench/demo.ts   (a database of its own, emptied here)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { generateCountry } from '../src/modules/demo.js';
import { importPlans } from '../src/modules/imports.js';

const IMPORTED = Number(process.env.PLANS_IMPORTED ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-demo-'));
const clock = () => new Date();
/** CPU time of the process (all its threads: the import's reader workers too), ms */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const NAMES = ['An', 'Bình', 'Hòa', 'Long', 'Mỹ', 'Hưng', 'Thuận', 'Đông', 'Xuân', 'Sơn', 'Lộc', 'Minh'];

async function fresh(name: string) {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase(join(dir, `${name}.sqlite`));
  const database = await openDatabase(url);
  await sql`drop schema public cascade`.execute(database.db);
  await sql`create schema public`.execute(database.db);
  await database.close();
  return openDatabase(url);
}

try {
  // the generator: one province of 60 units, one year (a warm-up of 1 × 6 first)
  let database = await fresh('warm');
  await generateCountry(
    { db: database.db, kind: database.kind, clock },
    { provinces: 1, unitsPerProvince: 6, years: 1, lastYear: 2026, seed: 1 },
  );
  await database.close();
  database = await fresh('generated');
  // the plans' part only: from the frameworks' line (units and frameworks done) to the last plans line
  let plansFrom = 0;
  let plansTo = 0;
  let cpuFrom = 0;
  let cpuTo = 0;
  let t0 = performance.now();
  const country = await generateCountry(
    { db: database.db, kind: database.kind, clock },
    { provinces: 1, unitsPerProvince: 60, years: 1, lastYear: 2026, seed: 1 },
    (step) => {
      if (step.step === 'frameworks') {
        plansFrom = performance.now();
        cpuFrom = cpuMs();
      }
      if (step.step === 'plans') {
        plansTo = performance.now();
        cpuTo = cpuMs();
      }
    },
  );
  const whole = performance.now() - t0;
  const generated = plansTo - plansFrom;
  await database.close();

  // the import: the sample appendices again and again, the subjects renamed each time
  database = await fresh('imported');
  const text = readFileSync(resolve('samples/phu-luc-dak-nong-2022-krong-no-2023.txt'), 'utf8');
  const actor = systemActor('bench');
  let rows = 0;
  let plans = 0;
  t0 = performance.now();
  const importCpu = cpuMs();
  for (let i = 0; plans < IMPORTED; i++) {
    // names of words (a number in a name is not a new unit to the subject's reading)
    const name = `${NAMES[i % NAMES.length]} ${NAMES[Math.floor(i / NAMES.length) % NAMES.length]}`;
    const renamed = text
      .replaceAll('ĐẮK NÔNG', `PHÚ ${name.toLocaleUpperCase('vi')}`)
      .replaceAll('Đắk Nông', `Phú ${name}`)
      .replaceAll('KRÔNG NÔ', `TÂN ${name.toLocaleUpperCase('vi')}`)
      .replaceAll('Krông Nô', `Tân ${name}`);
    const result = await importPlans(
      { db: database.db, clock },
      { actor, bytes: new TextEncoder().encode(renamed), sourceName: `mau-${i}.txt` },
    );
    if (!result.ok) throw new Error(`import ${i}: ${result.error.code}`);
    plans += result.plans.length;
    rows += result.plans.reduce((n, p) => n + p.criteria, 0);
  }
  const imported = performance.now() - t0;
  const importedCpu = cpuMs() - importCpu;
  await database.close();

  const perGenerated = generated / country.counts.plans;
  const perImported = imported / plans;
  console.log(`engine: ${database.kind}`);
  console.log(
    `generateCountry 1 × 60 × 1, whole: ${Math.round(whole)} ms (units, frameworks, plans, statistics)`,
  );
  console.log(
    `generateCountry's plans: ${country.counts.plans} plans (${country.counts.planRows} rows) in ${Math.round(generated)} ms: ` +
      `${perGenerated.toFixed(1)} ms a plan, ${((generated / country.counts.planRows) * 1000).toFixed(0)} µs a row`,
  );
  console.log(
    `importPlans: ${plans} plans (${rows} rows) in ${Math.round(imported)} ms: ` +
      `${perImported.toFixed(1)} ms a plan, ${((imported / rows) * 1000).toFixed(0)} µs a row`,
  );
  const cpuGenerated = (cpuTo - cpuFrom) / country.counts.planRows;
  console.log(
    `CPU per row: generated ${(cpuGenerated * 1000).toFixed(0)} µs, imported ` +
      `${((importedCpu / rows) * 1000).toFixed(0)} µs, ratio ${(cpuGenerated / (importedCpu / rows)).toFixed(2)}`,
  );
  console.log(
    `generated / imported, per row: ${(generated / country.counts.planRows / (imported / rows)).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
