/**
 * Backup and restore of a database the size of years of use: the sample plans and an audit trail
 * of AUDIT_ENTRIES entries (the trail is what grows). Prints the time of an online backup and the
 * longest the server's event loop waited meanwhile (the copy runs in a worker thread), the
 * sizes, a checked restore and a full `audit verify`. Not a timed test.
 *
 *   npx tsx bench/backup.ts            (AUDIT_ENTRIES=200000 by default)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backupSqlite } from '../src/db/backup.js';
import { openDatabase } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { audit, type AuditEntry } from '../src/modules/audit.js';
import { verifyAudit } from '../src/modules/audit-verify.js';
import { restoreDatabase } from '../src/modules/backup.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';

const ENTRIES = Number(process.env.AUDIT_ENTRIES ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-backup-'));
const clock = () => new Date();
const mb = (path: string) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

try {
  const file = join(dir, 'parindex.sqlite');
  const database = await openDatabase(file);
  await loadSamplesIfEmpty({ db: database.db, clock }, resolve('samples'));
  const actor = systemActor('bench');
  let t0 = performance.now();
  for (let done = 0; done < ENTRIES; done += 1000) {
    const entries: AuditEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      action: 'task.update',
      entity: 'task',
      entityId: (done + i) % 500,
      planId: 1,
      field: 'progress_note',
      oldValue: `Đã thực hiện ${done + i - 1} phần việc theo kế hoạch của đơn vị`,
      newValue: `Đã thực hiện ${done + i} phần việc theo kế hoạch của đơn vị`,
    }));
    await database.db.transaction().execute((trx) => audit(trx, actor, clock().toISOString(), entries));
  }
  console.log(`filled: ${ENTRIES} audit entries in ${ms(t0)}; database ${mb(file)}`);

  // the longest gap between ticks of a 10 ms timer while the backup runs: what a request waits
  let last = performance.now();
  let stall = 0;
  const meter = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 10);
    last = now;
  }, 10);
  t0 = performance.now();
  const out = join(dir, 'backup.sqlite');
  await backupSqlite(file, out);
  await new Promise((r) => setTimeout(r, 30));
  clearInterval(meter);
  console.log(`backup: ${ms(t0)}, ${mb(out)}; longest event-loop stall ${Math.round(stall)} ms`);
  await database.close();

  t0 = performance.now();
  const restored = await restoreDatabase({ clock }, out, join(dir, 'restored.sqlite'), { actor });
  if (!restored.ok) throw new Error(JSON.stringify(restored.problem));
  console.log(`restore (copy, integrity check ×2, migrations, audit verify): ${ms(t0)}`);

  const check = await openDatabase(join(dir, 'restored.sqlite'));
  t0 = performance.now();
  const verified = await verifyAudit(check.db);
  console.log(`audit verify of ${verified.entries} entries: ${ms(t0)}`);
  await check.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
