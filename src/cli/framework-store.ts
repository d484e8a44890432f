/**
 * `parindex framework import FILE`, `framework list`, `framework export ID --format xlsx|docx
 * [--out F]`: the stored frameworks, through modules/frameworks.ts. An import is one transaction:
 * a file with a blocking finding is refused whole (exit 1, the findings listed); a file that cannot
 * be read stops with exit 2.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { systemActor } from '../core/access.js';
import { findingMessage, formatLocation } from '../core/findings.js';
import { cleanFileName } from '../core/text.js';
import { unitGroupName } from '../core/unit-groups.js';
import { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';
import { baseName } from './framework.js';
import { readInput } from './input.js';
import { findingJson } from './output.js';

export function frameworkStoreCommands(framework: Command, cli: CliContext): void {
  framework
    .command('import')
    .description('nhập các bộ tiêu chí trong tệp vào CSDL (bản nháp; có lỗi thì không ghi gì)')
    .argument('<file>')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (file: string, opts: { json?: boolean; db?: string }) => {
      const bytes = await readInput(cli, file);
      await cli.withDatabase(opts.db, async (database) => {
        const { importFrameworkFile } = await import('../modules/frameworks.js');
        const deps = { db: database.db, clock: () => cli.now() };
        let created;
        try {
          created = await importFrameworkFile(deps, systemActor(cli.user), {
            fileName: baseName(file),
            bytes,
          });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          cli.setExitCode(refusal(cli, error, file, opts.json ?? false));
          return;
        }
        if (opts.json) {
          cli.io.out(JSON.stringify(created, null, 2));
          return;
        }
        const lang = cli.lang();
        for (const f of created.frameworks) {
          cli.io.out(
            cli.text('cli.frameworkImported', {
              id: f.id,
              name: f.name,
              group: unitGroupName(f.unitGroup, lang),
              year: f.year,
              version: f.version,
            }),
          );
        }
      });
    });

  framework
    .command('list')
    .description('liệt kê các bộ tiêu chí đã lưu')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(cli.dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      await cli.withDatabase(opts.db, async (database) => {
        const { listFrameworks } = await import('../modules/frameworks.js');
        const deps = { db: database.db, clock: () => cli.now() };
        const frameworks = await listFrameworks(deps, systemActor(cli.user), {});
        if (opts.json) {
          cli.io.out(JSON.stringify(frameworks, null, 2));
          return;
        }
        if (frameworks.length === 0) cli.io.out(cli.text('cli.noFrameworksYet', {}));
        const lang = cli.lang();
        for (const f of frameworks) {
          const years = f.yearTo === null || f.yearTo === f.year ? String(f.year) : `${f.year}–${f.yearTo}`;
          cli.io.out(
            `${String(f.id).padStart(4)}  ${f.name.padEnd(40)} ${unitGroupName(f.unitGroup, lang).padEnd(16)} ${years.padEnd(9)} v${f.version}  ${cli.text('cli.frameworkState', { state: f.state })}  ${f.criteria} ${cli.text('cli.criteria', {})}`,
          );
        }
      });
    });

  framework
    .command('export')
    .description('xuất một bộ tiêu chí ra XLSX hoặc DOCX theo mẫu văn bản ban hành')
    .argument('<frameworkId>')
    .addOption(
      new Option('--format <format>', 'xlsx hoặc docx').choices(['xlsx', 'docx']).makeOptionMandatory(),
    )
    .option('-o, --out <file>', 'tệp kết quả (mặc định: tên bộ tiêu chí, trong thư mục hiện hành)')
    .addOption(cli.dbOption())
    .action(async (frameworkId: string, opts: { format: 'xlsx' | 'docx'; out?: string; db?: string }) => {
      if (!/^\d+$/.test(frameworkId) || Number(frameworkId) < 1)
        cli.fail(cli.text('cli.badFrameworkId', { id: frameworkId }));
      const id = Number(frameworkId);
      await cli.withDatabase(opts.db, async (database) => {
        const { exportFramework } = await import('../modules/frameworks.js');
        const deps = { db: database.db, clock: () => cli.now() };
        let exported;
        try {
          exported = await exportFramework(deps, systemActor(cli.user), id, opts.format);
        } catch (error) {
          if (error instanceof AppError && error.is('FRAMEWORK_NOT_FOUND'))
            cli.fail(error.messageIn(cli.lang()));
          throw error;
        }
        const out = opts.out ?? `${cleanFileName(exported.name, 'bo-tieu-chi')}.${opts.format}`;
        await writeFile(out, exported.bytes);
        cli.io.out(out);
      });
    });
}

/** A refused import: its findings, exit 1; a file that cannot be read, or says too little, exit 2. */
function refusal(cli: CliContext, error: AppError, file: string, json: boolean): number {
  const lang = cli.lang();
  if (error.is('READ_FAILED')) cli.fail(cli.text('READ_FAILED', { ...error.params, file }));
  if (error.is('FRAMEWORK_IMPORT_REJECTED')) {
    const { frameworks } = error.params;
    if (frameworks.length === 0) cli.fail(cli.text('cli.noFrameworks', { file }));
    const message = `${file}: ${error.messageIn(lang)}`;
    if (json) {
      const shown = frameworks.map((f) => ({ title: f.title, findings: f.findings.map(findingJson) }));
      cli.io.out(JSON.stringify({ error: { code: error.code, message, frameworks: shown } }, null, 2));
      return 1;
    }
    cli.io.err(`parindex: ${message}`);
    for (const f of frameworks) {
      for (const x of f.findings) {
        const where = [x.code, formatLocation(x.location, lang)].filter(Boolean).join(', ');
        cli.io.err(`  ${where}: ${findingMessage(x, lang)} [${x.rule}]`);
      }
    }
    return 1;
  }
  cli.fail(`${file}: ${error.messageIn(lang)}`);
}
