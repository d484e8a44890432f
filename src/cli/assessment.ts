/**
 * `parindex assessment export ROUND_ID -o FILE`: every unit's scores of a round as a workbook
 * (formats/assessment-xlsx.ts: the summary per area and the criteria per unit).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import type { CliContext } from './context.js';
import { orMissingRound, roundIdOf } from './round-results.js';

export function assessmentCommands(program: Command, cli: CliContext): void {
  const assessment =
    program.commands.find((c) => c.name() === 'assessment') ??
    program.command('assessment').description('kết quả tự đánh giá, thẩm định của các đơn vị');
  assessment
    .command('export')
    .description('xuất điểm của mọi đơn vị trong đợt đánh giá ra XLSX')
    .argument('<roundId>')
    .option('-o, --out <file>', 'tệp kết quả (mặc định: danh-gia-<mã đợt>.xlsx)')
    .addOption(cli.dbOption())
    .action(async (roundId: string, opts: { out?: string; db?: string }) => {
      const id = roundIdOf(cli, roundId);
      await cli.withDatabase(opts.db, async (database) => {
        const { exportRoundWorkbook } = await import('../modules/round-results.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const file = await orMissingRound(cli, () => exportRoundWorkbook(deps, systemActor(cli.user), id));
        const out = opts.out ?? file.fileName;
        await writeFile(out, file.bytes);
        cli.io.out(out);
      });
    });
}
