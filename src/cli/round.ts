/**
 * `parindex round create --name … --year … --framework ID --units ID,ID | --group PARENT_ID:kind,kind
 * --calendar FILE.json [--json]` and `parindex round list [--json]`: assessment rounds through
 * modules/rounds.ts, with the command line's rights (it holds the database). A refusal (a draft
 * framework, a calendar's problems, criteria without a follow-up unit) is one line, exit 2.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import { AppError } from '../modules/errors.js';
import type { RoundCreate } from '../shared/api.js';
import type { CliContext } from './context.js';
import { readInput } from './input.js';

/** The calendar file: the API's list of phases, or an object of phases → {opensOn, closesOn}. */
async function calendarFile() {
  // zod and the API's shapes load when a round is created, not at every start of the command
  const { z } = await import('zod');
  const { CalendarInput } = await import('../shared/api.js');
  return z.union([
    CalendarInput,
    z
      .record(z.string(), z.object({ opensOn: z.string(), closesOn: z.string() }))
      .transform((o) => Object.entries(o).map(([phase, d]) => ({ phase, ...d })))
      .pipe(CalendarInput),
  ]);
}

interface CreateOptions {
  name: string;
  year: string;
  framework: string;
  units?: string;
  group?: string;
  calendar: string;
  json?: boolean;
  db?: string;
}

const POSITIVE = /^\d+$/;

function idList(cli: CliContext, value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((p) => !POSITIVE.test(p) || Number(p) < 1))
    cli.fail(cli.text('cli.badRoundOption', { option: '--units', value }));
  return parts.map(Number);
}

function groupOf(cli: CliContext, value: string): { parentId: number; kinds: string[] } {
  const m = /^(\d+):(.+)$/.exec(value.trim());
  const kinds = m
    ? m[2]!
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '')
    : [];
  if (!m || Number(m[1]) < 1 || kinds.length === 0)
    cli.fail(cli.text('cli.badRoundOption', { option: '--group', value }));
  return { parentId: Number(m[1]), kinds };
}

async function calendarOf(cli: CliContext, file: string): Promise<RoundCreate['calendar']> {
  await readInput(cli, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    cli.fail(cli.text('cli.badCalendarFile', { file }));
  }
  const calendar = (await calendarFile()).safeParse(parsed);
  if (!calendar.success) cli.fail(cli.text('cli.badCalendarFile', { file }));
  return calendar.data;
}

export function roundCommands(program: Command, cli: CliContext): void {
  const round = program.command('round').description('đợt đánh giá Chỉ số CCHC: tạo, liệt kê, kết quả');

  round
    .command('create')
    .description('tạo đợt đánh giá: năm, bộ tiêu chí, các đơn vị được đánh giá, lịch sáu giai đoạn')
    .requiredOption('--name <name>', 'tên đợt đánh giá')
    .requiredOption('--year <year>', 'năm đánh giá')
    .requiredOption('--framework <id>', 'mã bộ tiêu chí (đã công bố hoặc đang dùng)')
    .option('--units <ids>', 'mã các đơn vị, cách nhau bằng dấu phẩy')
    .option('--group <parent:kinds>', 'các đơn vị thuộc loại đã cho dưới một đơn vị: MÃ_CHA:commune,ward')
    .requiredOption(
      '--calendar <file>',
      'tệp JSON: [{"phase":"self","opensOn":"2026-12-01","closesOn":"2026-12-20"}, …]',
    )
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: CreateOptions) => {
      if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2100)
        cli.fail(cli.text('cli.badRoundOption', { option: '--year', value: opts.year }));
      if (!POSITIVE.test(opts.framework) || Number(opts.framework) < 1)
        cli.fail(cli.text('cli.badRoundOption', { option: '--framework', value: opts.framework }));
      if (opts.units === undefined && opts.group === undefined)
        cli.fail(cli.text('cli.badRoundOption', { option: '--units', value: '' }));
      const input: RoundCreate = {
        name: opts.name.trim(),
        year: Number(opts.year),
        frameworkId: Number(opts.framework),
        ...(opts.units !== undefined ? { unitIds: idList(cli, opts.units) } : {}),
        ...(opts.group !== undefined ? { unitGroup: groupOf(cli, opts.group) } : {}),
        calendar: await calendarOf(cli, opts.calendar),
      };
      await cli.withDatabase(opts.db, async (database) => {
        const { createRound } = await import('../modules/rounds.js');
        const deps = { db: database.db, clock: () => cli.now() };
        let created;
        try {
          created = await createRound(deps, systemActor(cli.user), input);
        } catch (error) {
          if (error instanceof AppError) cli.fail(error.messageIn(cli.lang()));
          throw error;
        }
        if (opts.json) {
          cli.io.out(JSON.stringify(created, null, 2));
          return;
        }
        cli.io.out(
          cli.text('cli.roundCreated', {
            id: created.id,
            name: created.name,
            units: created.units.length,
            framework: created.framework.name,
          }),
        );
      });
    });

  round
    .command('list')
    .description('liệt kê các đợt đánh giá: giai đoạn hiện tại, số đơn vị đã gửi')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      await cli.withDatabase(opts.db, async (database) => {
        const { listRounds } = await import('../modules/rounds.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const { rounds } = await listRounds(deps, systemActor(cli.user));
        if (opts.json) {
          cli.io.out(
            JSON.stringify(
              rounds.map(({ myUnits: _, ...r }) => r),
              null,
              2,
            ),
          );
          return;
        }
        if (rounds.length === 0) cli.io.out(cli.text('cli.noRoundsYet', {}));
        for (const r of rounds) {
          cli.io.out(
            `${String(r.id).padStart(4)}  ${r.name.padEnd(40)} ${r.year}  ${cli.text('cli.roundPhase', { phase: r.phase }).padEnd(20)} ${cli.text('cli.roundSubmitted', { submitted: r.submitted, units: r.units })}  ${r.frameworkName}`,
          );
        }
      });
    });
}
