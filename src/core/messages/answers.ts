/**
 * The problems of an answers sheet (core/answer-sheet.ts): a row that names no criterion of the
 * framework, or names one twice, or a leaf left without an answer. Beside them, an answer that does
 * not fit its rule is a scoring problem (messages/scoring.ts).
 */
import type { TextsOf } from './texts.js';

export interface AnswerParams {
  /** a row with other than two cells: code, answer */
  'answers.columns': { columns: number };
  'answers.badCode': { text: string };
  'answers.unknownCode': { code: string };
  /** a parent's score is the sum of its children's: it takes no answer */
  'answers.notALeaf': { code: string };
  'answers.duplicate': { code: string; first: number };
  'answers.missing': { code: string };
}

export type AnswerProblemCode = keyof AnswerParams;

export type AnswerProblem = {
  [C in AnswerProblemCode]: { problem: C; params: AnswerParams[C] };
}[AnswerProblemCode];

export const ANSWER_TEXTS: TextsOf<AnswerParams> = {
  'answers.columns': {
    vi: (p) =>
      `Dòng có ${p.columns} cột, cần đúng 2 cột: mã tiêu chí, câu trả lời (câu trả lời có dấu phẩy thì đặt trong ngoặc kép)`,
    en: (p) =>
      `The row has ${p.columns} columns; it needs 2: the criterion's code, the answer (quote an answer that holds a comma)`,
  },
  'answers.badCode': {
    vi: (p) => `"${p.text}" không phải là mã tiêu chí`,
    en: (p) => `"${p.text}" is not a criterion code`,
  },
  'answers.unknownCode': {
    vi: (p) => `Bộ tiêu chí không có tiêu chí ${p.code}`,
    en: (p) => `The framework has no criterion ${p.code}`,
  },
  'answers.notALeaf': {
    vi: (p) => `Tiêu chí ${p.code} có tiêu chí thành phần: điểm của nó là tổng điểm các tiêu chí thành phần, không trả lời trực tiếp`,
    en: (p) => `Criterion ${p.code} has sub-criteria: its score is their sum and takes no answer of its own`,
  },
  'answers.duplicate': {
    vi: (p) => `Tiêu chí ${p.code} đã được trả lời ở dòng ${p.first}`,
    en: (p) => `Criterion ${p.code} was already answered on line ${p.first}`,
  },
  'answers.missing': {
    vi: (p) => `Tiêu chí ${p.code} chưa có câu trả lời`,
    en: (p) => `Criterion ${p.code} has no answer`,
  },
};
