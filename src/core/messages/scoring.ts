/**
 * The problems of scoring one criterion (core/scoring.ts): an answer that does not fit its rule, a
 * ratio that cannot be taken, a gate that cannot be decided. Each is a code with typed parameters
 * and a Vietnamese and an English text, like every other message of the catalog.
 */
import type { Answer, RuleKind } from '../framework.js';
import type { Lang } from '../findings.js';
import { formatScore, trimScale, type Score } from '../score.js';
import type { None, Texts, TextsOf } from './texts.js';

/** The parameters of each scoring problem. Numbers of options and parts are 1-based, as shown. */
export interface ScoringParams {
  'scoring.noAnswer': None;
  'scoring.wrongAnswer': { rule: RuleKind; answer: Answer['kind'] };
  'scoring.noOption': { option: number; options: number };
  'scoring.zeroDenominator': None;
  'scoring.badRatio': { numerator: number; denominator: number };
  /** hundredths of a percent */
  'scoring.ratioAbove100': { percent: number };
  'scoring.noRatioBand': { percent: number };
  'scoring.badCount': { count: number };
  'scoring.noCountBand': { count: number };
  'scoring.noPart': { part: number; parts: number };
  'scoring.partTwice': { part: number };
  'scoring.conditions': { expected: number; got: number };
  'scoring.outOfRange': { score: Score; max: Score };
  'scoring.offStep': { score: Score; step: Score };
  'scoring.aboveCap': { score: Score; cap: Score };
  'scoring.noEach': None;
  'scoring.aboveMax': { points: Score; max: Score };
  'scoring.noMax': None;
  'scoring.noRule': None;
  'scoring.notApplicable': None;
  'scoring.gateNoCriterion': { code: string };
  'scoring.gateUnknown': { code: string };
  /** the codes of the cycle, "1.1.4 → 1.1.1 → 1.1.4" */
  'scoring.gateCycle': { codes: string };
  'scoring.unreadable': { text: string; rule: RuleKind };
  /** options: the labels, separated by "; " */
  'scoring.noSuchOption': { text: string; options: string };
  'scoring.noSuchPart': { text: string };
  'scoring.noSuchCondition': { text: string };
}

export type ScoringProblemCode = keyof ScoringParams;

/** A problem as a value: its code and its parameters, typed together. */
export type ScoringProblem = {
  [C in ScoringProblemCode]: { problem: C; params: ScoringParams[C] };
}[ScoringProblemCode];

/** Each rule kind in words (the method's kind, as the scorer and the rule editor see it). */
export const RULE_KIND_WORDS: Record<RuleKind, Record<Lang, string>> = {
  choice: { vi: 'chọn một phương án', en: 'one option' },
  bands: { vi: 'theo khoảng tỷ lệ', en: 'ratio bands' },
  linear: { vi: 'tỷ lệ nhân điểm tối đa', en: 'ratio times the max' },
  count: { vi: 'theo số lần', en: 'by count' },
  parts: { vi: 'cộng điểm từng phần', en: 'additive parts' },
  all: { vi: 'đạt đủ tất cả điều kiện', en: 'all conditions met' },
  gate: { vi: 'phụ thuộc tiêu chí khác', en: 'depends on another criterion' },
  manual: { vi: 'chấm điểm trực tiếp', en: 'scored by hand' },
  survey: { vi: 'điều tra xã hội học', en: 'survey' },
  bonus: { vi: 'điểm thưởng', en: 'bonus points' },
  penalty: { vi: 'điểm trừ', en: 'penalty points' },
};

/** What a scorer enters for each kind of rule, in words. */
const EXPECTED: Record<RuleKind, Record<Lang, string>> = {
  choice: { vi: 'tên hoặc số thứ tự của một phương án', en: "an option's text or number" },
  bands: { vi: 'một tỷ lệ như "45/50" hoặc "90%"', en: 'a ratio such as "45/50" or "90%"' },
  linear: { vi: 'một tỷ lệ như "4/5" hoặc "80%"', en: 'a ratio such as "4/5" or "80%"' },
  count: { vi: 'một số lần (số nguyên không âm)', en: 'a count (a whole number, 0 or more)' },
  parts: {
    vi: 'tên hoặc số thứ tự các phần đạt, cách nhau bởi dấu ";"',
    en: 'the labels or numbers of the parts met, separated by ";"',
  },
  all: {
    vi: '"đạt", "không", hoặc "có;không" cho từng điều kiện',
    en: '"đạt", "không", or "có;không" for each condition',
  },
  gate: { vi: 'câu trả lời theo cách tính của tiêu chí', en: "an answer for the criterion's own rule" },
  manual: { vi: 'một số điểm', en: 'a score' },
  survey: { vi: 'một số điểm', en: 'a score' },
  bonus: { vi: 'một số điểm', en: 'a score' },
  penalty: {
    vi: 'số điểm bị trừ, hoặc số lần như "2 lần"',
    en: 'the points taken away, or a count such as "2 lần"',
  },
};

