/**
 * `parindex plan next --unit NAME --year Y [--result ID] [--share AREA=F]… [--manual AREA]… [-o FILE]`:
 * next year's plan of a unit from its result (modules/next-plan.ts). With -o the draft is written as
 * the official appendix (.xlsx or .docx by the extension) and nothing is stored; without it the draft
 * is stored as the unit's plan of that year and its id printed. The result is the unit's of the year
 * before (else its latest before), unless --result names one. Exit codes: 0 done; 1 the unit already
 * has a plan of that year; 2 bad input (no such unit, several of that name, no result, a bad option).
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../core/access.js';
import { AppError } from '../modules/errors.js';
import type { NextPlanRequest } from '../modules/next-plan.js';
import type { CliContext } from './context.js';
import { collect } from './input.js';

interface Options {
  unit?: string;
  unitId?: string;
  year: string;
  result?: string;
  share: string[];
  manual: string[];
  out?: string;
  db?: string;
}

function recoveryOf(cli: CliContext, opts: Options): NextPlanRequest['recovery'] {
  const out: Record<string, NextPlanRequest['recovery'][string]> = {};
  for (const text of opts.share) {
    const m = /^([0-9IVXivx.]+)=(0?\.\d{1,4}|1(\.0{1,4})?)$/.exec(text.replace(',', '.').trim());
    if (!m || Number(m[2]) <= 0) cli.fail(cli.text('cli.nextBadRecovery', { text }));
    out[m[1]!] = { mode: 'share', share: m[2]!.startsWith('.') ? `0${m[2]}` : m[2]! };
  }
  for (const area of opts.manual) {
    if (!/^[0-9IVXivx.]+$/.test(area.trim())) cli.fail(cli.text('cli.nextBadRecovery', { text: area }));
    out[area.trim()] = { mode: 'manual' };
  }
  return out;
}

export function planNextCommands(program: Command, cli: CliContext): void {
  const plan =
    program.commands.find((c) => c.name() === 'plan') ?? program.command('plan').description('kế hoạch');
  plan
    .command('next')
    .description('lập kế hoạch năm sau của một đơn vị từ điểm bị mất trong kết quả của đơn vị')
    .option('--unit <name>', 'tên đơn vị, ví dụ "Tỉnh Đắk Nông"')
    .option('--unit-id <id>', 'mã đơn vị (khi nhiều đơn vị cùng tên)')
    .requiredOption('--year <year>', 'năm của kế hoạch')
    .option('--result <id>', 'mã kết quả (mặc định: kết quả năm trước của đơn vị)')
    .option(
      '--share <area=share>',
      'lĩnh vực khôi phục một phần điểm bị mất, ví dụ 1=0.5 (lặp lại được)',
      collect,
      [],
    )
    .option('--manual <area>', 'lĩnh vực để trống mục tiêu cho cán bộ tự nhập (lặp lại được)', collect, [])
    .option('-o, --out <file>', 'ghi dự thảo ra tệp .xlsx hoặc .docx (không lưu)')
    .addOption(cli.dbOption())
    .action(async (opts: Options) => {
      if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2100)
        cli.fail(cli.text('cli.nextBadYear', { year: opts.year }));
      const year = Number(opts.year);
      const recovery = recoveryOf(cli, opts);
      const format = opts.out === undefined ? null : /\.docx$/i.test(opts.out) ? 'docx' : 'xlsx';
      await cli.withDatabase(opts.db, async (database) => {
        const { nextPlan, nextPlanFile, resultBefore, unitsNamed } = await import('../modules/next-plan.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const name = opts.unit ?? '';
        let unitId: number;
        if (opts.unitId !== undefined && /^\d+$/.test(opts.unitId)) unitId = Number(opts.unitId);
        else {
          const units = await unitsNamed(database.db, name);
          if (units.length === 0) cli.fail(cli.text('cli.nextNoUnit', { unit: name }));
          if (units.length > 1)
            cli.fail(cli.text('cli.nextManyUnits', { unit: name, ids: units.map((u) => u.id).join(', ') }));
          unitId = units[0]!.id;
        }
        const resultId =
          opts.result !== undefined && /^\d+$/.test(opts.result)
            ? Number(opts.result)
            : await resultBefore(database.db, unitId, year);
        if (resultId === null) cli.fail(cli.text('cli.nextNoResult', { unit: name || `#${unitId}`, year }));
        const actor = systemActor(cli.user);
        try {
          if (format !== null) {
            const { bytes, proposal } = await nextPlanFile(
              deps,
              actor,
              resultId,
              unitId,
              { year, recovery },
              format,
            );
            await writeFile(opts.out!, bytes);
            cli.io.out(
              cli.text('cli.nextWritten', {
                file: opts.out!,
                subject: proposal.unit.name,
                year,
                rows: proposal.draft.rows.length,
              }),
            );
            return;
          }
          const created = await nextPlan(deps, actor, resultId, unitId, { year, recovery, dryRun: false });
          if (created.dryRun) return;
          cli.io.out(
            cli.text('cli.nextStored', { planId: created.planId, subject: name || `#${unitId}`, year }),
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          cli.fail(error.messageIn(cli.lang()), error.code === 'NEXT_PLAN_EXISTS' ? 1 : 2);
        }
      });
    });
}
