/**
 * `parindex import FILE [--dry-run] [--replace]`: import the plans in a file in one transaction.
 * A refusal is the use-case's AppError, printed from the catalog; a few refusals are worded for the
 * command line (its options rather than the web page's buttons).
 */
import type { Command } from 'commander';
import { findingMessage, formatLocation } from '../core/findings.js';
import { systemActor } from '../core/access.js';
import type { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';
import { readInput } from './input.js';
import { diffJson, diffText, findingJson } from './output.js';

export function importCommand(program: Command, cli: CliContext): void {
  program
    .command('import')
    .description('nhập các kế hoạch trong tệp vào CSDL (một giao dịch: có lỗi thì không ghi gì)')
    .argument('<file>')
    .option('--dry-run', 'chỉ kiểm tra và cho biết sẽ làm gì, không ghi')
    .option('--replace', 'thay kế hoạch cùng đơn vị, cùng năm đã có nội dung khác')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(
      async (file: string, opts: { dryRun?: boolean; replace?: boolean; json?: boolean; db?: string }) => {
        const bytes = await readInput(cli, file);
        await cli.withDatabase(opts.db, async (database) => {
          const { importPlans } = await import('../modules/imports.js');
          const result = await importPlans(
            { db: database.db, clock: () => cli.now() },
            {
              actor: systemActor(cli.user),
              bytes,
              sourceName: file.split(/[/\\]/).pop() ?? file,
              dryRun: opts.dryRun,
              replace: opts.replace,
            },
          );
          if (!result.ok) {
            cli.setExitCode(reportRefusal(cli, result.error, file, opts.json ?? false));
            return;
          }
          if (opts.json) {
            cli.io.out(
              JSON.stringify(
                {
                  dryRun: result.dryRun,
                  format: result.format,
                  plans: result.plans.map((p) => ({
                    id: p.planId,
                    subject: p.subject,
                    year: p.year,
                    criteria: p.criteria,
                    outcome: p.outcome,
                    newUnits: p.newUnits,
                    findings: p.findings.map(findingJson),
                    diff: p.diff && diffJson(p.diff),
                  })),
                },
                null,
                2,
              ),
            );
            return;
          }
          for (const p of result.plans) {
            const { planId, subject, year, criteria, outcome } = p;
            cli.io.out(
              cli.text('cli.imported', { dryRun: result.dryRun, planId, subject, year, criteria, outcome }),
            );
            if (p.diff) for (const line of diffText(p.diff, cli.lang())) cli.io.out(line);
          }
        });
      },
    );
}

/** Prints a refused import; a refusal of the file itself stops with exit 2, one of its plans exits 1. */
function reportRefusal(cli: CliContext, error: AppError, file: string, json: boolean): number {
  const lang = cli.lang();
  /** a refusal about a plan: one line (or JSON on stdout), exit code 1 */
  const refuse = (message: string, extra: Record<string, unknown> = {}) => {
    if (json) cli.io.out(JSON.stringify({ error: { code: error.code, message, ...extra } }, null, 2));
    else cli.io.err(`parindex: ${message}`);
    return 1;
  };
  if (error.is('READ_FAILED')) cli.fail(cli.text('READ_FAILED', { ...error.params, file }));
  if (error.is('PLAN_EXISTS')) {
    const { planId } = error.params;
    return refuse(cli.text('cli.planExists', { ...error.params, file }), { planId });
  }
  if (error.is('PLAN_ARCHIVED')) {
    const { subject = '', year = 0, planId = 0 } = error.params;
    cli.fail(cli.text('cli.planArchived', { file, subject, year, planId }));
  }
  if (error.is('SUBJECT_AMBIGUOUS')) cli.fail(cli.text('cli.subjectAmbiguous', { ...error.params, file }));
  if (error.is('UNIT_DISSOLVED')) return refuse(`${file}: ${error.messageIn(lang)}`);
  if (error.is('IMPORT_REJECTED')) {
    const { plans } = error.params;
    if (plans.length === 0) cli.fail(cli.text('cli.noPlans', { file }));
    const message = cli.text('cli.importRejected', { file });
    if (json) {
      const shown = plans.map((p) => ({
        subject: p.subject,
        year: p.year,
        findings: p.findings.map(findingJson),
      }));
      // the command line's JSON keeps its code for a file with errors
      cli.io.out(JSON.stringify({ error: { code: 'PLAN_INVALID', message, plans: shown } }, null, 2));
      return 1;
    }
    cli.io.err(`parindex: ${message}`);
    for (const p of plans) {
      for (const f of p.findings) {
        const where = [p.subject ?? '?', f.code, formatLocation(f.location, lang)].filter(Boolean).join(', ');
        cli.io.err(`  ${where}: ${findingMessage(f, lang)} [${f.rule}]`);
      }
    }
    return 1;
  }
  // the command line holds every right, gives no parents (a new subject stands at the top level) and
  // no versions: the other refusals cannot happen here, and are printed as the catalog words them
  cli.fail(`${file}: ${error.messageIn(lang)}`);
}
