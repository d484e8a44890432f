/**
 * `parindex evidence gc` through run() on both engines, against the data folder store the
 * configuration names: an orphan older than --min-age goes (not with --dry-run, not when younger),
 * a referred file stays, a referred file the store lacks is named with exit code 1; and
 * `parindex backup` says that the evidence files are not in the database's backup.
 */
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Database } from '../src/db/database.js';
import { FolderEvidenceStore } from '../src/modules/evidence-store.js';
import { sha256 } from '../src/modules/hash.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { pdf, png } from './helpers/evidence-files.js';
import { seedRound } from './helpers/rounds.js';

async function cli(args: readonly string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.each(ENGINES)('parindex evidence gc (%s)', (kind) => {
  let testDb: TestDatabase;
  let database: Database;
  let dir: string;
  let store: FolderEvidenceStore;
  let env: NodeJS.ProcessEnv;
  const kept = pdf('giữ lại');
  const orphan = png([9, 9, 9]);

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
    dir = mkdtempSync(join(tmpdir(), 'parindex-cli-evidence-'));
    store = new FolderEvidenceStore(join(dir, 'evidence'));
    env = { PARINDEX_EVIDENCE_DIR: store.root, PARINDEX_LANG: 'vi' };
    const clock = () => new Date();
    const round = await seedRound({ db: database.db, clock }, { communes: 1 });
    await store.put(kept);
    await database.db
      .insertInto('evidence_files')
      .values({
        round_id: round.roundId,
        unit_id: round.communes[0]!.id,
        sha256: sha256(kept),
        size: kept.length,
        type: 'pdf',
        mime: 'application/pdf',
        name: 'giu-lai.pdf',
        uploaded_by: 'test',
        uploaded_at: clock().toISOString(),
      })
      .execute();
    await store.put(orphan);
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a young orphan, reports an old one with --dry-run, then removes it', async () => {
    const young = await cli(['evidence', 'gc', '--db', testDb.address], env);
    expect(young.code, young.err).toBe(0);
    expect(young.out).toBe(
      `Đã xóa 0 tệp minh chứng không còn được dùng (0 MB) khỏi ${store.root}; giữ 2 tệp`,
    );
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(store.pathOf(sha256(orphan)), old, old);
    const dry = await cli(['evidence', 'gc', '--dry-run', '--db', testDb.address], env);
    expect(dry.out).toMatch(/^Sẽ xóa 1 tệp minh chứng/);
    expect(await store.has(sha256(orphan))).toBe(true);
    const done = await cli(['evidence', 'gc', '--db', testDb.address, '--lang', 'en'], env);
    expect(done.code).toBe(0);
    expect(done.out).toBe(`Removed 1 evidence file(s) no longer used (0.1 MB) from ${store.root}; kept 1`);
    expect(await store.has(sha256(orphan))).toBe(false);
    expect(await store.has(sha256(kept))).toBe(true);
  });

  it('names a referred file the store lacks, exit code 1', async () => {
    await store.remove(sha256(kept));
    const res = await cli(['evidence', 'gc', '--db', testDb.address], env);
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      `Thiếu tệp minh chứng ${sha256(kept).slice(0, 12)}… trong kho (1 bản ghi trỏ tới)`,
    );
    await store.put(kept);
  });

  it('backup says the evidence files are backed up separately', async () => {
    const out = join(dir, kind === 'sqlite' ? 'sao-luu.sqlite' : 'sao-luu.dump');
    const res = await cli(['backup', out, '--db', testDb.address], env);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(
      `Lưu ý: tài liệu kiểm chứng (1 tệp, 0,1 MB) KHÔNG nằm trong bản sao lưu này; hãy sao lưu riêng ${store.root}`,
    );
  });
});
