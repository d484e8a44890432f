/**
 * The `parindex` command. Exit codes: 0 done; 1 the document has errors or the import was refused;
 * 2 bad input or usage (one line on stderr naming the file and the problem, nothing written);
 * 70 an unexpected failure (one line; the stack only with PARINDEX_DEBUG=1).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { findingMessage, formatLocation, type Lang } from '../core/findings.js';
import { openDatabase, resolveDatabaseAddress, type Database } from '../db/database.js';
import { readFailureMessage } from '../formats/errors.js';
import { readPlansIsolated } from '../formats/read-pool.js';
import { MAX_FILE_BYTES, megabytes } from '../shared/limits.js';
import { systemActor } from '../modules/access.js';
import { normaliseUsername } from '../modules/auth.js';
import { resetPassword, userIdByName } from '../modules/users-admin.js';
import { importPlans, type ImportError } from '../modules/imports.js';
import { exportPlan, listPlans, loadPlanDocument } from '../modules/plans.js';
import { exportProgressReport, planUnitsNamed } from '../modules/reports.js';
import { ReportQuery } from '../shared/api.js';
import { summarise } from '../core/summary.js';
import { auditCommands } from './audit.js';
import { backupCommands } from './backup.js';
import type { CliContext } from './context.js';
import { AppError } from '../modules/errors.js';
import { endedParams } from '../modules/import-sessions.js';
import { diffJson, diffText, findingJson, summaryJson, summaryText } from './output.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** An error the user can act on: printed as one line, exit code 2 unless said otherwise. */
class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const T = {
  notFound: { vi: 'không tìm thấy tệp', en: 'file not found' },
  notFile: { vi: 'không phải là tệp', en: 'not a file' },
  tooLarge: {
    vi: `tệp quá lớn (giới hạn ${megabytes(MAX_FILE_BYTES)})`,
    en: `the file is too large (limit ${megabytes(MAX_FILE_BYTES)})`,
  },
  noPlans: { vi: 'không có kế hoạch nào trong tệp', en: 'no plan in the file' },
  planNotFound: { vi: 'không có kế hoạch', en: 'no plan with id' },
  badId: { vi: 'mã kế hoạch phải là số nguyên dương', en: 'the plan id must be a positive whole number' },
  dbFailed: { vi: 'không mở được cơ sở dữ liệu', en: 'cannot open the database' },
  noUser: { vi: 'không có tài khoản này', en: 'no such account' },
  badDate: { vi: 'ngày phải viết dd/mm/yyyy và có thật', en: 'the date must be a real date dd/mm/yyyy' },
  noUnit: {
    vi: 'không có đơn vị này trong địa phương của kế hoạch',
    en: "no such unit in the plan's locality",
  },
  manyUnits: { vi: 'nhiều đơn vị cùng tên, không rõ đơn vị nào', en: 'several units have this name' },
} satisfies Record<string, Record<Lang, string>>;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let lang: Lang = io.env.PARINDEX_LANG === 'en' ? 'en' : 'vi';
  let exitCode = 0;
  const program = new Command('parindex')
    .description('ParIndex — Chỉ số cải cách hành chính: đọc, kiểm tra, lưu và xuất kế hoạch cải thiện')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ thông báo / message language').choices(['vi', 'en']))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    })
    .hook('preAction', (cmd) => {
      const chosen = cmd.opts<{ lang?: Lang }>().lang;
      if (chosen) lang = chosen;
    });

  const dbOption = () =>
    new Option(
      '--db <address>',
      'CSDL: đường dẫn tệp SQLite hoặc postgres://… (mặc định DATABASE_URL hoặc data/parindex.sqlite)',
    );

  program
    .command('check')
    .description('kiểm tra các phụ lục trong tệp (TXT/TSV, CSV, XLSX, DOCX)')
    .argument('<file>')
    .option('--json', 'in kết quả dạng JSON')
    .option('--info', 'in cả các thông tin (mặc định chỉ lỗi và cảnh báo)')
    .action(async (file: string, opts: { json?: boolean; info?: boolean }) => {
      const bytes = await readInput(file, lang);
      const read = await readPlansIsolated(bytes);
      if (!read.ok) throw new UserError(`${file}: ${readFailureMessage(read.failure, lang)}`);
      const docs = read.plans.map((p) => ({ summary: summarise(p.plan), findings: p.findings }));
      if (opts.json) {
        io.out(JSON.stringify({ documents: docs.map((d) => summaryJson(d.summary, d.findings)) }, null, 2));
      } else {
        io.out(docs.map((d) => summaryText(d.summary, d.findings, lang, opts.info ?? false)).join('\n\n'));
      }
      if (docs.some((d) => d.findings.some((f) => f.severity === 'error'))) exitCode = 1;
    });

  program
    .command('import')
    .description('nhập các kế hoạch trong tệp vào CSDL (một giao dịch: có lỗi thì không ghi gì)')
    .argument('<file>')
    .option('--dry-run', 'chỉ kiểm tra và cho biết sẽ làm gì, không ghi')
    .option('--replace', 'thay kế hoạch cùng đơn vị, cùng năm đã có nội dung khác')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(dbOption())
    .action(
      async (file: string, opts: { dryRun?: boolean; replace?: boolean; json?: boolean; db?: string }) => {
        const bytes = await readInput(file, lang);
        await withDatabase(opts.db, io, lang, async (database) => {
          const result = await importPlans(
            { db: database.db, clock: io.now ?? (() => new Date()) },
            {
              actor: systemActor(cliUser(io.env)),
              bytes,
              sourceName: file.split(/[/\\]/).pop() ?? file,
              dryRun: opts.dryRun,
              replace: opts.replace,
            },
          );
          if (!result.ok) {
            exitCode = reportImportError(result.error, file, io, lang, opts.json ?? false);
            return;
          }
          if (opts.json) {
            io.out(
              JSON.stringify(
                {
                  dryRun: result.dryRun,
                  format: result.format,
                  plans: result.plans.map((p) => ({
                    id: p.planId,
                    subject: p.subject,
                    year: p.year,
                    criteria: p.criteria,
                    outcome: p.outcome,
                    newUnits: p.newUnits,
                    findings: p.findings.map(findingJson),
                    diff: p.diff && diffJson(p.diff),
                  })),
                },
                null,
                2,
              ),
            );
            return;
          }
          for (const p of result.plans) {
            const verb = OUTCOME[lang][p.outcome];
            const prefix = result.dryRun ? (lang === 'vi' ? '(thử) ' : '(dry run) ') : '';
            io.out(
              lang === 'vi'
                ? `${prefix}Kế hoạch #${p.planId}: ${p.subject} năm ${p.year}, ${p.criteria} tiêu chí — ${verb}`
                : `${prefix}Plan #${p.planId}: ${p.subject} ${p.year}, ${p.criteria} criteria — ${verb}`,
            );
            if (p.diff) for (const line of diffText(p.diff, lang)) io.out(line);
          }
        });
      },
    );

  program
    .command('list')
    .description('liệt kê các kế hoạch đã lưu')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      await withDatabase(opts.db, io, lang, async (database) => {
        const plans = await listPlans(database.db);
        if (opts.json) {
          io.out(
            JSON.stringify(
              plans.map((p) => ({
                id: p.id,
                subject: p.subject,
                year: p.year,
                criteria: p.criteria,
                archived: p.archived,
              })),
              null,
              2,
            ),
          );
          return;
        }
        if (plans.length === 0) io.out(lang === 'vi' ? 'Chưa có kế hoạch nào.' : 'No plans yet.');
        for (const p of plans) {
          io.out(
            `${String(p.id).padStart(4)}  ${p.subject.padEnd(28)} ${p.year}  ${p.criteria} ${lang === 'vi' ? 'tiêu chí' : 'criteria'}${p.archived ? (lang === 'vi' ? '  [đã lưu trữ]' : '  [archived]') : ''}`,
          );
        }
      });
    });

  program
    .command('export')
    .description('xuất một kế hoạch ra XLSX hoặc DOCX theo mẫu phụ lục')
    .argument('<planId>')
    .addOption(
      new Option('--format <format>', 'xlsx hoặc docx').choices(['xlsx', 'docx']).makeOptionMandatory(),
    )
    .requiredOption('-o, --out <file>', 'tệp kết quả')
    .addOption(dbOption())
    .action(async (planId: string, opts: { format: 'xlsx' | 'docx'; out: string; db?: string }) => {
      if (!/^\d+$/.test(planId) || Number(planId) < 1) throw new UserError(`${planId}: ${T.badId[lang]}`);
      await withDatabase(opts.db, io, lang, async (database) => {
        const bytes = await exportPlan(
          database.db,
          Number(planId),
          opts.format,
          systemActor(cliUser(io.env)),
        );
        if (!bytes) throw new UserError(`${T.planNotFound[lang]} #${planId}`);
        await writeFile(opts.out, bytes);
        io.out(opts.out);
      });
    });

  program
    .command('report')
    .description(
      'xuất báo cáo tiến độ thực hiện kế hoạch (XLSX hoặc DOCX), cả kế hoạch hoặc một đơn vị chủ trì',
    )
    .argument('<planId>')
    .addOption(
      new Option('--format <format>', 'xlsx hoặc docx').choices(['xlsx', 'docx']).makeOptionMandatory(),
    )
    .option('--unit <name>', 'tên đơn vị chủ trì (báo cáo của riêng đơn vị)')
    .option('--as-of <date>', 'tính đến ngày dd/mm/yyyy (mặc định hôm nay, giờ Việt Nam)')
    .requiredOption('-o, --out <file>', 'tệp kết quả')
    .addOption(dbOption())
    .action(
      async (
        planId: string,
        opts: { format: 'xlsx' | 'docx'; unit?: string; asOf?: string; out: string; db?: string },
      ) => {
        if (!/^\d+$/.test(planId) || Number(planId) < 1) throw new UserError(`${planId}: ${T.badId[lang]}`);
        const asOf = opts.asOf === undefined ? undefined : ReportQuery.shape.asOf.safeParse(opts.asOf);
        if (asOf && (!asOf.success || asOf.data === undefined))
          throw new UserError(`--as-of ${opts.asOf}: ${T.badDate[lang]}`);
        await withDatabase(opts.db, io, lang, async (database) => {
          const id = Number(planId);
          const exists = await loadPlanDocument(database.db, id);
          if (!exists) throw new UserError(`${T.planNotFound[lang]} #${planId}`);
          let unitId: number | undefined;
          if (opts.unit !== undefined) {
            const units = await planUnitsNamed(database.db, id, opts.unit);
            if (units.length !== 1)
              throw new UserError(
                `--unit ${opts.unit}: ${(units.length === 0 ? T.noUnit : T.manyUnits)[lang]}`,
              );
            unitId = units[0]!.id;
          }
          const file = await exportProgressReport(
            database.db,
            systemActor(cliUser(io.env)),
            io.now ?? (() => new Date()),
            { planId: id, format: opts.format, unitId, asOf: asOf?.data },
          );
          await writeFile(opts.out, file.bytes);
          io.out(opts.out);
        });
      },
    );

  program
    .command('reset-password')
    .description('đặt lại mật khẩu một tài khoản (khi quản trị quên mật khẩu); in mật khẩu mới một lần')
    .argument('<username>')
    .addOption(dbOption())
    .action(async (username: string, opts: { db?: string }) => {
      await withDatabase(opts.db, io, lang, async (database) => {
        const userId = await userIdByName(database.db, username);
        if (userId === null) throw new UserError(`${username}: ${T.noUser[lang]}`);
        const password = await resetPassword(
          { db: database.db, clock: io.now ?? (() => new Date()) },
          systemActor(cliUser(io.env)),
          userId,
        );
        io.out(
          lang === 'vi'
            ? `Mật khẩu mới của ${normaliseUsername(username)}: ${password} (phải đổi khi đăng nhập)`
            : `New password for ${normaliseUsername(username)}: ${password} (to be changed at sign-in)`,
        );
      });
    });

  const cli: CliContext = {
    io,
    lang: () => lang,
    withDatabase: (flag, work) => withDatabase(flag, io, lang, work),
    fail: (message, code = 2) => {
      throw new UserError(message, code);
    },
    setExitCode: (code) => {
      exitCode = code;
    },
    user: cliUser(io.env),
    now: () => (io.now ?? (() => new Date()))(),
    dbOption,
  };
  auditCommands(program, cli);
  backupCommands(program, cli);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      io.err(`parindex: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `parindex: ${lang === 'vi' ? 'lỗi không mong đợi' : 'unexpected error'}: ${message.split('\n')[0]}`,
    );
    if (io.env.PARINDEX_DEBUG === '1' && error instanceof Error) io.err(error.stack ?? '');
    return 70;
  }
}

/** The command line audits its changes under the operating-system account that ran it. */
function cliUser(env: NodeJS.ProcessEnv): string {
  return `cli:${env.USER ?? env.USERNAME ?? 'unknown'}`;
}

const OUTCOME: Record<Lang, Record<'created' | 'unchanged' | 'replaced', string>> = {
  vi: { created: 'đã tạo mới', unchanged: 'đã có, không đổi', replaced: 'đã thay nội dung' },
  en: { created: 'created', unchanged: 'already stored, unchanged', replaced: 'replaced' },
};

async function readInput(file: string, lang: Lang): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new UserError(`${file}: ${T.notFound[lang]}`);
  }
  if (!info.isFile()) throw new UserError(`${file}: ${T.notFile[lang]}`);
  if (info.size > MAX_FILE_BYTES) throw new UserError(`${file}: ${T.tooLarge[lang]}`);
  return new Uint8Array(await readFile(file));
}

async function withDatabase(
  flag: string | undefined,
  io: Io,
  lang: Lang,
  work: (database: Database) => Promise<void>,
): Promise<void> {
  const address = resolveDatabaseAddress(flag, io.env);
  let database: Database;
  try {
    database = await openDatabase(address);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`${T.dbFailed[lang]} (${address.replace(/:[^:@/]*@/, ':***@')}): ${reason}`);
  }
  try {
    await work(database);
  } finally {
    await database.close();
  }
}

function reportImportError(error: ImportError, file: string, io: Io, lang: Lang, json: boolean): number {
  switch (error.code) {
    case 'READ_FAILED':
      throw new UserError(`${file}: ${readFailureMessage(error.failure, lang)}`);
    case 'NO_PLANS':
      throw new UserError(`${file}: ${T.noPlans[lang]}`);
    case 'PLAN_EXISTS': {
      const message =
        lang === 'vi'
          ? `${file}: đã có kế hoạch #${error.planId} của ${error.subject} năm ${error.year} với nội dung khác; dùng --replace để thay (--replace --dry-run cho biết khác những gì). Không ghi gì.`
          : `${file}: plan #${error.planId} for ${error.subject} ${error.year} exists with other content; use --replace to replace it (--replace --dry-run shows the differences). Nothing was written.`;
      if (json)
        io.out(JSON.stringify({ error: { code: error.code, message, planId: error.planId } }, null, 2));
      else io.err(`parindex: ${message}`);
      return 1;
    }
    case 'PLAN_ARCHIVED':
      throw new UserError(
        lang === 'vi'
          ? `${file}: kế hoạch #${error.planId} của ${error.subject} năm ${error.year} đã lưu trữ, chỉ để xem; bỏ lưu trữ trước khi thay. Không ghi gì.`
          : `${file}: plan #${error.planId} for ${error.subject} ${error.year} is archived (read-only); unarchive it before replacing it. Nothing was written.`,
      );
    case 'FORBIDDEN':
    case 'UNIT_NOT_IN_PLAN':
      // the command line holds every right and maps no units: neither can happen here
      throw new UserError(`${file}: ${error.code} ${error.subject}`);
    case 'SUBJECT_AMBIGUOUS':
      throw new UserError(
        lang === 'vi'
          ? `${file}: có nhiều đơn vị tên "${error.subject}"; không biết nhập vào đơn vị nào. Không ghi gì.`
          : `${file}: several units are named "${error.subject}"; cannot tell which one. Nothing was written.`,
      );
    case 'UPLOAD_GONE':
    case 'PLAN_CHANGED':
    case 'PARENT_REQUIRED':
    case 'PARENT_INVALID':
      // the command line gives no parents (a new subject stands at the top level) and no versions
      throw new UserError(`${file}: ${error.code}`);
    case 'UNIT_DISSOLVED': {
      const message = `${file}: ${new AppError('UNIT_DISSOLVED', endedParams(error)).messageIn(lang)}`;
      if (json) io.out(JSON.stringify({ error: { code: error.code, message } }, null, 2));
      else io.err(`parindex: ${message}`);
      return 1;
    }
    case 'PLAN_INVALID': {
      const message =
        lang === 'vi'
          ? `${file}: tệp có lỗi phải sửa trước khi nhập; không ghi gì.`
          : `${file}: the file has errors to fix before it can be imported; nothing was written.`;
      if (json) {
        io.out(
          JSON.stringify(
            {
              error: {
                code: error.code,
                message,
                plans: error.plans.map((p) => ({
                  subject: p.subject,
                  year: p.year,
                  findings: p.findings.map(findingJson),
                })),
              },
            },
            null,
            2,
          ),
        );
      } else {
        io.err(`parindex: ${message}`);
        for (const p of error.plans) {
          for (const f of p.findings) {
            const where = [p.subject ?? '?', f.code, formatLocation(f.location, lang)]
              .filter(Boolean)
              .join(', ');
            io.err(`  ${where}: ${findingMessage(f, lang)} [${f.rule}]`);
          }
        }
      }
      return 1;
    }
  }
}
