/**
 * `parindex backup OUT` and `parindex restore IN`: a consistent copy while the server runs, and a
 * checked restore (integrity, audit chain) that replaces an existing database only with --force.
 */
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import type { BackupProblem } from '../modules/backup.js';
import { verifyFailureLine } from './audit.js';
import type { CliContext } from './context.js';

function problemLine(cli: CliContext, problem: BackupProblem, file: string): string {
  switch (problem.code) {
    case 'OUT_EXISTS':
      return cli.text('cli.backupExists', { file });
    case 'SAME_FILE':
      return cli.text('cli.backupSameFile', { file });
    case 'PG_TOOL_MISSING':
      return cli.text('cli.pgToolMissing', { program: problem.program });
    case 'PG_TOOL_FAILED':
      return `${problem.program}: ${problem.message}`;
    case 'PG_TOOL_UNSAFE':
      return cli.text('cli.pgToolUnsafe', { program: problem.program, version: problem.version });
    case 'NOT_A_BACKUP':
      return cli.text('cli.notABackup', { file });
    case 'ENGINE_MISMATCH':
      return cli.text('cli.engineMismatch', { file, backup: problem.file, target: problem.target });
    case 'TARGET_EXISTS':
      return cli.text('cli.targetHasData', {});
    case 'INTEGRITY':
      return cli.text('cli.backupDamaged', { file, problems: problem.problems.slice(0, 3).join('; ') });
    case 'AUDIT':
      return `${file}: ${verifyFailureLine(cli, problem.result)}`;
  }
}

/** Problems of the file itself (a damaged file, a broken chain) exit 1; usage and input problems 2. */
function exitCodeOf(problem: BackupProblem): number {
  return problem.code === 'INTEGRITY' || problem.code === 'AUDIT' || problem.code === 'PG_TOOL_FAILED'
    ? 1
    : 2;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function backupCommands(program: Command, cli: CliContext): void {
  program
    .command('backup')
    .description(
      'sao lưu toàn bộ CSDL vào tệp, nhất quán cả khi máy chủ đang chạy (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump)',
    )
    .argument('<out>')
    .option('--force', 'ghi đè tệp đã có')
    .addOption(cli.dbOption())
    .action(async (out: string, opts: { db?: string; force?: boolean }) => {
      const { resolveDatabaseAddress } = await import('../db/database.js');
      const { backupDatabase } = await import('../modules/backup.js');
      const { evidenceHeld } = await import('../modules/evidence.js');
      const { openEvidenceStore, S3EvidenceStore } = await import('../modules/evidence-store.js');
      const address = resolveDatabaseAddress(opts.db, cli.io.env);
      await cli.withDatabase(opts.db, async (database) => {
        const result = await backupDatabase({ clock: () => cli.now() }, database, address, out, {
          actor: systemActor(cli.user),
          force: opts.force,
        });
        if (!result.ok) cli.fail(problemLine(cli, result.problem, out), exitCodeOf(result.problem));
        cli.io.out(cli.text('cli.backedUp', { file: out, size: size(result.bytes), engine: result.engine }));
        // the evidence files are not in the database's backup: say so, and where they are
        const store = openEvidenceStore(cli.io.env);
        if (store instanceof S3EvidenceStore) store.close();
        const held = await evidenceHeld(database.db);
        cli.io.out(cli.text('evidence.backupNote', { store: store.label, ...held }));
      });
    });

  program
    .command('restore')
    .description(
      'khôi phục CSDL từ bản sao lưu rồi kiểm tra tính toàn vẹn và chuỗi nhật ký; không ghi đè CSDL có dữ liệu nếu thiếu --force',
    )
    .argument('<in>')
    .option('--force', 'thay CSDL đang có dữ liệu (dừng máy chủ trước)')
    .addOption(cli.dbOption())
    .action(async (input: string, opts: { db?: string; force?: boolean }) => {
      const info = await stat(input).catch(() => null);
      if (!info) cli.fail(cli.text('cli.fileNotFound', { file: input }));
      if (!info.isFile()) cli.fail(cli.text('cli.notAFile', { file: input }));
      const { resolveDatabaseAddress } = await import('../db/database.js');
      const { restoreDatabase } = await import('../modules/backup.js');
      const address = resolveDatabaseAddress(opts.db, cli.io.env);
      let result;
      try {
        result = await restoreDatabase({ clock: () => cli.now() }, input, address, {
          actor: systemActor(cli.user),
          force: opts.force,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        cli.fail(`${input}: ${reason}`);
      }
      if (!result.ok) cli.fail(problemLine(cli, result.problem, input), exitCodeOf(result.problem));
      const { entries, id, hash } = result.head;
      const checked = result.integrity === 'checked';
      cli.io.out(cli.text('cli.restored', { file: input, checked, entries, head: `${id}:${hash}` }));
    });
}
