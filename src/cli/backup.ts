/**
 * `parindex backup OUT` and `parindex restore IN`: a consistent copy while the server runs, and a
 * checked restore (integrity, audit chain) that replaces an existing database only with --force.
 */
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Lang } from '../core/findings.js';
import { resolveDatabaseAddress } from '../db/database.js';
import { systemActor } from '../modules/access.js';
import { backupDatabase, restoreDatabase, type BackupProblem } from '../modules/backup.js';
import { verifyFailureLine } from './audit.js';
import type { CliContext } from './context.js';

function problemLine(problem: BackupProblem, file: string, lang: Lang): string {
  const vi = lang === 'vi';
  switch (problem.code) {
    case 'OUT_EXISTS':
      return vi
        ? `${file}: tệp đã có; chọn tên khác hoặc dùng --force để ghi đè`
        : `${file}: the file exists; choose another name or use --force to overwrite it`;
    case 'SAME_FILE':
      return vi
        ? `${file}: đây chính là tệp CSDL; chọn một tệp khác`
        : `${file}: this is the database file itself; choose another file`;
    case 'PG_TOOL_MISSING':
      return vi
        ? `không tìm thấy ${problem.program} (gói postgresql-client); cài nó, hoặc chạy: ${problem.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file TỆP ĐỊA_CHỈ_CSDL' : 'pg_restore --single-transaction --dbname ĐỊA_CHỈ_CSDL TỆP'}`
        : `${problem.program} not found (package postgresql-client); install it, or run: ${problem.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file FILE DATABASE_URL' : 'pg_restore --single-transaction --dbname DATABASE_URL FILE'}`;
    case 'PG_TOOL_FAILED':
      return `${problem.program}: ${problem.message}`;
    case 'NOT_A_BACKUP':
      return vi
        ? `${file}: không phải bản sao lưu ParIndex (tệp SQLite hoặc tệp pg_dump dạng custom)`
        : `${file}: not a ParIndex backup (an SQLite file or a pg_dump custom-format file)`;
    case 'ENGINE_MISMATCH':
      return vi
        ? `${file}: bản sao lưu ${problem.file === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} không khôi phục được vào CSDL ${problem.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; chọn --db cùng loại`
        : `${file}: a ${problem.file === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} backup cannot be restored into ${problem.target === 'sqlite' ? 'an SQLite' : 'a PostgreSQL'} database; choose a --db of the same kind`;
    case 'TARGET_EXISTS':
      return vi
        ? 'CSDL đích đã có dữ liệu; dừng máy chủ rồi dùng --force để thay nó bằng bản sao lưu. Không ghi gì.'
        : 'the target database holds data; stop the server, then use --force to replace it with the backup. Nothing was written.';
    case 'INTEGRITY':
      return vi
        ? `${file}: tệp bị hỏng (integrity_check: ${problem.problems.slice(0, 3).join('; ')}). Không ghi gì.`
        : `${file}: the file is damaged (integrity_check: ${problem.problems.slice(0, 3).join('; ')}). Nothing was written.`;
    case 'AUDIT':
      return `${file}: ${verifyFailureLine(problem.result, lang)}`;
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
      const lang = cli.lang();
      const address = resolveDatabaseAddress(opts.db, cli.io.env);
      await cli.withDatabase(opts.db, async (database) => {
        const result = await backupDatabase({ clock: () => cli.now() }, database, address, out, {
          actor: systemActor(cli.user),
          force: opts.force,
        });
        if (!result.ok) cli.fail(problemLine(result.problem, out, lang), exitCodeOf(result.problem));
        cli.io.out(
          lang === 'vi'
            ? `Đã sao lưu vào ${out} (${size(result.bytes)}, ${result.engine === 'sqlite' ? 'SQLite' : 'pg_dump dạng custom'}; không gồm phiên đăng nhập; chỉ chủ sở hữu đọc được)`
            : `Backed up to ${out} (${size(result.bytes)}, ${result.engine === 'sqlite' ? 'SQLite' : 'pg_dump custom format'}; without sessions; readable by its owner only)`,
        );
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
      const lang = cli.lang();
      const info = await stat(input).catch(() => null);
      if (!info) cli.fail(`${input}: ${lang === 'vi' ? 'không tìm thấy tệp' : 'file not found'}`);
      if (!info.isFile()) cli.fail(`${input}: ${lang === 'vi' ? 'không phải là tệp' : 'not a file'}`);
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
      if (!result.ok) cli.fail(problemLine(result.problem, input, lang), exitCodeOf(result.problem));
      const integrity =
        result.integrity === 'checked'
          ? 'integrity_check ok'
          : lang === 'vi'
            ? 'các ràng buộc được PostgreSQL kiểm khi khôi phục'
            : 'constraints checked by PostgreSQL while restoring';
      cli.io.out(
        lang === 'vi'
          ? `Đã khôi phục ${input}: ${integrity}; nhật ký nguyên vẹn, ${result.head.entries} mục (kể cả mục ghi việc khôi phục); phiên đăng nhập cũ đã bỏ. Đầu nhật ký: ${result.head.id}:${result.head.hash}`
          : `Restored ${input}: ${integrity}; audit trail intact, ${result.head.entries} entries (the restore included); old sessions dropped. Audit head: ${result.head.id}:${result.head.hash}`,
      );
    });
}
