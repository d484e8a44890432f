/**
 * `parindex demo generate --provinces N --units-per-province M --years Y [--last-year YYYY]
 * [--seed S] [--db ADDRESS] [--json]`: a generated country (modules/demo.ts) written into an empty
 * database, for benchmarks and demonstrations; progress lines on stderr, the counts on stdout (JSON
 * with --json). Exit codes as main.ts: 0 written; 2 bad input (a count out of range) or a database
 * that holds units already (nothing written).
 */
import type { Command } from 'commander';
import { vietnamDate } from '../core/dates.js';
import type { DemoStep } from '../core/messages/cli.js';
import type { DemoOptions } from '../modules/demo-country.js';
import type { CliContext } from './context.js';

interface DemoFlags {
  provinces: string;
  unitsPerProvince: string;
  years: string;
  lastYear?: string;
  seed: string;
  db?: string;
  json?: boolean;
}

export function demoCommands(program: Command, cli: CliContext): void {
  const demo = program.command('demo').description('dữ liệu mẫu để thử tải và trình diễn');
  demo
    .command('generate')
    .description(
      'tạo dữ liệu mẫu cả nước (đơn vị, sáp nhập, bộ tiêu chí, kế hoạch) trong một CSDL trống, xác định theo --seed',
    )
    .requiredOption('--provinces <n>', 'số tỉnh')
    .requiredOption(
      '--units-per-province <n>',
      'số đơn vị được đánh giá mỗi tỉnh (sở ≈ 1/6, còn lại xã, phường)',
    )
    .requiredOption('--years <n>', 'số năm kế hoạch, kết thúc ở --last-year')
    .option('--last-year <yyyy>', 'năm cuối (mặc định năm nay)')
    .option('--seed <n>', 'hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu', '1')
    .option('--json', 'in số lượng dạng JSON')
    .addOption(cli.dbOption())
    .action(async (flags: DemoFlags) => {
      const number = (option: string, value: string, min: number, max: number): number => {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= min && n <= max)) cli.fail(cli.text('cli.demoBadNumber', { option, value, min, max }));
        return n;
      };
      const options: DemoOptions = {
        provinces: number('--provinces', flags.provinces, 1, 100),
        unitsPerProvince: number('--units-per-province', flags.unitsPerProvince, 2, 2000),
        years: number('--years', flags.years, 1, 10),
        lastYear: number('--last-year', flags.lastYear ?? vietnamDate(cli.now()).slice(0, 4), 2000, 2100),
        seed: number('--seed', flags.seed, 0, 2 ** 31),
      };
      await cli.withDatabase(flags.db, async (database) => {
        // loaded when the command runs: the CLI starts without the database modules (cli-start.test.ts)
        const [{ generateCountry }, { generateRounds }, { evidenceLimits, openEvidenceStore }, { AppError }] =
          await Promise.all([
            import('../modules/demo.js'),
            import('../modules/demo-rounds.js'),
            import('../modules/evidence-store.js'),
            import('../modules/errors.js'),
          ]);
        const started = performance.now();
        // progress lines on stderr in the chosen language, as every other message
        const progress = (step: DemoStep) => cli.io.err(cli.text('cli.demoProgress', step));
        let country;
        try {
          country = await generateCountry(
            { db: database.db, kind: database.kind, clock: () => cli.now() },
            options,
            progress,
          );
        } catch (error) {
          if (error instanceof AppError && error.is('DEMO_NOT_EMPTY')) cli.fail(error.messageIn(cli.lang()));
          throw error;
        }
        // the rounds and results on the country's units and frameworks; the evidence file in the store
        const rounds = await generateRounds(
          {
            db: database.db,
            kind: database.kind,
            clock: () => cli.now(),
            evidence: { store: openEvidenceStore(cli.io.env), limits: evidenceLimits(cli.io.env) },
          },
          country,
          progress,
        );
        country.counts = { ...country.counts, ...rounds };
        const seconds = (performance.now() - started) / 1000;
        if (flags.json) {
          cli.io.out(
            JSON.stringify(
              { ...country.counts, provinces: country.provinces.length, years: country.years, seconds },
              null,
              2,
            ),
          );
          return;
        }
        cli.io.out(
          cli.text('cli.demoGenerated', {
            provinces: country.provinces.length,
            ...country.counts,
            seconds: seconds.toLocaleString(cli.lang(), { maximumFractionDigits: 1 }),
          }),
        );
        cli.io.out(cli.text('cli.demoRoundsGenerated', rounds));
      });
    });
}
