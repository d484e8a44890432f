/**
 * `parindex framework …`: criteria frameworks. `check` and `score` work on files alone (no
 * database); `import`, `list` and `export` on the stored frameworks (framework-store.ts). Exit codes
 * as main.ts: 1 when the framework has errors or the answers cannot all be scored, 2 when a file
 * cannot be read at all.
 */
import type { Command } from 'commander';
import type { FrameworkDocument } from '../core/framework.js';
import { RULE_KIND_WORDS } from '../core/messages.js';
import { formatScore, toNumber, type Score } from '../core/score.js';
import { scoreFramework } from '../core/scoring.js';
import { unitGroupName } from '../core/unit-groups.js';
import type { ReadFramework } from '../formats/framework-read.js';
import type { CliContext } from './context.js';
import { frameworkScoreCommand } from './framework-score.js';
import { frameworkStoreCommands } from './framework-store.js';
import { readInput } from './input.js';
import { findingJson, findingLine } from './output.js';

export function frameworkCommands(program: Command, cli: CliContext): void {
  const framework = program
    .command('framework')
    .description('bộ tiêu chí: kiểm tra, chấm điểm thử, nhập, liệt kê, xuất');
  framework
    .command('check')
    .description('đọc và kiểm tra các bộ tiêu chí trong tệp (DOCX, XLSX, TXT/TSV, CSV), không ghi gì')
    .argument('<file>')
    .option('--json', 'in kết quả dạng JSON')
    .option('--info', 'in cả các thông tin (mặc định chỉ lỗi và cảnh báo)')
    .action(async (file: string, opts: { json?: boolean; info?: boolean }) => {
      const frameworks = await readFrameworkFile(cli, file);
      if (opts.json) {
        cli.io.out(JSON.stringify({ frameworks: frameworks.map(frameworkJson) }, null, 2));
      } else {
        cli.io.out(frameworks.map((f) => frameworkText(cli, f, opts.info ?? false)).join('\n\n'));
      }
      if (frameworks.some((f) => f.findings.some((x) => x.severity === 'error'))) cli.setExitCode(1);
    });
  frameworkScoreCommand(framework, cli);
  frameworkStoreCommands(framework, cli);
}

/**
 * The frameworks of a file, read (and checked) in the worker pool; a file that cannot be read, or holds none, stops the command (exit 2).
 */
export async function readFrameworkFile(cli: CliContext, file: string): Promise<ReadFramework[]> {
  const bytes = await readInput(cli, file);
  const { readFrameworksInPool } = await import('../formats/read-pool.js');
  const read = await readFrameworksInPool(bytes, baseName(file));
  if (read.failure) cli.fail(cli.text('READ_FAILED', { file, failure: read.failure }));
  if (read.frameworks.length === 0) cli.fail(cli.text('cli.noFrameworks', { file }));
  return read.frameworks;
}

export function baseName(file: string): string {
  return file.split(/[/\\]/).pop() ?? file;
}

const num = (s: Score | null) => (s === null ? null : toNumber(s));

/** The applicable maximum of a framework as scoring counts it (bonus and penalty apart). */
function frameworkMax(doc: FrameworkDocument): Score {
  return scoreFramework(doc.criteria, new Map()).max;
}

function leavesOf(doc: FrameworkDocument) {
  return doc.criteria.filter((c) => c.rule !== null);
}

export function frameworkJson({ document: doc, findings }: ReadFramework) {
  return {
    title: doc.title,
    group: doc.unitGroup,
    year: doc.yearFrom,
    yearTo: doc.yearTo,
    decision: doc.decision,
    criteria: doc.criteria.length,
    max: toNumber(frameworkMax(doc)),
    rules: leavesOf(doc).map((c) => ({ code: c.code, kind: c.rule!.kind, max: num(c.max) })),
    findings: findings.map(findingJson),
  };
}

function frameworkText(
  cli: CliContext,
  { document: doc, findings }: ReadFramework,
  withInfo: boolean,
): string {
  const lang = cli.lang();
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const kinds = new Map<string, number>();
  for (const c of leavesOf(doc)) kinds.set(c.rule!.kind, (kinds.get(c.rule!.kind) ?? 0) + 1);
  const head = cli.text('cli.frameworkSummary', {
    title: doc.title,
    group: doc.unitGroup === null ? null : unitGroupName(doc.unitGroup, lang),
    yearFrom: doc.yearFrom,
    yearTo: doc.yearTo,
    decision: doc.decision?.number ?? null,
    criteria: doc.criteria.length,
    leaves: leavesOf(doc).length,
    max: formatScore(frameworkMax(doc), lang),
    kinds: [...kinds]
      .map(([kind, n]) => `${RULE_KIND_WORDS[kind as keyof typeof RULE_KIND_WORDS][lang]} ${n}`)
      .join(', '),
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  });
  const lines = [head];
  for (const f of findings) if (f.severity !== 'info' || withInfo) lines.push(findingLine(f, lang));
  return lines.join('\n');
}
