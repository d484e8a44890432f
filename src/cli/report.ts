/** `parindex report ID --format xlsx|docx [--unit NAME] [--as-of DATE] -o FILE`: the progress report. */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { systemActor } from '../core/access.js';
import type { CliContext } from './context.js';
import { planIdOf } from './input.js';

export function reportCommand(program: Command, cli: CliContext): void {
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
    .addOption(cli.dbOption())
    .action(
      async (
        planId: string,
        opts: { format: 'xlsx' | 'docx'; unit?: string; asOf?: string; out: string; db?: string },
      ) => {
        const id = planIdOf(cli, planId);
        const { ReportQuery } = await import('../shared/api.js');
        const asOf = opts.asOf === undefined ? undefined : ReportQuery.shape.asOf.safeParse(opts.asOf);
        if (opts.asOf !== undefined && asOf && (!asOf.success || asOf.data === undefined))
          cli.fail(cli.text('cli.badDate', { value: opts.asOf }));
        await cli.withDatabase(opts.db, async (database) => {
          const { loadPlanDocument } = await import('../modules/plans.js');
          const { exportProgressReport, planUnitsNamed } = await import('../modules/reports.js');
          const exists = await loadPlanDocument(database.db, id);
          if (!exists) cli.fail(cli.text('cli.planNotFound', { id: planId }));
          let unitId: number | undefined;
          if (opts.unit !== undefined) {
            const units = await planUnitsNamed(database.db, id, opts.unit);
            if (units.length !== 1)
              cli.fail(cli.text(units.length === 0 ? 'cli.noUnit' : 'cli.manyUnits', { unit: opts.unit }));
            unitId = units[0]!.id;
          }
          const file = await exportProgressReport(database.db, systemActor(cli.user), () => cli.now(), {
            planId: id,
            format: opts.format,
            unitId,
            asOf: asOf?.data,
          });
          await writeFile(opts.out, file.bytes);
          cli.io.out(opts.out);
        });
      },
    );
}
