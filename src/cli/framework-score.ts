/**
 * `parindex framework score FILE ANSWERS.csv [--json]`: a framework (one in FILE) scored with the
 * answers of a CSV of `code,answer` rows. Each problem names its line; the score of what could be
 * read is printed all the same, and the exit code is 1 when any answer is wrong or any leaf has
 * none (the total is then not final), 2 when a file cannot be read at all.
 */
import type { Command } from 'commander';
import { scoreAnswerSheet, type SheetProblem } from '../core/answer-sheet.js';
import { render, type MessageCode, type MessageParams } from '../core/messages.js';
import { formatScore, toNumber, type Score } from '../core/score.js';
import type { Lang } from '../core/findings.js';
import type { CliContext } from './context.js';
import { baseName, readFrameworkFile } from './framework.js';
import { readInput } from './input.js';

export function frameworkScoreCommand(framework: Command, cli: CliContext): void {
  framework
    .command('score')
    .description(
      'chấm điểm thử một bộ tiêu chí với tệp câu trả lời CSV (mỗi dòng: mã tiêu chí, câu trả lời), không ghi gì',
    )
    .argument('<file>', 'tệp bộ tiêu chí')
    .argument('<answers>', 'tệp CSV: code,answer')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, answersFile: string, opts: { json?: boolean }) => {
      const frameworks = await readFrameworkFile(cli, file);
      if (frameworks.length > 1) cli.fail(cli.text('cli.manyFrameworks', { file, count: frameworks.length }));
      const { readAnswerCsv } = await import('../formats/answers-csv.js');
      const csv = readAnswerCsv(await readInput(cli, answersFile));
      if (!csv.ok) {
        if ('failure' in csv) cli.fail(cli.text('READ_FAILED', { file: answersFile, failure: csv.failure }));
        cli.fail(cli.text('cli.answersQuote', { file: answersFile, line: csv.unclosedQuote }));
      }
      const { criteria } = frameworks[0]!.document;
      const { score, problems } = scoreAnswerSheet(criteria, csv.rows);
      const lang = cli.lang();
      const sheet = baseName(answersFile);
      if (opts.json) {
        cli.io.out(
          JSON.stringify(
            {
              criteria: score.criteria.map((c) => ({
                code: c.code,
                score: num(c.score),
                max: num(c.max),
                applicable: c.applicable,
              })),
              total: toNumber(score.total),
              max: toNumber(score.max),
              index: num(score.index),
              complete: problems.length === 0,
              missing: score.missing,
              problems: problems.map((p) => ({
                line: p.line,
                code: p.code,
                problem: p.problem.problem,
                message: problemText(p, 'vi'),
                messageEn: problemText(p, 'en'),
              })),
            },
            null,
            2,
          ),
        );
      } else {
        const na = cli.text('cli.notApplicableMark', {});
        const label = (code: string) => `${'  '.repeat(code.split('.').length - 1)}${code}`;
        const width = Math.max(...score.criteria.map((c) => label(c.code).length));
        for (const c of score.criteria) {
          const shown = !c.applicable ? na : `${show(c.score, lang)}/${show(c.max, lang)}`;
          cli.io.out(`${label(c.code).padEnd(width)}  ${shown}`);
        }
        cli.io.out(
          cli.text('cli.frameworkTotal', {
            total: formatScore(score.total, lang),
            max: formatScore(score.max, lang),
            index: score.index === null ? null : formatScore(twoDecimals(score.index), lang),
            complete: problems.length === 0,
          }),
        );
        for (const p of problems) {
          cli.io.err(
            `parindex: ${cli.text('cli.answerProblem', { file: sheet, line: p.line, code: p.code, message: problemText(p, lang) })}`,
          );
        }
      }
      if (problems.length > 0) cli.setExitCode(1);
    });
}

const num = (s: Score | null) => (s === null ? null : toNumber(s));
const show = (s: Score | null, lang: Lang) => (s === null ? '—' : formatScore(s, lang));

function problemText(p: SheetProblem, lang: Lang): string {
  // a problem's code and parameters are typed together (AnswerProblem, ScoringProblem)
  const { problem, params } = p.problem as { problem: MessageCode; params: MessageParams[MessageCode] };
  return render(problem, params, lang);
}

/** The index shown: two decimals, half up (the JSON keeps the four the computation has). */
function twoDecimals(index: Score): Score {
  return { units: Math.floor((index.units + 50) / 100) * 100, scale: 2 };
}
