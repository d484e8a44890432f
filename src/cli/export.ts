/** `parindex export ID --format xlsx|docx -o FILE`: a stored plan in the appendix's layout. */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { systemActor } from '../core/access.js';
import type { CliContext } from './context.js';
import { planIdOf } from './input.js';

export function exportCommand(program: Command, cli: CliContext): void {
  program
    .command('export')
    .description('xuất một kế hoạch ra XLSX hoặc DOCX theo mẫu phụ lục')
    .argument('<planId>')
    .addOption(
      new Option('--format <format>', 'xlsx hoặc docx').choices(['xlsx', 'docx']).makeOptionMandatory(),
    )
    .requiredOption('-o, --out <file>', 'tệp kết quả')
    .addOption(cli.dbOption())
    .action(async (planId: string, opts: { format: 'xlsx' | 'docx'; out: string; db?: string }) => {
      const id = planIdOf(cli, planId);
      await cli.withDatabase(opts.db, async (database) => {
        const { exportPlan } = await import('../modules/plans.js');
        const file = await exportPlan(database.db, id, opts.format, systemActor(cli.user));
        if (!file) cli.fail(cli.text('cli.planNotFound', { id: planId }));
        await writeFile(opts.out, file.bytes);
        cli.io.out(opts.out);
      });
    });
}