const ANSWER_WORDS: Record<Answer['kind'], Record<Lang, string>> = {
  choice: { vi: 'một phương án', en: 'an option' },
  ratio: { vi: 'một tỷ lệ', en: 'a ratio' },
  percent: { vi: 'một tỷ lệ phần trăm', en: 'a percentage' },
  count: { vi: 'một số lần', en: 'a count' },
  parts: { vi: 'các phần đạt', en: 'parts met' },
  all: { vi: 'các điều kiện', en: 'conditions' },
  score: { vi: 'một số điểm', en: 'a score' },
  'not-applicable': { vi: '"không áp dụng"', en: '"not applicable"' },
};

const pts = (s: Score, lang: Lang) => formatScore(s, lang);
/** hundredths of a percent → "90,5 %" / "90.5%" */
export function formatPercent(hundredths: number, lang: Lang): string {
  const text = formatScore(trimScale({ units: hundredths * 100, scale: 0 }), lang);
  return lang === 'vi' ? `${text} %` : `${text}%`;
}

const same = <P>(vi: (p: P) => string, en: (p: P) => string): Texts<P> => ({ vi, en });

export const SCORING_TEXTS: TextsOf<ScoringParams> = {
  'scoring.noAnswer': same(
    () => 'Chưa có câu trả lời',
    () => 'No answer yet',
  ),
  'scoring.wrongAnswer': same(
    (p) =>
      `Câu trả lời là ${ANSWER_WORDS[p.answer].vi}, không dùng được cho cách tính điểm "${RULE_KIND_WORDS[p.rule].vi}" (cần ${EXPECTED[p.rule].vi})`,
    (p) =>
      `The answer is ${ANSWER_WORDS[p.answer].en}, which the rule "${RULE_KIND_WORDS[p.rule].en}" does not take (it needs ${EXPECTED[p.rule].en})`,
  ),
  'scoring.noOption': same(
    (p) => `Không có phương án số ${p.option} (chỉ có ${p.options} phương án)`,
    (p) => `There is no option ${p.option} (there are ${p.options})`,
  ),
  'scoring.zeroDenominator': same(
    () =>
      'Mẫu số bằng 0 nên không tính được tỷ lệ; nếu trong năm không phát sinh việc này, hãy ghi "không áp dụng"',
    () =>
      'The denominator is 0, so there is no ratio; if nothing of the kind happened this year, answer "N/A"',
  ),
  'scoring.badRatio': same(
    (p) => `Tỷ lệ ${p.numerator}/${p.denominator} không hợp lệ: tử số và mẫu số phải là số nguyên không âm`,
    (p) => `The ratio ${p.numerator}/${p.denominator} is invalid: both must be whole numbers, 0 or more`,
  ),
  'scoring.ratioAbove100': same(
    (p) => `Tỷ lệ ${formatPercent(p.percent, 'vi')} vượt 100 %`,
    (p) => `The ratio ${formatPercent(p.percent, 'en')} is above 100%`,
  ),
  'scoring.noRatioBand': same(
    (p) => `Tỷ lệ ${formatPercent(p.percent, 'vi')} không thuộc khoảng nào của cách tính điểm`,
    (p) => `The ratio ${formatPercent(p.percent, 'en')} falls in none of the rule's bands`,
  ),
  'scoring.badCount': same(
    (p) => `Số lần ${p.count} không hợp lệ: phải là số nguyên không âm`,
    (p) => `The count ${p.count} is invalid: it must be a whole number, 0 or more`,
  ),
  'scoring.noCountBand': same(
    (p) => `Số lần ${p.count} không thuộc khoảng nào của cách tính điểm`,
    (p) => `The count ${p.count} falls in none of the rule's bands`,
  ),
  'scoring.noPart': same(
    (p) => `Không có phần số ${p.part} (chỉ có ${p.parts} phần)`,
    (p) => `There is no part ${p.part} (there are ${p.parts})`,
  ),
  'scoring.partTwice': same(
    (p) => `Phần số ${p.part} được ghi hai lần`,
    (p) => `Part ${p.part} is given twice`,
  ),
  'scoring.conditions': same(
    (p) => `Cần trả lời đủ ${p.expected} điều kiện, nhận được ${p.got}`,
    (p) => `${p.expected} conditions need an answer, ${p.got} given`,
  ),
  'scoring.outOfRange': same(
    (p) => `Điểm ${pts(p.score, 'vi')} nằm ngoài khoảng từ 0 đến ${pts(p.max, 'vi')}`,
    (p) => `The score ${pts(p.score, 'en')} is outside 0 to ${pts(p.max, 'en')}`,
  ),
  'scoring.offStep': same(
    (p) => `Điểm ${pts(p.score, 'vi')} không chia hết cho bước chấm ${pts(p.step, 'vi')}`,
    (p) => `The score ${pts(p.score, 'en')} is not a multiple of the step ${pts(p.step, 'en')}`,
  ),
  'scoring.aboveCap': same(
    (p) => `Điểm ${pts(p.score, 'vi')} vượt mức tối đa ${pts(p.cap, 'vi')}`,
    (p) => `The score ${pts(p.score, 'en')} is above the cap ${pts(p.cap, 'en')}`,
  ),
  'scoring.noEach': same(
    () => 'Cách tính điểm không quy định số điểm trừ mỗi lần; hãy ghi số điểm bị trừ',
    () => 'The rule sets no points per occurrence; enter the points taken away',
  ),
  'scoring.aboveMax': same(
    (p) =>
      `Cách tính điểm cho ${pts(p.points, 'vi')} điểm, vượt điểm tối đa ${pts(p.max, 'vi')} của tiêu chí`,
    (p) => `The rule gives ${pts(p.points, 'en')} points, above the criterion's max ${pts(p.max, 'en')}`,
  ),
  'scoring.noMax': same(
    () => 'Tiêu chí chưa có điểm tối đa',
    () => 'The criterion has no max score',
  ),
  'scoring.noRule': same(
    () => 'Tiêu chí chưa có cách tính điểm',
    () => 'The criterion has no scoring rule',
  ),
  'scoring.notApplicable': same(
    () => 'Tiêu chí này không được ghi "không áp dụng"',
    () => 'This criterion cannot be answered "not applicable"',
  ),
  'scoring.gateNoCriterion': same(
    (p) => `Cách tính điểm phụ thuộc tiêu chí ${p.code}, nhưng bộ tiêu chí không có tiêu chí này`,
    (p) => `The rule depends on criterion ${p.code}, which the framework does not have`,
  ),
  'scoring.gateUnknown': same(
    (p) => `Chưa tính được điểm tiêu chí ${p.code} mà tiêu chí này phụ thuộc`,
    (p) => `Criterion ${p.code}, which this one depends on, has no score yet`,
  ),
  'scoring.gateCycle': same(
    (p) => `Các tiêu chí phụ thuộc lẫn nhau thành vòng: ${p.codes}`,
    (p) => `Criteria depend on each other in a cycle: ${p.codes}`,
  ),
  'scoring.unreadable': same(
    (p) => `Không đọc được câu trả lời "${p.text}" (cần ${EXPECTED[p.rule].vi})`,
    (p) => `Cannot read the answer "${p.text}" (expected ${EXPECTED[p.rule].en})`,
  ),
  'scoring.noSuchOption': same(
    (p) => `Không có phương án "${p.text}"; các phương án: ${p.options}`,
    (p) => `No option "${p.text}"; the options are: ${p.options}`,
  ),
  'scoring.noSuchPart': same(
    (p) => `Không có phần "${p.text}"`,
    (p) => `No part "${p.text}"`,
  ),
  'scoring.noSuchCondition': same(
    (p) => `Không có điều kiện "${p.text}"`,
    (p) => `No condition "${p.text}"`,
  ),
};
