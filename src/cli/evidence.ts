/**
 * `parindex evidence gc [--dry-run] [--min-age MINUTES]`: removes from the evidence store (the data
 * folder or the S3 bucket of the configuration, as the server opens it) every file no evidence record
 * of the database refers to — what a removal that failed after its commit left behind, or an upload
 * whose transaction did not commit — each recounted under its lock first; and names, exit code 1,
 * every file the database refers to that the store lacks (restore the store from its backup).
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function evidenceCommands(program: Command, cli: CliContext): void {
  const evidence = program
    .command('evidence')
    .description('kho tài liệu kiểm chứng (thư mục dữ liệu hoặc S3)');
  evidence
    .command('gc')
    .description(
      'xóa khỏi kho các tệp minh chứng không còn bản ghi nào trỏ tới; báo các tệp bản ghi cần mà kho không có',
    )
    .option('--dry-run', 'chỉ báo, không xóa')
    .option('--min-age <minutes>', 'chỉ xóa tệp đã nằm trong kho ít nhất chừng ấy phút', '60')
    .addOption(cli.dbOption())
    .action(async (opts: { db?: string; dryRun?: boolean; minAge: string }) => {
      const minutes = Number(opts.minAge);
      if (!Number.isFinite(minutes) || minutes < 0) cli.fail(`--min-age: ${opts.minAge}`);
      const { collectEvidenceGarbage } = await import('../modules/evidence.js');
      const { openEvidenceStore, S3EvidenceStore } = await import('../modules/evidence-store.js');
      const store = openEvidenceStore(cli.io.env);
      try {
        await cli.withDatabase(opts.db, async (database) => {
          const dryRun = opts.dryRun ?? false;
          const result = await collectEvidenceGarbage({ db: database.db, clock: () => cli.now() }, store, {
            minAgeMs: minutes * 60_000,
            dryRun,
          });
          for (const missing of result.missing) cli.io.err(cli.text('evidence.gcMissing', missing));
          cli.io.out(
            cli.text('evidence.gcDone', {
              removed: result.removed,
              bytes: result.bytes,
              kept: result.kept,
              dryRun,
              store: store.label,
            }),
          );
          if (result.missing.length > 0) cli.setExitCode(1);
        });
      } finally {
        if (store instanceof S3EvidenceStore) store.close();
      }
    });
}
