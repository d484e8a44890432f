/**
 * Results and ranking on the command line (modules/results.ts): `parindex ranking --year Y
 * [--pool NAME] [--json]` — a pool's ranking of a year, `{"units":[{"unit","index","rank","group",
 * "components":{…}}],"findings":[…]}` with --json (exact decimal strings; "components" holds the
 * scores of the parts the ranking shows: components and areas), a table otherwise; and
 * `parindex results list [--json]`. `results` is a group the import's command (`results import`)
 * joins too: whichever file registers first makes it.
 */
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import { findingMessage } from '../core/findings.js';
import { formatScore, fromDecimalString } from '../core/score.js';
import { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';

/** The `results` command group: found when another command file made it, made otherwise. */
export function resultsGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'results') ??
    program.command('results').description('kết quả xếp hạng Chỉ số CCHC đã công bố')
  );
}

function yearOf(cli: CliContext, text: string): number {
  if (!/^\d{4}$/.test(text) || Number(text) < 2000 || Number(text) > 2100)
    cli.fail(cli.text('cli.badYear', { value: text }));
  return Number(text);
}

export function resultsCommands(program: Command, cli: CliContext): void {
  program
    .command('ranking')
    .description('bảng xếp hạng của một nhóm trong một năm: chỉ số, hạng, xếp loại, điểm theo từng phần')
    .requiredOption('--year <year>', 'năm của kết quả')
    .option('--pool <name>', 'tên nhóm xếp hạng (cần khi năm đó có kết quả của nhiều nhóm)')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { year: string; pool?: string; json?: boolean; db?: string }) => {
      const year = yearOf(cli, opts.year);
      await cli.withDatabase(opts.db, async (database) => {
        const { listResultSummaries, poolByName, rankingOf } = await import('../modules/results.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const actor = systemActor(cli.user);
        let results = await listResultSummaries(deps, actor, { year });
        if (opts.pool !== undefined) {
          const pool = await poolByName(database.db, opts.pool).catch((error: unknown) => {
            if (error instanceof AppError && error.is('RESULTS_POOL_NOT_FOUND'))
              cli.fail(error.messageIn(cli.lang()));
            throw error;
          });
          results = results.filter((r) => r.poolId === pool.id);
        }
        if (results.length === 0) cli.fail(cli.text('cli.noResult', { year, pool: opts.pool ?? null }));
        if (results.length > 1) {
          cli.fail(cli.text('cli.severalPools', { year, pools: results.map((r) => r.poolName).join(', ') }));
        }
        const ranking = await rankingOf(deps, actor, results[0]!.id);
        if (opts.json) {
          const units = ranking.units.map((u) => ({
            unit: u.unit,
            index: u.index,
            rank: u.rank,
            group: u.group,
            components: u.scores,
          }));
          const findings = ranking.findings.map((f) => ({
            rule: f.rule,
            severity: f.severity,
            params: f.params,
            message: findingMessage(f, 'vi'),
            messageEn: findingMessage(f, 'en'),
          }));
          cli.io.out(JSON.stringify({ units, findings }, null, 2));
          return;
        }
        const lang = cli.lang();
        cli.io.out(cli.text('cli.rankingHeader', {}));
        for (const u of ranking.units) {
          const published =
            u.publishedRank === null && u.publishedGroup === null
              ? ''
              : `  (${u.publishedRank ?? '—'} / ${u.publishedGroup ?? '—'})`;
          cli.io.out(
            `${String(u.rank ?? '—').padStart(4)}  ${formatScore(fromDecimalString(u.index), lang).padEnd(8)} ${(u.group ?? '—').padEnd(9)} ${u.unit}${published}`,
          );
        }
        for (const f of ranking.findings) cli.io.out(`  ${findingMessage(f, lang)}`);
      });
    });

  resultsGroup(program)
    .command('list')
    .description('các kết quả xếp hạng đã lưu, theo năm (mới nhất trước) và nhóm')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      await cli.withDatabase(opts.db, async (database) => {
        const { listResultSummaries } = await import('../modules/results.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const results = await listResultSummaries(deps, systemActor(cli.user), {});
        if (opts.json) {
          cli.io.out(JSON.stringify({ results }, null, 2));
          return;
        }
        if (results.length === 0) {
          cli.io.out(cli.text('cli.noResultsYet', {}));
          return;
        }
        cli.io.out(cli.text('cli.resultsListHeader', {}));
        for (const r of results) {
          cli.io.out(
            `${String(r.id).padStart(3)} ${r.year}  ${r.poolName} / ${r.title} / ${r.units} / ${r.sourceName ?? r.source}`,
          );
        }
      });
    });
}
