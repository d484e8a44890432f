/**
 * The `parindex` command. Exit codes: 0 done; 1 the document has errors or the import was refused;
 * 2 bad input or usage (one line on stderr naming the file and the problem, nothing written);
 * 70 an unexpected failure (one line; the stack only with PARINDEX_DEBUG=1).
 * Each command lives in its own file and gets a CliContext; every message comes from the catalog
 * (core/messages.ts) in the language of --lang or PARINDEX_LANG.
 *
 * Start-up: this file and the command files load only commander, the catalog and core/ at the top;
 * each action imports its use-cases (modules/, db/, formats/) when it runs, so `check` of a text
 * file never loads exceljs, mammoth, docx, kysely, pg or better-sqlite3 and the help lists every
 * command without loading any (test/cli-start.test.ts, bench/cli.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../core/findings.js';
import { render } from '../core/messages.js';
import type { Database } from '../db/database.js';
import { isRetryableRefusal } from '../db/errors.js';
import { AppError } from '../modules/errors.js';
import { assessmentCommands } from './assessment.js';
import { auditCommands } from './audit.js';
import { backupCommands } from './backup.js';
import { checkCommand } from './check.js';
import type { CliContext, CommandFile } from './context.js';
import { evidenceCommands } from './evidence.js';
import { exportCommand } from './export.js';
import { frameworkCommands } from './framework.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { reportCommand } from './report.js';
import { resetPasswordCommand } from './reset-password.js';
import { surveyCommands } from './survey.js';
import { planNextCommands } from './plan-next.js';
import { roundResultsCommands } from './round-results.js';
import { roundCommands } from './round.js';
import { resultsCommands } from './results.js';
import { resultsImportCommands } from './results-import.js';
import { demoCommands } from './demo.js';

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

export const COMMANDS: readonly CommandFile[] = [
  checkCommand,
  importCommand,
  listCommand,
  exportCommand,
  reportCommand,
  resetPasswordCommand,
  auditCommands,
  backupCommands,
  frameworkCommands,
  surveyCommands,
  roundCommands,
  // after round.ts: `round results` joins its `round` group
  roundResultsCommands,
  assessmentCommands,
  evidenceCommands,
  planNextCommands,
  resultsCommands,
  resultsImportCommands,
  demoCommands,
];

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let lang: Lang = io.env.PARINDEX_LANG === 'en' ? 'en' : 'vi';
  let exitCode = 0;
  const program = new Command('parindex')
    .description('ParIndex — Chỉ số cải cách hành chính: đọc, kiểm tra, lưu và xuất kế hoạch cải thiện')
    .version(packageVersion(), '-V, --version', 'phiên bản / version')
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

  const cli: CliContext = {
    io,
    lang: () => lang,
    text: (code, params) => render(code, params, lang),
    withDatabase: (flag, work) => withDatabase(flag, io, lang, work),
    fail: (message, code = 2) => {
      throw new UserError(message, code);
    },
    setExitCode: (code) => {
      exitCode = code;
    },
    user: cliUser(io.env),
    now: () => (io.now ?? (() => new Date()))(),
    dbOption: () =>
      new Option(
        '--db <address>',
        'CSDL: đường dẫn tệp SQLite hoặc postgres://… (mặc định DATABASE_URL hoặc data/parindex.sqlite)',
      ),
  };
  for (const command of COMMANDS) command(program, cli);

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
    // refused for what ran at the same moment (the API's 503 TRY_AGAIN): run again, it may pass
    if (isRetryableRefusal(error)) {
      io.err(`parindex: ${render('http.tryAgain', {}, lang)}`);
      return 75;
    }
    const message =
      error instanceof AppError
        ? error.messageIn(lang)
        : error instanceof Error
          ? error.message
          : String(error);
    io.err(`parindex: ${render('cli.unexpected', { reason: message.split('\n')[0] ?? '' }, lang)}`);
    if (io.env.PARINDEX_DEBUG === '1' && error instanceof Error) io.err(error.stack ?? '');
    return 70;
  }
}

/** package.json's version: dist/cli/ and src/cli/ are both two levels below it. */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The command line audits its changes under the operating-system account that ran it. */
function cliUser(env: NodeJS.ProcessEnv): string {
  return `cli:${env.USER ?? env.USERNAME ?? 'unknown'}`;
}

async function withDatabase(
  flag: string | undefined,
  io: Io,
  lang: Lang,
  work: (database: Database) => Promise<void>,
): Promise<void> {
  // the engines' drivers and kysely load here, for the commands that use a database only
  const { openDatabase, resolveDatabaseAddress } = await import('../db/database.js');
  const { backfillFigures } = await import('../modules/plan-view.js');
  const address = resolveDatabaseAddress(flag, io.env);
  let database: Database;
  try {
    database = await openDatabase(address);
  } catch (error) {
    const reason = (error instanceof Error ? error.message.split('\n')[0] : String(error)) ?? '';
    throw new UserError(
      render('cli.dbFailed', { address: address.replace(/:[^:@/]*@/, ':***@'), reason }, lang),
    );
  }
  try {
    // plans stored before their list figures were (migrations 0013, 0017) get them first
    await backfillFigures(database.db);
    await work(database);
  } finally {
    await database.close();
  }
}
