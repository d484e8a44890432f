/**
 * `parindex round results ROUND_ID [--json]`: the round's ranking (modules/round-results.ts):
 * `{"units":[{"unit","self","appraised","final","max","index"}]}` with --json (exact decimal strings,
 * ranked by final index), a table otherwise. Added to the `round` group ROUNDS' round.ts makes
 * (or made here when that file is not registered).
 */
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import { formatScore, fromDecimalString } from '../core/score.js';
import { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';

/** The `round` command group: found when another command file made it, made otherwise. */
export function roundGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'round') ??
    program.command('round').description('các đợt đánh giá Chỉ số CCHC')
  );
}

/** A round id argument, or exit 2. */
export function roundIdOf(cli: CliContext, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) cli.fail(cli.text('cli.badRoundId', { id: text }));
  return Number(text);
}

/** Runs `work`, a missing round one line and exit 2. */
export async function orMissingRound<T>(cli: CliContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.is('ROUND_NOT_FOUND')) cli.fail(error.messageIn(cli.lang()));
    throw error;
  }
}

export function roundResultsCommands(program: Command, cli: CliContext): void {
  roundGroup(program)
    .command('results')
    .description('kết quả đợt đánh giá: điểm tự đánh giá, thẩm định, chính thức, chỉ số, xếp hạng')
    .argument('<roundId>')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (roundId: string, opts: { json?: boolean; db?: string }) => {
      const id = roundIdOf(cli, roundId);
      await cli.withDatabase(opts.db, async (database) => {
        const { roundResults } = await import('../modules/round-results.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const results = await orMissingRound(cli, () => roundResults(deps, systemActor(cli.user), id));
        if (opts.json) {
          const units = results.units.map(({ unit, self, appraised, final, max, index }) => ({
            unit,
            self,
            appraised,
            final,
            max,
            index,
          }));
          cli.io.out(JSON.stringify({ units }, null, 2));
          return;
        }
        const lang = cli.lang();
        const shown = (s: string | null) => (s === null ? '—' : formatScore(fromDecimalString(s), lang));
        cli.io.out(cli.text('cli.roundResultsHeader', {}));
        for (const u of results.units) {
          cli.io.out(
            `${String(u.rank ?? '—').padStart(4)}  ${u.unit} / ${shown(u.self)} / ${shown(u.appraised)} / ${shown(u.final)} / ${shown(u.max)} / ${shown(u.index)}`,
          );
        }
      });
    });
}
