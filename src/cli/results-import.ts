/**
 * `parindex results import FILE --year Y [--pool NAME] [--title T] [--dry-run] [--map "Tên=ID"]… [--json]`:
 * a published result's table into a pool's result of the year (modules/results-import.ts), in one
 * transaction, replacing the pool's result of that year. Without --pool the installation's only
 * pool. Exit codes as main.ts: 0 stored (or, with --dry-run, checked: every row is printed with its
 * computed rank and group and nothing is stored); 1 the table has errors or a name is not a unit
 * and not mapped; 2 bad input (a file that cannot be read, a bad year or --map, no such pool).
 */
import type { Command } from 'commander';
import { formatScore, fromDecimalString } from '../core/score.js';
import { systemActor } from '../core/access.js';
import { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';
import { resultsGroup } from './results.js';
import { collect, mappingOf, readInput } from './input.js';
import { findingJson, findingLine, printRejected } from './output.js';

interface ImportOptions {
  year: string;
  pool?: string;
  title?: string;
  dryRun?: boolean;
  map: string[];
  json?: boolean;
  db?: string;
}

export function resultsImportCommands(program: Command, cli: CliContext): void {
  resultsGroup(program)
    .command('import')
    .description(
      'nhập bảng kết quả đã công bố (XLSX, CSV, TXT) thành kết quả của nhóm xếp hạng trong năm (thay kết quả cũ; có lỗi thì không ghi gì)',
    )
    .argument('<file>')
    .requiredOption('--year <năm>', 'năm của kết quả')
    .option('--pool <tên>', 'tên nhóm xếp hạng (bỏ trống khi chỉ có một nhóm)')
    .option('--title <tiêu đề>', 'tiêu đề của kết quả')
    .option('--dry-run', 'chỉ kiểm tra và in bảng xếp hạng tính được, không ghi')
    .option('--map <Tên=ID>', 'tên đơn vị trong tệp = mã đơn vị (lặp lại được)', collect, [])
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (file: string, opts: ImportOptions) => {
      if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2100)
        cli.fail(cli.text('cli.badRoundOption', { option: '--year', value: opts.year }));
      const mapping = mappingOf(cli, opts.map);
      const bytes = await readInput(cli, file);
      await cli.withDatabase(opts.db, async (database) => {
        const { importResultsFile } = await import('../modules/results-import.js');
        const { poolByName } = await import('../modules/results.js');
        const lang = cli.lang();
        const deps = { db: database.db, clock: () => cli.now() };
        let outcome;
        try {
          const pool = await poolByName(database.db, opts.pool);
          outcome = await importResultsFile(
            deps,
            systemActor(cli.user),
            { pool, year: Number(opts.year), title: opts.title ?? '' },
            { fileName: file.split(/[/\\]/).pop() ?? file, bytes },
            { mapping, dryRun: opts.dryRun ?? false },
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          cli.setExitCode(refusal(cli, error, file, opts.json ?? false));
          return;
        }
        if (opts.json) {
          cli.io.out(
            JSON.stringify(
              {
                dryRun: outcome.stored === null,
                pool: outcome.poolName,
                year: outcome.year,
                resultId: outcome.stored?.resultId ?? null,
                replaced: outcome.stored?.replaced ?? null,
                differences: outcome.differences,
                units: outcome.units.map((u) => ({
                  unit: u.unitName,
                  writtenAs: u.writtenAs,
                  unitId: u.unitId,
                  index: u.index,
                  rank: u.rank,
                  group: u.group,
                  publishedRank: u.publishedRank,
                  publishedGroup: u.publishedGroup,
                  scores: u.scores,
                })),
                findings: outcome.findings.map(findingJson),
              },
              null,
              2,
            ),
          );
          return;
        }
        for (const u of [...outcome.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))) {
          cli.io.out(
            cli.text('cli.resultsRow', {
              rank: u.rank,
              unit: u.unitName ?? u.writtenAs,
              index: formatScore(fromDecimalString(u.index), lang),
              group: u.group,
              publishedRank: u.publishedRank,
              publishedGroup: u.publishedGroup,
            }),
          );
        }
        for (const f of outcome.findings) cli.io.out(findingLine(f, lang));
        cli.io.out(
          cli.text('cli.resultsImported', {
            dryRun: outcome.stored === null,
            units: outcome.units.length,
            pool: outcome.poolName,
            year: outcome.year,
            differences: outcome.differences,
          }),
        );
      });
    });
}

/** A refused import: the table's errors (exit 1), or bad input (exit 2, one line). */
function refusal(cli: CliContext, error: AppError, file: string, json: boolean): number {
  const lang = cli.lang();
  if (error.is('READ_FAILED')) cli.fail(cli.text('READ_FAILED', { ...error.params, file }));
  if (error.is('RESULTS_REJECTED'))
    return printRejected(cli, error, json, {
      headline: cli.text('cli.resultsRejected', { file, errors: error.params.errors }),
      unknown: (name) => cli.text('cli.resultsUnknownUnit', { name }),
    });
  cli.fail(`${file}: ${error.messageIn(lang)}`);
}
