/** `parindex check FILE`: read and check the plans in a file, write nothing. */
import type { Command } from 'commander';
import { summarise } from '../core/summary.js';
import type { CliContext } from './context.js';
import { readInput } from './input.js';
import { summaryJson, summaryText } from './output.js';

export function checkCommand(program: Command, cli: CliContext): void {
  program
    .command('check')
    .description('kiểm tra các phụ lục trong tệp (TXT/TSV, CSV, XLSX, DOCX)')
    .argument('<file>')
    .option('--json', 'in kết quả dạng JSON')
    .option('--info', 'in cả các thông tin (mặc định chỉ lỗi và cảnh báo)')
    .action(async (file: string, opts: { json?: boolean; info?: boolean }) => {
      const bytes = await readInput(cli, file);
      const { readPlansLocal } = await import('./read-local.js');
      const read = await readPlansLocal(bytes);
      if (!read.ok) cli.fail(cli.text('READ_FAILED', { file, failure: read.failure }));
      const docs = read.plans.map((p) => ({ summary: summarise(p.plan), findings: p.findings }));
      if (opts.json) {
        cli.io.out(
          JSON.stringify({ documents: docs.map((d) => summaryJson(d.summary, d.findings)) }, null, 2),
        );
      } else {
        const lang = cli.lang();
        cli.io.out(
          docs.map((d) => summaryText(d.summary, d.findings, lang, opts.info ?? false)).join('\n\n'),
        );
      }
      if (docs.some((d) => d.findings.some((f) => f.severity === 'error'))) cli.setExitCode(1);
    });
}
