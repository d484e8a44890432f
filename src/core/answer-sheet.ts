/**
 * An answers sheet scored against a framework: rows of (criterion code, answer) as a person types
 * them — an option's text, "45/50", "90%", a count, part labels separated by ";", "N/A", a number —
 * each read by its criterion's rule (core/scoring.ts#parseAnswer), then the whole framework scored
 * (scoreFramework). Every problem names the sheet's line it comes from; a leaf left without an
 * answer is a problem too (its score is not taken as 0). Pure.
 */
import { parseCode } from './codes.js';
import type { Answer, FrameworkCriterion } from './framework.js';
import type { AnswerProblem } from './messages/answers.js';
import { parseAnswer, scoreFramework, type FrameworkScore, type ScoringProblem } from './scoring.js';
import { fold, oneLine } from './text.js';

/** One row of the sheet: its line in the file (1-based) and its cells. */
export interface SheetRow {
  line: number;
  cells: readonly string[];
}

export interface SheetProblem {
  /** the line of the row, null for a leaf no row answers */
  line: number | null;
  /** the criterion, when the row names one */
  code: string | null;
  problem: AnswerProblem | ScoringProblem;
}

export interface ScoredSheet {
  score: FrameworkScore;
  /** in line order, the unanswered leaves last */
  problems: SheetProblem[];
  /** how many rows answered a criterion */
  answered: number;
}

/** "code, answer", "mã, câu trả lời", "STT; Trả lời"…: a first row of titles, not an answer. */
const TITLE = /^(code|ma|ma so|ma tieu chi|stt|tt|tieu chi)$/;

export function scoreAnswerSheet(criteria: readonly FrameworkCriterion[], rows: readonly SheetRow[]): ScoredSheet {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const parents = new Set(
    criteria.flatMap((c) => {
      const i = c.code.lastIndexOf('.');
      return i < 0 ? [] : [c.code.slice(0, i)];
    }),
  );
  const answers = new Map<string, Answer>();
  const lineOf = new Map<string, number>();
  const problems: SheetProblem[] = [];
  const answeredBadly = new Set<string>();
  const filled = rows
    .map((r) => ({ line: r.line, cells: trimEnd(r.cells.map((c) => oneLine(c))) }))
    .filter((r) => r.cells.length > 0);

  filled.forEach((row, i) => {
    const { line, cells } = row;
    if (i === 0 && TITLE.test(fold(cells[0] ?? '').replace(/[^a-z ]/g, '').trim())) return;
    const fail = (code: string | null, problem: AnswerProblem | ScoringProblem) => {
      problems.push({ line, code, problem });
      if (code !== null) answeredBadly.add(code);
    };
    const parsed = parseCode(cells[0] ?? '');
    if (!parsed.ok) return fail(null, { problem: 'answers.badCode', params: { text: cells[0] ?? '' } });
    const code = parsed.code;
    if (cells.length !== 2) return fail(code, { problem: 'answers.columns', params: { columns: cells.length } });
    const criterion = byCode.get(code);
    if (!criterion) return fail(null, { problem: 'answers.unknownCode', params: { code } });
    if (parents.has(code)) return fail(null, { problem: 'answers.notALeaf', params: { code } });
    const first = lineOf.get(code);
    if (first !== undefined) return fail(null, { problem: 'answers.duplicate', params: { code, first } });
    lineOf.set(code, line);
    if (criterion.rule === null) return fail(code, { problem: 'scoring.noRule', params: {} });
    const answer = parseAnswer(criterion.rule, cells[1]!);
    if (!answer.ok) {
      const { ok: _ok, ...problem } = answer;
      return fail(code, problem);
    }
    answers.set(code, answer.answer);
  });

  const score = scoreFramework(criteria, answers);
  // what an answer that was read gives under its rule: out of range, not applicable refused, a gate…
  for (const c of score.criteria) {
    if (c.problem && !answeredBadly.has(c.code)) {
      problems.push({ line: lineOf.get(c.code) ?? null, code: c.code, problem: c.problem });
      answeredBadly.add(c.code);
    }
  }
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  for (const code of score.missing) {
    if (!answeredBadly.has(code)) problems.push({ line: null, code, problem: { problem: 'answers.missing', params: { code } } });
  }
  return { score, problems, answered: answers.size };
}

function trimEnd(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}
