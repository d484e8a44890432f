/**
 * `parindex survey import ROUND_ID FILE [--dry-run] [--map "Tên=ID"]…`: a survey's scores into a
 * round (modules/survey.ts), in one transaction. Exit codes as main.ts: 0 written (or, with
 * --dry-run, checked: what would be written is printed and nothing is); 1 the file has errors, a
 * name is not a unit of the round and not mapped, or the round is published; 2 bad input (a file
 * that cannot be read, a bad id or --map, no such round, a mapping outside the round).
 */
import type { Command } from 'commander';
import { formatScore, fromDecimalString } from '../core/score.js';
import { systemActor } from '../core/access.js';
import { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';
import { collect, mappingOf, readInput } from './input.js';
import { printRejected } from './output.js';

export function surveyCommands(program: Command, cli: CliContext): void {
  const survey = program.command('survey').description('điểm điều tra xã hội học của đợt đánh giá');
  survey
    .command('import')
    .description(
      'nhập điểm khảo sát (XLSX, CSV, TXT) vào đợt đánh giá (một giao dịch: có lỗi thì không ghi gì)',
    )
    .argument('<roundId>')
    .argument('<file>')
    .option('--dry-run', 'chỉ kiểm tra và in những điểm sẽ ghi, không ghi')
    .option('--map <Tên=ID>', 'tên đơn vị trong tệp = mã đơn vị của đợt (lặp lại được)', collect, [])
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(
      async (
        roundArg: string,
        file: string,
        opts: { dryRun?: boolean; map: string[]; json?: boolean; db?: string },
      ) => {
        if (!/^\d+$/.test(roundArg) || Number(roundArg) < 1)
          cli.fail(cli.text('cli.badRoundId', { id: roundArg }));
        const mapping = mappingOf(cli, opts.map);
        const bytes = await readInput(cli, file);
        await cli.withDatabase(opts.db, async (database) => {
          const { importSurveyFile } = await import('../modules/survey.js');
          const lang = cli.lang();
          let outcome;
          try {
            outcome = await importSurveyFile(
              { db: database.db, clock: () => cli.now() },
              systemActor(cli.user),
              Number(roundArg),
              { fileName: file.split(/[/\\]/).pop() ?? file, bytes },
              { mapping, dryRun: opts.dryRun ?? false },
            );
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            cli.setExitCode(refusal(cli, error, file, opts.json ?? false));
            return;
          }
          const { result, rows } = outcome;
          if (opts.json) {
            cli.io.out(JSON.stringify({ dryRun: !outcome.written, ...result, rows }, null, 2));
            return;
          }
          for (const r of rows) {
            cli.io.out(
              cli.text('cli.surveyRow', {
                unit: r.unitName ?? r.unit,
                code: r.code,
                score: formatScore(fromDecimalString(r.score), lang),
                previous: r.previous === null ? null : formatScore(fromDecimalString(r.previous), lang),
              }),
            );
          }
          cli.io.out(cli.text('cli.surveyImported', { dryRun: !outcome.written, ...result }));
        });
      },
    );
}

/** A refused import: the file's errors (exit 1), or bad input (exit 2, one line). */
function refusal(cli: CliContext, error: AppError, file: string, json: boolean): number {
  const lang = cli.lang();
  if (error.is('READ_FAILED')) cli.fail(cli.text('READ_FAILED', { ...error.params, file }));
  if (error.is('SURVEY_REJECTED'))
    return printRejected(cli, error, json, {
      headline: cli.text('cli.surveyRejected', { file, errors: error.params.errors }),
      unknown: (name) => cli.text('cli.surveyUnknownUnit', { name }),
    });
  if (error.is('ROUND_PUBLISHED') || error.is('STALE_VERSION')) {
    cli.io.err(`parindex: ${error.messageIn(lang)}`);
    return 1;
  }
  cli.fail(`${file}: ${error.messageIn(lang)}`);
}
