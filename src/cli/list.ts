/** `parindex list`: the stored plans, one a line. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function listCommand(program: Command, cli: CliContext): void {
  program
    .command('list')
    .description('liệt kê các kế hoạch đã lưu')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      await cli.withDatabase(opts.db, async (database) => {
        const { listPlans } = await import('../modules/plans.js');
        const plans = await listPlans(database.db);
        if (opts.json) {
          cli.io.out(
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
        if (plans.length === 0) cli.io.out(cli.text('cli.noPlansYet', {}));
        const criteria = cli.text('cli.criteria', {});
        const archived = `  ${cli.text('cli.archivedMark', {})}`;
        for (const p of plans) {
          cli.io.out(
            `${String(p.id).padStart(4)}  ${p.subject.padEnd(28)} ${p.year}  ${p.criteria} ${criteria}${p.archived ? archived : ''}`,
          );
        }
      });
    });
}
